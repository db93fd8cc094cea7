#include "core/run/ExperimentRunner.h"

#include "core/common/Error.h"
#include "core/common/Text.h"
#include "core/data/Collator.h"
#include "core/data/PreparedData.h"
#include "core/eval/ForgettingProbe.h"
#include "core/history/RunDatabase.h"
#include "core/lora/AdapterIO.h"
#include "core/lora/LoraInjector.h"
#include "core/lora/ModuleLayout.h"
#include "core/lora/ParameterCount.h"
#include "core/lora/PeftKeyNames.h"
#include "core/model/DeviceSelection.h"
#include "core/model/ModelLoader.h"
#include "core/model/QuestionAnswering.h"
#include "core/model/SequenceClassification.h"
#include "core/run/RunDescription.h"
#include "core/run/RunProvenance.h"
#include "core/run/RunRecorder.h"
#include "core/tokenizer/TokenizerLoader.h"
#include "core/train/Checkpoint.h"
#include "core/train/Trainer.h"

#include <algorithm>
#include <filesystem>
#include <sstream>

namespace core {

namespace fs = std::filesystem;

namespace {

// The history row a run continues: the given one (also without resume: a sweep run interrupted before its first
// checkpoint starts again in its own row), else with resume the newest row written to the same output folder.
int64_t rowToContinue(RunDatabase* db, const RunOptions& options, const std::string& outputDir)
{
    if (!db)
        return 0;
    if (options.continueRunId != 0)
        return db->run(options.continueRunId) ? options.continueRunId : 0;
    if (!options.resume)
        return 0;
    RunFilter newestFirst;
    newestFirst.descending = true;
    for (const auto& run : db->runs(newestFirst))
        if (run.outputDir == outputDir)
            return run.id;
    return 0;
}

// The run's LoRA config: PEFT's automatic modules_to_save for the task type, and for SEQ_CLS the classes the data
// settled with the pad token that pooling skips.
LoraConfig withClassLabels(const ExperimentConfig& cfg, const ModelConfig& modelConfig, const Tokenizer& tokenizer,
                           const PreparedData& data)
{
    LoraConfig lora = withAutomaticModulesToSave(cfg.lora);
    if (cfg.lora.taskType == TaskType::FeatureExtraction)
        lora.contrastive = cfg.task.contrastive(); // the adapter records how its embeddings are pooled
    if (data.classes.empty())
        return lora;
    lora.classes = data.classes;
    // TOKEN_CLS and QUESTION_ANS score every position, so the pad token only fills batches (causal attention keeps
    // it out of the real tokens); SEQ_CLS pools past it and needs the one the model was given.
    lora.classes.padTokenId = data.classes.unit != ClassifiedUnit::Sequence
                                  ? (cfg.task.padTokenId >= 0 ? cfg.task.padTokenId : batchPadId(tokenizer))
                                  : classificationPadTokenId(cfg.task.padTokenId, modelConfig.padTokenId,
                                                             tokenizer.padId(), tokenizer.eosId());
    LORAWB_CHECK(lora.classes.padTokenId < modelConfig.vocabSize, "task.pad_token_id ", lora.classes.padTokenId,
                 " is not a token of this model (its vocabulary has ", modelConfig.vocabSize, " ids, 0 to ",
                 modelConfig.vocabSize - 1, ")");
    return lora;
}

} // namespace

std::map<std::string, double> probeMetrics(const ProbeResult& result, const std::string& prefix)
{
    std::map<std::string, double> out{
        {prefix + "retain_loss", result.retainLoss},
        {prefix + "retain_perplexity", result.retainPerplexity},
        {prefix + "retain_kl", result.klFromBase},
        {prefix + "retain_max_abs_logit_diff", result.maxAbsLogitDiff},
    };
    for (const auto& task : result.tasks)
        out[prefix + "accuracy/" + task.name] = task.accuracy;
    return out;
}

ExperimentRunner::ExperimentRunner(ExperimentConfig cfg, RunOptions options, RunControl* control)
    : m_cfg(std::move(cfg)), m_options(std::move(options)), m_control(control ? control : &m_ownControl)
{
}

ExperimentRunner::~ExperimentRunner() = default;

void ExperimentRunner::phase(const std::string& text) const
{
    if (m_observer.onPhase)
        m_observer.onPhase(text);
}

void ExperimentRunner::log(const std::string& text) const
{
    if (m_observer.trainer.onLog)
        m_observer.trainer.onLog(text);
}

CheckedInputs checkInputs(const ExperimentConfig& cfg, bool resume)
{
    validateExperiment(cfg);
    CheckedInputs in;
    in.device = resolveDevice(cfg.train.device, "train.device");
    in.dtype = resolveDtype(cfg.train.dtype, in.device, "train.dtype");
    in.modelConfig = loadModelConfig(cfg.model);
    auto tokenizer = loadTokenizer(cfg.model);
    checkTokenizerFits(*tokenizer, in.modelConfig, cfg.model);
    in.tokenizer = std::move(tokenizer);
    if (cfg.train.finetune == FinetuneMode::Lora) {
        if (auto reason = taskTypeNotTrainableReason(cfg.lora.taskType))
            LORAWB_FAIL("task_type ", toString(cfg.lora.taskType), ": ", *reason);
        // An adapter PEFT could not load (QUESTION_ANS on an architecture without a question-answering class).
        (void)peftBackboneOf(cfg.lora.taskType, in.modelConfig.modelType);
        // A target the model lacks is found here, from config.json, not after minutes of reading a large checkpoint.
        selectTargetModules(linearModulesOf(in.modelConfig), in.modelConfig.numHiddenLayers, cfg.lora);
    }
    // Before the history row is touched: resuming it drops its points after the checkpoint, so there must be one.
    const std::string checkpoints = (fs::path(cfg.outputDir) / "checkpoints").string();
    if (resume)
        LORAWB_CHECK(!latestCheckpoint(checkpoints).empty(), "--resume: no checkpoint in ", checkpoints,
                     "; run without --resume to start, or point --output at the run to continue.");
    return in;
}

ExperimentOutcome ExperimentRunner::run()
{
    const ExperimentConfig& cfg = m_cfg;
    const bool lora = cfg.train.finetune == FinetuneMode::Lora;
    ExperimentOutcome outcome;

    // Cheap checks first (device, config, tokenizer, targets, data), so that a mistake does not wait for the weights.
    phase("Checking the settings…");
    const CheckedInputs inputs = checkInputs(cfg, m_options.resume);
    const c10::Device device = inputs.device;
    const c10::ScalarType dtype = inputs.dtype;
    const ModelConfig& modelConfig = inputs.modelConfig;
    const Tokenizer* tokenizer = inputs.tokenizer.get();
    const std::string checkpoints = (fs::path(cfg.outputDir) / "checkpoints").string();
    phase("Preparing the data…");
    auto data = std::make_shared<PreparedData>(prepareData(cfg.data, *tokenizer, cfg.task));
    // SEQ_CLS: the classes travel in the LoRA config (the adapter writes them), and so does the pad token.
    const LoraConfig loraConfig = withClassLabels(cfg, modelConfig, *tokenizer, *data);
    log("data: " + std::to_string(data->train.size()) + " training and " + std::to_string(data->validation.size()) +
        " validation examples from " + cfg.data.path + " (" + std::to_string(data->report.truncated) + " truncated, " +
        std::to_string(data->report.dropped) + " dropped, " + std::to_string(data->report.skipped) + " skipped)");
    for (const std::string& warning : data->report.warnings)
        log("warning: " + warning);

    phase("Loading the model…");
    LoadOptions loadOptions;
    loadOptions.device = device.str();
    loadOptions.dtype = dtypeName(dtype);
    loadOptions.loadTokenizer = false;
    LoadedModel loaded = loadModel(cfg.model, loadOptions);
    CausalLm& model = *loaded.model;
    log("model: " + cfg.model + " (" + modelConfig.architecture + ", " + std::to_string(modelConfig.numHiddenLayers) +
        " layers, " + withThousandsSeparators(countParameters(model).all) + " parameters) on " + loaded.device.str() +
        " in " + dtypeName(loaded.dtype));
    if (!cfg.baseAdapter.empty()) {
        phase("Merging the base adapter…");
        loadAdapter(model, cfg.baseAdapter);
        mergeAndUnloadLora(model);
        log("base_adapter: merged " + cfg.baseAdapter + " into the base weights");
    }

    // The trainer applies it too; applied before the probe so that the base and every later measurement use the same
    // thread count (a different split of a matmul can change the last bits, and "adapter off = base" is exact).
    applyThreadCount(cfg.train);
    std::optional<ForgettingProbe> probe;
    if (!cfg.forgetting.retainPath.empty()) {
        phase("Measuring the base model (forgetting probe)…");
        probe.emplace(model, *tokenizer, cfg.forgetting);
        outcome.before = probe->base();
    }
    if (loraConfig.classes.unit == ClassifiedUnit::Span) {
        addQaHead(model, cfg.train.seed);
        log("task: extractive question answering (qa_outputs: start and end logits per token), windows of " +
            std::to_string(cfg.data.maxLength) + " tokens sharing " + std::to_string(cfg.task.docStride) +
            ", answers up to " + std::to_string(cfg.task.maxAnswerLength) + " tokens");
    } else if (!loraConfig.classes.empty()) {
        const bool perToken = loraConfig.classes.unit == ClassifiedUnit::Token;
        addScoreHead(model, loraConfig.classes.numLabels, cfg.train.seed, /*bias=*/perToken);
        const std::string names =
            loraConfig.classes.names.empty() ? "" : " (" + joinedWithCommas(loraConfig.classes.names) + ")";
        if (perToken)
            log("task: token classification with " + std::to_string(loraConfig.classes.numLabels) + " tags" + names +
                ", head dropout " + detail::concat(modelConfig.classifierDropout));
        else
            log("task: " + toString(loraConfig.classes.problemType) + " with " +
                std::to_string(loraConfig.classes.numLabels) + " output(s)" + names + ", pooling past pad token " +
                std::to_string(loraConfig.classes.padTokenId));
    } else if (cfg.lora.taskType == TaskType::FeatureExtraction) {
        std::ostringstream line;
        line << "task: embeddings (" << toString(cfg.task.pooling) << " pooling, L2-normalised), in-batch contrastive "
             << "loss at temperature " << cfg.task.temperature << " over " << cfg.train.batchSize
             << " pairs per micro-batch";
        log(line.str());
    }
    // Prepared here, not in the trainer, so that the history knows the counts before the first step.
    TrainingPlan plan = prepareTraining(model, loraConfig, cfg.train);
    const ParameterCount counts = countParameters(model);
    outcome.allParams = counts.all;
    outcome.trainableParams = lora ? counts.trainable : counts.all;

    RunRecorder recorder(m_options.databasePath, [this](const std::string& text) { log(text); });
    RunRecord record;
    record.id = rowToContinue(recorder.database(), m_options, cfg.outputDir);
    if (record.id != 0)
        record = *recorder.database()->run(record.id);
    describeRun(record, cfg);
    record.trainableParams = outcome.trainableParams;
    record.totalSteps = plannedSteps(cfg.train, static_cast<int64_t>(data->train.size())); // "0/300" while it runs
    record.allParams = outcome.allParams;
    record.device = loaded.device.str();
    record.sweepId = m_options.sweepId;
    record.sweepIndex = m_options.sweepIndex;
    if (RunDatabase* db = recorder.database()) {
        try {
            const RunProvenance provenance = runProvenance(*db, cfg);
            record.modelHash = provenance.modelHash;
            record.dataHash = provenance.dataHash;
            record.templateHash = provenance.templateHash;
        } catch (const std::exception& e) {
            log(std::string("run history: could not hash the inputs: ") + e.what());
        }
    }
    // Resumed: the points up to the checkpoint stay (step 0, the base, among them). Started again from scratch in
    // an old row: none stay, the base is measured and logged again, and old finals go.
    const bool continuing = record.id != 0 && m_options.resume;
    if (!m_options.resume)
        record.finals.clear();
    recorder.begin(record, m_options.resume ? latestCheckpointStep(checkpoints) : -1);
    outcome.runId = recorder.runId();
    if (outcome.runId != 0 && m_observer.onRecorded)
        m_observer.onRecorded(outcome.runId);
    // One measurement: into the history (adapter-off numbers under their own names) and to the observer.
    const auto report = [&](int64_t step, const ProbeResult& result, bool adapterOff, bool record) {
        if (record)
            for (const auto& [name, value] : probeMetrics(result, adapterOff ? "adapter_off_" : ""))
                recorder.add(step, name, value);
        if (m_observer.onProbe)
            m_observer.onProbe(step, result, adapterOff);
    };
    if (probe)
        report(0, probe->base(), /*adapterOff=*/false, /*record=*/!continuing);

    TrainerSetup setup;
    setup.model = loaded.model;
    setup.lora = loraConfig;
    setup.train = cfg.train;
    setup.data = data;
    setup.padId = loraConfig.classes.empty() ? batchPadId(*tokenizer) : loraConfig.classes.padTokenId;
    setup.contrastive = cfg.task.contrastive();
    setup.outputDir = cfg.outputDir;
    setup.modelDir = cfg.model;
    setup.order = batchOrderOptions(cfg.data);
    setup.plan = std::move(plan);
    // The merged model's card quotes it: which data made the adapter.
    if (!record.dataHash.empty())
        setup.cardFacts["training data sha256"] = record.dataHash;
    Trainer trainer(setup, m_control);

    TrainerCallbacks callbacks = m_observer.trainer;
    callbacks.onStep = [&](const StepMetrics& m) {
        recorder.add(m.step, "train_loss", m.loggedLoss); // transformers' logged loss (mean since the last log)
        recorder.add(m.step, "learning_rate", m.learningRate);
        recorder.add(m.step, "grad_norm", m.gradNorm);
        recorder.add(m.step, "tokens_per_second", m.tokensPerSecond);
        if (m_observer.trainer.onStep)
            m_observer.trainer.onStep(m);
    };
    callbacks.onEval = [&](const EvalMetrics& m) {
        recorder.add(m.step, "eval_loss", m.loss);             // transformers' eval_loss
        if (m.taskScores.empty()) {
            recorder.add(m.step, "eval_token_loss", m.tokenLoss); // every token weighed the same
            recorder.add(m.step, "eval_perplexity", m.perplexity);
        }
        for (const auto& [name, value] : m.taskScores)
            recorder.add(m.step, name, value);
        outcome.lastTaskScores = m.taskScores;
        if (m_observer.trainer.onEval)
            m_observer.trainer.onEval(m);
    };
    callbacks.onEvalPoint = [&](int64_t step) {
        if (probe) {
            outcome.after = probe->measure(model);
            report(step, *outcome.after, /*adapterOff=*/false, /*record=*/true);
            if (lora && cfg.forgetting.adapterOffEveryEval) {
                outcome.adapterOff = probe->measureAdapterOff(model);
                report(step, *outcome.adapterOff, /*adapterOff=*/true, /*record=*/true);
            }
            recorder.flush();
        }
        if (m_observer.trainer.onEvalPoint)
            m_observer.trainer.onEvalPoint(step);
    };
    // The history holds every step a checkpoint claims before the checkpoint exists (see TrainerCallbacks.h).
    callbacks.beforeCheckpoint = [&] { recorder.flush(); };
    trainer.setCallbacks(callbacks);

    phase(m_options.resume ? "Resuming…" : "Training…");
    try {
        outcome.summary = trainer.run(m_options.resume);
        auto& finals = outcome.finals;
        // transformers' train_loss is the run's mean; the last step's loss is kept beside it, labelled.
        finals["train_loss"] = outcome.summary.meanTrainLoss;
        finals["last_step_loss"] = outcome.summary.finalTrainLoss;
        if (outcome.summary.finalEvalLoss >= 0) {
            finals["eval_loss"] = outcome.summary.finalEvalLoss;
            if (outcome.lastTaskScores.empty())
                finals["eval_token_loss"] = outcome.summary.finalEvalTokenLoss;
        }
        for (const auto& [name, value] : outcome.lastTaskScores)
            finals[name] = value;
        if (outcome.before)
            for (const auto& [name, value] : probeMetrics(*outcome.before, "base_"))
                finals[name] = value;
        if (outcome.after)
            for (const auto& [name, value] : probeMetrics(*outcome.after))
                finals[name] = value;
        if (probe && lora) {
            phase("Switching the adapter off (does the base come back?)…");
            if (!outcome.adapterOff) { // measured at the last eval point already when adapterOffEveryEval
                outcome.adapterOff = probe->measureAdapterOff(model);
                report(outcome.summary.steps, *outcome.adapterOff, /*adapterOff=*/true, /*record=*/false);
            }
            for (const auto& [name, value] : probeMetrics(*outcome.adapterOff, "adapter_off_"))
                finals[name] = value;
        }
    } catch (const std::exception& e) {
        recorder.finish(RunStatus::Failed, outcome.summary.steps, outcome.summary.totalSteps, "", outcome.finals,
                        e.what());
        throw;
    }
    recorder.finish(outcome.summary.stopped ? RunStatus::Stopped : RunStatus::Finished, outcome.summary.steps,
                    outcome.summary.totalSteps, outcome.summary.exportDir, outcome.finals,
                    outcome.summary.stopped ? "stopped on request" : "");
    return outcome;
}

} // namespace core
