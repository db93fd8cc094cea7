// lorawb rank: the rank lab's numbers from the command line (matrix playground and adapter spectra).
#include "cli/CliFixture.h"
#include "common/FileBytes.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QtTest>

using clitest::Result;
using clitest::runLorawb;

class TestCliRank : public clitest::CliSuite {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { makeFixtures(); }

    void matrixRankBasisAndDependencies()
    {
        // third column = first - second
        const Result r = runLorawb({"rank", "--matrix", "1 2 -1; 0 1 -1; 3 1 2; 4 0 4", "--json"});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        const QJsonObject j = r.json();
        QCOMPARE(j["rank"].toInt(), 2);
        QCOMPARE(j["basis_columns"].toArray().size(), 2);
        const QJsonArray deps = j["dependencies"].toArray();
        QCOMPARE(deps.size(), 1);
        QCOMPARE(deps[0].toObject()["column"].toInt(), 2);
        const QJsonArray c = deps[0].toObject()["coefficients"].toArray();
        QVERIFY(std::abs(c[0].toDouble() - 1.0) < 1e-9 && std::abs(c[1].toDouble() + 1.0) < 1e-9);
    }

    void badMatricesNameTheOption()
    {
        for (const QString& bad : {QString("1 2 x"), QString("1 2; 3"), QString(" ; ")}) {
            const Result r = runLorawb({"rank", "--matrix", bad});
            QVERIFY2(r.finished && !r.crashed && r.exitCode == 2, qPrintable(r.describe()));
            QVERIFY2(r.err.contains("--matrix"), qPrintable(r.err));
        }
    }

    void adapterSpectraCoverEveryLoraModule()
    {
        const QString yaml = path("rank.yaml");
        testutil::writeBytes(yaml, clitest::experimentYaml(m_model, m_records, path("run")).toUtf8());
        const Result train = runLorawb({"train", yaml}, 300000);
        QVERIFY2(train.finished && train.exitCode == 0, qPrintable(train.describe()));
        const Result r = runLorawb({"rank", "--model", m_model, "--adapter", path("run/adapter"), "--json"});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        const QJsonArray modules = r.json()["modules"].toArray();
        // q_proj and v_proj in each of the tiny model's layers
        QCOMPARE(modules.size(), 2 * int(clitest::tinyConfig().numHiddenLayers));
        for (const auto& m : modules) {
            const QJsonObject o = m.toObject();
            QCOMPARE(o["r"].toInt(), 4);
            QCOMPARE(o["singular_values"].toArray().size(), 4);
            const QJsonArray energy = o["energy"].toArray();
            QVERIFY(std::abs(energy.last().toDouble() - 1.0) < 1e-9);
            QVERIFY(o["effective_rank"].toInt() >= 1 && o["effective_rank"].toInt() <= 4);
        }
    }

    // What if r were smaller: k = r must be the trained adapter's own loss (as lorawb eval reports it), every k has a
    // row, text data has no accuracy, and a k outside 1..r or a malformed list is refused naming it.
    void truncateEvalFullRankEqualsTheAdapter()
    {
        const QString adapter = path("run/adapter");
        if (!QFileInfo::exists(adapter + "/adapter_config.json")) { // when run alone (-functions / a single slot)
            const QString yaml = path("rank.yaml");
            testutil::writeBytes(yaml, clitest::experimentYaml(m_model, m_records, path("run")).toUtf8());
            const Result train = runLorawb({"train", yaml}, 300000);
            QVERIFY2(train.finished && train.exitCode == 0, qPrintable(train.describe()));
        }
        const Result eval = runLorawb({"eval", "--model", m_model, "--adapter", adapter, "--data", m_records,
                                       "--loss-only", "--json"});
        QVERIFY2(eval.finished && eval.exitCode == 0, qPrintable(eval.describe()));
        const Result r = runLorawb({"rank", "--model", m_model, "--adapter", adapter, "--truncate-eval", m_records,
                                    "--accuracy-limit", "2", "--json"});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        const QJsonArray rows = r.json()["truncation"].toArray();
        QCOMPARE(rows.size(), 3); // r = 4: k = 1, 2, 4
        QCOMPARE(rows.last().toObject()["k"].toInt(), 4);
        QCOMPARE(rows.last().toObject()["loss"].toDouble(), eval.json()["loss"].toDouble());
        QVERIFY(rows.last().toObject()["loss"].toDouble() == eval.json()["loss"].toDouble()); // exactly, not fuzzily
        for (const auto& row : rows) {
            const QJsonObject o = row.toObject();
            const double accuracy = o["accuracy"].toDouble(-1);
            QVERIFY(accuracy >= 0 && accuracy <= 1);
            // q_proj (32 → 32) and v_proj (32 → 16) in 2 layers: k · (64 + 48) · 2
            QCOMPARE(o["parameters"].toInteger(), qint64(o["k"].toInt()) * 224);
        }

        const QString text = path("retain.txt");
        testutil::writeBytes(text, "the quick brown fox jumps over the lazy dog\n");
        const Result t = runLorawb({"rank", "--model", m_model, "--adapter", adapter, "--truncate-eval", text,
                                    "--ks", "4,1", "--json"});
        QVERIFY2(t.finished && t.exitCode == 0, qPrintable(t.describe()));
        const QJsonArray textRows = t.json()["truncation"].toArray();
        QCOMPARE(textRows.size(), 2);
        QCOMPARE(textRows[0].toObject()["k"].toInt(), 4);
        QVERIFY(textRows[0].toObject()["accuracy"].isNull());

        const Result table = runLorawb({"rank", "--model", m_model, "--adapter", adapter, "--truncate-eval", text});
        QVERIFY2(table.finished && table.exitCode == 0 && table.out.contains("perplexity"), qPrintable(table.describe()));

        const Result badK = runLorawb({"rank", "--model", m_model, "--adapter", adapter, "--truncate-eval", text,
                                       "--ks", "1,9"});
        QVERIFY2(badK.finished && !badK.crashed && badK.exitCode == 2, qPrintable(badK.describe()));
        QVERIFY2(badK.err.contains("k = 9") && badK.err.contains("1..4"), qPrintable(badK.err));
        const Result badList = runLorawb({"rank", "--model", m_model, "--adapter", adapter, "--truncate-eval", text,
                                          "--ks", "1,two"});
        QVERIFY2(badList.finished && badList.exitCode == 2 && badList.err.contains("--ks"), qPrintable(badList.describe()));
    }
};

QTEST_APPLESS_MAIN(TestCliRank)
#include "test_cli_rank.moc"
