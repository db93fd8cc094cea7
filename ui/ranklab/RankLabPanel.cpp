#include "ui/ranklab/RankLabPanel.h"

#include "core/lora/RankParameterCount.h"
#include "ui/ranklab/AdapterSpectraView.h"
#include "ui/common/BackgroundRunner.h"
#include "ui/common/FormRowLabel.h"
#include "ui/ranklab/MatrixPlayground.h"
#include "ui/ranklab/ParamsVsRankPlot.h"
#include "ui/common/PathField.h"
#include "ui/ranklab/RankLabJobs.h"
#include "ui/ranklab/TruncationPlot.h"
#include "ui/ranklab/TruncationSettings.h"

#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

namespace ui {
namespace {

constexpr int kPlottedRanks = 64;

} // namespace

RankLabPanel::RankLabPanel(QWidget* parent) : QWidget(parent), m_runner(new BackgroundRunner(this))
{
    m_cfg.targetModules.names = {"q_proj", "v_proj"}; // PEFT's default for LLaMA until the window sends its settings
    auto* layout = new QVBoxLayout(this);
    m_form = new QFormLayout;
    m_model = new PathField(PathField::Kind::Directory, "rankModel", QString(), QString(), this);
    m_adapter = new PathField(PathField::Kind::Directory, "rankAdapter", QString(), QString(), this);
    m_form->addRow(QString(), m_model);
    m_form->addRow(QString(), m_adapter);
    layout->addLayout(m_form);

    m_tabs = new QTabWidget(this);
    m_playground = new MatrixPlayground(this);
    m_tabs->addTab(m_playground, QString());

    auto* spectraPage = new QWidget(this);
    auto* spectraLayout = new QVBoxLayout(spectraPage);
    m_analyse = new QPushButton(spectraPage);
    m_analyse->setObjectName("analyseAdapter");
    spectraLayout->addWidget(m_analyse, 0, Qt::AlignLeft);
    m_spectra = new AdapterSpectraView(spectraPage);
    spectraLayout->addWidget(m_spectra, 1);
    m_tabs->addTab(spectraPage, QString());

    auto* smallerPage = new QWidget(this);
    auto* smallerLayout = new QVBoxLayout(smallerPage);
    m_dataForm = new QFormLayout;
    m_data = new PathField(PathField::Kind::File, "rankData", QString(), QString(), smallerPage);
    m_dataForm->addRow(QString(), m_data);
    auto* runRow = new QHBoxLayout;
    m_settings = new TruncationSettings(smallerPage);
    m_truncate = new QPushButton(smallerPage);
    m_truncate->setObjectName("runTruncation");
    runRow->addWidget(m_settings, 1);
    runRow->addWidget(m_truncate);
    m_dataForm->addRow(QString(), runRow);
    m_inputs << m_model << m_adapter << m_data << m_settings;
    smallerLayout->addLayout(m_dataForm);
    m_progress = new QProgressBar(smallerPage);
    m_progress->setObjectName("truncationProgress");
    m_progress->hide();
    smallerLayout->addWidget(m_progress);
    auto* plots = new QSplitter(Qt::Horizontal, smallerPage);
    m_truncation = new TruncationPlot(plots);
    m_params = new ParamsVsRankPlot(plots);
    plots->addWidget(m_truncation);
    plots->addWidget(m_params);
    smallerLayout->addWidget(plots, 1);
    m_tabs->addTab(smallerPage, QString());
    layout->addWidget(m_tabs, 1);

    m_error = new QLabel(this);
    m_error->setObjectName("rankLabError");
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();
    m_status = new QLabel(this);
    m_status->setObjectName("rankLabStatus");
    layout->addWidget(m_error);
    layout->addWidget(m_status);

    connect(m_analyse, &QPushButton::clicked, this, &RankLabPanel::analyseAdapter);
    connect(m_truncate, &QPushButton::clicked, this, &RankLabPanel::runTruncation);
    connect(m_model, &PathField::editingFinished, this, &RankLabPanel::loadModelStructure);
    retranslateUi();
}

void RankLabPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void RankLabPanel::retranslateUi()
{
    m_model->setTexts(tr("Base model directory"), tr("Hugging Face model directory (config.json, *.safetensors)"));
    m_adapter->setTexts(tr("Adapter folder"),
                        tr("PEFT adapter folder (adapter_config.json, adapter_model.safetensors)"));
    setFormRowLabel(m_form, m_model, tr("Base model"));
    setFormRowLabel(m_form, m_adapter, tr("Adapter"));
    m_tabs->setTabText(0, tr("Matrix playground"));
    m_tabs->setTabText(1, tr("Adapter spectra"));
    m_tabs->setTabText(2, tr("What if r were smaller?"));
    m_analyse->setText(tr("Analyse adapter"));
    m_analyse->setToolTip(
        tr("Singular values of every ΔW = scaling · B·A of the adapter, and ‖ΔW‖ per layer and module."));
    m_data->setTexts(tr("Evaluation data"),
                     tr("Alpaca records (.jsonl, .json, .csv: loss + accuracy) or a text file (loss)"),
                     tr("Datasets and text (*.jsonl *.json *.csv *.txt);;All files (*)"));
    setFormRowLabel(m_dataForm, m_data, tr("Evaluation data"));
    m_truncate->setText(tr("Run truncation"));
    m_progress->setFormat(tr("%v of %m ranks"));
    m_status->setText(m_statusText ? m_statusText() : QString());
    if (m_errorText)
        m_error->setText(m_errorText());
    if (m_paramsMessage)
        m_params->showMessage(m_paramsMessage());
}

RankLabPanel::~RankLabPanel()
{
    // ~QWidget closes a shown panel after this class's members are gone, which moves the focus out of the model field:
    // its editingFinished must not reach loadModelStructure then.
    m_model->disconnect(this);
}

void RankLabPanel::setModelDirectory(const QString& directory)
{
    m_model->setPath(directory);
    loadModelStructure();
}

void RankLabPanel::setAdapterDirectory(const QString& directory) { m_adapter->setPath(directory); }
void RankLabPanel::setEvaluationData(const QString& path) { m_data->setPath(path); }
QString RankLabPanel::modelDirectory() const { return m_model->path(); }
QString RankLabPanel::adapterDirectory() const { return m_adapter->path(); }
QString RankLabPanel::evaluationData() const { return m_data->path(); }
QString RankLabPanel::errorMessage() const { return m_error->isHidden() ? QString() : m_error->text(); }

void RankLabPanel::setLoraConfig(const core::LoraConfig& cfg)
{
    m_cfg = cfg;
    updateParamsPlot();
}

void RankLabPanel::setModel(const QString& directory, const std::vector<core::LinearModuleInfo>& modules)
{
    m_model->setPath(directory);
    setLinearModules(modules);
}

void RankLabPanel::setLinearModules(const std::vector<core::LinearModuleInfo>& modules)
{
    ++m_structureGeneration; // a load still running for an older choice is now stale
    m_modules = modules;
    updateParamsPlot();
}

void RankLabPanel::loadModelStructure()
{
    const QString directory = modelDirectory();
    const int generation = ++m_structureGeneration;
    m_modules.clear();
    if (directory.isEmpty()) {
        updateParamsPlot();
        return;
    }
    showParamsMessage([] { return tr("Reading the model's structure…"); });
    const std::string dir = directory.toStdString();
    m_runner->run<std::vector<core::LinearModuleInfo>>(
        [dir]() { return readModelStructure(dir); },
        [this, generation](std::vector<core::LinearModuleInfo> modules) {
            if (generation != m_structureGeneration)
                return;
            m_modules = std::move(modules);
            updateParamsPlot();
            Q_EMIT modelStructureReady(true);
        },
        [this, generation](const ErrorText& error) {
            if (generation != m_structureGeneration)
                return;
            showParamsMessage([message = error.message] { return tr("No parameter plot: %1").arg(message); });
            Q_EMIT modelStructureReady(false);
        });
}

void RankLabPanel::updateParamsPlot()
{
    if (m_modules.empty()) {
        showParamsMessage([] { return QString(); }); // the plot's own "Choose a model…"
        return;
    }
    std::vector<int> ranks;
    for (int r = 1; r <= std::max(kPlottedRanks, m_cfg.r); ++r)
        ranks.push_back(r);
    try {
        const auto counts = core::parametersForRanks(m_modules, m_cfg, ranks);
        if (counts.front() == 0) {
            showParamsMessage([] {
                return tr("The target modules select no linear layer of this model; pick targets to see the "
                          "parameters.");
            });
        } else {
            m_paramsMessage = nullptr;
            m_params->setCounts(counts, m_cfg.r);
        }
    } catch (const std::exception& e) { // a target regex still being typed
        showParamsMessage([message = QString::fromUtf8(e.what())] { return message; });
    }
}

void RankLabPanel::showParamsMessage(Phrase message)
{
    m_paramsMessage = std::move(message);
    m_params->showMessage(m_paramsMessage());
}

void RankLabPanel::setBusy(bool busy)
{
    m_busy = busy;
    m_analyse->setEnabled(!busy);
    m_truncate->setEnabled(!busy);
    for (QWidget* w : m_inputs)
        w->setEnabled(!busy);
}

void RankLabPanel::showError(const ErrorText& error)
{
    showProblem([message = error.message] { return message; }, error.detail);
}

void RankLabPanel::showProblem(Phrase message, const QString& detail)
{
    m_errorText = std::move(message);
    m_error->setText(m_errorText());
    m_error->setToolTip(detail);
    m_error->show();
    showStatus(nullptr);
}

void RankLabPanel::clearError()
{
    m_errorText = nullptr;
    m_error->clear();
    m_error->hide();
}

void RankLabPanel::showStatus(Phrase status)
{
    m_statusText = std::move(status);
    m_status->setText(m_statusText ? m_statusText() : QString());
}

void RankLabPanel::analyseAdapter()
{
    if (m_busy)
        return;
    clearError();
    if (modelDirectory().isEmpty() || adapterDirectory().isEmpty()) {
        showProblem([] { return tr("Choose the base model directory and the adapter folder first."); });
        Q_EMIT analysisFinished(false);
        return;
    }
    setBusy(true);
    showStatus([] { return tr("Loading the model and the adapter, computing the SVD of every ΔW…"); });
    const std::string model = modelDirectory().toStdString(), adapter = adapterDirectory().toStdString();
    m_runner->run<std::vector<core::ModuleSpectrum>>(
        [model, adapter]() { return computeAdapterSpectra(model, adapter); },
        [this](std::vector<core::ModuleSpectrum> spectra) {
            setBusy(false);
            m_spectra->setSpectra(spectra);
            const int modules = static_cast<int>(spectra.size());
            showStatus([modules] { return tr("Analysed %n LoRA module(s).", nullptr, modules); });
            Q_EMIT analysisFinished(true);
        },
        [this](const ErrorText& error) {
            setBusy(false);
            showError(error);
            Q_EMIT analysisFinished(false);
        });
}

void RankLabPanel::runTruncation()
{
    if (m_busy)
        return;
    clearError();
    core::TruncationOptions options;
    QString problem;
    if (!m_settings->options(options, &problem)) {
        // Phrased again from the ranks as typed then (parsing only), whatever the field holds by now.
        showProblem([ranks = m_settings->ranksEdit()->text()] {
            std::vector<int> ks;
            QString message;
            TruncationSettings::parseRanks(ranks, ks, &message);
            return message;
        });
        Q_EMIT truncationFinished(false);
        return;
    }
    if (modelDirectory().isEmpty() || adapterDirectory().isEmpty() || evaluationData().isEmpty()) {
        showProblem([] { return tr("Choose the base model, the adapter and the evaluation data first."); });
        Q_EMIT truncationFinished(false);
        return;
    }
    setBusy(true);
    m_progress->setRange(0, 0); // "busy" until the first report: the model is loading
    m_progress->show();
    showStatus([] { return tr("Truncating the adapter to each rank k and evaluating…"); });
    const std::string model = modelDirectory().toStdString(), adapter = adapterDirectory().toStdString(),
                      data = evaluationData().toStdString();
    BackgroundRunner* runner = m_runner; // outlives the thread: its destructor waits for it
    QPointer<QProgressBar> bar(m_progress);
    const auto progress = [runner, bar](int64_t done, int64_t total) { // on the worker thread: post, never touch
        QMetaObject::invokeMethod(runner, [bar, done, total]() {
            if (bar) {
                bar->setRange(0, static_cast<int>(total));
                bar->setValue(static_cast<int>(done));
            }
        }, Qt::QueuedConnection);
    };
    m_runner->run<std::vector<core::TruncationPoint>>(
        [model, adapter, data, options, progress]() { return computeTruncation(model, adapter, data, options, progress); },
        [this](std::vector<core::TruncationPoint> points) {
            setBusy(false);
            m_progress->hide();
            m_truncation->setPoints(points);
            const int ranks = static_cast<int>(points.size());
            showStatus([ranks] { return tr("Evaluated %n rank(s).", nullptr, ranks); });
            Q_EMIT truncationFinished(true);
        },
        [this](const ErrorText& error) {
            setBusy(false);
            m_progress->hide();
            showError(error);
            Q_EMIT truncationFinished(false);
        });
}

} // namespace ui
