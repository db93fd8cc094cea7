#include "ui/window/MainWindow.h"

#include "ui/train/AdapterExport.h"
#include "ui/data/DataPanel.h"
#include "ui/common/ErrorText.h"
#include "core/common/Error.h"
#include "ui/model/LiveEstimates.h"
#include "ui/model/LoraSettingsPanel.h"
#include "ui/model/ModelPanel.h"
#include "ui/common/ResourcePaths.h"
#include "ui/model/TargetModulesPanel.h"
#include "ui/train/TrainingPanel.h"
#include "ui/train/TrainingSettingsForm.h"
#include "ui/tryit/TryItPanel.h"

#include <QCloseEvent>
#include <QDir>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QScrollArea>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace ui {

MainWindow::MainWindow(QWidget* parent, bool restoreSession) : QMainWindow(parent), m_restoreSession(restoreSession)
{
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);

    m_hint = new QWidget(central);
    m_hint->setObjectName("firstLaunchHint");
    m_hint->setAutoFillBackground(true);
    m_hint->setStyleSheet(QStringLiteral("#firstLaunchHint { background: palette(alternate-base); border-radius: 4px; }"));
    auto* hintLayout = new QHBoxLayout(m_hint);
    m_hintText = new QLabel(m_hint);
    m_hintText->setWordWrap(true);
    auto* closeHint = new QToolButton(m_hint);
    m_closeHint = closeHint;
    closeHint->setText(QStringLiteral("✕"));
    hintLayout->addWidget(m_hintText, 1);
    hintLayout->addWidget(closeHint, 0, Qt::AlignTop);
    connect(closeHint, &QToolButton::clicked, m_hint, &QWidget::hide);
    m_hint->hide();
    layout->addWidget(m_hint);

    m_tabs = new QTabWidget(central);
    m_tabs->setObjectName("mainTabs");
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);

    // Model & LoRA: what to adapt (left) and how (right).
    auto* splitter = new QSplitter(Qt::Horizontal, m_tabs);
    auto* left = new QWidget(splitter);
    auto* leftLayout = new QVBoxLayout(left);
    m_model = new ModelPanel(left);
    m_targets = new TargetModulesPanel(left);
    leftLayout->addWidget(translatedGroup(QT_TR_NOOP("Base model"), m_model, left));
    leftLayout->addWidget(translatedGroup(QT_TR_NOOP("Target modules"), m_targets, left), 1);
    auto* right = new QWidget(splitter);
    auto* rightLayout = new QVBoxLayout(right);
    m_lora = new LoraSettingsPanel(right);
    m_estimates = new LiveEstimates(right);
    rightLayout->addWidget(translatedGroup(QT_TR_NOOP("LoRA settings"), m_lora, right));
    rightLayout->addWidget(translatedGroup(QT_TR_NOOP("What this costs"), m_estimates, right), 1);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    addTranslatedTab(splitter, QT_TR_NOOP("Model && LoRA"));

    m_data = new DataPanel(m_tabs);
    addTranslatedTab(m_data, QT_TR_NOOP("Data"));
    m_training = new TrainingPanel(m_tabs);
    m_training->setExperimentProvider([this]() { return currentExperiment(); });
    addTranslatedTab(m_training, QT_TR_NOOP("Train"));
    m_tryIt = new TryItPanel(m_tabs);
    addTranslatedTab(m_tryIt, QT_TR_NOOP("Try it"));
    buildLabTabs();

    buildMenus();
    retranslateUi();

    connect(m_model, &ModelPanel::modelLoaded, this, [this](const ModelSummary& summary) {
        m_targets->setModel(summary);
        m_data->setTokenizer(summary.tokenizer);
        m_tryIt->setModelDir(summary.directory);
        refreshEstimates();
        statusBar()->showMessage(tr("Loaded %1").arg(summary.directory), 5000);
    });
    connect(m_model, &ModelPanel::modelFailed, this, [this](const QString& message) {
        m_targets->setModel(ModelSummary());
        m_data->setTokenizer(nullptr);
        m_tryIt->setModelDir(QString());
        refreshEstimates();
        statusBar()->showMessage(message, 10000);
    });
    connect(m_targets, &TargetModulesPanel::changed, this, &MainWindow::refreshEstimates);
    connect(m_lora, &LoraSettingsPanel::changed, this, [this]() {
        // task_type decides the data formats (and, through refreshEstimates, what Try it does).
        core::LoraConfig lora;
        m_lora->apply(lora);
        m_data->setTask(lora.taskType, lora.taskType == m_base.lora.taskType ? m_base.task : core::TaskConfig());
        refreshEstimates();
    });
    connect(m_data, &DataPanel::changed, this, &MainWindow::refreshEstimates);
    connect(m_training, &TrainingPanel::settingsChanged, this, &MainWindow::refreshEstimates);
    connect(m_training, &TrainingPanel::runningChanged, this, [this](bool running) {
        // The settings of a running experiment stay as they are until it ends.
        for (QWidget* w : std::initializer_list<QWidget*>{m_model, m_targets, m_lora, m_data})
            w->setEnabled(!running);
        updateRunActions();
    });
    connect(m_training, &TrainingPanel::runFinished, this, [this](const core::RunSummary& summary) {
        const QString dir = QString::fromStdString(summary.exportDir);
        const bool adapter = summary.exportKind == core::RunSummary::Export::Adapter;
        if (adapter) // a full fine-tune's model folder is not an adapter: Try it keeps the base it has
            m_tryIt->setAdapterDir(dir);
        updateRunActions();
        statusBar()->showMessage((adapter ? tr("Adapter written to %1") : tr("Model written to %1")).arg(dir), 10000);
    });
    restoreSettings(restoreSession);
    refreshEstimates();
    updateRunActions();
}

MainWindow::~MainWindow() = default;

core::ExperimentConfig MainWindow::currentExperiment() const
{
    core::ExperimentConfig cfg = m_base;
    cfg.name = m_experimentName.toStdString();
    cfg.model = m_model->directory().toStdString();
    m_lora->apply(cfg.lora);
    if (cfg.lora.taskType != m_base.lora.taskType)
        cfg.task = core::TaskConfig(); // the opened experiment's task: keys belong to its task head, not this one
    m_targets->apply(cfg.lora);
    cfg.lora.baseModelNameOrPath = cfg.model;
    m_data->apply(cfg.data);
    m_training->settings()->apply(cfg.train);
    cfg.outputDir = QDir(m_training->settings()->runsFolder()).filePath(m_experimentName).toStdString();
    return cfg;
}

void MainWindow::applyExperiment(const core::ExperimentConfig& cfg)
{
    m_base = cfg;
    if (!cfg.name.empty())
        m_experimentName = QString::fromStdString(cfg.name);
    m_lora->load(cfg.lora);
    m_targets->load(cfg.lora);
    m_data->setTask(cfg.lora.taskType, cfg.task); // first: the formats it allows, then the experiment's
    m_data->load(cfg.data);
    m_training->settings()->load(cfg.train);
    const QString model = QString::fromStdString(cfg.model);
    if (!model.isEmpty() && model != m_model->directory())
        m_model->loadModel(model);
    refreshEstimates();
}

void MainWindow::refreshEstimates()
{
    const core::ExperimentConfig cfg = currentExperiment();
    m_tryIt->setTask(cfg.lora.taskType, cfg.task, cfg.data); // Try it reads input as this run trains
    m_targets->updateCounts(cfg.lora);
    m_estimates->update(m_model->summary(), cfg.lora, cfg.train.batchSize, cfg.data.maxLength,
                        m_training->settings()->cudaSelected());
}

bool MainWindow::loadDemo()
{
    const QString model = demoModelDir();
    if (model.isEmpty())
        return false;
    m_model->loadModel(model);
    const QString data = demoDatasetPath();
    if (!data.isEmpty())
        m_data->setDatasetPath(data);
    return true;
}

void MainWindow::showHint(Hint hint)
{
    m_shownHint = hint;
    m_hintText->setText(hintText(hint));
    m_hint->setVisible(hint != Hint::None);
}

QString MainWindow::hintText(Hint hint)
{
    switch (hint) {
    case Hint::DemoLoaded:
        return tr("<b>Welcome!</b> The bundled demo model and dataset are loaded. Tick the modules to adapt, look at "
                  "the <i>Data</i> tab to see what the model is trained on, then press <b>Start</b> on the "
                  "<i>Train</i> tab (Ctrl+Return). Afterwards try a prompt and export the adapter (Ctrl+E).");
    case Hint::NoDemo:
        return tr("<b>Welcome!</b> Choose a Hugging Face model directory (LLaMA, Mistral or Qwen2 family) to start; "
                  "the bundled demo model was not found next to this program.");
    case Hint::None:
        break;
    }
    return {};
}

void MainWindow::restoreSettings(bool restoreSession)
{
    QSettings settings;
    if (restoreSession) {
        restoreGeometry(settings.value("window/geometry").toByteArray());
        QMainWindow::restoreState(settings.value("window/state").toByteArray());
        const QString runs = settings.value("train/runsFolder").toString();
        if (!runs.isEmpty())
            m_training->settings()->setRunsFolder(runs);
        const QString yaml = settings.value("session/experiment").toString();
        if (!yaml.isEmpty()) {
            try {
                applyExperiment(core::parseExperiment(yaml.toStdString(), "session.yaml"));
            } catch (...) {
                // A session that does not validate (no dataset chosen yet, a moved file) keeps at least its model.
                const QString model = settings.value("session/model").toString();
                if (QFileInfo::exists(QDir(model).filePath("config.json")))
                    m_model->loadModel(model);
            }
        }
    }
    const bool firstLaunch = !settings.value("app/launched", false).toBool();
    if (restoreSession && (firstLaunch || m_model->directory().isEmpty())) {
        showHint(loadDemo() ? Hint::DemoLoaded : Hint::NoDemo);
    }
    if (restoreSession)
        settings.setValue("app/launched", true);
}

void MainWindow::saveSession() const
{
    QSettings settings;
    settings.setValue("window/geometry", saveGeometry());
    settings.setValue("window/state", saveState());
    settings.setValue("train/runsFolder", m_training->settings()->runsFolder());
    settings.setValue("session/experiment", QString::fromStdString(core::toYaml(currentExperiment())));
    settings.setValue("session/model", m_model->directory());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_training->isRunning()) {
        const auto answer = QMessageBox::question(this, tr("Training is running"),
                                                  tr("Stop the run and quit? A checkpoint is written first."));
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        m_training->stop();
    }
    if (m_restoreSession)
        saveSession();
    event->accept();
}

void MainWindow::showError(const QString& title, const QString& message)
{
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace ui
