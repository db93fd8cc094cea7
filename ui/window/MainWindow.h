#pragma once
// The workbench window: Model & LoRA, Data, Train, Try it, Rank lab, Forgetting lab, Sweeps and History tabs;
// experiment files and adapter export in the File menu; View → Language switches English / Korean while it runs;
// settings and window state remembered between launches.
#include "core/experiment/ExperimentConfig.h"

#include "ui/export/ModelExportDialog.h"

#include <QMainWindow>

class QAction;
class QGroupBox;
class QLabel;
class QMenu;
class QTabWidget;
class QToolBar;

namespace ui {

class DataPanel;
class ForgettingLabPanel;
class HistoryPanel;
class RankLabPanel;
class SweepPanel;
class LiveEstimates;
class LoraSettingsPanel;
class ModelPanel;
class TargetModulesPanel;
class TrainingPanel;
class TryItPanel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // restoreSession: reopen the last session's settings (the app); tests and --self-check start clean.
    explicit MainWindow(QWidget* parent = nullptr, bool restoreSession = true);
    ~MainWindow() override;

    // Everything the panels say, as one experiment (output_dir: the runs folder / name).
    core::ExperimentConfig currentExperiment() const;
    void applyExperiment(const core::ExperimentConfig& cfg);
    // Return "" on success, else the message (also shown to the user unless quiet).
    QString openExperiment(const QString& path, bool quiet = false);
    QString saveExperimentTo(const QString& path, bool quiet = false);
    QString exportAdapterTo(const QString& folder, bool quiet = false);
    // File → Export: the dialog for a merged model, GGUF, GGUF LoRA or Ollama export of the last run's adapter over
    // the Model tab's base (shown, not run; null when there is no adapter yet).
    ModelExportDialog* openModelExport(ModelExportDialog::Kind kind);
    // Loads the bundled demo model and dataset when present; false when there is none.
    bool loadDemo();

    ModelPanel* modelPanel() const { return m_model; }
    TargetModulesPanel* targetPanel() const { return m_targets; }
    LoraSettingsPanel* loraPanel() const { return m_lora; }
    LiveEstimates* estimates() const { return m_estimates; }
    DataPanel* dataPanel() const { return m_data; }
    TrainingPanel* trainingPanel() const { return m_training; }
    TryItPanel* tryItPanel() const { return m_tryIt; }
    RankLabPanel* rankLab() const { return m_rankLab; }
    ForgettingLabPanel* forgettingLab() const { return m_forgettingLab; }
    SweepPanel* sweepPanel() const { return m_sweeps; }
    HistoryPanel* historyPanel() const { return m_history; }
    QTabWidget* tabs() const { return m_tabs; }

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    // A window text kept as its untranslated source (QT_TR_NOOP) so that a language switch can look it up again.
    struct TranslatedAction {
        QAction* action;
        const char* text;
        const char* toolTip; // may be null
    };
    struct TranslatedGroup {
        QGroupBox* box;
        const char* title;
    };
    enum class Hint { None, DemoLoaded, NoDemo };

    void buildMenus();
    void buildLanguageMenu(QMenu* view);
    QAction* translated(QAction* action, const char* text, const char* toolTip = nullptr);
    QGroupBox* translatedGroup(const char* title, QWidget* content, QWidget* parent);
    void addTranslatedTab(QWidget* page, const char* title);
    void retranslateUi();
    void buildLabTabs(); // MainWindowLabs.cpp
    void refreshEstimates();
    void updateRunActions();
    void chooseAndOpenExperiment();
    void chooseAndSaveExperiment();
    void chooseAndExportAdapter();
    void showHint(Hint hint);
    static QString hintText(Hint hint);
    void restoreSettings(bool restoreSession);
    void saveSession() const;
    void showError(const QString& title, const QString& message);

    QTabWidget* m_tabs;
    QWidget* m_hint;
    QLabel* m_hintText;
    QWidget* m_closeHint;
    Hint m_shownHint = Hint::None;
    QList<TranslatedAction> m_translatedActions;
    QList<TranslatedGroup> m_translatedGroups;
    QList<const char*> m_tabTitles; // in tab order
    QToolBar* m_toolBar = nullptr;
    ModelPanel* m_model;
    TargetModulesPanel* m_targets;
    LoraSettingsPanel* m_lora;
    LiveEstimates* m_estimates;
    DataPanel* m_data;
    TrainingPanel* m_training;
    TryItPanel* m_tryIt;
    RankLabPanel* m_rankLab = nullptr;
    ForgettingLabPanel* m_forgettingLab = nullptr;
    SweepPanel* m_sweeps = nullptr;
    HistoryPanel* m_history = nullptr;
    QAction* m_exportAction = nullptr;
    QList<QAction*> m_modelExportActions;
    QAction* m_startAction = nullptr;
    QAction* m_pauseAction = nullptr;
    QAction* m_stopAction = nullptr;
    QAction* m_resumeAction = nullptr;
    core::ExperimentConfig m_base; // the opened experiment: settings no panel shows survive a save
    QString m_experimentName = QStringLiteral("run");
    bool m_restoreSession;
};

} // namespace ui
