#include "ui/TrainingWorker.h"

#include "core/common/Error.h"
#include "core/data/PreparedData.h"
#include "core/model/ModelLoader.h"
#include "core/tokenizer/Tokenizer.h"
#include "core/train/Trainer.h"
#include "ui/ErrorText.h"

#include <QDateTime>

namespace ui {

TrainingWorker::TrainingWorker(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<core::StepMetrics>();
    qRegisterMetaType<core::EvalMetrics>();
    qRegisterMetaType<core::RunSummary>();
    qRegisterMetaType<QList<core::StepMetrics>>();
}

TrainingWorker::~TrainingWorker() = default;

void TrainingWorker::requestStop()
{
    m_stop.store(true);
    std::lock_guard<std::mutex> lock(m_trainerMutex);
    if (m_trainer)
        m_trainer->requestStop();
}

void TrainingWorker::setPaused(bool paused)
{
    m_paused.store(paused);
    std::lock_guard<std::mutex> lock(m_trainerMutex);
    if (m_trainer)
        m_trainer->setPaused(paused);
}

void TrainingWorker::flushSteps(bool force)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_pending.isEmpty() || (!force && now - m_lastFlushMs < m_throttleMs))
        return;
    m_lastFlushMs = now;
    Q_EMIT stepsReady(m_pending);
    m_pending.clear();
}

void TrainingWorker::run(const core::ExperimentConfig& cfg, bool resume)
{
    m_running.store(true);
    m_pending.clear();
    m_lastFlushMs = 0;
    try {
        core::validateExperiment(cfg);
        Q_EMIT phase(tr("Loading the model…"));
        core::LoadOptions options;
        options.device = cfg.train.device;
        options.dtype = cfg.train.dtype;
        core::LoadedModel loaded = core::loadModel(cfg.model, options);
        LORAWB_CHECK(loaded.tokenizer, cfg.model, ": no tokenizer.model; a model for training needs its tokenizer.");
        Q_EMIT phase(tr("Preparing the data…"));
        auto data = std::make_shared<core::PreparedData>(core::prepareData(cfg.data, *loaded.tokenizer));
        Q_EMIT logLine(tr("%1 training and %2 validation examples").arg(data->train.size()).arg(data->validation.size()));

        core::TrainerSetup setup;
        setup.model = loaded.model;
        setup.lora = cfg.lora;
        setup.train = cfg.train;
        setup.data = data;
        const int pad = loaded.tokenizer->padId() >= 0 ? loaded.tokenizer->padId() : loaded.tokenizer->eosId();
        setup.padId = pad >= 0 ? pad : 0;
        setup.outputDir = cfg.outputDir;
        setup.modelDir = cfg.model;
        setup.groupByLength = cfg.data.groupByLength;
        core::Trainer trainer(std::move(setup));
        core::TrainerCallbacks callbacks;
        callbacks.onStep = [this](const core::StepMetrics& m) {
            m_pending.append(m);
            flushSteps(m.step >= m.totalSteps);
        };
        callbacks.onEval = [this](const core::EvalMetrics& m) {
            flushSteps(true);
            Q_EMIT evalReady(m);
        };
        callbacks.onLog = [this](const std::string& line) { Q_EMIT logLine(QString::fromStdString(line)); };
        callbacks.onCheckpoint = [this](const std::string& path) {
            Q_EMIT checkpointWritten(QString::fromStdString(path));
        };
        trainer.setCallbacks(std::move(callbacks));
        {
            std::lock_guard<std::mutex> lock(m_trainerMutex);
            m_trainer = &trainer;
            trainer.setPaused(m_paused.load());
            if (m_stop.load())
                trainer.requestStop();
        }
        Q_EMIT phase(resume ? tr("Resuming…") : tr("Training…"));
        core::RunSummary summary;
        try {
            summary = trainer.run(resume);
        } catch (...) {
            std::lock_guard<std::mutex> lock(m_trainerMutex);
            m_trainer = nullptr;
            throw;
        }
        {
            std::lock_guard<std::mutex> lock(m_trainerMutex);
            m_trainer = nullptr;
        }
        flushSteps(true);
        m_running.store(false);
        Q_EMIT finished(summary);
    } catch (...) {
        flushSteps(true);
        const ErrorText error = describeException(std::current_exception());
        m_running.store(false);
        Q_EMIT failed(error.message, error.detail);
    }
}

} // namespace ui
