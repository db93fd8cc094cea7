// lorawb forgetting --model DIR [--adapter DIR] --retain FILE [--task FILE]...: the base, the adapter on and the
// adapter off measured against the base; with bias "none" off is the base exactly, with bias "all" it is not.
#include "cli/CliFixture.h"
#include "common/FileBytes.h"
#include "core/lora/AdapterIO.h"
#include "core/lora/LoraInjector.h"

#include <QJsonArray>
#include <QtTest>

using clitest::Result;
using clitest::runLorawb;

namespace {

core::LoadedModel loadWeights(const QString& dir)
{
    core::LoadOptions options;
    options.device = "cpu";
    options.dtype = "float32";
    options.loadTokenizer = false;
    return core::loadModel(dir.toStdString(), options);
}

// An adapter as training leaves it: lora_B non-zero and, under bias "all", moved biases.
void writeTrainedAdapter(const QString& modelDir, core::LoraBias bias, const QString& adapterDir)
{
    core::LoadedModel loaded = loadWeights(modelDir);
    core::LoraConfig cfg;
    cfg.r = 4;
    cfg.loraAlpha = 8;
    cfg.targetModules.names = {"q_proj", "v_proj"};
    cfg.bias = bias;
    core::injectLora(*loaded.model, cfg, /*seed=*/1);
    torch::NoGradGuard noGrad;
    auto gen = at::detail::createCPUGenerator(9);
    for (auto& [name, layer] : core::loraLayers(*loaded.model))
        layer->loraB().copy_(at::normal(0.0, 0.5, layer->loraB().sizes(), gen, torch::kFloat32));
    if (bias == core::LoraBias::All)
        for (auto& item : loaded.model->named_parameters())
            if (item.key().find(".bias") != std::string::npos)
                item.value().add_(0.3);
    core::saveAdapter(*loaded.model, cfg, adapterDir.toStdString());
}

void verifyMeasurement(const QJsonObject& m)
{
    for (const char* key : {"retain_loss", "retain_perplexity", "kl_from_base", "max_abs_logit_diff", "retain_tokens"})
        QVERIFY2(m[key].isDouble(), key);
    QVERIFY(m["retain_tokens"].toInt() > 0);
    const QJsonArray tasks = m["tasks"].toArray();
    QCOMPARE(tasks.size(), 1);
    const QJsonObject task = tasks[0].toObject();
    QCOMPARE(task["name"].toString(), QString("records"));
    QVERIFY(task["path"].toString().endsWith("records.jsonl"));
    QCOMPARE(task["records"].toInt(), 2); // --accuracy-limit 2
    QVERIFY(task["correct"].toInt() >= 0 && task["correct"].toInt() <= 2);
    QVERIFY(task["accuracy"].isDouble());
}

} // namespace

class TestCliForgetting : public clitest::CliSuite {
    Q_OBJECT
    QString m_retain;
    QString m_tokenizer;

    QStringList measure(const QString& model, const QString& adapter, bool json) const
    {
        QStringList args{"forgetting", "--model", model, "--retain", m_retain, "--task", m_records,
                         "--accuracy-limit", "2", "--device", "cpu"};
        if (!adapter.isEmpty())
            args << "--adapter" << adapter;
        if (json)
            args << "--json";
        return args;
    }

private Q_SLOTS:
    void initTestCase()
    {
        makeFixtures();
        m_tokenizer = m_model + "/tokenizer.model";
        m_retain = path("retain.yml"); // an option's value, not an experiment file
        testutil::writeBytes(m_retain.toStdString(), "the quick brown fox jumps over the lazy dog.\n"
                                                     "a stitch in time saves nine.\n");
    }

    void biasNoneAdapterOffIsTheBaseExactly()
    {
        const QString adapter = path("adapter_none");
        writeTrainedAdapter(m_model, core::LoraBias::None, adapter);
        const Result r = runLorawb(measure(m_model, adapter, /*json=*/true));
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        const QJsonObject j = r.json();
        for (const char* key : {"base", "adapter", "adapter_off"}) {
            QVERIFY2(j[key].isObject(), key);
            verifyMeasurement(j[key].toObject());
        }
        QCOMPARE(j["base"].toObject()["kl_from_base"].toDouble(), 0.0);
        QCOMPARE(j["base"].toObject()["max_abs_logit_diff"].toDouble(), 0.0);
        QVERIFY(j["adapter"].toObject()["kl_from_base"].toDouble() > 0);
        QVERIFY(j["adapter"].toObject()["max_abs_logit_diff"].toDouble() > 0);
        QCOMPARE(j["adapter_off"].toObject()["max_abs_logit_diff"].toDouble(), 0.0);
        QCOMPARE(j["adapter_off"].toObject()["retain_loss"].toDouble(),
                 j["base"].toObject()["retain_loss"].toDouble());
        QCOMPARE(j["off_equals_base"].toBool(false), true);
        QCOMPARE(j["bias"].toString(), QString("none"));

        const Result text = runLorawb(measure(m_model, adapter, /*json=*/false));
        QVERIFY2(text.finished && text.exitCode == 0, qPrintable(text.describe()));
        for (const char* part : {"base ", "adapter on", "adapter off", "records",
                                 "adapter off gives back the base exactly (max |Δlogit| = 0)"})
            QVERIFY2(text.out.contains(QString::fromUtf8(part)), qPrintable(QString(part) + "\n" + text.out));
    }

    void biasAllAdapterOffKeepsTheTrainedBiases()
    {
        // Qwen2-style: q/k/v carry biases, which bias "all" trains and the adapter file carries.
        const QString model = path("qwen2");
        auto qwen = testutil::randomModel(testutil::asQwen2(clitest::tinyConfig()), /*seed=*/4);
        testutil::randomizeBiases(*qwen, /*seed=*/5);
        testutil::saveModelWithTokenizer(*qwen, model.toStdString(), m_tokenizer.toStdString());
        const QString adapter = path("adapter_all");
        writeTrainedAdapter(model, core::LoraBias::All, adapter);

        const Result r = runLorawb(measure(model, adapter, /*json=*/true));
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        const QJsonObject j = r.json();
        QCOMPARE(j["off_equals_base"].toBool(true), false);
        QCOMPARE(j["bias"].toString(), QString("all"));
        QVERIFY(j["adapter_off"].toObject()["max_abs_logit_diff"].toDouble() > 0);
        QVERIFY(j["adapter_off"].toObject()["kl_from_base"].toDouble() > 0);
        QCOMPARE(j["base"].toObject()["max_abs_logit_diff"].toDouble(), 0.0);

        const Result text = runLorawb(measure(model, adapter, /*json=*/false));
        QVERIFY2(text.finished && text.exitCode == 0, qPrintable(text.describe()));
        QVERIFY2(text.out.contains("adapter off differs from the base") &&
                     text.out.contains("bias 'all' trained biases outside the adapter"),
                 qPrintable(text.out));
    }

    void withoutAnAdapterOnlyTheBase()
    {
        const Result r = runLorawb(measure(m_model, QString(), /*json=*/true));
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        const QJsonObject j = r.json();
        verifyMeasurement(j["base"].toObject());
        QVERIFY(j["adapter"].isNull());
        QVERIFY(j["adapter_off"].isNull());
    }

    void badInputIsExitTwoNamingWhatToFix()
    {
        const Result noRetain = runLorawb({"forgetting", "--model", m_model});
        QVERIFY2(noRetain.finished && !noRetain.crashed && noRetain.exitCode == 2, qPrintable(noRetain.describe()));
        QVERIFY2(noRetain.err.contains("--retain"), qPrintable(noRetain.err));

        const Result missing = runLorawb({"forgetting", "--model", m_model, "--retain", path("missing.yml")});
        QVERIFY2(missing.finished && !missing.crashed && missing.exitCode == 2, qPrintable(missing.describe()));
        QVERIFY2(missing.err.contains("missing.yml") && missing.err.contains("not found"), qPrintable(missing.err));

        const Result task = runLorawb({"forgetting", "--model", m_model, "--retain", m_retain, "--task",
                                       path("no_task.jsonl")});
        QVERIFY2(task.finished && !task.crashed && task.exitCode == 2, qPrintable(task.describe()));
        QVERIFY2(task.err.contains("no_task.jsonl"), qPrintable(task.err));

        const Result noLora = runLorawb({"forgetting", "--model", m_model, "--retain", m_retain, "--adapter",
                                         path("no_adapter")});
        QVERIFY2(noLora.finished && !noLora.crashed && noLora.exitCode == 2, qPrintable(noLora.describe()));
        QVERIFY2(noLora.err.contains("no_adapter"), qPrintable(noLora.err));
    }
};

QTEST_APPLESS_MAIN(TestCliForgetting)
#include "test_cli_forgetting.moc"
