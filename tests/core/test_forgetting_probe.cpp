// core/eval ForgettingProbe: the base measured against itself is exactly the base; a LoRA update moves the retain
// numbers; switching the adapter off gives the base back exactly with bias "none" and not with bias "all"; the KL is
// the textbook one; the token budget; task accuracy; bad input names the file.
#include "EvalFixture.h"

#include "common/ErrorCapture.h"
#include "common/FileBytes.h"
#include "core/data/ExampleBuilder.h"
#include "core/eval/ForgettingProbe.h"
#include "core/eval/Perplexity.h"
#include "core/lora/LoraInjector.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace evaltest;

namespace {

const std::string kRetain = "the quick brown fox jumps over the lazy dog\n"; // 35 ids of the word tokenizer

core::LoraConfig qvLora(core::LoraBias bias = core::LoraBias::None)
{
    core::LoraConfig lora;
    lora.r = 4;
    lora.loraAlpha = 8;
    lora.targetModules.names = {"q_proj", "v_proj"};
    lora.bias = bias;
    return lora;
}

// What training does to lora_B: makes it non-zero, so the adapter changes the outputs.
void trainLoraB(core::CausalLm& model)
{
    torch::NoGradGuard noGrad;
    auto gen = at::detail::createCPUGenerator(11);
    for (auto& [name, layer] : core::loraLayers(model))
        layer->loraB().copy_(at::normal(0.0, 0.5, layer->loraB().sizes(), gen, torch::kFloat32));
}

// What a training step under bias "all" does to the biases: moves them.
void trainBiases(core::CausalLm& model)
{
    torch::NoGradGuard noGrad;
    int64_t changed = 0;
    for (auto& item : model.named_parameters())
        if (item.key().size() > 5 && item.key().compare(item.key().size() - 5, 5, ".bias") == 0) {
            item.value().add_(0.3);
            ++changed;
        }
    QVERIFY(changed > 0);
}

std::shared_ptr<core::CausalLm> qwen2Model()
{
    auto model = testutil::randomModel(testutil::asQwen2(testutil::tinyConfig(kVocab, 64, 64)), /*seed=*/5,
                                       /*matrixScale=*/25);
    testutil::randomizeBiases(*model, /*seed=*/6);
    return model;
}

} // namespace

class TestForgettingProbe : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::string m_retain;

    std::string file(const char* name, const std::string& bytes)
    {
        const std::string path = m_dir.filePath(name).toStdString();
        testutil::writeBytes(path, bytes);
        return path;
    }
    core::ForgettingProbeOptions retainOnly() const
    {
        core::ForgettingProbeOptions options;
        options.retainPath = m_retain;
        return options;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_retain = file("retain.txt", kRetain);
    }

    void theBaseMeasuredAgainstItselfIsExactlyTheBase()
    {
        auto model = tinyModel();
        WordTokenizer tok;
        const core::ForgettingProbe probe(*model, tok, retainOnly());
        const core::ProbeResult& base = probe.base();
        QCOMPARE(base.klFromBase, 0.0);
        QCOMPARE(base.maxAbsLogitDiff, 0.0);
        QCOMPARE(base.retainTokens, int64_t(35)); // BOS + 35 ids: 35 predicted
        const core::ProbeResult again = probe.measure(*model);
        QCOMPARE(again.klFromBase, 0.0);
        QCOMPARE(again.maxAbsLogitDiff, 0.0);
        QCOMPARE(again.retainLoss, base.retainLoss);
        QCOMPARE(again.retainPerplexity, base.retainPerplexity);
        // The same count as lorawb eval --text.
        const auto reference = core::textPerplexity(*model, tok, kRetain, "inline");
        QCOMPARE(base.retainTokens, reference.tokens);
        QVERIFY2(std::abs(base.retainLoss - reference.loss) < 1e-5,
                 qPrintable(QString("%1 vs %2").arg(base.retainLoss).arg(reference.loss)));
        QVERIFY(std::abs(base.retainPerplexity - std::exp(base.retainLoss)) < 1e-9 * base.retainPerplexity);
    }

    void anAdapterMovesTheNumbersAndOffGivesTheBaseBackWithBiasNone()
    {
        auto model = tinyModel();
        WordTokenizer tok;
        const core::ForgettingProbe probe(*model, tok, retainOnly());
        core::injectLora(*model, qvLora(), /*seed=*/1);
        // Fresh adapter (lora_B zero): nothing changes yet.
        QCOMPARE(probe.measure(*model).maxAbsLogitDiff, 0.0);
        trainLoraB(*model);
        model->train(); // measuring must not depend on, nor change, the mode
        const core::ProbeResult on = probe.measure(*model);
        QVERIFY(model->is_training());
        QVERIFY2(on.klFromBase > 0, qPrintable(QString::number(on.klFromBase)));
        QVERIFY(on.maxAbsLogitDiff > 0);
        QVERIFY(on.retainLoss != probe.base().retainLoss);

        const core::ProbeResult off = probe.measureAdapterOff(*model);
        QCOMPARE(off.maxAbsLogitDiff, 0.0);
        QCOMPARE(off.klFromBase, 0.0);
        QCOMPARE(off.retainLoss, probe.base().retainLoss);
        QCOMPARE(off.retainTokens, probe.base().retainTokens);
        // Switched back on afterwards.
        for (const auto& [name, layer] : core::loraLayers(*model))
            QVERIFY2(layer->enabled(), name.c_str());
        QCOMPARE(probe.measure(*model).maxAbsLogitDiff, on.maxAbsLogitDiff);
    }

    void biasAllKeepsTrainedBiasesWhenTheAdapterIsOff()
    {
        WordTokenizer tok;
        for (const core::LoraBias bias : {core::LoraBias::None, core::LoraBias::All}) {
            auto model = qwen2Model();
            const core::ForgettingProbe probe(*model, tok, retainOnly());
            core::injectLora(*model, qvLora(bias), /*seed=*/1);
            trainLoraB(*model);
            if (bias == core::LoraBias::All)
                trainBiases(*model);
            const core::ProbeResult off = probe.measureAdapterOff(*model);
            if (bias == core::LoraBias::None) {
                QCOMPARE(off.maxAbsLogitDiff, 0.0);
                QCOMPARE(off.retainLoss, probe.base().retainLoss);
            } else {
                QVERIFY2(off.maxAbsLogitDiff > 0, "trained biases stay when the adapter is off");
                QVERIFY(off.klFromBase > 0);
            }
        }
    }

    void klIsTorchKlDivergenceFromTheBase()
    {
        auto model = tinyModel();
        WordTokenizer tok;
        std::vector<int64_t> ids = core::textIds(kRetain, tok);
        torch::NoGradGuard noGrad;
        const auto n = static_cast<int64_t>(ids.size()) - 1;
        const at::Tensor baseLogits = model->logits(row(ids)).squeeze(0).narrow(0, 0, n);
        const core::ForgettingProbe probe(*model, tok, retainOnly());
        core::injectLora(*model, qvLora(), /*seed=*/1);
        trainLoraB(*model);
        const at::Tensor logits = model->logits(row(ids)).squeeze(0).narrow(0, 0, n);
        // kl_div(input = log p, target = log p_base) = Σ p_base (log p_base − log p)
        const double expected = torch::kl_div(torch::log_softmax(logits, -1), torch::log_softmax(baseLogits, -1),
                                              at::Reduction::Sum, /*log_target=*/true)
                                    .item<double>() /
                                static_cast<double>(n);
        const core::ProbeResult on = probe.measure(*model);
        QVERIFY(expected > 1e-3);
        QVERIFY2(std::abs(on.klFromBase - expected) < 1e-5 * expected,
                 qPrintable(QString("%1 vs %2").arg(on.klFromBase).arg(expected)));
        QVERIFY(std::abs(on.maxAbsLogitDiff - (logits - baseLogits).abs().max().item<double>()) < 1e-5);
        const double loss = torch::cross_entropy_loss(logits, row(ids).squeeze(0).narrow(0, 1, n)).item<double>();
        QVERIFY(std::abs(on.retainLoss - loss) < 1e-5);
    }

    void theTokenBudgetAndTheMemoryCapShortenTheRetainText()
    {
        auto model = tinyModel(/*maxPositions=*/128); // one window
        WordTokenizer tok;
        core::ForgettingProbeOptions options = retainOnly();
        options.retainPath = file("long.txt", kRetain + kRetain); // 70 ids + BOS
        QCOMPARE(core::ForgettingProbe(*model, tok, options).base().retainTokens, int64_t(70));
        options.maxBaseElements = 20 * kVocab; // room for the logits of 20 tokens
        QCOMPARE(core::ForgettingProbe(*model, tok, options).base().retainTokens, int64_t(20));
        options.maxBaseElements = 1; // never fewer than 16 for memory's sake
        QCOMPARE(core::ForgettingProbe(*model, tok, options).base().retainTokens, int64_t(16));
        options.maxBaseElements = int64_t(1) << 26;
        options.maxRetainTokens = 10;
        QCOMPARE(core::ForgettingProbe(*model, tok, options).base().retainTokens, int64_t(10));
    }

    void windowsFollowMaxPositionEmbeddings()
    {
        auto model = tinyModel(/*maxPositions=*/16);
        WordTokenizer tok;
        // 36 ids with BOS in windows of 16, 16, 4: 15 + 15 + 3 predicted, as eval --text counts them.
        const core::ForgettingProbe probe(*model, tok, retainOnly());
        QCOMPARE(probe.base().retainTokens, int64_t(33));
        const auto reference = core::textPerplexity(*model, tok, kRetain, "inline");
        QVERIFY(std::abs(probe.base().retainLoss - reference.loss) < 1e-5);
        QCOMPARE(probe.measure(*model).maxAbsLogitDiff, 0.0);
    }

    void taskAccuracyCountsRecordsPerTask()
    {
        auto model = tinyModel(/*maxPositions=*/256); // the Alpaca prompt is ~120 ids of the word tokenizer
        WordTokenizer tok;
        // The word tokenizer decodes to "t<id>" words only, so no answer can be "blue".
        const std::string task = file("colours.jsonl",
                                      R"({"instruction": "Name the colour of the sky.", "input": "", "output": "blue"})"
                                      "\n"
                                      R"({"instruction": "Name it.", "input": "grass", "output": "green"})"
                                      "\n"
                                      R"({"instruction": "Name the colour of snow.", "input": "", "output": "white"})"
                                      "\n");
        core::ForgettingProbeOptions options = retainOnly();
        options.taskPaths = {task, task};
        options.accuracyLimit = 2;
        const core::ForgettingProbe probe(*model, tok, options);
        QCOMPARE(probe.base().tasks.size(), size_t(2));
        const core::TaskScore& score = probe.base().tasks[0];
        QCOMPARE(QString::fromStdString(score.name), QString("colours"));
        QCOMPARE(QString::fromStdString(score.path), QString::fromStdString(task));
        QCOMPARE(score.records, int64_t(2));
        QCOMPARE(score.correct, int64_t(0));
        QCOMPARE(score.accuracy, 0.0);
        options.accuracyLimit = 0; // every record
        options.taskPaths = {task};
        QCOMPARE(core::ForgettingProbe(*model, tok, options).measure(*model).tasks.at(0).records, int64_t(3));
    }

    void badInputNamesTheFile()
    {
        auto model = tinyModel();
        WordTokenizer tok;
        core::ForgettingProbeOptions options = retainOnly();
        options.retainPath = m_dir.filePath("missing.txt").toStdString();
        testutil::expectError([&] { core::ForgettingProbe(*model, tok, options); }, {"missing.txt", "not found"});
        options.retainPath = file("empty.txt", "");
        testutil::expectError([&] { core::ForgettingProbe(*model, tok, options); }, {"empty.txt", "empty"});
        options.retainPath = file("blank.txt", " \n\n");
        testutil::expectError([&] { core::ForgettingProbe(*model, tok, options); }, {"blank.txt", "whitespace"});
        options.retainPath = m_retain;
        options.taskPaths = {m_dir.filePath("no_such_task.jsonl").toStdString()};
        testutil::expectError([&] { core::ForgettingProbe(*model, tok, options); },
                              {"no_such_task.jsonl", "not found"});
        options.taskPaths = {file("broken.jsonl", "{\"instruction\": \"x\"\n")};
        testutil::expectError([&] { core::ForgettingProbe(*model, tok, options); }, {"broken.jsonl"});
        options.taskPaths.clear();
        options.maxRetainTokens = 0;
        testutil::expectError([&] { core::ForgettingProbe(*model, tok, options); }, {"--max-retain-tokens"});
    }

    void noAdapterToSwitchOffIsAnError()
    {
        auto model = tinyModel();
        WordTokenizer tok;
        const core::ForgettingProbe probe(*model, tok, retainOnly());
        testutil::expectError([&] { probe.measureAdapterOff(*model); }, {"no LoRA adapter", "full fine-tuning"});
    }

    void adaptersComeBackOnWhenMeasuringFails()
    {
        auto model = tinyModel();
        WordTokenizer tok;
        const core::ForgettingProbe probe(*model, tok, retainOnly());
        // A model of another vocabulary cannot be compared with the base: the measurement throws midway.
        auto other = testutil::randomModel(testutil::tinyConfig(/*vocabSize=*/80), /*seed=*/2);
        core::injectLora(*other, qvLora(), /*seed=*/1);
        testutil::expectError([&] { probe.measureAdapterOff(*other); }, {"vocabulary"});
        for (const auto& [name, layer] : core::loraLayers(*other))
            QVERIFY2(layer->enabled(), name.c_str());
    }
};

QTEST_APPLESS_MAIN(TestForgettingProbe)
#include "test_forgetting_probe.moc"
