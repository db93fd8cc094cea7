#pragma once
// The forgetting lab tab: one click trains the same data (task B) with LoRA, with full fine-tuning and optionally
// with LoRA at other ranks, one run after another, from a model that already learned task A; the curves fill in while
// they run, and at the end the gain-vs-forgetting plot, the adapter on/off table and a plain-words explanation with
// the numbers appear. Runs go through a ui::TrainingWorker on the panel's own QThread and are recorded in the run
// history (core::RunDatabase::defaultPath()).
#include "core/experiment/ExperimentConfig.h"
#include "core/run/ForgettingComparison.h"
#include "core/train/Metrics.h"
#include "ui/forgetting/ForgettingLabRun.h"
#include "ui/common/MetaTypes.h"

#include <QString>
#include <QWidget>

#include <functional>
#include <optional>
#include <vector>

class QLabel;
class QPushButton;
class QThread;

namespace ui {

class AdapterToggleTable;
class ForgettingCurves;
class ForgettingExplanation;
class ForgettingLabControls;
class GainVsForgettingPlot;
class TrainingWorker;

class ForgettingLabPanel : public QWidget {
    Q_OBJECT
public:
    explicit ForgettingLabPanel(QWidget* parent = nullptr);
    ~ForgettingLabPanel() override;

    // Where each run's output folder goes (<folder>/<name>-<time>, -full, -r4…); default "runs" in the current directory.
    void setRunsFolder(const QString& folder) { m_runsFolder = folder; }
    QString runsFolder() const { return m_runsFolder; }

    QList<qint64> recordedRunIds() const; ///< the history rows of this comparison's runs, in run order
    bool isRunning() const { return m_running; }
    int runCount() const { return static_cast<int>(m_runs.size()); }     ///< runs of the current/last comparison
    int completedRunCount() const;                                       ///< finished or stopped
    std::vector<core::ComparisonPoint> points() const;                   ///< of the runs that finished
    QString errorText() const;

    ForgettingLabControls* controls() const { return m_controls; }
    ForgettingCurves* curves() const { return m_curves; }
    GainVsForgettingPlot* gainPlot() const { return m_gain; }
    AdapterToggleTable* toggleTable() const { return m_table; }
    ForgettingExplanation* explanation() const { return m_explanation; }
    QLabel* explanationLabel() const;
    QLabel* progressLabel() const { return m_progress; }
    QPushButton* runButton() const { return m_run; }
    QPushButton* stopButton() const { return m_stop; }
    TrainingWorker* worker() const { return m_worker; }

public Q_SLOTS:
    void setExperiment(const core::ExperimentConfig& cfg); ///< compare this experiment instead of a file
    void runComparison();
    void stop(); ///< stops the current run within a step and skips the rest

Q_SIGNALS:
    void runRecorded(qint64 runId);    ///< a run ended and its row in the history is complete
    void comparisonFinished();         ///< every run done, stopped, or one failed
    void runningChanged(bool running);
    void currentExperimentRequested(); ///< "Use the current experiment" pressed: answer with setExperiment()

protected:
    void changeEvent(QEvent* event) override;

private:
    // A state text kept as a function of the language, so that retranslateUi() phrases it again from the numbers it
    // captured (no run is measured again).
    using Phrase = std::function<QString()>;

    void retranslateUi(); ///< the buttons, then the progress line and the error from their phrases
    void nameRunButton(); ///< "Run the demo comparison" while the demo is chosen
    void showProgress(Phrase text);
    void startNext();
    void finishComparison(Phrase status);
    void onSteps(const QList<core::StepMetrics>& steps);
    void onProbe(qint64 step, const core::ProbeResult& result, bool adapterOff);
    void onFinished(const core::RunSummary& summary);
    void onFailed(const QString& message, const QString& detail);
    void showResults();
    void showError(const QString& message); ///< a message worded elsewhere (core's, the controls'): kept as it is
    void showError(Phrase message);
    void setRunning(bool running);
    QString runPrefix(int run) const; ///< "run 2 of 4: full fine-tuning"

    QThread* m_thread;
    TrainingWorker* m_worker;
    QString m_runsFolder = QStringLiteral("runs");
    QString m_databasePath;
    std::vector<ForgettingLabRun> m_runs;
    int m_current = -1;
    bool m_running = false;
    bool m_stopRequested = false;
    std::string m_trainedTask;

    ForgettingLabControls* m_controls;
    ForgettingCurves* m_curves;
    GainVsForgettingPlot* m_gain;
    AdapterToggleTable* m_table;
    ForgettingExplanation* m_explanation;
    QLabel* m_progress;
    QLabel* m_error;
    QPushButton* m_run;
    QPushButton* m_stop;
    Phrase m_progressText;
    Phrase m_errorText;
};

} // namespace ui
