// FEATURE_EXTRACTION's retrieval metrics against the library that defines them: tests/data/reference/metrics/
// retrieval.json (made by tests/reference/make_retrieval_metric_reference.py) holds score matrices, the relevant
// documents of each query and torchmetrics' recall@1, recall@10 and reciprocal rank per query and averaged; one case
// with exact ties follows the documented rule instead (a relevant document ranks after a non-relevant one it ties
// with). Here the same scores go through core/eval/RetrievalScore.
#include "core/eval/RetrievalScore.h"
#include "core/io/JsonFile.h"

#include <QtTest>

#include <cmath>
#include <filesystem>

namespace fs = std::filesystem;

namespace {

const fs::path kMetrics = fs::path(LORAWB_TEST_DATA_DIR) / "reference" / "metrics";

bool close(double a, double b)
{
    return std::abs(a - b) < 1e-12;
}

} // namespace

class TestRetrievalReference : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void scoresMatchTorchmetrics()
    {
        const auto file = core::readJsonFile((kMetrics / "retrieval.json").string(), "fixture");
        QVERIFY(file.at("cases").size() >= 4);
        bool sawRule = false, sawTorchmetrics = false;
        for (const auto& c : file.at("cases")) {
            const std::string name = c.at("name").get<std::string>();
            std::vector<float> scores;
            int64_t documents = -1;
            for (const auto& row : c.at("scores")) {
                documents = static_cast<int64_t>(row.size());
                for (const auto& value : row)
                    scores.push_back(static_cast<float>(value.get<double>()));
            }
            const auto relevant = c.at("relevant").get<std::vector<std::vector<int64_t>>>();
            const core::RetrievalScores ours = core::scoreRetrieval(scores, documents, relevant);
            const auto& want = c.at("expected");
            QCOMPARE(ours.queries, static_cast<int64_t>(relevant.size()));
            const auto& perQuery = want.at("per_query");
            for (size_t q = 0; q < perQuery.size(); ++q) {
                const auto& w = perQuery[q];
                const auto& o = ours.perQuery[q];
                QVERIFY2(close(o.recallAt1, w.at("recall_at_1").get<double>()) &&
                             close(o.recallAt10, w.at("recall_at_10").get<double>()) &&
                             close(o.reciprocalRank, w.at("reciprocal_rank").get<double>()),
                         qPrintable(QString("%1, query %2: ours %3 %4 %5, expected %6")
                                        .arg(name.c_str())
                                        .arg(q)
                                        .arg(o.recallAt1)
                                        .arg(o.recallAt10)
                                        .arg(o.reciprocalRank)
                                        .arg(QString::fromStdString(w.dump()))));
            }
            QVERIFY2(close(ours.recallAt1, want.at("recall_at_1").get<double>()), name.c_str());
            QVERIFY2(close(ours.recallAt10, want.at("recall_at_10").get<double>()), name.c_str());
            QVERIFY2(close(ours.mrr, want.at("mrr").get<double>()), name.c_str());
            (c.at("source").get<std::string>() == "rule" ? sawRule : sawTorchmetrics) = true;
        }
        QVERIFY(sawRule && sawTorchmetrics);
    }

    // Every embedding the same (an untrained or collapsed model): every score ties, and ties count against the query.
    void allTiedScoresRankRelevantLast()
    {
        const std::vector<float> scores(3 * 12, 0.5f);
        const core::RetrievalScores s = core::scoreRetrieval(scores, 12, {{0}, {5}, {11}});
        QCOMPARE(s.recallAt1, 0.0);
        QCOMPARE(s.recallAt10, 0.0);
        QCOMPARE(s.mrr, 1.0 / 12);
    }
};

QTEST_GUILESS_MAIN(TestRetrievalReference)
#include "test_retrieval_reference.moc"
