// The task metrics against the libraries that define them: tests/data/reference/metrics (made by
// tests/reference/make_metric_reference.py) holds seqeval's entity precision / recall / F1 / accuracy and per-type
// reports (default mode, as transformers' token-classification example calls it) and scikit-learn's accuracy,
// macro- and micro-F1 and confusion matrix, each for handwritten and seeded random cases. Here the same labels go
// through core/eval and must give the same numbers.
#include "core/eval/ClassificationMetrics.h"
#include "core/eval/EntityMetrics.h"
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

class TestMetricsReference : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void entityScoresMatchSeqeval()
    {
        const auto file = core::readJsonFile((kMetrics / "seqeval.json").string(), "fixture");
        QVERIFY(file.at("cases").size() >= 10);
        for (const auto& c : file.at("cases")) {
            const std::string name = c.at("name").get<std::string>();
            const auto truth = c.at("y_true").get<std::vector<std::vector<std::string>>>();
            const auto predicted = c.at("y_pred").get<std::vector<std::vector<std::string>>>();
            const core::EntityScores s = core::scoreEntities(truth, predicted);
            const auto check = [&](const char* what, double ours, double want) {
                QVERIFY2(close(ours, want), qPrintable(QString("%1: %2 is %3, seqeval says %4")
                                                           .arg(name.c_str(), what).arg(ours, 0, 'g', 17)
                                                           .arg(want, 0, 'g', 17)));
            };
            check("precision", s.overall.precision, c.at("precision").get<double>());
            check("recall", s.overall.recall, c.at("recall").get<double>());
            check("f1", s.overall.f1, c.at("f1").get<double>());
            check("accuracy", s.accuracy, c.at("accuracy").get<double>());
            const auto& types = c.at("per_type");
            for (const auto& [type, want] : types.items()) {
                QVERIFY2(s.types.count(type), qPrintable(QString("%1: no type %2").arg(name.c_str(), type.c_str())));
                const core::EntityScore& ours = s.types.at(type);
                check(("precision of " + type).c_str(), ours.precision, want.at("precision").get<double>());
                check(("recall of " + type).c_str(), ours.recall, want.at("recall").get<double>());
                check(("f1 of " + type).c_str(), ours.f1, want.at("f1").get<double>());
                QCOMPARE(ours.support, want.at("support").get<int64_t>());
            }
            // seqeval's report lists the types of the truth and of the predictions; ours has no others.
            QCOMPARE(s.types.size(), types.size());
        }
    }

    void singleLabelScoresMatchScikitLearn()
    {
        const auto file = core::readJsonFile((kMetrics / "sklearn_single_label.json").string(), "fixture");
        QVERIFY(file.at("cases").size() >= 5);
        for (const auto& c : file.at("cases")) {
            const std::string name = c.at("name").get<std::string>();
            const core::ClassificationScores s =
                core::scoreSingleLabel(c.at("y_true").get<std::vector<int64_t>>(),
                                       c.at("y_pred").get<std::vector<int64_t>>(), c.at("num_labels").get<int>());
            QVERIFY2(close(s.accuracy, c.at("accuracy").get<double>()), name.c_str());
            QVERIFY2(close(s.macroF1, c.at("macro_f1").get<double>()),
                     qPrintable(QString("%1: macro-F1 %2, scikit-learn %3").arg(name.c_str()).arg(s.macroF1)
                                    .arg(c.at("macro_f1").get<double>())));
            QCOMPARE(s.confusion, (c.at("confusion_matrix").get<std::vector<std::vector<int64_t>>>()));
            // Single-label micro-F1 is the accuracy (every item is one decision), as scikit-learn computes it.
            QVERIFY2(close(s.accuracy, c.at("micro_f1").get<double>()), name.c_str());
        }
    }

    void iobNamesAreRecognised()
    {
        QVERIFY(core::looksLikeEntityTags({"O", "B-PER", "I-PER"}));
        QVERIFY(core::looksLikeEntityTags({"B-LOC", "S-MISC", "E-LOC"}));
        QVERIFY(!core::looksLikeEntityTags({"O"}));
        QVERIFY(!core::looksLikeEntityTags({"LABEL_0", "LABEL_1"}));
        QVERIFY(!core::looksLikeEntityTags({"NOUN", "VERB"}));
    }
};

QTEST_GUILESS_MAIN(TestMetricsReference)
#include "test_metrics_reference.moc"
