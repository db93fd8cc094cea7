#include "core/train/Trainer.h"

#include "core/common/Error.h"
#include "core/data/BatchOrder.h"
#include "core/eval/ClassificationMetrics.h"
#include "core/eval/Perplexity.h"
#include "core/eval/QuestionAnsweringMetrics.h"
#include "core/eval/RetrievalMetrics.h"
#include "core/eval/TokenClassificationMetrics.h"
#include "core/io/AtomicFile.h"
#include "core/lora/AdapterIO.h"
#include "core/lora/ParameterCount.h"
#include "core/model/ModelLoader.h"
#include "core/train/AdamW.h"
#include "core/train/Checkpoint.h"
#include "core/train/LrSchedule.h"
#include "core/train/StepRunner.h"

#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <map>
#include <thread>

namespace fs = std::filesystem;

namespace core {

struct Trainer::State {
    TrainerSetup setup;
    TrainerCallbacks callbacks;
    std::vector<std::string> paramNames;
    std::vector<at::Tensor> params;
    std::unique_ptr<AdamW> optimizer;
    TrainerPosition position;
    std::vector<std::vector<int64_t>> epochOrder;
    int64_t epochOfOrder = -1;
    int64_t totalSteps = 0;
    int64_t warmupSteps = 0;
    bool prepared = false;

    void log(const std::string& text) const
    {
        if (callbacks.onLog)
            callbacks.onLog(text);
    }

    std::string fingerprint() const
    {
        const auto& t = setup.train;
        const auto& l = setup.lora;
        return detail::concat("finetune=", t.finetune == FinetuneMode::Full ? "full" : "lora", " r=", l.r,
                              " alpha=", l.loraAlpha, " params=", params.size(), " batch=", t.batchSize,
                              " accum=", t.gradientAccumulationSteps, " seed=", t.seed, " steps=", totalSteps,
                              " examples=", setup.data->train.size());
    }

    // The micro-batches (example indices) of the next optimizer step: gradient_accumulation_steps of them, fewer at
    // the end of an epoch. Like transformers' Trainer, an accumulation group never spans two epochs: the last step of
    // an epoch takes the leftover micro-batches. Epochs are shuffled with seed + epoch (reproducible, resumable).
    std::vector<std::vector<int64_t>> nextStepMicroBatches()
    {
        for (;;) {
            if (epochOfOrder != position.epoch) {
                epochOrder = batchOrder(setup.data->train, setup.train.batchSize,
                                        setup.train.seed + static_cast<uint64_t>(position.epoch), setup.order);
                epochOfOrder = position.epoch;
            }
            if (position.batchInEpoch < static_cast<int64_t>(epochOrder.size()))
                break;
            ++position.epoch;
            position.batchInEpoch = 0;
        }
        std::vector<std::vector<int64_t>> micro;
        while (static_cast<int>(micro.size()) < setup.train.gradientAccumulationSteps &&
               position.batchInEpoch < static_cast<int64_t>(epochOrder.size()))
            micro.push_back(epochOrder[position.batchInEpoch++]);
        return micro;
    }

    CheckpointData checkpointData() const
    {
        CheckpointData data;
        data.position = position;
        for (size_t i = 0; i < params.size(); ++i)
            data.trainable.emplace_back(paramNames[i], params[i]);
        data.optimizer = optimizer->stateTensors();
        data.rngState = at::detail::getDefaultCPUGenerator().get_state();
        if (torch::cuda::is_available())
            for (int64_t i = 0; i < static_cast<int64_t>(torch::cuda::device_count()); ++i)
                data.cudaRngStates.push_back(at::globalContext()
                                                 .defaultGenerator(c10::Device(c10::DeviceType::CUDA,
                                                                               static_cast<c10::DeviceIndex>(i)))
                                                 .get_state());
        data.fingerprint = fingerprint();
        return data;
    }
};

int64_t plannedSteps(const TrainConfig& train, int64_t trainExamples)
{
    if (train.maxSteps > 0)
        return train.maxSteps;
    // transformers' Trainer: ceil(batches / accumulation) steps per epoch (the last one takes the leftover
    // micro-batches), ceil(epochs * that) in all.
    const int64_t batchesPerEpoch = (trainExamples + train.batchSize - 1) / train.batchSize;
    const int64_t stepsPerEpoch =
        (batchesPerEpoch + train.gradientAccumulationSteps - 1) / train.gradientAccumulationSteps;
    return std::max<int64_t>(1, static_cast<int64_t>(std::ceil(train.epochs * stepsPerEpoch)));
}

Trainer::Trainer(TrainerSetup setup, RunControl* control)
    : m_state(std::make_unique<State>()), m_control(control ? control : &m_ownControl)
{
    LORAWB_ASSERT(setup.model && setup.data);
    LORAWB_ASSERT(!setup.plan.empty(), "Trainer: no trainable parameters; call prepareTraining() first");
    setup.train.validate();
    LORAWB_CHECK(!setup.data->train.empty(), "the training set is empty; add records to data.path.");
    m_state->setup = std::move(setup);
}

Trainer::~Trainer() = default;

void Trainer::setCallbacks(TrainerCallbacks callbacks) { m_state->callbacks = std::move(callbacks); }

std::shared_ptr<CausalLm> Trainer::model() const { return m_state->setup.model; }

EvalMetrics Trainer::evaluate()
{
    auto& s = *m_state;
    EvalMetrics metrics;
    metrics.step = s.position.step;
    metrics.loss = -1;
    if (s.setup.data->validation.empty())
        return metrics;
    const ClassLabels& classes = s.setup.lora.classes;
    if (s.setup.lora.taskType == TaskType::FeatureExtraction) {
        const RetrievalEvaluation scores = evaluateRetrieval(*s.setup.model, s.setup.data->validation,
                                                             s.setup.contrastive, s.setup.train.evalBatchSize,
                                                             s.setup.padId);
        metrics.loss = metrics.tokenLoss = scores.loss;
        metrics.perplexity = -1;
        // sentence-transformers' InformationRetrievalEvaluator reports these (as fractions, not percent)
        metrics.taskScores["eval_recall_at_1"] = scores.ranking.recallAt1;
        metrics.taskScores["eval_recall_at_10"] = scores.ranking.recallAt10;
        metrics.taskScores["eval_mrr"] = scores.ranking.mrr;
        return metrics;
    }
    if (classes.unit == ClassifiedUnit::Span) {
        LORAWB_ASSERT(s.setup.data->questionAnswering, "QUESTION_ANS validation without its questions");
        const QuestionAnsweringScores scores =
            evaluateQuestionAnswering(*s.setup.model, s.setup.data->validation, *s.setup.data->questionAnswering,
                                      s.setup.train.evalBatchSize, s.setup.padId);
        metrics.loss = metrics.tokenLoss = scores.loss;
        metrics.perplexity = -1;
        // transformers' run_qa names (squad: exact_match and f1, in percent)
        metrics.taskScores["eval_exact_match"] = scores.squad.exactMatch;
        metrics.taskScores["eval_f1"] = scores.squad.f1;
        return metrics;
    }
    if (classes.unit == ClassifiedUnit::Token && !classes.empty()) {
        const TokenClassificationScores scores = evaluateTokenClassification(
            *s.setup.model, s.setup.data->validation, classes, s.setup.train.evalBatchSize);
        metrics.loss = metrics.tokenLoss = scores.loss;
        metrics.perplexity = -1;
        metrics.taskScores["eval_accuracy"] = scores.entities.accuracy;
        if (scores.hasEntities) { // transformers' run_ner names: the overall entity scores
            metrics.taskScores["eval_precision"] = scores.entities.overall.precision;
            metrics.taskScores["eval_recall"] = scores.entities.overall.recall;
            metrics.taskScores["eval_f1"] = scores.entities.overall.f1;
        }
        return metrics;
    }
    if (!classes.empty()) {
        const ClassificationScores scores =
            evaluateClassification(*s.setup.model, s.setup.data->validation, classes, s.setup.train.evalBatchSize);
        metrics.loss = metrics.tokenLoss = scores.loss;
        metrics.perplexity = -1;
        const std::pair<const char*, double> named[] = {{"eval_accuracy", scores.accuracy},
                                                        {"eval_macro_f1", scores.macroF1},
                                                        {"eval_micro_f1", scores.microF1},
                                                        {"eval_mse", scores.mse}};
        for (const auto& [name, value] : named)
            if (value >= 0)
                metrics.taskScores[name] = value;
        if (!scores.confusion.empty()) {
            metrics.confusion = scores.confusion;
            metrics.classNames = classes.names;
        }
        return metrics;
    }
    PerplexityOptions options;
    options.batchSize = s.setup.train.evalBatchSize;
    const auto result = examplesPerplexity(*s.setup.model, s.setup.data->validation, s.setup.padId, options);
    metrics.loss = batchMeanLoss(result, s.setup.train.evalBatchSize);
    metrics.tokenLoss = result.loss;
    metrics.perplexity = result.perplexity;
    metrics.tokens = result.tokens;
    return metrics;
}

RunSummary Trainer::run(bool resume)
{
    auto& s = *m_state;
    const auto& cfg = s.setup.train;
    auto& model = *s.setup.model;
    applyThreadCount(cfg);
    torch::manual_seed(cfg.seed);
    const std::string checkpointsDir = (fs::path(s.setup.outputDir) / "checkpoints").string();

    if (!s.prepared) {
        const TrainingPlan& plan = s.setup.plan;
        s.paramNames = plan.names;
        s.params = plan.params;
        s.optimizer = std::make_unique<AdamW>(
            s.params, AdamWOptions{cfg.adamBeta1, cfg.adamBeta2, cfg.adamEpsilon, cfg.weightDecay}, plan.decays);
        s.totalSteps = plannedSteps(cfg, static_cast<int64_t>(s.setup.data->train.size()));
        s.warmupSteps = warmupStepsFor(cfg, s.totalSteps);
        s.prepared = true;
        s.log(trainableParametersLine(countParameters(model)));
    }

    if (resume) {
        const std::string dir = latestCheckpoint(checkpointsDir);
        LORAWB_CHECK(!dir.empty(), "--resume: no checkpoint in ", checkpointsDir,
                     "; run without --resume to start, or point --output at the run to continue.");
        CheckpointData data = loadCheckpoint(dir);
        LORAWB_CHECK(data.fingerprint == s.fingerprint(), dir, ": this checkpoint was written with other settings (",
                     data.fingerprint, ") than this run (", s.fingerprint(), "). Resume with the same experiment file.");
        std::map<std::string, at::Tensor> saved(data.trainable.begin(), data.trainable.end());
        torch::NoGradGuard noGrad;
        for (size_t i = 0; i < s.params.size(); ++i) {
            const auto it = saved.find(s.paramNames[i]);
            LORAWB_CHECK(it != saved.end() && it->second.sizes() == s.params[i].sizes(), dir, ": weight \"",
                         s.paramNames[i], "\" is missing or misshaped in the checkpoint.");
            s.params[i].copy_(it->second);
        }
        s.optimizer->loadStateTensors(data.optimizer, dir);
        at::Generator generator = at::detail::getDefaultCPUGenerator();
        generator.set_state(data.rngState);
        // The GPU's dropout draws from the CUDA generators; a checkpoint made on a GPU restores them there (resumed on
        // a CPU, or with fewer GPUs, the ones it has nothing for keep their seed).
        if (torch::cuda::is_available())
            for (size_t i = 0; i < data.cudaRngStates.size() &&
                               static_cast<int64_t>(i) < static_cast<int64_t>(torch::cuda::device_count());
                 ++i) {
                at::Generator cuda = at::globalContext().defaultGenerator(
                    c10::Device(c10::DeviceType::CUDA, static_cast<c10::DeviceIndex>(i))); // a handle: shares it
                cuda.set_state(data.cudaRngStates[i]);
            }
        s.position = data.position;
        s.log("resumed from " + dir + " at step " + std::to_string(s.position.step));
    }

    RunSummary summary;
    summary.totalSteps = s.totalSteps;
    summary.outputDir = s.setup.outputDir;
    // A classifier's (or an embedding model's) scores before training start its curves: the "before" of the run,
    // measured. A language model's step-0 loss is the forgetting probe's business.
    const bool scoresTask = !s.setup.lora.classes.empty() || s.setup.lora.taskType == TaskType::FeatureExtraction;
    if (scoresTask && s.position.step == 0 && cfg.evalEvery > 0) {
        const EvalMetrics before = evaluate();
        if (before.loss >= 0 && s.callbacks.onEval)
            s.callbacks.onEval(before);
    }
    StepRunner runner(model, s.params, s.setup.padId, cfg, s.setup.lora.classes, s.setup.contrastive);
    model.train();
    const auto start = std::chrono::steady_clock::now();
    const int64_t firstStep = s.position.step;
    int64_t lastCheckpointStep = resume ? s.position.step : -1;
    EvalMetrics lastEval;
    lastEval.loss = -1;
    int64_t lastEvalPointStep = resume ? s.position.step : -1; // a resumed run was measured at its checkpoint
    // transformers' logged loss: the mean of the step losses since the previous report.
    double lossSinceLog = 0;
    int64_t stepsSinceLog = 0;
    RunControl& control = *m_control;
    while (s.position.step < s.totalSteps && !control.stopRequested()) {
        while (control.paused() && !control.stopRequested())
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        if (control.stopRequested())
            break;
        const auto micro = s.nextStepMicroBatches();
        const double lr = cfg.learningRate * lrMultiplier(cfg.lrScheduler, s.position.step, s.warmupSteps, s.totalSteps);
        const auto stepStart = std::chrono::steady_clock::now();
        const StepResult result = runner.step(s.setup.data->train, micro, *s.optimizer, lr, s.position.step + 1);
        ++s.position.step;
        s.position.lastLoss = result.loss;
        s.position.lossSum += result.loss;
        lossSinceLog += result.loss;
        ++stepsSinceLog;

        StepMetrics m;
        m.step = s.position.step;
        m.totalSteps = s.totalSteps;
        const double batchesPerEpoch = std::max<size_t>(1, s.epochOrder.size());
        m.epoch = s.position.epoch + s.position.batchInEpoch / batchesPerEpoch;
        m.loss = result.loss;
        m.learningRate = lr;
        m.gradNorm = result.gradNorm;
        m.tokens = result.tokens;
        const auto now = std::chrono::steady_clock::now();
        const double stepSeconds = std::chrono::duration<double>(now - stepStart).count();
        m.elapsedSeconds = std::chrono::duration<double>(now - start).count();
        m.tokensPerSecond = stepSeconds > 0 ? result.tokens / stepSeconds : 0;
        m.etaSeconds = m.elapsedSeconds / (s.position.step - firstStep) * (s.totalSteps - s.position.step);
        summary.finalTrainLoss = result.loss;
        const bool last = s.position.step == s.totalSteps;
        if (cfg.logEvery <= 1 || s.position.step % cfg.logEvery == 0 || last) {
            m.loggedLoss = lossSinceLog / static_cast<double>(stepsSinceLog);
            lossSinceLog = 0;
            stepsSinceLog = 0;
            if (s.callbacks.onStep)
                s.callbacks.onStep(m);
        }
        if (cfg.evalEvery > 0 && s.position.step % cfg.evalEvery == 0) {
            lastEval = evaluate();
            if (lastEval.loss >= 0 && s.callbacks.onEval)
                s.callbacks.onEval(lastEval);
            if (s.callbacks.onEvalPoint)
                s.callbacks.onEvalPoint(s.position.step);
            lastEvalPointStep = s.position.step;
        }
        if (cfg.saveEvery > 0 && s.position.step % cfg.saveEvery == 0 && !last) {
            if (s.callbacks.beforeCheckpoint)
                s.callbacks.beforeCheckpoint();
            summary.checkpointDir = saveCheckpoint(checkpointsDir, s.checkpointData());
            lastCheckpointStep = s.position.step;
            pruneCheckpoints(checkpointsDir, s.setup.keepCheckpoints);
            if (s.callbacks.onCheckpoint)
                s.callbacks.onCheckpoint(summary.checkpointDir);
        }
    }
    summary.steps = s.position.step;
    if (s.position.step > 0)
        summary.meanTrainLoss = s.position.lossSum / static_cast<double>(s.position.step);
    summary.stopped = s.position.step < s.totalSteps;
    summary.stopReason = summary.stopped ? m_control->stopReason() : RunStopReason::None;

    if (lastEval.step != s.position.step || lastEval.loss < 0) {
        lastEval = evaluate();
        if (lastEval.loss >= 0 && s.callbacks.onEval)
            s.callbacks.onEval(lastEval);
    }
    if (s.callbacks.onEvalPoint && lastEvalPointStep != s.position.step)
        s.callbacks.onEvalPoint(s.position.step);
    summary.finalEvalLoss = lastEval.loss;
    summary.finalEvalTokenLoss = lastEval.loss >= 0 ? lastEval.tokenLoss : -1;
    if (s.position.step != lastCheckpointStep && s.position.step > 0) {
        if (s.callbacks.beforeCheckpoint)
            s.callbacks.beforeCheckpoint();
        summary.checkpointDir = saveCheckpoint(checkpointsDir, s.checkpointData());
        pruneCheckpoints(checkpointsDir, s.setup.keepCheckpoints);
        if (s.callbacks.onCheckpoint)
            s.callbacks.onCheckpoint(summary.checkpointDir);
    }
    model.eval();
    if (cfg.finetune == FinetuneMode::Full) {
        summary.exportKind = RunSummary::Export::Model;
        summary.exportDir = (fs::path(s.setup.outputDir) / "model").string();
        saveModelDirectory(model, summary.exportDir);
        // A model folder is only usable with its tokenizer: carry the base model's files along.
        for (const char* file : {"tokenizer.model", "tokenizer.json", "tokenizer_config.json", "generation_config.json",
                                 "special_tokens_map.json"}) {
            const fs::path from = fs::path(s.setup.modelDir) / file;
            if (!s.setup.modelDir.empty() && fs::is_regular_file(from))
                writeFileAtomically((fs::path(summary.exportDir) / file).string(), readWholeFile(from.string()));
        }
    } else {
        summary.exportDir = (fs::path(s.setup.outputDir) / "adapter").string();
        LoraConfig lora = s.setup.lora;
        lora.baseModelNameOrPath = s.setup.modelDir;
        AdapterCard card;
        card.facts = s.setup.cardFacts;
        card.facts["steps"] = std::to_string(summary.steps) + " of " + std::to_string(summary.totalSteps);
        card.facts["train loss (mean over the run)"] = std::to_string(summary.meanTrainLoss);
        card.facts["last step's train loss"] = std::to_string(summary.finalTrainLoss);
        if (summary.finalEvalLoss >= 0)
            card.facts["final validation loss (eval_loss)"] = std::to_string(summary.finalEvalLoss);
        card.facts["learning rate"] = std::to_string(cfg.learningRate);
        card.facts["seed"] = std::to_string(cfg.seed);
        saveAdapter(model, lora, summary.exportDir, card);
    }
    s.log((summary.stopped ? "stopped at step " : "finished at step ") + std::to_string(summary.steps) +
          "; wrote " + summary.exportDir);
    return summary;
}

void applyThreadCount(const TrainConfig& train)
{
    at::set_num_threads(train.threads > 0 ? train.threads
                                          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
}

} // namespace core
