// SweepPanel, running: Start, Cancel and Resume, the history's resumable sweeps, and what the worker reports.
#include "ui/sweeps/SweepPanel.h"

#include "core/history/RunDatabase.h"
#include "core/io/AtomicFile.h"
#include "ui/common/ErrorText.h"
#include "ui/sweeps/SweepGridForm.h"
#include "ui/sweeps/SweepLossPlot.h"
#include "ui/sweeps/SweepQueueTable.h"
#include "ui/workers/SweepWorker.h"

#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTimer>

namespace ui {

bool SweepPanel::startSweep()
{
    if (m_running)
        return false;
    QString file = m_customPath;
    if (!isCustomFile()) {
        file = QDir(QFileInfo(m_form->grid().outputDir).absoluteFilePath()).filePath(QStringLiteral("sweep.yaml"));
        if (!writeSweepFile(file))
            return false;
    }
    try {
        launch(file, core::loadSweep(file.toStdString()));
    } catch (const std::exception&) {
        showError(describeException(std::current_exception()).message);
        return false;
    }
    return true;
}

void SweepPanel::cancelSweep()
{
    if (!m_running)
        return;
    m_worker->requestStop(); // atomic: the running run sees it before its next step
    setStatus([] { return tr("Stopping after this step…"); });
}

bool SweepPanel::resumeSweep(qint64 id)
{
    if (m_running)
        return false;
    if (id == 0)
        id = m_resumeCombo->currentData().toLongLong();
    try {
        std::optional<core::SweepRecord> record = core::RunDatabase(m_databasePath.toStdString()).sweep(id);
        if (!record) {
            showError([id, database = m_databasePath] {
                return tr("Sweep %1 is not in the run history %2; pick one from the list.").arg(id).arg(database);
            });
            return false;
        }
        QString file = QFileInfo(QString::fromStdString(record->specPath)).absoluteFilePath();
        if (!QFileInfo::exists(file)) { // the history kept the file's text
            core::ensureDirectory(QFileInfo(file).absolutePath().toStdString());
            core::writeFileAtomically(file.toStdString(), record->specYaml);
            appendLog(tr("Restored %1 from the run history").arg(QDir::toNativeSeparators(file)));
        }
        core::SweepSpec spec = core::loadSweep(file.toStdString());
        if (spec.hash != record->specHash) {
            // The file now holds another sweep (edited, or a newer sweep written over it): run the recorded text
            // from a file of its own beside it, so that relative paths in it still mean the same.
            const QFileInfo info(file);
            file = info.absoluteDir().filePath(QStringLiteral("%1-sweep%2.yaml").arg(info.completeBaseName()).arg(id));
            core::writeFileAtomically(file.toStdString(), record->specYaml);
            spec = core::loadSweep(file.toStdString());
            if (spec.hash != record->specHash) {
                showError([id, experiment = QString::fromStdString(spec.experimentPath)] {
                    return tr("Sweep %1 cannot be resumed: its runs' experiments changed since it started (the base "
                              "experiment %2 was edited?). Start it as a new sweep instead.")
                        .arg(id)
                        .arg(experiment);
                });
                return false;
            }
        }
        launch(file, spec);
    } catch (const std::exception&) {
        showError(describeException(std::current_exception()).message);
        return false;
    }
    return true;
}

void SweepPanel::refresh()
{
    m_resumable.clear();
    try {
        core::RunDatabase db(m_databasePath.toStdString());
        for (const core::SweepRecord& sweep : db.sweeps()) {
            if (sweep.status != "running" && sweep.status != "paused")
                continue;
            if (m_running && sweep.id == m_sweepId)
                continue;
            core::RunFilter filter;
            filter.sweepId = sweep.id;
            filter.status = "finished";
            m_resumable.push_back({sweep.id, QString::fromStdString(sweep.name), QString::fromStdString(sweep.status),
                                   static_cast<qint64>(db.runs(filter).size()), sweep.items});
        }
    } catch (const std::exception&) {
        showError(describeException(std::current_exception()).message);
    }
    fillResumeCombo();
    updateButtons();
}

void SweepPanel::fillResumeCombo()
{
    const qint64 chosen = m_resumeCombo->currentData().toLongLong();
    m_resumeCombo->clear();
    for (const ResumableSweep& sweep : m_resumable) {
        // "running" in the history while no run goes on: the app stopped in the middle of it.
        const QString status = sweep.status == QLatin1String("paused") ? tr("paused") : tr("running");
        m_resumeCombo->addItem(tr("#%1 %2 — %3, %4 of %n run(s) finished", nullptr, sweep.items)
                                   .arg(sweep.id)
                                   .arg(sweep.name, status)
                                   .arg(sweep.finished),
                               QVariant::fromValue<qint64>(sweep.id));
    }
    const int index = m_resumeCombo->findData(QVariant::fromValue<qint64>(chosen));
    if (index >= 0)
        m_resumeCombo->setCurrentIndex(index);
}

void SweepPanel::launch(const QString& file, const core::SweepSpec& spec)
{
    QStringList labels;
    for (const auto& item : spec.items)
        labels << QString::fromStdString(item.label);
    // The file just loaded is the form's sweep: a preview still pending would only reset the queue.
    m_previewTimer->stop();
    m_previewOk = true;
    m_previewLabels = labels;
    m_queue->setLabels(labels);
    m_plot->clear();
    m_error->clear();
    m_lastFile = file;
    m_sweepId = 0;
    m_currentIndex = -1;
    const QString name = QString::fromStdString(spec.name);
    const int runs = static_cast<int>(spec.items.size());
    appendLog(tr("Sweep %1: %n run(s) from %2", nullptr, runs).arg(name, file));
    setStatus([name, runs] { return tr("Sweep %1: %n run(s)…", nullptr, runs).arg(name); });
    m_worker->clearStop();
    setRunning(true);
    SweepWorker* worker = m_worker;
    const QString database = m_databasePath;
    QMetaObject::invokeMethod(worker, [worker, file, database]() { worker->run(file, database); }, Qt::QueuedConnection);
}

void SweepPanel::setRunning(bool running)
{
    m_running = running;
    updateButtons();
    Q_EMIT runningChanged(running);
}

void SweepPanel::onItemState(int index, int total, const QString& label, const QString& state, const QString& message,
                             qint64 runId)
{
    m_queue->setItemState(index, state, message, runId);
    if (state == QLatin1String("starting") || state == QLatin1String("resuming")) {
        m_currentIndex = index;
        m_currentResuming = state == QLatin1String("resuming");
        m_plot->startRun(label);
        setStatus([index, total, label] { return tr("Run %L1 of %L2: %3").arg(index + 1).arg(total).arg(label); });
    } else if (runId != 0 && state != QLatin1String("done")) {
        Q_EMIT runRecorded(runId); // the row is complete: status and final numbers
    }
    if (state == QLatin1String("failed"))
        appendLog(tr("Run %1 (%2) failed: %3").arg(index + 1).arg(label, message));
}

void SweepPanel::onRecorded(qint64 runId)
{
    // A resumed run continues its curve: show the steps it did before the interruption.
    if (m_currentResuming) {
        try {
            QList<core::StepMetrics> earlier;
            for (const core::MetricPoint& p : core::RunDatabase(m_databasePath.toStdString()).metrics(runId, "train_loss")) {
                core::StepMetrics m;
                m.step = p.step;
                m.loss = m.loggedLoss = p.value; // the history's train_loss is the logged loss
                earlier << m;
            }
            m_plot->addSteps(earlier);
        } catch (const std::exception& e) {
            appendLog(tr("run history: %1").arg(QString::fromUtf8(e.what())));
        }
    }
    Q_EMIT runRecorded(runId);
}

void SweepPanel::onSteps(const QList<core::StepMetrics>& steps)
{
    if (steps.isEmpty())
        return;
    m_plot->addSteps(steps);
    m_queue->setProgress(m_currentIndex, steps.last().step, steps.last().totalSteps);
}

void SweepPanel::onFinished(bool stopped, int finishedCount, int skipped, int failed)
{
    const int total = m_queue->rowCount();
    if (stopped)
        setStatus([done = finishedCount + skipped, total] {
            return tr("Sweep paused: %L1 of %n run(s) finished. Resume continues the interrupted run from its "
                      "checkpoint, also after the app was closed.", nullptr, total)
                .arg(done);
        });
    else if (finishedCount == 0 && skipped == total)
        setStatus([total] {
            return tr("All %n run(s) of this sweep were done earlier (the same name and values resume the same "
                      "sweep). Change the name or a value to run a new one.", nullptr, total);
        });
    else
        setStatus([finishedCount, skipped, failed] {
            return tr("Sweep done: %n run(s) finished now, %L1 earlier, %L2 failed.", nullptr, finishedCount)
                .arg(skipped)
                .arg(failed);
        });
    appendLog(m_status->text());
    setRunning(false);
    refresh();
    Q_EMIT sweepFinished();
}

void SweepPanel::onFailed(const QString& message, const QString& detail)
{
    showError(message);
    if (detail != message)
        appendLog(detail);
    setStatus([] { return tr("The sweep could not run."); });
    setRunning(false);
    refresh();
    Q_EMIT sweepFinished();
}

void SweepPanel::appendLog(const QString& line)
{
    m_log->appendPlainText(QDateTime::currentDateTime().toString("HH:mm:ss  ") + line);
}

} // namespace ui
