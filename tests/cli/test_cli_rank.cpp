// lorawb rank: the rank lab's numbers from the command line (matrix playground and adapter spectra).
#include "cli/CliFixture.h"
#include "common/FileBytes.h"

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
};

QTEST_APPLESS_MAIN(TestCliRank)
#include "test_cli_rank.moc"
