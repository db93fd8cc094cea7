#pragma once
// Training settings, Start / Pause / Stop / Resume, progress, live charts and the log. The run itself happens in a
// TrainingWorker on its own QThread; this panel only shows what the worker reports.
#include "core/experiment/ExperimentConfig.h"
#include "core/train/Metrics.h"
#include "ui/common/MetaTypes.h"

#include <QWidget>

#include <functional>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QThread;

namespace ui {

class TrainingCharts;
class TrainingSettingsForm;
class TrainingWorker;

class TrainingPanel : public QWidget {
    Q_OBJECT
public:
    explicit TrainingPanel(QWidget* parent = nullptr);
    ~TrainingPanel() override;

    // Supplies the whole experiment (model, LoRA, data) at Start; this panel fills in train and output_dir.
    void setExperimentProvider(std::function<core::ExperimentConfig()> provider) { m_provider = std::move(provider); }

    TrainingSettingsForm* settings() const { return m_settings; }

    bool isRunning() const { return m_running; }
    bool canResume() const { return !m_running && m_canResume; }
    // The adapter folder the last run wrote; "" after a full fine-tune (that wrote a model folder).
    QString lastAdapterDir() const
    {
        return m_lastSummary.exportKind == core::RunSummary::Export::Adapter
                   ? QString::fromStdString(m_lastSummary.exportDir) : QString();
    }
    const core::RunSummary& lastSummary() const { return m_lastSummary; }
    TrainingCharts* charts() const { return m_charts; }
    TrainingWorker* worker() const { return m_worker; }

public Q_SLOTS:
    void start();
    void stop();
    void togglePause();
    void resume();

Q_SIGNALS:
    void runningChanged(bool running);
    void runFinished(const core::RunSummary& summary);
    void runFailed(const QString& message);
    void settingsChanged();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi(); // the buttons and the status line (what it said last, in the current language)
    // Sets the status line; `describe` is kept to say it again after a language change.
    void showStatus(std::function<QString()> describe);
    void launch(const core::ExperimentConfig& cfg, bool resume);
    void onSteps(const QList<core::StepMetrics>& steps);
    void onEval(const core::EvalMetrics& metrics);
    void onFinished(const core::RunSummary& summary);
    void onFailed(const QString& message, const QString& detail);
    void appendLog(const QString& line);
    void setRunning(bool running);
    void updateButtons();

    std::function<core::ExperimentConfig()> m_provider;
    QThread* m_thread;
    TrainingWorker* m_worker;
    core::ExperimentConfig m_lastExperiment;
    core::RunSummary m_lastSummary;
    bool m_running = false;
    bool m_paused = false;
    bool m_canResume = false;

    TrainingSettingsForm* m_settings;
    QPushButton* m_start;
    QPushButton* m_pause;
    QPushButton* m_stop;
    QPushButton* m_resume;
    QProgressBar* m_progress;
    QLabel* m_status;
    std::function<QString()> m_describeStatus; ///< m_status's text in the current language
    TrainingCharts* m_charts;
    QPlainTextEdit* m_log;
};

} // namespace ui
