#pragma once
// The sweep tab: a grid over r, lora_alpha, target presets, dropout and learning rate on a base experiment, written
// as a sweep file that `lorawb sweep` runs unchanged (<output>/sweep.yaml), and run one run after another by a
// SweepWorker on its own QThread; a queue table and a live loss plot show it. Cancel stops within a step and leaves
// the sweep "paused" in the run history; the history's paused or interrupted sweeps are offered for resuming, also
// after a restart of the app (SweepRunner skips finished runs and continues the interrupted one from its checkpoint).
#include "core/experiment/ExperimentConfig.h"
#include "core/run/SweepSpec.h"
#include "core/train/Metrics.h"
#include "ui/common/MetaTypes.h"

#include <QTemporaryDir>
#include <QWidget>

#include <functional>
#include <optional>
#include <vector>

class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QThread;
class QTimer;

namespace ui {

class SweepGridForm;
class SweepLossPlot;
class SweepQueueTable;
class SweepWorker;

class SweepPanel : public QWidget {
    Q_OBJECT
public:
    explicit SweepPanel(QWidget* parent = nullptr);
    ~SweepPanel() override;

    // The main window's experiment: used as the base when no base experiment file is chosen; Start and Save write it
    // as <output folder>/base.yaml and point the sweep at it.
    void setExperiment(const core::ExperimentConfig& cfg);
    void setBaseExperimentFile(const QString& path); ///< a base experiment file; "" = the main window's experiment
    QString baseExperimentFile() const;

    void setDatabasePath(const QString& path); ///< default core::RunDatabase::defaultPath(); refreshes the resume list
    QString databasePath() const { return m_databasePath; }

    // Fills the form from a sweep file when it has the form's shape; otherwise shows the file, which Start then runs
    // as it is. False (and the message shown) when the file cannot be read.
    bool openSweepFile(const QString& path);
    bool saveSweepFile(const QString& path); ///< the form as a sweep file (and base.yaml when needed)
    bool isCustomFile() const { return !m_customPath.isEmpty(); }

    bool isRunning() const { return m_running; }
    qint64 currentSweepId() const { return m_sweepId; } ///< of the running or last run sweep; 0 before
    QString lastSweepFile() const { return m_lastFile; }
    QStringList previewLabels() const { return m_previewLabels; } ///< the runs the form's sweep expands to
    QString errorText() const;
    QString statusText() const;

    SweepGridForm* form() const { return m_form; }
    SweepQueueTable* queue() const { return m_queue; }
    SweepLossPlot* lossPlot() const { return m_plot; }
    SweepWorker* worker() const { return m_worker; }
    QComboBox* resumeCombo() const { return m_resumeCombo; }
    QPushButton* startButton() const { return m_start; }
    QPushButton* cancelButton() const { return m_cancel; }
    QPushButton* resumeButton() const { return m_resume; }

public Q_SLOTS:
    bool startSweep();              ///< writes <output>/sweep.yaml (or takes the opened file) and runs it
    void cancelSweep();             ///< the running run stops within a step; the sweep is "paused"
    bool resumeSweep(qint64 id = 0); ///< a paused / interrupted sweep of the history (0: the one chosen in the list)
    void refresh();                 ///< re-reads the history's resumable sweeps

Q_SIGNALS:
    void runRecorded(qint64 runId); ///< a run's history row was created or completed
    void sweepFinished();           ///< the sweep ended: finished, paused by Cancel, or failed
    void runningChanged(bool running);

protected:
    void changeEvent(QEvent* event) override;

private:
    // A state text kept as the function that words it, so that a language switch words it again from the same state.
    using Text = std::function<QString()>;
    // A sweep of the history that Resume can continue, as the resume list shows it.
    struct ResumableSweep {
        qint64 id = 0;
        QString name;
        QString status;  ///< "running" (interrupted) or "paused"
        qint64 finished = 0;
        int items = 0;
    };

    void retranslateUi(); // also the status, error, custom-file note and resume list, from the state kept here
    bool writeSweepFile(const QString& path);
    QString baseForSweep(const QString& sweepDir, bool write); // experiment path as the sweep file names it
    void launch(const QString& file, const core::SweepSpec& spec);
    void schedulePreview();
    void preview();
    void useForm();
    void showError(const QString& message); ///< core's message, shown and logged
    void showError(const Text& text);       ///< the panel's own, worded again on a language switch
    void setErrorText(const Text& text);    ///< not logged; an empty Text clears
    void setStatus(const Text& text);
    void showCustomNote();
    void fillResumeCombo(); ///< from m_resumable, keeping the chosen sweep
    bool hasBaseExperiment() const { return !baseExperimentFile().isEmpty() || m_windowExperiment.has_value(); }
    static QString noBaseExperimentText();
    void setRunning(bool running);
    void updateButtons();
    void onItemState(int index, int total, const QString& label, const QString& state, const QString& message,
                     qint64 runId);
    void onRecorded(qint64 runId);
    void onSteps(const QList<core::StepMetrics>& steps);
    void onFinished(bool stopped, int finishedCount, int skipped, int failed);
    void onFailed(const QString& message, const QString& detail);
    void appendLog(const QString& line);

    QThread* m_thread;
    SweepWorker* m_worker;
    QString m_databasePath;
    std::optional<core::ExperimentConfig> m_windowExperiment;
    QTemporaryDir m_previewDir;     ///< the window's experiment, written for previews
    QString m_customPath;           ///< an opened sweep file the form cannot show ("" = the form)
    QString m_lastFile;
    QStringList m_previewLabels;
    bool m_previewOk = false;
    bool m_running = false;
    qint64 m_sweepId = 0;
    int m_currentIndex = -1;
    bool m_currentResuming = false;
    std::vector<ResumableSweep> m_resumable;
    Text m_statusText;
    Text m_errorText;

    QGroupBox* m_baseBox;
    QLineEdit* m_base;
    QPushButton* m_browseBase;
    SweepGridForm* m_form;
    QWidget* m_customBox;
    QLabel* m_customNote;
    QPlainTextEdit* m_customText;
    QPushButton* m_useFormButton;
    QPushButton* m_open;
    QPushButton* m_save;
    QPushButton* m_start;
    QPushButton* m_cancel;
    QGroupBox* m_resumeBox;
    QComboBox* m_resumeCombo;
    QPushButton* m_resume;
    QLabel* m_error;
    QLabel* m_status;
    SweepQueueTable* m_queue;
    SweepLossPlot* m_plot;
    QPlainTextEdit* m_log;
    QTimer* m_previewTimer;
    QList<QWidget*> m_inputs; ///< disabled while a sweep runs
};

} // namespace ui
