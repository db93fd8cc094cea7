// The QUESTION_ANS metrics against the libraries that define them: tests/data/reference/metrics/squad.json and
// answer_spans.json (made by tests/reference/make_qa_metric_reference.py) hold torchmetrics' SQuAD normalisation,
// exact match and F1 (the official evaluate-v2.0.py semantics, computed in float64) and the spans transformers'
// select_starts_ends / decode_spans picks from seeded logits. Here the same inputs go through core/eval.
#include "core/common/Error.h"
#include "core/eval/AnswerSpan.h"
#include "core/eval/SquadScore.h"
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

// null (an empty group) is our -1.
double groupScore(const nlohmann::json& v)
{
    return v.is_null() ? -1.0 : v.get<double>();
}

} // namespace

class TestSquadReference : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void normalizationMatchesTorchmetrics()
    {
        const auto file = core::readJsonFile((kMetrics / "squad.json").string(), "fixture");
        QVERIFY(file.at("normalization").size() >= 20);
        int differing = 0;
        for (const auto& c : file.at("normalization")) {
            const std::string text = c.at("text").get<std::string>(), want = c.at("normalized").get<std::string>();
            const std::string ours = core::normalizeSquadAnswer(text);
            if (c.at("lorawb_differs").get<bool>()) {
                // Documented differences (capitals outside the blocks we lower) must still be differences.
                QVERIFY2(ours != want, qPrintable(QString("'%1' now normalises as Python does: drop the mark")
                                                      .arg(QString::fromStdString(text))));
                ++differing;
                continue;
            }
            QVERIFY2(ours == want, qPrintable(QString("'%1' normalises to '%2', torchmetrics says '%3'")
                                                  .arg(QString::fromStdString(text), QString::fromStdString(ours),
                                                       QString::fromStdString(want))));
        }
        QVERIFY(differing <= 2);
    }

    void questionScoresMatchTorchmetrics()
    {
        const auto file = core::readJsonFile((kMetrics / "squad.json").string(), "fixture");
        QVERIFY(file.at("sets").size() >= 7);
        for (const auto& set : file.at("sets")) {
            const std::string name = set.at("name").get<std::string>();
            std::vector<std::string> predictions;
            std::vector<std::vector<std::string>> gold;
            for (const auto& q : set.at("questions")) {
                const std::string prediction = q.at("prediction").get<std::string>();
                predictions.push_back(prediction);
                gold.push_back(q.at("gold").get<std::vector<std::string>>());
                // Per question: the best pairwise score over the gold answers the official script keeps.
                double exact = 0, f1 = 0;
                for (const auto& g : q.at("gold_scored").get<std::vector<std::string>>()) {
                    exact = std::max(exact, core::squadExactMatch(prediction, g));
                    f1 = std::max(f1, core::squadF1(prediction, g));
                }
                QVERIFY2(exact == q.at("exact").get<double>(), qPrintable(QString("%1: exact of '%2'")
                                                                            .arg(name.c_str(), prediction.c_str())));
                QVERIFY2(close(f1, q.at("f1").get<double>()),
                         qPrintable(QString("%1: F1 of '%2' is %3, torchmetrics %4").arg(name.c_str(),
                                    prediction.c_str()).arg(f1, 0, 'g', 17).arg(q.at("f1").get<double>(), 0, 'g', 17)));
            }
            const core::SquadScores s = core::scoreSquad(predictions, gold);
            const auto check = [&](const char* what, double ours, double want) {
                QVERIFY2(close(ours, want), qPrintable(QString("%1: %2 is %3, torchmetrics says %4")
                                                           .arg(name.c_str(), what).arg(ours, 0, 'g', 17)
                                                           .arg(want, 0, 'g', 17)));
            };
            check("exact match", s.exactMatch, set.at("exact_match").get<double>());
            check("F1", s.f1, set.at("f1").get<double>());
            check("HasAns exact", s.hasAnswerExact, groupScore(set.at("has_answer_exact")));
            check("HasAns F1", s.hasAnswerF1, groupScore(set.at("has_answer_f1")));
            check("NoAns exact", s.noAnswerExact, groupScore(set.at("no_answer_exact")));
            check("NoAns F1", s.noAnswerF1, groupScore(set.at("no_answer_f1")));
            QCOMPARE(s.total, set.at("total").get<int64_t>());
            QCOMPARE(s.hasAnswerTotal, set.at("has_answer_total").get<int64_t>());
            QCOMPARE(s.noAnswerTotal, set.at("no_answer_total").get<int64_t>());
        }
    }

    void spansMatchDecodeSpans()
    {
        const auto file = core::readJsonFile((kMetrics / "answer_spans.json").string(), "fixture");
        QVERIFY(file.at("cases").size() >= 10);
        for (const auto& c : file.at("cases")) {
            const std::string name = c.at("name").get<std::string>();
            const auto start = c.at("start_logits").get<std::vector<float>>();
            const auto end = c.at("end_logits").get<std::vector<float>>();
            std::vector<bool> allowed;
            for (const auto& a : c.at("allowed"))
                allowed.push_back(a.get<int>() != 0);
            const int64_t maxLength = c.at("max_answer_len").get<int64_t>(), k = c.at("top_k").get<int64_t>();
            const auto starts = c.at("starts").get<std::vector<int64_t>>();
            const auto ends = c.at("ends").get<std::vector<int64_t>>();
            const auto scores = c.at("scores").get<std::vector<double>>();
            // decode_spans may pad its top-k with probability-0 (possibly impossible) spans; the real ones lead.
            std::vector<std::pair<int64_t, int64_t>> want;
            for (size_t i = 0; i < starts.size(); ++i)
                if (scores[i] > 0)
                    want.emplace_back(starts[i], ends[i]);
            const std::vector<core::AnswerSpan> ours = core::topAnswerSpans(start, end, allowed, maxLength, k);
            QVERIFY2(ours.size() == want.size(), qPrintable(QString("%1: %2 spans, decode_spans %3")
                                                                .arg(name.c_str()).arg(ours.size()).arg(want.size())));
            for (size_t i = 0; i < ours.size(); ++i) {
                QVERIFY2(ours[i].start == want[i].first && ours[i].end == want[i].second,
                         qPrintable(QString("%1: span %2 is (%3, %4), decode_spans (%5, %6)").arg(name.c_str())
                                        .arg(i).arg(ours[i].start).arg(ours[i].end).arg(want[i].first)
                                        .arg(want[i].second)));
                QCOMPARE(ours[i].score, static_cast<double>(start[ours[i].start]) + end[ours[i].end]);
            }
            const std::optional<core::AnswerSpan> best = core::bestAnswerSpan(start, end, allowed, maxLength);
            QCOMPARE(best.has_value(), !want.empty());
            if (best)
                QVERIFY2(best->start == want[0].first && best->end == want[0].second, name.c_str());
        }
    }

    void badSpanArgumentsAreRejected()
    {
        const std::vector<float> logits{0, 1, 2};
        QVERIFY_THROWS_EXCEPTION(core::Error, core::topAnswerSpans(logits, {0, 1}, {false, true, true}, 3, 1));
        QVERIFY_THROWS_EXCEPTION(core::Error, core::topAnswerSpans(logits, logits, {false, true, true}, 0, 1));
        QCOMPARE(core::topAnswerSpans(logits, logits, {false, true, true}, 3, 0).size(), size_t(0));
    }
};

QTEST_GUILESS_MAIN(TestSquadReference)
#include "test_squad_reference.moc"
