// `lorawb export` as scripts use it: each kind's --json report, exit 2 with one message naming the option or file for
// every bad input, nothing left behind by a refused or failed export. What the files hold is checked against
// llama.cpp's converters and PEFT in tests/core/test_export.cpp and tests/reference/check_export.py.
#include "CliFixture.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>

namespace {

QString reference(const QString& path) { return QStringLiteral(LORAWB_TEST_DATA_DIR "/reference/") + path; }
const QString kModel = reference("mistral/model");
const QString kAdapter = reference("mistral/default/adapter");

void verifyBadInput(const clitest::Result& r, const QString& mentions)
{
    QVERIFY2(r.finished && !r.crashed, qPrintable(r.describe()));
    QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
    QVERIFY2(r.err.contains(mentions), qPrintable("stderr should name '" + mentions + "':\n" + r.describe()));
}

} // namespace

class TestCliExport : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyKindReportsWhatItWrote()
    {
        QTemporaryDir tmp;
        const QString merged = tmp.filePath("merged"), gguf = tmp.filePath("m.gguf"), lora = tmp.filePath("a.gguf"),
                      base = tmp.filePath("base.gguf"), modelfile = tmp.filePath("Modelfile");
        auto r = clitest::runLorawb({"export", "merged", "--model", kModel, "--adapter", kAdapter, "--output", merged,
                                     "--dtype", "bf16", "--max-shard-size", "30KB", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QJsonObject json = r.json();
        QCOMPARE(json["kind"].toString(), QString("merged"));
        QCOMPARE(json["output"].toString(), merged);
        qint64 sum = 0;
        for (const auto& f : json["files"].toArray()) {
            QVERIFY(QFileInfo(f.toObject()["path"].toString()).size() == f.toObject()["bytes"].toInteger());
            sum += f.toObject()["bytes"].toInteger();
        }
        QCOMPARE(json["total_bytes"].toInteger(), sum);
        QVERIFY(QFile::exists(merged + "/model.safetensors.index.json"));
        QVERIFY(r.err.contains("export: 100%")); // progress goes to stderr, the result alone to stdout

        r = clitest::runLorawb({"export", "gguf", "--model", kModel, "--adapter", kAdapter, "--output", gguf, "--type",
                                "Q8_0", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(r.json()["kind"].toString(), QString("gguf"));
        QCOMPARE(r.json()["files"].toArray()[0].toObject()["bytes"].toInteger(), QFileInfo(gguf).size());

        r = clitest::runLorawb({"export", "gguf", "--model", kModel, "--output", base});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        r = clitest::runLorawb({"export", "gguf-lora", "--model", kModel, "--adapter", kAdapter, "--output", lora, "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(r.json()["kind"].toString(), QString("gguf-lora"));

        r = clitest::runLorawb({"export", "modelfile", "--gguf", base, "--adapter-gguf", lora, "--model", kModel,
                                "--output", modelfile, "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QFile file(modelfile);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        QVERIFY(text.contains("FROM ./base.gguf\n") && text.contains("ADAPTER ./a.gguf\n") && text.contains("TEMPLATE"));
    }

    void badInputEndsInOneMessage()
    {
        QTemporaryDir tmp;
        const QString out = tmp.filePath("out");
        verifyBadInput(clitest::runLorawb({"export"}), "merged, gguf, gguf-lora or modelfile");
        verifyBadInput(clitest::runLorawb({"export", "onnx"}), "unknown kind 'onnx'");
        verifyBadInput(clitest::runLorawb({"export", "merged", "--model", kModel, "--output", out}), "--adapter");
        verifyBadInput(clitest::runLorawb({"export", "merged", "--model", kModel, "--adapter", kAdapter, "--output", out,
                                           "--dtype", "int4"}), "--dtype");
        verifyBadInput(clitest::runLorawb({"export", "merged", "--model", kModel, "--adapter", kAdapter, "--output", out,
                                           "--max-shard-size", "lots"}), "--max-shard-size");
        verifyBadInput(clitest::runLorawb({"export", "gguf", "--model", kModel, "--output", out, "--type", "q3_k"}),
                       "--type");
        verifyBadInput(clitest::runLorawb({"export", "merged", "--model", kModel, "--adapter",
                                           reference("qwen2_bias/bias_all/adapter"), "--output", out}), "adapter");
        verifyBadInput(clitest::runLorawb({"export", "gguf-lora", "--model", reference("qwen2_bias/model"), "--adapter",
                                           reference("qwen2_bias/bias_all/adapter"), "--output", out}), "merged GGUF");
        verifyBadInput(clitest::runLorawb({"export", "modelfile", "--gguf", kModel + "/config.json", "--output", out}),
                       "not a GGUF file");
        QVERIFY(QDir(tmp.path()).isEmpty()); // nothing left by any of them

        QDir().mkpath(out);
        verifyBadInput(clitest::runLorawb({"export", "merged", "--model", kModel, "--adapter", kAdapter, "--output", out}),
                       "--overwrite");
        QFile mine(out + "/notes.txt");
        QVERIFY(mine.open(QIODevice::WriteOnly));
        mine.write("keep me");
        mine.close();
        verifyBadInput(clitest::runLorawb({"export", "merged", "--model", kModel, "--adapter", kAdapter, "--output", out,
                                           "--overwrite"}), "notes.txt");
        QVERIFY(QFile::exists(out + "/notes.txt"));
    }
};

QTEST_GUILESS_MAIN(TestCliExport)
#include "test_cli_export.moc"
