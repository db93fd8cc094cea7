// The training loop: learning happens, resume is exact on CPU, stop is prompt, divergence and save failures are
// reported without losing the last checkpoint.
#include "common/ErrorCapture.h"
#include "common/FileSizeLimit.h"
#include "common/TinyModels.h"
#include "core/data/Example.h"
#include "core/io/Safetensors.h"
#include "core/lora/LoraInjector.h"
#include "core/model/ModelLoader.h"
#include "core/train/AdamW.h"
#include "core/train/Checkpoint.h"
#include "core/train/LrSchedule.h"
#include "core/train/RunControl.h"
#include "core/train/Trainer.h"
#include "core/train/WeightDecayRule.h"

#include <torch/torch.h>

#include "common/FileBytes.h"

#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

namespace {

// Vocabulary 48 covers countingData's ids (3 to 42). Weights scaled up to the size of trained ones: with a 32-wide
// model, the 0.02-std init leaves every signal so small that a low-rank update needs hundreds of steps to matter.
std::shared_ptr<core::CausalLm> tinyModel()
{
    auto model = testutil::randomModel(testutil::tinyConfig(/*vocabSize=*/48, /*maxPositions=*/64,
                                                            /*intermediateSize=*/64),
                                       7, /*matrixScale=*/6.0);
    testutil::freeze(*model);
    return model;
}

// Sequences with a learnable rule (each token is the previous + 1 mod 40), varying lengths, prompt masked.
std::shared_ptr<core::PreparedData> countingData(int n)
{
    auto data = std::make_shared<core::PreparedData>();
    for (int i = 0; i < n; ++i) {
        core::Example e;
        const int len = 6 + i % 5;
        for (int t = 0; t < len; ++t) {
            e.inputIds.push_back(3 + (i + t) % 40);
            e.labels.push_back(t < 2 ? core::kIgnoreIndex : e.inputIds.back());
        }
        e.recordIndex = i;
        (i % 5 == 4 ? data->validation : data->train).push_back(e);
    }
    return data;
}

core::TrainerSetup setupFor(const QString& outputDir, int64_t steps)
{
    core::TrainerSetup setup;
    setup.model = tinyModel();
    setup.lora.r = 4;
    setup.lora.loraAlpha = 8;
    setup.lora.loraDropout = 0.1; // dropout makes the RNG state part of what resume must restore
    setup.lora.targetModules.names = {"q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"};
    setup.train.maxSteps = steps;
    setup.train.batchSize = 4;
    setup.train.learningRate = 1e-2;
    setup.train.lrScheduler = core::LrScheduler::Cosine;
    setup.train.warmupSteps = 2;
    setup.train.threads = 1;
    setup.train.seed = 123;
    setup.data = countingData(60);
    setup.padId = 0;
    setup.outputDir = outputDir.toStdString();
    setup.modelDir = "tiny";
    return setup;
}

// The prepare phase the runner does before handing the setup to the trainer (inject LoRA with the final settings).
core::TrainerSetup prepared(core::TrainerSetup setup)
{
    setup.plan = core::prepareTraining(*setup.model, setup.lora, setup.train);
    return setup;
}

std::vector<double> runAndRecord(core::Trainer& trainer, bool resume, int64_t stopAfter = -1)
{
    std::vector<double> losses;
    core::TrainerCallbacks callbacks;
    callbacks.onStep = [&](const core::StepMetrics& m) {
        losses.push_back(m.loss);
        if (stopAfter > 0 && m.step == stopAfter)
            trainer.requestStop();
    };
    trainer.setCallbacks(callbacks);
    trainer.run(resume);
    return losses;
}

} // namespace

class TestTrainer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void lossFallsOnALearnableTask()
    {
        QTemporaryDir dir;
        auto setup = setupFor(dir.path(), 150);
        setup.train.learningRate = 1e-2;
        core::Trainer trainer(prepared(setup));
        double firstEval = -1, lastEval = -1;
        core::TrainerCallbacks callbacks;
        std::vector<double> losses;
        callbacks.onStep = [&](const core::StepMetrics& m) { losses.push_back(m.loss); };
        trainer.setCallbacks(callbacks);
        firstEval = trainer.evaluate().loss;
        const auto summary = trainer.run();
        lastEval = summary.finalEvalLoss;
        QCOMPARE(losses.size(), size_t(150));
        QVERIFY2(losses.back() < 0.7 * losses.front(), qPrintable(QString("first %1 last %2").arg(losses.front()).arg(losses.back())));
        QVERIFY(lastEval < firstEval);
        QVERIFY(std::filesystem::exists(summary.exportDir + "/adapter_model.safetensors"));
        QVERIFY(std::filesystem::exists(summary.exportDir + "/adapter_config.json"));
        QVERIFY(!summary.stopped);
    }

    void fullFineTuningTrainsEveryWeight()
    {
        QTemporaryDir dir;
        auto setup = setupFor(dir.path(), 150);
        setup.train.finetune = core::FinetuneMode::Full;
        setup.train.learningRate = 3e-3;
        QTemporaryDir base; // the base model's folder: its tokenizer must travel with the trained model
        setup.modelDir = base.path().toStdString();
        testutil::writeBytes(base.filePath("tokenizer.model"), QByteArray("tokenizer bytes"));
        core::Trainer trainer(prepared(setup));
        std::vector<double> losses;
        core::TrainerCallbacks callbacks;
        callbacks.onStep = [&](const core::StepMetrics& m) { losses.push_back(m.loss); };
        trainer.setCallbacks(callbacks);
        const auto summary = trainer.run();
        QVERIFY2(losses.back() < 0.5 * losses.front(), qPrintable(QString("first %1 last %2").arg(losses.front()).arg(losses.back())));
        QVERIFY(std::filesystem::exists(summary.exportDir + "/model.safetensors"));
        QCOMPARE(testutil::readBytes(summary.exportDir + "/tokenizer.model"), std::string("tokenizer bytes"));
        QVERIFY(core::loraLayers(*setup.model).empty());
    }

    void resumeRepeatsTheStraightRunExactly_data()
    {
        QTest::addColumn<QString>("init");
        // PiSSA's randomized SVD and OLoRA rewrite the base: a restart must take the same residual again.
        for (const char* init : {"true", "pissa_niter_2", "olora"})
            QTest::newRow(init) << QString(init);
    }

    void resumeRepeatsTheStraightRunExactly()
    {
        QFETCH(QString, init);
        auto setupWith = [&](const QString& dir) {
            auto setup = setupFor(dir, 12);
            core::parseInitLoraWeights(init.toStdString(), "test", setup.lora.initLoraWeights, setup.lora.initNiter);
            return prepared(setup);
        };
        QTemporaryDir straightDir, splitDir;
        core::Trainer straight(setupWith(straightDir.path()));
        const auto expected = runAndRecord(straight, false);
        QCOMPARE(expected.size(), size_t(12));

        {
            core::Trainer first(setupWith(splitDir.path()));
            const auto part = runAndRecord(first, false, /*stopAfter=*/6);
            QCOMPARE(part.size(), size_t(6));
        }
        core::Trainer second(setupWith(splitDir.path())); // a fresh model, as after a restart
        const auto rest = runAndRecord(second, true);
        QCOMPARE(rest.size(), size_t(6));
        for (size_t i = 0; i < 6; ++i)
            QVERIFY2(std::abs(rest[i] - expected[6 + i]) <= 1e-6,
                     qPrintable(QString("step %1: %2 vs %3").arg(7 + i).arg(rest[i]).arg(expected[6 + i])));
    }

    void stopTakesEffectWithinOneStepAndKeepsACheckpoint()
    {
        QTemporaryDir dir;
        core::Trainer trainer(prepared(setupFor(dir.path(), 50)));
        const auto losses = runAndRecord(trainer, false, /*stopAfter=*/3);
        QCOMPARE(losses.size(), size_t(3));
        const std::string latest = core::latestCheckpoint(dir.path().toStdString() + "/checkpoints");
        QVERIFY(latest.find("step-000003") != std::string::npos);
        QVERIFY(std::filesystem::exists(latest + "/optimizer.safetensors"));
    }

    // The button's owner holds the RunControl; another thread (the GUI's, a signal handler's) sets it while the loop
    // runs on this one. The loop sees it before its next step and leaves a checkpoint and the adapter.
    void stopFromAnotherThreadLandsWithinOneStep()
    {
        QTemporaryDir dir;
        core::RunControl control;
        core::Trainer trainer(prepared(setupFor(dir.path(), 100000)), &control);
        std::atomic<int64_t> lastStep{0};
        core::TrainerCallbacks callbacks;
        callbacks.onStep = [&](const core::StepMetrics& m) { lastStep.store(m.step); };
        trainer.setCallbacks(callbacks);
        int64_t stepWhenStopped = -1;
        std::thread button([&] {
            while (lastStep.load() < 3)
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            stepWhenStopped = lastStep.load();
            control.requestStop();
        });
        const core::RunSummary summary = trainer.run();
        button.join();
        QVERIFY(summary.stopped);
        QCOMPARE(summary.stopReason, core::RunStopReason::Requested);
        // At most the step that was already running when the flag was set.
        QVERIFY2(summary.steps >= stepWhenStopped && summary.steps <= stepWhenStopped + 1,
                 qPrintable(QString("stopped at %1, asked at %2").arg(summary.steps).arg(stepWhenStopped)));
        QVERIFY(std::filesystem::exists(summary.checkpointDir));
        QCOMPARE(core::latestCheckpointStep(dir.path().toStdString() + "/checkpoints"), summary.steps);
        QVERIFY(std::filesystem::exists(summary.exportDir + "/adapter_model.safetensors"));
        QCOMPARE(summary.exportKind, core::RunSummary::Export::Adapter);
    }

    void pauseFromAnotherThreadHoldsTheLoop()
    {
        QTemporaryDir dir;
        core::RunControl control;
        core::Trainer trainer(prepared(setupFor(dir.path(), 100000)), &control);
        std::atomic<int64_t> lastStep{0};
        core::TrainerCallbacks callbacks;
        callbacks.onStep = [&](const core::StepMetrics& m) { lastStep.store(m.step); };
        trainer.setCallbacks(callbacks);
        int64_t atPause = -1, afterWaiting = -1;
        std::thread button([&] {
            while (lastStep.load() < 2)
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            control.setPaused(true);
            std::this_thread::sleep_for(std::chrono::milliseconds(200)); // the step under way ends
            atPause = lastStep.load();
            std::this_thread::sleep_for(std::chrono::milliseconds(500));
            afterWaiting = lastStep.load();
            control.setPaused(false);
            while (lastStep.load() < afterWaiting + 2)
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            control.requestStop(core::RunStopReason::Interrupted);
            control.requestStop(core::RunStopReason::Requested); // the first reason is the one reported
        });
        const core::RunSummary summary = trainer.run();
        button.join();
        QCOMPARE(afterWaiting, atPause); // no step while paused
        QVERIFY(summary.steps >= atPause + 2);
        QCOMPARE(summary.stopReason, core::RunStopReason::Interrupted);
        control.reset();
        QVERIFY(!control.stopRequested());
        QVERIFY(!control.paused());
    }

    void divergenceNamesTheStepAndSuggestsALowerRate()
    {
        QTemporaryDir dir;
        auto setup = setupFor(dir.path(), 20);
        setup.train.learningRate = 1e30;
        setup.train.maxGradNorm = 0;
        setup.train.warmupSteps = 0;
        setup.train.lrScheduler = core::LrScheduler::Constant;
        core::Trainer trainer(prepared(setup));
        testutil::expectError([&] { trainer.run(); }, {"diverged at step", "learning_rate"});
    }

    void gradientAccumulationMatchesOneBigBatch()
    {
        // 2 micro-batches of 2 == 1 batch of 4 when the loss is normalised over the whole step's tokens.
        auto losses = [](int batch, int accum) {
            QTemporaryDir dir;
            auto setup = setupFor(dir.path(), 3);
            setup.lora.loraDropout = 0;
            setup.train.batchSize = batch;
            setup.train.gradientAccumulationSteps = accum;
            setup.train.lrScheduler = core::LrScheduler::Constant;
            setup.train.warmupSteps = 0;
            auto data = std::make_shared<core::PreparedData>(*setup.data);
            data->train.resize(4); // one optimizer step per epoch either way
            setup.data = data;
            core::Trainer trainer(prepared(setup));
            return runAndRecord(trainer, false);
        };
        const auto big = losses(4, 1);
        QCOMPARE(big.size(), size_t(3));
        // Batches in one epoch are the same 4 examples, so the step losses must agree.
        const auto accumulated = losses(2, 2);
        QCOMPARE(accumulated.size(), size_t(3));
        for (size_t i = 0; i < big.size(); ++i)
            QVERIFY2(std::abs(big[i] - accumulated[i]) < 1e-5, qPrintable(QString("%1 vs %2").arg(big[i]).arg(accumulated[i])));
    }

    void accumulationGroupsEndWithTheEpochAsInTransformers()
    {
        // 3 micro-batches per epoch, accumulation 2, 2 epochs: transformers' Trainer makes ceil(3/2) = 2 steps per
        // epoch (the second takes the one leftover micro-batch), 4 in all; never a group across the epoch boundary.
        QTemporaryDir dir;
        auto setup = setupFor(dir.path(), 0);
        setup.train.maxSteps = 0;
        setup.train.epochs = 2;
        setup.train.batchSize = 1;
        setup.train.gradientAccumulationSteps = 2;
        auto data = std::make_shared<core::PreparedData>(*setup.data);
        data->train.resize(3);
        setup.data = data;
        setup.order.shuffle = false;
        QCOMPARE(core::plannedSteps(setup.train, 3), int64_t(4));
        core::Trainer trainer(prepared(setup));
        std::vector<core::StepMetrics> steps;
        core::TrainerCallbacks callbacks;
        callbacks.onStep = [&](const core::StepMetrics& m) { steps.push_back(m); };
        trainer.setCallbacks(callbacks);
        const auto summary = trainer.run();
        QCOMPARE(summary.steps, int64_t(4));
        QCOMPARE(steps.size(), size_t(4));
        QCOMPARE(steps[1].epoch, 1.0); // the epoch ends with step 2
        QCOMPARE(steps[3].epoch, 2.0);
        auto tokensOf = [&](std::initializer_list<int> indices) {
            int64_t n = 0;
            for (int i : indices)
                n += static_cast<int64_t>(data->train[size_t(i)].inputIds.size());
            return n;
        };
        // In file order: steps 1 and 3 hold examples 0 and 1, steps 2 and 4 the leftover example 2.
        QCOMPARE(steps[0].tokens, tokensOf({0, 1}));
        QCOMPARE(steps[1].tokens, tokensOf({2}));
        QCOMPARE(steps[2].tokens, tokensOf({0, 1}));
        QCOMPARE(steps[3].tokens, tokensOf({2}));
        // Fractional epochs round the step count up, as transformers does (ceil(1.5 * 2) = 3).
        setup.train.epochs = 1.5;
        QCOMPARE(core::plannedSteps(setup.train, 3), int64_t(3));
    }

    void loggedLossAndTrainLossAreTransformers()
    {
        // log_every 3: each report's loss is the mean of the steps since the previous one (transformers' logged
        // "loss"); train_loss is the mean of every step, also across a resume.
        QTemporaryDir straightDir, splitDir;
        auto setup = setupFor(straightDir.path(), 8);
        setup.train.logEvery = 3;
        std::vector<core::StepMetrics> reports;
        std::vector<double> all;
        core::Trainer straight(prepared(setup));
        core::TrainerCallbacks callbacks;
        callbacks.onStep = [&](const core::StepMetrics& m) { reports.push_back(m); };
        straight.setCallbacks(callbacks);
        const auto summary = straight.run();
        QCOMPARE(reports.size(), size_t(3)); // steps 3, 6 and the last, 8
        QCOMPARE(reports.back().step, int64_t(8));

        auto every = setupFor(splitDir.path(), 8); // the same run, every step reported, stopped and resumed
        {
            core::Trainer first(prepared(every));
            all = runAndRecord(first, false, /*stopAfter=*/5);
        }
        core::Trainer second(prepared(every));
        core::TrainerCallbacks record;
        record.onStep = [&](const core::StepMetrics& m) { all.push_back(m.loss); };
        second.setCallbacks(record);
        const auto resumed = second.run(/*resume=*/true);
        QCOMPARE(all.size(), size_t(8));
        auto meanOf = [&](size_t from, size_t to) {
            double s = 0;
            for (size_t i = from; i < to; ++i)
                s += all[i];
            return s / static_cast<double>(to - from);
        };
        QVERIFY(std::abs(reports[0].loggedLoss - meanOf(0, 3)) < 1e-6);
        QVERIFY(std::abs(reports[1].loggedLoss - meanOf(3, 6)) < 1e-6);
        QVERIFY(std::abs(reports[2].loggedLoss - meanOf(6, 8)) < 1e-6);
        QVERIFY(std::abs(reports[2].loss - all[7]) < 1e-6); // the step's own loss stays beside it
        QVERIFY(std::abs(summary.meanTrainLoss - meanOf(0, 8)) < 1e-6);
        QVERIFY(std::abs(resumed.meanTrainLoss - meanOf(0, 8)) < 1e-6); // the steps before the resume count too
        QVERIFY(std::abs(summary.finalTrainLoss - all[7]) < 1e-6);
    }

    void checkpointsKeepEveryGeneratorStateAndTheLossSum()
    {
        // A GPU run's dropout draws from the CUDA generators: their states travel with the CPU one (written here by
        // hand, as this machine may have no GPU), and the loss sum that keeps train_loss a whole-run mean.
        QTemporaryDir dir;
        core::CheckpointData data;
        data.position.step = 7;
        data.position.lossSum = 12.5;
        data.trainable = {{"w", torch::ones({2, 2})}};
        data.rngState = at::detail::getDefaultCPUGenerator().get_state();
        for (int i = 0; i < 3; ++i)
            data.cudaRngStates.push_back(torch::full({16}, i + 1, torch::kUInt8));
        const std::string saved = core::saveCheckpoint(dir.path().toStdString(), data);
        const auto back = core::loadCheckpoint(saved);
        QVERIFY(torch::equal(back.rngState, data.rngState));
        QCOMPARE(back.cudaRngStates.size(), size_t(3));
        for (int i = 0; i < 3; ++i)
            QVERIFY(torch::equal(back.cudaRngStates[size_t(i)], data.cudaRngStates[size_t(i)]));
        QCOMPARE(back.position.lossSum, 12.5);
        // Without the CPU state the checkpoint cannot reproduce its run: refused, naming the file.
        core::saveSafetensors(saved + "/rng.safetensors", {{"cuda_generator_0", data.cudaRngStates[0]}});
        const QString message = testutil::errorOf([&] { core::loadCheckpoint(saved); });
        QVERIFY2(message.contains("rng.safetensors") && message.contains("cpu_generator"), qPrintable(message));
    }

    // Found by fuzzing in CI (UBSan): "step": 4e50 went through nlohmann's get<int64_t>, a cast out of range
    // (undefined behaviour). A step that is not a whole number in range is a message naming the file and the field.
    void checkpointStepThatIsNotAWholeNumberIsRefused()
    {
        QTemporaryDir dir;
        core::CheckpointData data;
        data.position.step = 3;
        data.trainable = {{"w", torch::ones({2})}};
        data.rngState = at::detail::getDefaultCPUGenerator().get_state();
        const std::string saved = core::saveCheckpoint(dir.path().toStdString(), data);
        for (const char* step : {"4e50", "2.5", "-1e300", "\"3\""}) {
            testutil::writeBytes(saved + "/trainer_state.json",
                                 std::string("{\"step\": ") + step + ", \"epoch\": 0, \"batch_in_epoch\": 3}");
            const QString message = testutil::errorOf([&] { core::loadCheckpoint(saved); });
            QVERIFY2(message.contains("trainer_state.json") && message.contains("step"), qPrintable(message));
        }
        testutil::writeBytes(saved + "/trainer_state.json", "{\"step\": 3.0, \"epoch\": 0, \"batch_in_epoch\": 3}");
        QCOMPARE(core::loadCheckpoint(saved).position.step, int64_t(3)); // a whole float is a whole number
    }

    void failedCheckpointSaveKeepsThePreviousOne()
    {
        QTemporaryDir dir;
        auto setup = setupFor(dir.path(), 4);
        core::Trainer trainer(prepared(setup));
        runAndRecord(trainer, false, /*stopAfter=*/2);
        const std::string checkpoints = dir.path().toStdString() + "/checkpoints";
        const std::string before = core::latestCheckpoint(checkpoints);
        QVERIFY(!before.empty());
        const auto sizeBefore = std::filesystem::file_size(before + "/trainable.safetensors");

        // A "full disk": no file may grow past 64 bytes.
        QString message;
        {
            testutil::FileSizeLimit limit(64);
            message = testutil::errorOf([&] {
                core::Trainer again(prepared(setupFor(dir.path(), 4)));
                runAndRecord(again, true);
            });
        }
        QVERIFY(!message.isEmpty());
        QVERIFY2(message.contains(QString::fromStdString(checkpoints)) || message.contains(dir.path()),
                 qPrintable(message));
        QCOMPARE(core::latestCheckpoint(checkpoints), before);
        QCOMPARE(std::filesystem::file_size(before + "/trainable.safetensors"), sizeBefore);
        // And the kept checkpoint still resumes.
        core::Trainer resumed(prepared(setupFor(dir.path(), 4)));
        QCOMPARE(runAndRecord(resumed, true).size(), size_t(2));
    }

    void resumeWithoutACheckpointIsAnError()
    {
        QTemporaryDir dir;
        core::Trainer trainer(prepared(setupFor(dir.path(), 4)));
        QVERIFY_THROWS_EXCEPTION(core::Error, trainer.run(/*resume=*/true));
    }

    void schedulesFollowTransformers()
    {
        using core::LrScheduler;
        QCOMPARE(core::lrMultiplier(LrScheduler::Linear, 0, 10, 110), 0.0);
        QCOMPARE(core::lrMultiplier(LrScheduler::Linear, 5, 10, 110), 0.5);
        QCOMPARE(core::lrMultiplier(LrScheduler::Linear, 10, 10, 110), 1.0);
        QCOMPARE(core::lrMultiplier(LrScheduler::Linear, 60, 10, 110), 0.5);
        QCOMPARE(core::lrMultiplier(LrScheduler::Constant, 60, 10, 110), 1.0);
        // transformers: "constant" ignores warmup, "constant_with_warmup" ramps.
        QCOMPARE(core::lrMultiplier(LrScheduler::Constant, 0, 10, 110), 1.0);
        QCOMPARE(core::lrMultiplier(LrScheduler::ConstantWithWarmup, 5, 10, 110), 0.5);
        QCOMPARE(core::lrMultiplier(LrScheduler::ConstantWithWarmup, 60, 10, 110), 1.0);
        QVERIFY(std::abs(core::lrMultiplier(LrScheduler::Cosine, 60, 10, 110) - 0.5) < 1e-12);
        QVERIFY(std::abs(core::lrMultiplier(LrScheduler::Cosine, 110, 10, 110)) < 1e-12);
        core::TrainConfig cfg;
        cfg.warmupRatio = 0.1;
        QCOMPARE(core::warmupStepsFor(cfg, 95), int64_t(10));
    }

    void weightDecaySparesBiasesAndNormsAsTransformersDoes()
    {
        // transformers' get_decay_parameter_names on the same names.
        QVERIFY(core::takesWeightDecay("model.layers.0.self_attn.q_proj.lora_A.weight"));
        QVERIFY(core::takesWeightDecay("model.layers.0.mlp.gate_proj.weight"));
        QVERIFY(core::takesWeightDecay("model.embed_tokens.weight"));
        QVERIFY(core::takesWeightDecay("lm_head.weight"));
        QVERIFY(!core::takesWeightDecay("model.layers.0.self_attn.q_proj.base_layer.bias"));
        QVERIFY(!core::takesWeightDecay("model.layers.0.input_layernorm.weight"));
        QVERIFY(!core::takesWeightDecay("model.layers.1.post_attention_layernorm.weight"));
        QVERIFY(!core::takesWeightDecay("model.norm.weight"));
        QVERIFY(!core::takesWeightDecay("model.layers.0.self_attn.q_norm.weight"));

        // AdamW applies decay only where told: with a zero gradient only the decay moves a weight.
        auto decayed = torch::ones({3}).requires_grad_(true);
        auto exempt = torch::ones({3}).requires_grad_(true);
        decayed.mutable_grad() = torch::zeros({3});
        exempt.mutable_grad() = torch::zeros({3});
        core::AdamWOptions options;
        options.weightDecay = 0.5;
        core::AdamW optimizer({decayed, exempt}, options, {true, false});
        optimizer.step(0.1);
        QVERIFY(torch::allclose(decayed, torch::full({3}, 0.95)));
        QVERIFY(torch::equal(exempt, torch::ones({3})));
    }
};

QTEST_APPLESS_MAIN(TestTrainer)
#include "test_trainer.moc"
