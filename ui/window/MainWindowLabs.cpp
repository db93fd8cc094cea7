// The teaching and exploring tabs (rank lab, forgetting lab, sweeps, history) and how they follow the rest of the
// window: the loaded model, the current experiment, finished runs.
#include "ui/window/MainWindow.h"

#include "core/experiment/ExperimentConfig.h"
#include "ui/data/DataPanel.h"
#include "ui/common/ErrorText.h"
#include "ui/forgetting/ForgettingLabPanel.h"
#include "ui/history/HistoryPanel.h"
#include "ui/model/ModelPanel.h"
#include "ui/model/ModelSummary.h"
#include "ui/ranklab/RankLabPanel.h"
#include "ui/sweeps/SweepPanel.h"
#include "ui/train/TrainingPanel.h"
#include "ui/train/TrainingSettingsForm.h"

#include <QStatusBar>
#include <QTabWidget>

namespace ui {

void MainWindow::buildLabTabs()
{
    m_rankLab = new RankLabPanel(m_tabs);
    addTranslatedTab(m_rankLab, QT_TR_NOOP("Rank lab"));
    m_forgettingLab = new ForgettingLabPanel(m_tabs);
    addTranslatedTab(m_forgettingLab, QT_TR_NOOP("Forgetting lab"));
    m_sweeps = new SweepPanel(m_tabs);
    addTranslatedTab(m_sweeps, QT_TR_NOOP("Sweeps"));
    m_history = new HistoryPanel(m_tabs);
    addTranslatedTab(m_history, QT_TR_NOOP("History"));

    connect(m_model, &ModelPanel::modelLoaded, this, [this](const ModelSummary& summary) {
        m_rankLab->setModel(summary.directory, summary.modules);
        m_rankLab->setLoraConfig(currentExperiment().lora);
    });
    connect(m_training, &TrainingPanel::runFinished, this, [this](const core::RunSummary& summary) {
        if (summary.exportKind == core::RunSummary::Export::Adapter)
            m_rankLab->setAdapterDirectory(QString::fromStdString(summary.exportDir));
        m_history->refresh();
    });
    connect(m_forgettingLab, &ForgettingLabPanel::currentExperimentRequested, this,
            [this]() { m_forgettingLab->setExperiment(currentExperiment()); });
    connect(m_forgettingLab, &ForgettingLabPanel::runRecorded, m_history, &HistoryPanel::refresh);
    connect(m_sweeps, &SweepPanel::runRecorded, m_history, &HistoryPanel::refresh);
    connect(m_history, &HistoryPanel::openExperimentRequested, this, [this](const QString& yaml) {
        try {
            applyExperiment(core::parseExperiment(yaml.toStdString(), "run from the history"));
            m_tabs->setCurrentIndex(0);
            statusBar()->showMessage(tr("Opened the run's experiment: train it again, or change it first"), 8000);
        } catch (...) {
            showError(tr("Cannot open the run's experiment"), describeException(std::current_exception()).message);
        }
    });
    // Labs that train use the window's runs folder, and see the current settings when they are shown.
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        QWidget* page = m_tabs->widget(index);
        const QString runs = m_training->settings()->runsFolder();
        if (page == m_forgettingLab) {
            m_forgettingLab->setRunsFolder(runs);
        } else if (page == m_sweeps) {
            m_sweeps->setExperiment(currentExperiment());
        } else if (page == m_rankLab) {
            m_rankLab->setLoraConfig(currentExperiment().lora);
            m_rankLab->setEvaluationData(QString::fromStdString(currentExperiment().data.path));
        } else if (page == m_history) {
            m_history->refresh();
        }
    });
}

} // namespace ui
