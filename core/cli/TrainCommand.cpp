// lorawb train EXPERIMENT.yaml [--set key=value]... [--output DIR] [--resume]: runs an experiment file with progress
// lines on stdout. Ctrl-C (SIGINT) or SIGTERM stops after the current step, keeps the checkpoint and the adapter.
#include "core/cli/ArgParser.h"
#include "core/cli/Commands.h"
#include "core/data/Collator.h"
#include "core/export/ExperimentConfig.h"
#include "core/lora/ParameterCount.h"
#include "core/model/DeviceSelection.h"
#include "core/model/ModelLoader.h"
#include "core/tokenizer/SentencePieceTokenizer.h"
#include "core/train/Trainer.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <unistd.h>

namespace core::cli {
namespace {

const char* const kHelp =
    "usage: lorawb train EXPERIMENT.yaml [--set key=value]... [--output DIR] [--resume]\n"
    "\n"
    "Trains as the experiment file says (model, lora, data, train, output_dir; see README). Prints the trainable\n"
    "parameters, one line per logged step (step, loss, learning rate, tokens/s, ETA) and the validation results, and\n"
    "writes checkpoints to OUTPUT/checkpoints and the PEFT adapter to OUTPUT/adapter.\n"
    "Ctrl-C stops after the current step; the checkpoint and the adapter are kept, and --resume continues.\n"
    "\n"
    "  --set key=value   override one setting, e.g. --set lora.r=4 --set train.max_steps=50 (repeatable)\n"
    "  --output DIR      write to DIR instead of the file's output_dir\n"
    "  --resume          continue from the newest checkpoint in the output directory\n";

std::atomic<Trainer*> g_trainer{nullptr};

extern "C" void onInterrupt(int)
{
    // Only async-signal-safe work here: an atomic store (requestStop) and write(2).
    if (Trainer* trainer = g_trainer.load())
        trainer->requestStop();
    static const char message[] = "\nstopping after this step (checkpoint and adapter are kept); press Ctrl-C again to "
                                  "abort at once\n";
    (void)!write(STDERR_FILENO, message, sizeof message - 1);
    std::signal(SIGINT, SIG_DFL);
}

// Routes SIGINT/SIGTERM to the trainer's stop flag while it runs.
class InterruptScope {
public:
    explicit InterruptScope(Trainer& trainer)
    {
        g_trainer.store(&trainer);
        m_oldInt = std::signal(SIGINT, onInterrupt);
        m_oldTerm = std::signal(SIGTERM, onInterrupt);
    }
    ~InterruptScope()
    {
        std::signal(SIGINT, m_oldInt);
        std::signal(SIGTERM, m_oldTerm);
        g_trainer.store(nullptr);
    }

private:
    void (*m_oldInt)(int) = SIG_DFL;
    void (*m_oldTerm)(int) = SIG_DFL;
};

std::string duration(double seconds)
{
    if (!(seconds >= 0) || seconds > 1e8)
        return "?";
    const auto s = static_cast<int64_t>(seconds + 0.5);
    char text[32];
    if (s >= 3600)
        std::snprintf(text, sizeof text, "%lldh%02lldm", static_cast<long long>(s / 3600),
                      static_cast<long long>(s % 3600 / 60));
    else if (s >= 60)
        std::snprintf(text, sizeof text, "%lldm%02llds", static_cast<long long>(s / 60), static_cast<long long>(s % 60));
    else
        std::snprintf(text, sizeof text, "%llds", static_cast<long long>(s));
    return text;
}

void printStep(const StepMetrics& m)
{
    char line[256];
    std::snprintf(line, sizeof line, "step %lld/%lld  epoch %.2f  loss %.4f  lr %.3e  grad_norm %.3f  %s tokens/s  ETA %s",
                  static_cast<long long>(m.step), static_cast<long long>(m.totalSteps), m.epoch, m.loss,
                  m.learningRate, m.gradNorm, withThousandsSeparators(static_cast<int64_t>(m.tokensPerSecond)).c_str(),
                  duration(m.etaSeconds).c_str());
    std::cout << line << std::endl;
}

void printEval(const EvalMetrics& m)
{
    char line[160];
    std::snprintf(line, sizeof line, "eval at step %lld: validation loss %.4f  perplexity %.3f  (%lld tokens)",
                  static_cast<long long>(m.step), m.loss, m.perplexity, static_cast<long long>(m.tokens));
    std::cout << line << std::endl;
}

} // namespace

int runTrain(const std::vector<std::string>& args)
{
    ArgParser parser("train", kHelp);
    parser.addPositional("EXPERIMENT.yaml");
    parser.addRepeated("--set", "KEY=VALUE");
    parser.addOption("--output", "DIR");
    parser.addFlag("--resume");
    if (!parser.parse(args))
        return 0;
    const std::string experimentPath = parser.value("EXPERIMENT.yaml");
    ExperimentConfig cfg = loadExperiment(experimentPath, parser.values("--set"));
    if (parser.has("--output"))
        cfg.outputDir = parser.value("--output");
    LORAWB_CHECK(!cfg.outputDir.empty(), experimentPath, ": output_dir is empty; set it or give --output DIR.");

    // Cheap checks first (device, config, tokenizer, data), so that a mistake does not wait for the weights.
    const c10::Device device = resolveDevice(cfg.train.device, "train.device");
    const c10::ScalarType dtype = resolveDtype(cfg.train.dtype, device, "train.dtype");
    const ModelConfig modelConfig = loadModelConfig(cfg.model);
    const auto tokenizer =
        SentencePieceTokenizer::fromFile((std::filesystem::path(cfg.model) / "tokenizer.model").string());
    LORAWB_CHECK(tokenizer->vocabSize() <= modelConfig.vocabSize, cfg.model, ": tokenizer.model has ",
                 tokenizer->vocabSize(), " pieces but config.json's vocab_size is ", modelConfig.vocabSize,
                 "; the tokenizer does not belong to this model.");
    auto data = std::make_shared<PreparedData>(prepareData(cfg.data, *tokenizer));
    std::cout << "experiment: " << experimentPath << " (" << cfg.name << ")\n"
              << "data: " << data->train.size() << " training and " << data->validation.size()
              << " validation examples from " << cfg.data.path << " (" << data->report.truncated << " truncated, "
              << data->report.dropped << " dropped, " << data->report.skipped << " skipped)" << std::endl;

    LoadOptions loadOptions;
    loadOptions.device = device.str();
    loadOptions.dtype = dtypeName(dtype);
    loadOptions.loadTokenizer = false;
    LoadedModel loaded = loadModel(cfg.model, loadOptions);
    std::cout << "model: " << cfg.model << " (" << modelConfig.architecture << ", " << modelConfig.numHiddenLayers
              << " layers, " << withThousandsSeparators(countParameters(*loaded.model).all) << " parameters) on "
              << loaded.device.str() << " in " << dtypeName(loaded.dtype) << std::endl;

    TrainerSetup setup;
    setup.model = loaded.model;
    setup.lora = cfg.lora;
    setup.train = cfg.train;
    setup.data = data;
    setup.padId = batchPadId(*tokenizer);
    setup.outputDir = cfg.outputDir;
    setup.modelDir = cfg.model;
    setup.groupByLength = cfg.data.groupByLength;
    Trainer trainer(setup);
    TrainerCallbacks callbacks;
    callbacks.onStep = printStep;
    callbacks.onEval = printEval;
    callbacks.onLog = [](const std::string& text) { std::cout << text << std::endl; };
    callbacks.onCheckpoint = [](const std::string& dir) { std::cout << "checkpoint: " << dir << std::endl; };
    trainer.setCallbacks(callbacks);
    std::cout << "output: " << cfg.outputDir << " (" << plannedSteps(cfg.train, static_cast<int64_t>(data->train.size()))
              << " steps planned)" << std::endl;

    RunSummary summary;
    {
        InterruptScope interrupts(trainer);
        summary = trainer.run(parser.has("--resume"));
    }
    if (summary.stopped)
        std::cout << "stopped at step " << summary.steps << " of " << summary.totalSteps << "; checkpoint kept in "
                  << summary.checkpointDir << ". Continue with: lorawb train " << experimentPath << " --output "
                  << cfg.outputDir << " --resume" << std::endl;
    std::cout << (cfg.train.finetune == FinetuneMode::Full ? "model written to: " : "adapter written to: ")
              << summary.adapterDir << std::endl;
    return 0;
}

} // namespace core::cli
