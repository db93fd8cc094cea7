// TrainConfig: each validation error names the train.* field and the value; scheduler spellings.
#include "common/ErrorCapture.h"
#include "core/train/TrainConfig.h"

#include <QtTest>

#include <functional>

namespace {

using testutil::expectError;

void expectInvalid(const std::function<void(core::TrainConfig&)>& change, const QStringList& parts)
{
    core::TrainConfig cfg;
    change(cfg);
    expectError([&] { cfg.validate(); }, parts);
}

} // namespace

class TestTrainConfig : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void defaultsAreValid()
    {
        core::TrainConfig cfg;
        cfg.validate();
        QCOMPARE(cfg.batchSize, 8);
    }

    void batchSizeZero() { expectInvalid([](auto& c) { c.batchSize = 0; }, {"train.batch_size", "got 0"}); }
    void learningRateZero() { expectInvalid([](auto& c) { c.learningRate = 0; }, {"train.learning_rate", "got 0"}); }
    void learningRateNegative()
    {
        expectInvalid([](auto& c) { c.learningRate = -1e-4; }, {"train.learning_rate", "positive"});
    }
    void warmupNegative() { expectInvalid([](auto& c) { c.warmupSteps = -1; }, {"train.warmup_steps", "got -1"}); }
    void warmupRatioAboveOne()
    {
        expectInvalid([](auto& c) { c.warmupRatio = 1.5; }, {"train.warmup_ratio", "got 1.5"});
    }
    void maxStepsNegative() { expectInvalid([](auto& c) { c.maxSteps = -5; }, {"train.max_steps", "got -5"}); }
    void epochsZeroWithoutMaxSteps()
    {
        expectInvalid([](auto& c) { c.maxSteps = 0; c.epochs = 0; }, {"train.epochs", "max_steps", "got 0"});
    }
    void epochsBeyondAMillionAreRefused() // 1e300 × batches would not fit the step count's integer
    {
        expectInvalid([](auto& c) { c.maxSteps = 0; c.epochs = 1e300; }, {"train.epochs", "at most 1000000", "max_steps"});
    }
    void epochsZeroWithMaxStepsIsFine()
    {
        core::TrainConfig cfg;
        cfg.maxSteps = 10;
        cfg.epochs = 0;
        cfg.validate();
        QCOMPARE(cfg.maxSteps, int64_t(10));
    }
    void gradientAccumulationZero()
    {
        expectInvalid([](auto& c) { c.gradientAccumulationSteps = 0; }, {"train.gradient_accumulation_steps", "got 0"});
    }
    void adamBetaOne() { expectInvalid([](auto& c) { c.adamBeta2 = 1.0; }, {"train.adam_beta2", "got 1"}); }
    void adamEpsilonZero() { expectInvalid([](auto& c) { c.adamEpsilon = 0; }, {"train.adam_epsilon"}); }
    void gradNormNegative() { expectInvalid([](auto& c) { c.maxGradNorm = -1; }, {"train.max_grad_norm"}); }
    void weightDecayNegative() { expectInvalid([](auto& c) { c.weightDecay = -0.1; }, {"train.weight_decay"}); }
    void logEveryZero() { expectInvalid([](auto& c) { c.logEvery = 0; }, {"train.log_every", "got 0"}); }
    void threadsNegative() { expectInvalid([](auto& c) { c.threads = -2; }, {"train.threads", "got -2"}); }

    void devices()
    {
        for (const char* ok : {"auto", "cpu", "cuda", "cuda:0", "cuda:12"}) {
            core::TrainConfig cfg;
            cfg.device = ok;
            cfg.validate();
        }
        for (const char* bad : {"gpu", "cuda:", "cuda:x", "CUDA", "cuda:-1", "mps"})
            expectInvalid([bad](auto& c) { c.device = bad; }, {"train.device", bad, "auto, cpu, cuda, cuda:N"});
    }

    void dtypes()
    {
        for (const char* ok : {"auto", "float32", "bfloat16", "float16"}) {
            core::TrainConfig cfg;
            cfg.dtype = ok;
            cfg.validate();
        }
        expectInvalid([](auto& c) { c.dtype = "fp16"; }, {"train.dtype", "'fp16'", "float16"});
    }

    void schedulerSpellings()
    {
        for (auto s : {core::LrScheduler::Constant, core::LrScheduler::Linear, core::LrScheduler::Cosine,
                       core::LrScheduler::ConstantWithWarmup})
            QVERIFY(core::parseLrScheduler(core::toString(s)) == s);
        QCOMPARE(QString::fromStdString(core::toString(core::LrScheduler::Cosine)), QString("cosine"));
        expectError([] { core::parseLrScheduler("cosine_with_restarts"); },
                    {"train.lr_scheduler", "'cosine_with_restarts'", "constant, linear, cosine"});
    }
};

QTEST_APPLESS_MAIN(TestTrainConfig)
#include "test_train_config.moc"
