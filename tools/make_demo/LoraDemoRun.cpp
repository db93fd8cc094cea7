#include "LoraDemoRun.h"

#include "core/data/DatasetReader.h"
#include "core/data/PreparedData.h"
#include "core/data/PromptTemplate.h"
#include "core/eval/Perplexity.h"
#include "core/eval/TaskAccuracy.h"
#include "core/experiment/ExperimentConfig.h"
#include "core/model/ModelLoader.h"
#include "core/train/Trainer.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>

namespace demo {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

struct Measurement {
    std::vector<double> accuracy; ///< per test file
    double retainPerplexity = -1;
};

Measurement measure(core::CausalLm& model, const core::Tokenizer& tok, const core::ExperimentConfig& cfg,
                    const LoraRunOptions& options, const char* when)
{
    Measurement m;
    model.eval();
    const core::PromptTemplate prompts = core::PromptTemplate::fromConfig(cfg.data);
    for (const std::string& path : options.testFiles) {
        const core::RecordSet set = core::readAlpacaRecords(path, cfg.data);
        core::AccuracyOptions a;
        a.limit = options.limit;
        const auto start = Clock::now();
        const core::AccuracyResult r = core::exactMatchAccuracy(model, tok, set.records, prompts, a);
        m.accuracy.push_back(r.accuracy);
        std::printf("%s: exact match on %s: %lld/%lld = %.3f (%.1f s); e.g. \"%s\" for \"%s\"\n", when, path.c_str(),
                    static_cast<long long>(r.correct), static_cast<long long>(r.records), r.accuracy,
                    secondsSince(start), r.verdicts.empty() ? "" : r.verdicts[0].generated.c_str(),
                    set.records.empty() ? "" : set.records[0].output.c_str());
    }
    if (!options.retainPath.empty()) {
        m.retainPerplexity = core::textFilePerplexity(model, tok, options.retainPath).perplexity;
        std::printf("%s: retain perplexity %.3f\n", when, m.retainPerplexity);
    }
    std::fflush(stdout);
    return m;
}

} // namespace

void runLoraDemo(const LoraRunOptions& options)
{
    const auto wallStart = Clock::now();
    const core::ExperimentConfig cfg = core::loadExperiment(options.experiment, options.overrides);
    core::LoadOptions load;
    load.device = cfg.train.device;
    load.dtype = cfg.train.dtype;
    core::LoadedModel loaded = core::loadModel(cfg.model, load);
    const core::Tokenizer& tok = *loaded.tokenizer;
    auto data = std::make_shared<core::PreparedData>(core::prepareData(cfg.data, tok));
    std::printf("%s: %zu train / %zu validation examples\n", cfg.data.path.c_str(), data->train.size(),
                data->validation.size());
    const Measurement before = measure(*loaded.model, tok, cfg, options, "before");

    core::TrainerSetup setup;
    setup.model = loaded.model;
    setup.lora = cfg.lora;
    setup.train = cfg.train;
    setup.train.logEvery = 1; // the whole curve, for the loss at 30 s; printed every log_every steps as configured
    setup.data = data;
    setup.padId = tok.padId() >= 0 ? tok.padId() : 0;
    setup.outputDir = cfg.outputDir;
    setup.modelDir = cfg.model;
    setup.order = core::batchOrderOptions(cfg.data);
    setup.plan = core::prepareTraining(*setup.model, setup.lora, setup.train);
    core::Trainer trainer(std::move(setup));
    std::vector<std::pair<double, double>> curve; // (elapsed s, loss)
    core::TrainerCallbacks callbacks;
    callbacks.onStep = [&](const core::StepMetrics& m) {
        curve.emplace_back(m.elapsedSeconds, m.loss);
        if (cfg.train.logEvery > 1 && m.step % cfg.train.logEvery != 0 && m.step != m.totalSteps)
            return;
        std::printf("step %lld/%lld loss %.4f lr %.2e tok/s %.0f elapsed %.1fs\n", static_cast<long long>(m.step),
                    static_cast<long long>(m.totalSteps), m.loss, m.learningRate, m.tokensPerSecond, m.elapsedSeconds);
        std::fflush(stdout);
    };
    callbacks.onEval = [](const core::EvalMetrics& m) {
        std::printf("eval step %lld validation loss %.4f\n", static_cast<long long>(m.step), m.loss);
        std::fflush(stdout);
    };
    callbacks.onLog = [](const std::string& text) { std::printf("%s\n", text.c_str()); };
    trainer.setCallbacks(callbacks);
    const auto trainStart = Clock::now();
    const core::RunSummary summary = trainer.run();
    const double trainSeconds = secondsSince(trainStart);
    const Measurement after = measure(*trainer.model(), tok, cfg, options, "after");

    // Mean of the first 5 steps' losses vs the last 5 steps within 30 s: one batch's loss is noisy.
    const auto meanLoss = [&](size_t end) {
        double sum = 0;
        size_t begin = end >= 5 ? end - 5 : 0, n = 0;
        for (size_t i = begin; i < end; ++i, ++n)
            sum += curve[i].second;
        return n ? sum / static_cast<double>(n) : 0.0;
    };
    size_t at30 = 0;
    while (at30 < curve.size() && curve[at30].first <= 30.0)
        ++at30;
    nlohmann::json result = {
        {"experiment", options.experiment},
        {"steps", summary.steps},
        {"train_seconds", trainSeconds},
        {"wall_seconds", secondsSince(wallStart)},
        {"loss_first5", meanLoss(std::min<size_t>(5, curve.size()))},
        {"loss_at_30s_mean5", meanLoss(at30)},
        {"steps_in_30s", at30},
        {"final_train_loss", summary.finalTrainLoss},
        {"final_eval_loss", summary.finalEvalLoss},
        {"accuracy_before", before.accuracy},
        {"accuracy_after", after.accuracy},
        {"test_files", options.testFiles},
        {"retain_perplexity_before", before.retainPerplexity},
        {"retain_perplexity_after", after.retainPerplexity},
        {"output", summary.exportDir},
    };
    std::printf("RESULT %s\n", result.dump().c_str());
}

} // namespace demo
