#include "ui/sweeps/SweepPanel.h"

#include "core/common/Error.h"
#include "core/history/RunDatabase.h"
#include "core/io/AtomicFile.h"
#include "ui/common/ErrorText.h"
#include "ui/sweeps/SweepGridForm.h"
#include "ui/sweeps/SweepLossPlot.h"
#include "ui/sweeps/SweepQueueTable.h"
#include "ui/workers/SweepWorker.h"

#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QThread>
#include <QTimer>
#include <QVBoxLayout>

namespace ui {

namespace {

// Paths that exist relative to the working directory become absolute, so that base.yaml means the same files from
// wherever the sweep is run (the GUI, or `lorawb sweep` in another directory) — and the sweep keeps its identity.
core::ExperimentConfig withAbsolutePaths(core::ExperimentConfig cfg)
{
    core::forEachInputPath(cfg, [](const std::string&, std::string& path) {
        const QString p = QString::fromStdString(path);
        if (!p.isEmpty() && QFileInfo(p).isRelative() && QFileInfo::exists(p))
            path = QFileInfo(p).absoluteFilePath().toStdString();
    });
    return cfg;
}

} // namespace

SweepPanel::SweepPanel(QWidget* parent)
    : QWidget(parent), m_thread(new QThread(this)), m_worker(new SweepWorker),
      m_databasePath(QString::fromStdString(core::RunDatabase::defaultPath()))
{
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread->setObjectName("SweepThread");
    m_thread->start();

    auto* layout = new QHBoxLayout(this);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    auto* left = new QWidget(scroll);
    auto* leftLayout = new QVBoxLayout(left);
    scroll->setWidget(left);

    m_baseBox = new QGroupBox(left);
    auto* baseLayout = new QHBoxLayout(m_baseBox);
    m_base = new QLineEdit(m_baseBox);
    m_base->setObjectName("baseExperiment");
    m_browseBase = new QPushButton(m_baseBox);
    connect(m_browseBase, &QPushButton::clicked, this, [this]() {
        const QString file = QFileDialog::getOpenFileName(this, tr("Base experiment"), m_base->text(),
                                                          tr("Experiment files (*.yaml *.yml)"));
        if (!file.isEmpty())
            setBaseExperimentFile(file);
    });
    baseLayout->addWidget(m_base, 1);
    baseLayout->addWidget(m_browseBase);
    leftLayout->addWidget(m_baseBox);

    m_form = new SweepGridForm(left);
    leftLayout->addWidget(m_form);
    m_customBox = new QWidget(left);
    auto* customLayout = new QVBoxLayout(m_customBox);
    customLayout->setContentsMargins(0, 0, 0, 0);
    m_customNote = new QLabel(m_customBox);
    m_customNote->setObjectName("customSweepNote");
    m_customNote->setWordWrap(true);
    m_customText = new QPlainTextEdit(m_customBox);
    m_customText->setObjectName("customSweepText");
    m_customText->setReadOnly(true);
    m_useFormButton = new QPushButton(m_customBox);
    m_useFormButton->setObjectName("useFormButton");
    connect(m_useFormButton, &QPushButton::clicked, this, &SweepPanel::useForm);
    customLayout->addWidget(m_customNote);
    customLayout->addWidget(m_customText, 1);
    customLayout->addWidget(m_useFormButton);
    m_customBox->setVisible(false);
    leftLayout->addWidget(m_customBox, 1);

    auto* fileRow = new QHBoxLayout;
    m_open = new QPushButton(left);
    m_open->setObjectName("openSweepButton");
    m_save = new QPushButton(left);
    m_save->setObjectName("saveSweepButton");
    fileRow->addWidget(m_open);
    fileRow->addWidget(m_save);
    leftLayout->addLayout(fileRow);
    connect(m_open, &QPushButton::clicked, this, [this]() {
        const QString file = QFileDialog::getOpenFileName(this, tr("Open sweep file"), m_form->grid().outputDir,
                                                          tr("Sweep files (*.yaml *.yml)"));
        if (!file.isEmpty())
            openSweepFile(file);
    });
    connect(m_save, &QPushButton::clicked, this, [this]() {
        const QString file =
            QFileDialog::getSaveFileName(this, tr("Save sweep file"), QDir(m_form->grid().outputDir).filePath("sweep.yaml"),
                                         tr("Sweep files (*.yaml *.yml)"));
        if (!file.isEmpty())
            saveSweepFile(file);
    });

    m_error = new QLabel(left);
    m_error->setObjectName("sweepError");
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    leftLayout->addWidget(m_error);
    auto* runRow = new QHBoxLayout;
    m_start = new QPushButton(left);
    m_start->setObjectName("startSweepButton");
    m_cancel = new QPushButton(left);
    m_cancel->setObjectName("cancelSweepButton");
    runRow->addWidget(m_start);
    runRow->addWidget(m_cancel);
    leftLayout->addLayout(runRow);
    connect(m_start, &QPushButton::clicked, this, &SweepPanel::startSweep);
    connect(m_cancel, &QPushButton::clicked, this, &SweepPanel::cancelSweep);

    m_resumeBox = new QGroupBox(left);
    auto* resumeLayout = new QHBoxLayout(m_resumeBox);
    m_resumeCombo = new QComboBox(m_resumeBox);
    m_resumeCombo->setObjectName("resumeCombo");
    m_resume = new QPushButton(m_resumeBox);
    m_resume->setObjectName("resumeSweepButton");
    resumeLayout->addWidget(m_resumeCombo, 1);
    resumeLayout->addWidget(m_resume);
    leftLayout->addWidget(m_resumeBox);
    leftLayout->addStretch();
    connect(m_resume, &QPushButton::clicked, this, [this]() { resumeSweep(); });

    auto* right = new QSplitter(Qt::Vertical, this);
    auto* top = new QWidget(right);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    m_status = new QLabel(top);
    m_status->setObjectName("sweepStatus");
    m_status->setWordWrap(true);
    m_queue = new SweepQueueTable(top);
    topLayout->addWidget(m_status);
    topLayout->addWidget(m_queue, 1);
    m_plot = new SweepLossPlot(right);
    m_log = new QPlainTextEdit(right);
    m_log->setObjectName("sweepLog");
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(5000);
    right->addWidget(top);
    right->addWidget(m_plot);
    right->addWidget(m_log);
    right->setStretchFactor(0, 2);
    right->setStretchFactor(1, 3);
    right->setStretchFactor(2, 1);
    layout->addWidget(scroll, 2);
    layout->addWidget(right, 3);
    m_inputs = {m_baseBox, m_form, m_customBox, m_open, m_save, m_resumeBox};

    m_previewTimer = new QTimer(this);
    m_previewTimer->setSingleShot(true);
    m_previewTimer->setInterval(150);
    connect(m_previewTimer, &QTimer::timeout, this, &SweepPanel::preview);
    connect(m_form, &SweepGridForm::changed, this, &SweepPanel::schedulePreview);
    connect(m_base, &QLineEdit::textChanged, this, &SweepPanel::schedulePreview);
    connect(m_base, &QLineEdit::editingFinished, this, [this]() { setBaseExperimentFile(m_base->text()); });

    connect(m_worker, &SweepWorker::sweepStarted, this, [this](qint64 id) {
        m_sweepId = id;
        appendLog(tr("run history: sweep %1 in %2").arg(id).arg(m_databasePath));
    });
    connect(m_worker, &SweepWorker::itemState, this, &SweepPanel::onItemState);
    connect(m_worker, &SweepWorker::itemFinals, m_queue,
            [this](int index, qint64, const QVariantMap& finals) { m_queue->setFinals(index, finals); });
    connect(m_worker, &SweepWorker::recorded, this, &SweepPanel::onRecorded);
    connect(m_worker, &SweepWorker::stepsReady, this, &SweepPanel::onSteps);
    connect(m_worker, &SweepWorker::evalReady, m_plot, &SweepLossPlot::addEval);
    // The worker words its phases when it sends them: they stay in that language until the next one.
    connect(m_worker, &SweepWorker::phase, this, [this](const QString& text) { setStatus([text] { return text; }); });
    connect(m_worker, &SweepWorker::logLine, this, &SweepPanel::appendLog);
    connect(m_worker, &SweepWorker::finished, this, &SweepPanel::onFinished);
    connect(m_worker, &SweepWorker::failed, this, &SweepPanel::onFailed);
    setStatus([] { return tr("Set up a grid and start the sweep."); });
    retranslateUi();
    refresh();
    preview();
}

void SweepPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void SweepPanel::retranslateUi()
{
    m_baseBox->setTitle(tr("Base experiment"));
    m_base->setPlaceholderText(tr("The main window's experiment (saved as base.yaml in the output folder)"));
    m_base->setToolTip(tr("The experiment every run starts from; the grid below changes some of its keys."));
    m_browseBase->setText(tr("Browse…"));
    m_useFormButton->setText(tr("Edit a sweep in the form instead"));
    m_open->setText(tr("Open sweep file…"));
    m_save->setText(tr("Save sweep file…"));
    m_save->setToolTip(tr("Writes the sweep as YAML; `lorawb sweep FILE` runs (and resumes) it without the app."));
    m_start->setText(tr("Start sweep"));
    m_start->setToolTip(tr("Writes <output folder>/sweep.yaml and runs its runs one after another."));
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stops the running run after its current step, with a checkpoint. The sweep stays in "
                            "the history as paused and can be resumed, also after the app was closed."));
    m_resumeBox->setTitle(tr("Resume a paused or interrupted sweep"));
    m_resume->setText(tr("Resume"));
    m_resume->setToolTip(tr("Skips the runs that finished, continues the interrupted one from its checkpoint and "
                            "runs the rest."));
    setStatus(m_statusText);
    setErrorText(m_errorText);
    showCustomNote();
    fillResumeCombo();
}

SweepPanel::~SweepPanel()
{
    m_worker->requestStop();
    m_thread->quit();
    m_thread->wait();
}

void SweepPanel::setExperiment(const core::ExperimentConfig& cfg)
{
    m_windowExperiment = withAbsolutePaths(cfg);
    if (m_base->text().trimmed().isEmpty())
        m_form->suggestFrom(cfg);
    schedulePreview();
}

void SweepPanel::setBaseExperimentFile(const QString& path)
{
    if (m_base->text() != path)
        m_base->setText(path);
    if (!path.trimmed().isEmpty()) {
        try {
            m_form->suggestFrom(core::loadExperiment(QFileInfo(path).absoluteFilePath().toStdString()));
        } catch (const std::exception&) {
            // The preview shows the problem, with loadSweep's words.
        }
    }
    schedulePreview();
}

QString SweepPanel::baseExperimentFile() const { return m_base->text().trimmed(); }

void SweepPanel::setDatabasePath(const QString& path)
{
    m_databasePath = path;
    refresh();
}

QString SweepPanel::errorText() const { return m_error->text(); }
QString SweepPanel::statusText() const { return m_status->text(); }

void SweepPanel::showError(const QString& message)
{
    showError(Text([message] { return message; }));
}

void SweepPanel::showError(const Text& text)
{
    setErrorText(text);
    appendLog(tr("Error: %1").arg(m_error->text()));
}

void SweepPanel::setErrorText(const Text& text)
{
    m_errorText = text;
    m_error->setText(text ? text() : QString());
}

void SweepPanel::setStatus(const Text& text)
{
    m_statusText = text;
    m_status->setText(text ? text() : QString());
}

void SweepPanel::updateButtons()
{
    m_start->setEnabled(!m_running && m_previewOk);
    m_cancel->setEnabled(m_running);
    m_save->setEnabled(!m_running && !isCustomFile() && m_form->error().isEmpty());
    m_resume->setEnabled(!m_running && m_resumeCombo->count() > 0);
    for (QWidget* input : m_inputs)
        input->setEnabled(!m_running);
}

} // namespace ui
