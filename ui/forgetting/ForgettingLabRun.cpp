#include "ui/forgetting/ForgettingLabRun.h"

#include "core/common/Error.h"
#include "core/history/RunDatabase.h"
#include "core/run/ExperimentRunner.h"
#include "ui/common/ErrorText.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QThread>

#include <algorithm>

namespace ui {

std::vector<ForgettingLabRun> labRuns(core::ExperimentConfig cfg, bool lora, bool full, const std::vector<int>& ranks,
                                      const QString& runsFolder)
{
    LORAWB_CHECK(lora || full || !ranks.empty(),
                 QCoreApplication::translate("ui::ForgettingLabPanel", "Forgetting lab: nothing to compare; tick LoRA, "
                                                                       "full fine-tuning or LoRA at other ranks.")
                     .toStdString());
    // Leave a core to the window so that it stays responsive on small machines (as the training tab does).
    if (cfg.train.threads == 0 && cfg.train.device == "cpu")
        cfg.train.threads = std::max(1, QThread::idealThreadCount() - 1);
    const QString name = cfg.name.empty() ? QStringLiteral("forgetting") : QString::fromStdString(cfg.name);
    cfg.outputDir = QDir(runsFolder)
                        .filePath(name + QLatin1Char('-') + QDateTime::currentDateTime().toString("yyyyMMdd-HHmmss-zzz"))
                        .toStdString();
    std::vector<core::ExperimentConfig> configs = core::comparisonRuns(cfg, full, ranks);
    // The first run is the experiment's own LoRA; without "LoRA" it goes, unless a listed rank asks for it.
    if (!lora && std::find(ranks.begin(), ranks.end(), cfg.lora.r) == ranks.end())
        configs.erase(configs.begin());
    std::vector<ForgettingLabRun> runs;
    for (const core::ExperimentConfig& c : configs) {
        ForgettingLabRun run;
        run.cfg = c;
        run.lora = c.train.finetune == core::FinetuneMode::Lora;
        // The names ComparisonPoint gives the runs (data, English): runDisplayName() shows them in the user's language.
        run.label = run.lora ? QStringLiteral("LoRA r=%1").arg(c.lora.r) : QStringLiteral("full fine-tuning");
        runs.push_back(std::move(run));
    }
    return runs;
}

void completeLabRun(ForgettingLabRun& run, const QString& databasePath, const std::string& trainedTask)
{
    core::RunRecord record;
    bool found = false;
    if (run.runId != 0 && !databasePath.isEmpty()) {
        try {
            core::RunDatabase db(databasePath.toStdString());
            if (auto stored = db.run(run.runId)) {
                record = *stored;
                found = true;
            }
        } catch (...) {
            qWarning("forgetting lab: %s", qPrintable(describeException(std::current_exception()).message));
        }
    }
    if (!found) { // the same names the runner records, from what the worker reported
        record.id = run.runId;
        record.finetune = run.lora ? "lora" : "full";
        record.r = run.lora ? run.cfg.lora.r : 0;
        if (run.base)
            for (const auto& [name, value] : core::probeMetrics(*run.base, "base_"))
                record.finals[name] = value;
        if (run.on)
            for (const auto& [name, value] : core::probeMetrics(*run.on))
                record.finals[name] = value;
    }
    run.point = core::comparisonPoint(record, trainedTask);
    run.allParams = record.allParams;
}

std::vector<ExplainedRun> explainedRuns(const std::vector<ForgettingLabRun>& runs)
{
    std::vector<ExplainedRun> out;
    for (const ForgettingLabRun& run : runs) {
        if (!run.point || run.failed)
            continue;
        ExplainedRun e;
        e.point = *run.point;
        e.allParams = run.allParams;
        e.stopped = run.summary.stopped;
        e.steps = run.summary.steps;
        e.totalSteps = run.summary.totalSteps;
        out.push_back(e);
    }
    return out;
}

} // namespace ui
