#include "ui/forgetting/ForgettingLabControls.h"

#include "core/common/Error.h"
#include "ui/window/DemoExperiment.h"
#include "ui/common/ErrorText.h"

#include <QCheckBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

#include <algorithm>

namespace ui {

namespace {

QPushButton* smallButton(const QString& name, QWidget* parent)
{
    auto* button = new QPushButton(parent);
    button->setObjectName(name);
    return button;
}

} // namespace

std::optional<std::vector<int>> parseRankList(const QString& text, QString* error)
{
    std::vector<int> ranks;
    const QStringList parts = text.split(QRegularExpression(QStringLiteral("[,;\\s]+")), Qt::SkipEmptyParts);
    for (const QString& part : parts) {
        bool ok = false;
        const int r = part.toInt(&ok);
        if (!ok || r <= 0 || r > 4096) {
            if (error)
                *error = ForgettingLabControls::tr("Ranks: '%1' is not a rank. Type whole numbers from 1 to 4096 "
                                                   "separated by commas, e.g. 1, 4, 16.").arg(part);
            return std::nullopt;
        }
        if (std::find(ranks.begin(), ranks.end(), r) == ranks.end())
            ranks.push_back(r);
    }
    return ranks;
}

ForgettingLabControls::ForgettingLabControls(QWidget* parent) : QWidget(parent)
{
    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);

    auto* experimentRow = new QHBoxLayout;
    m_experimentPath = new QLineEdit(this);
    m_experimentPath->setObjectName("experimentPath");
    m_browse = smallButton("browseExperiment", this);
    experimentRow->addWidget(m_experimentPath, 1);
    experimentRow->addWidget(m_browse);
    m_experimentLabel = new QLabel(this);
    form->addRow(m_experimentLabel, experimentRow);
    m_useCurrent = smallButton("useCurrentExperiment", this);
    form->addRow(QString(), m_useCurrent);

    auto* retainRow = new QHBoxLayout;
    m_retain = new QLineEdit(this);
    m_retain->setObjectName("retainPath");
    m_browseRetain = smallButton("browseRetain", this);
    retainRow->addWidget(m_retain, 1);
    retainRow->addWidget(m_browseRetain);
    m_retainLabel = new QLabel(this);
    form->addRow(m_retainLabel, retainRow);

    m_tasks = new QListWidget(this);
    m_tasks->setObjectName("taskList");
    m_tasks->setMaximumHeight(90);
    auto* taskButtons = new QHBoxLayout;
    m_addTask = smallButton("addTask", this);
    m_removeTask = smallButton("removeTask", this);
    taskButtons->addWidget(m_addTask);
    taskButtons->addWidget(m_removeTask);
    taskButtons->addStretch();
    auto* taskColumn = new QVBoxLayout;
    taskColumn->addWidget(m_tasks);
    taskColumn->addLayout(taskButtons);
    m_tasksLabel = new QLabel(this);
    form->addRow(m_tasksLabel, taskColumn);

    m_lora = new QCheckBox(this);
    m_lora->setObjectName("loraBox");
    m_lora->setChecked(true);
    m_full = new QCheckBox(this);
    m_full->setObjectName("fullBox");
    m_full->setChecked(true);
    auto* ranksRow = new QHBoxLayout;
    m_ranksBox = new QCheckBox(this);
    m_ranksBox->setObjectName("ranksBox");
    m_ranks = new QLineEdit(QStringLiteral("1, 4, 16"), this);
    m_ranks->setObjectName("ranksEdit");
    ranksRow->addWidget(m_ranksBox);
    ranksRow->addWidget(m_ranks, 1);
    auto* runs = new QVBoxLayout;
    runs->addWidget(m_lora);
    runs->addWidget(m_full);
    runs->addLayout(ranksRow);
    m_ranksError = new QLabel(this);
    m_ranksError->setObjectName("ranksError");
    m_ranksError->setWordWrap(true);
    m_ranksError->setStyleSheet(QStringLiteral("QLabel { color: #c62828; }"));
    m_ranksError->hide();
    runs->addWidget(m_ranksError);
    m_runsLabel = new QLabel(this);
    form->addRow(m_runsLabel, runs);
    retranslateUi();

    connect(m_browse, &QPushButton::clicked, this, &ForgettingLabControls::browseExperiment);
    connect(m_useCurrent, &QPushButton::clicked, this, &ForgettingLabControls::currentExperimentRequested);
    connect(m_browseRetain, &QPushButton::clicked, this, &ForgettingLabControls::browseRetain);
    connect(m_addTask, &QPushButton::clicked, this, &ForgettingLabControls::addTasks);
    connect(m_removeTask, &QPushButton::clicked, this, [this]() {
        delete m_tasks->currentItem();
        Q_EMIT changed();
    });
    connect(m_experimentPath, &QLineEdit::editingFinished, this, [this]() {
        if (m_experimentPath->isModified()) // typed: a file path (leaving the field untouched keeps what was chosen)
            setExperimentFile(m_experimentPath->text().trimmed());
    });
    connect(m_retain, &QLineEdit::textChanged, this, &ForgettingLabControls::changed);
    for (QCheckBox* box : {m_lora, m_full, m_ranksBox})
        connect(box, &QCheckBox::toggled, this, &ForgettingLabControls::changed);
    connect(m_ranksBox, &QCheckBox::toggled, this, &ForgettingLabControls::validateRanks);
    connect(m_ranks, &QLineEdit::textChanged, this, [this]() {
        validateRanks();
        Q_EMIT changed();
    });

    const QString demo = demoExperimentPath();
    if (!demo.isEmpty())
        setExperimentFile(demo);
}

void ForgettingLabControls::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void ForgettingLabControls::retranslateUi()
{
    m_experimentPath->setToolTip(tr("The experiment whose data, model and settings every run of the comparison "
                                    "shares (its base_adapter is the earlier task the model already learned)."));
    m_browse->setText(tr("…"));
    m_experimentLabel->setText(tr("Experiment"));
    m_useCurrent->setText(tr("Use the current experiment"));
    m_useCurrent->setToolTip(tr("Compare with the model, data and LoRA settings of the other tabs."));
    m_retain->setToolTip(tr("Text the base model knows (its pretraining kind of text): how much its perplexity "
                            "rises is how much general knowledge the run forgot."));
    m_browseRetain->setText(tr("…"));
    m_retainLabel->setText(tr("Retain text"));
    m_tasks->setToolTip(tr("Test sets (Alpaca records) whose exact-match accuracy is measured: the task being "
                           "trained and the tasks learned before it."));
    m_addTask->setText(tr("Add…"));
    m_removeTask->setText(tr("Remove"));
    m_tasksLabel->setText(tr("Task test sets"));
    m_lora->setText(tr("LoRA (the experiment's r)"));
    m_full->setText(tr("Full fine-tuning (every weight trains)"));
    m_ranksBox->setText(tr("LoRA at ranks"));
    m_ranks->setToolTip(tr("Extra LoRA runs, comma-separated; lora_alpha is scaled to keep alpha / r."));
    m_runsLabel->setText(tr("Runs"));
    if (m_inMemory && !m_experimentPath->isModified()) // it names the in-memory experiment: no path, a phrase
        showInMemoryName();
    if (!m_ranksError->text().isEmpty())
        validateRanks(); // the message again, from the field's text
}

void ForgettingLabControls::showInMemoryName()
{
    m_experimentPath->setText(m_inMemory->name.empty()
                                  ? tr("(current experiment: unnamed)")
                                  : tr("(current experiment: %1)").arg(QString::fromStdString(m_inMemory->name)));
    m_experimentPath->setModified(false);
}

QString ForgettingLabControls::demoExperimentPath() { return demoForgettingExperimentPath(); }

bool ForgettingLabControls::usesDemo() const
{
    const QString demo = demoExperimentPath();
    return !m_inMemory && !demo.isEmpty() &&
           QFileInfo(m_experimentPath->text().trimmed()).canonicalFilePath() == QFileInfo(demo).canonicalFilePath();
}

QString ForgettingLabControls::setExperimentFile(const QString& path)
{
    m_inMemory.reset();
    m_experimentPath->setText(path);
    m_experimentPath->setModified(false);
    QString error;
    try {
        core::ExperimentConfig cfg = core::loadExperiment(path.toStdString());
        rebaseInputsOnResources(cfg);
        fillForgettingFields(cfg, isBundledExperiment(path));
    } catch (...) {
        error = describeException(std::current_exception()).message;
        Q_EMIT problem(error);
    }
    Q_EMIT changed();
    return error;
}

void ForgettingLabControls::setExperiment(const core::ExperimentConfig& cfg)
{
    m_inMemory = cfg;
    showInMemoryName();
    fillForgettingFields(cfg, /*demoDefaults=*/false);
    Q_EMIT changed();
}

void ForgettingLabControls::fillForgettingFields(const core::ExperimentConfig& cfg, bool demoDefaults)
{
    std::string retain = cfg.forgetting.retainPath;
    std::vector<std::string> tasks = cfg.forgetting.taskPaths;
    if (retain.empty() && demoDefaults) { // e.g. demo_task_b.yaml has no forgetting: section; the lab supplies it
        core::ForgettingProbeOptions demo;
        addDemoForgettingInputs(demo);
        retain = demo.retainPath;
        tasks = demo.taskPaths;
    }
    if (retain.empty())
        return; // keep what the fields hold: the experiment says nothing about forgetting
    m_retain->setText(QString::fromStdString(retain));
    m_tasks->clear();
    for (const std::string& task : tasks)
        m_tasks->addItem(QString::fromStdString(task));
}

// The UI's own checks, thrown as core::Error like core's, but worded here: in the current language.
core::ExperimentConfig ForgettingLabControls::experiment() const
{
    core::ExperimentConfig cfg;
    if (m_inMemory) {
        cfg = *m_inMemory;
    } else {
        const QString path = m_experimentPath->text().trimmed();
        LORAWB_CHECK(!path.isEmpty(), tr("Forgetting lab: no experiment file chosen; choose one with '…' (the demo is "
                                         "resources/experiments/demo_forgetting.yaml) or press 'Use the current "
                                         "experiment'.").toStdString());
        cfg = core::loadExperiment(path.toStdString());
        rebaseInputsOnResources(cfg);
    }
    cfg.forgetting.retainPath = m_retain->text().trimmed().toStdString();
    LORAWB_CHECK(!cfg.forgetting.retainPath.empty(),
                 tr("Forgetting lab: choose a retain text (text the base model knows, e.g. resources/demo/retain.txt); "
                    "without it nothing measures forgetting.").toStdString());
    const QString retain = QString::fromStdString(cfg.forgetting.retainPath);
    LORAWB_CHECK(QFileInfo(retain).isFile(),
                 tr("Forgetting lab: the retain text '%1' does not exist; choose an existing text file.")
                     .arg(retain)
                     .toStdString());
    cfg.forgetting.taskPaths.clear();
    for (int i = 0; i < m_tasks->count(); ++i) {
        const QString task = m_tasks->item(i)->text().trimmed();
        LORAWB_CHECK(QFileInfo(task).isFile(),
                     tr("Forgetting lab: the task test set '%1' does not exist; remove it from the list or add an "
                        "existing Alpaca file.")
                         .arg(task)
                         .toStdString());
        cfg.forgetting.taskPaths.push_back(task.toStdString());
    }
    cfg.forgetting.adapterOffEveryEval = true; // the lab's on/off toggle needs the off measurement at every eval
    return cfg;
}

bool ForgettingLabControls::loraChecked() const { return m_lora->isChecked(); }
bool ForgettingLabControls::fullChecked() const { return m_full->isChecked(); }

std::vector<int> ForgettingLabControls::ranks() const
{
    if (!m_ranksBox->isChecked())
        return {};
    QString error;
    const auto ranks = parseRankList(m_ranks->text(), &error);
    LORAWB_CHECK(ranks.has_value(), error.toStdString());
    return *ranks;
}

void ForgettingLabControls::validateRanks()
{
    QString error;
    const bool ok = !m_ranksBox->isChecked() || parseRankList(m_ranks->text(), &error).has_value();
    m_ranks->setStyleSheet(ok ? QString() : QStringLiteral("QLineEdit { border: 1px solid #c62828; }"));
    m_ranksError->setText(error);
    m_ranksError->setVisible(!ok);
}

void ForgettingLabControls::browseExperiment()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Experiment to compare"), m_experimentPath->text(),
                                                      tr("Experiment files (*.yaml *.yml)"));
    if (!path.isEmpty())
        setExperimentFile(path);
}

void ForgettingLabControls::browseRetain()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Retain text"), m_retain->text(), tr("Text (*.txt);;All files (*)"));
    if (!path.isEmpty())
        m_retain->setText(path);
}

void ForgettingLabControls::addTasks()
{
    const QStringList paths = QFileDialog::getOpenFileNames(this, tr("Task test sets"), QString(),
                                                            tr("Alpaca records (*.jsonl *.json *.csv)"));
    for (const QString& path : paths)
        m_tasks->addItem(path);
    if (!paths.isEmpty())
        Q_EMIT changed();
}

} // namespace ui
