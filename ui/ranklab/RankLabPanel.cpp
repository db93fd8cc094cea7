#include "ui/ranklab/RankLabPanel.h"

#include "core/lora/RankParameterCount.h"
#include "ui/ranklab/AdapterSpectraView.h"
#include "ui/common/BackgroundRunner.h"
#include "ui/ranklab/MatrixPlayground.h"
#include "ui/ranklab/ParamsVsRankPlot.h"
#include "ui/common/PathField.h"
#include "ui/ranklab/RankLabJobs.h"
#include "ui/ranklab/TruncationPlot.h"
#include "ui/ranklab/TruncationSettings.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
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
    auto* form = new QFormLayout;
    m_model = new PathField(PathField::Kind::Directory, "rankModel", tr("Base model directory"),
                            tr("Hugging Face model directory (config.json, *.safetensors)"), this);
    m_adapter = new PathField(PathField::Kind::Directory, "rankAdapter", tr("Adapter folder"),
                              tr("PEFT adapter folder (adapter_config.json, adapter_model.safetensors)"), this);
    form->addRow(tr("Base model"), m_model);
    form->addRow(tr("Adapter"), m_adapter);
    layout->addLayout(form);

    m_tabs = new QTabWidget(this);
    m_playground = new MatrixPlayground(this);
    m_tabs->addTab(m_playground, tr("Matrix playground"));

    auto* spectraPage = new QWidget(this);
    auto* spectraLayout = new QVBoxLayout(spectraPage);
    m_analyse = new QPushButton(tr("Analyse adapter"), spectraPage);
    m_analyse->setObjectName("analyseAdapter");
    m_analyse->setToolTip(tr("Singular values of every ΔW = scaling · B·A of the adapter, and ‖ΔW‖ per layer and module."));
    spectraLayout->addWidget(m_analyse, 0, Qt::AlignLeft);
    m_spectra = new AdapterSpectraView(spectraPage);
    spectraLayout->addWidget(m_spectra, 1);
    m_tabs->addTab(spectraPage, tr("Adapter spectra"));

    auto* smallerPage = new QWidget(this);
    auto* smallerLayout = new QVBoxLayout(smallerPage);
    auto* dataForm = new QFormLayout;
    m_data = new PathField(PathField::Kind::File, "rankData", tr("Evaluation data"),
                           tr("Alpaca records (.jsonl, .json, .csv: loss + accuracy) or a text file (loss)"),
                           smallerPage, tr("Datasets and text (*.jsonl *.json *.csv *.txt);;All files (*)"));
    dataForm->addRow(tr("Evaluation data"), m_data);
    auto* runRow = new QHBoxLayout;
    m_settings = new TruncationSettings(smallerPage);
    m_truncate = new QPushButton(tr("Run truncation"), smallerPage);
    m_truncate->setObjectName("runTruncation");
    runRow->addWidget(m_settings, 1);
    runRow->addWidget(m_truncate);
    dataForm->addRow(QString(), runRow);
    m_inputs << m_model << m_adapter << m_data << m_settings;
    smallerLayout->addLayout(dataForm);
    m_progress = new QProgressBar(smallerPage);
    m_progress->setObjectName("truncationProgress");
    m_progress->setFormat(tr("%v of %m ranks"));
    m_progress->hide();
    smallerLayout->addWidget(m_progress);
    auto* plots = new QSplitter(Qt::Horizontal, smallerPage);
    m_truncation = new TruncationPlot(plots);
    m_params = new ParamsVsRankPlot(plots);
    plots->addWidget(m_truncation);
    plots->addWidget(m_params);
    smallerLayout->addWidget(plots, 1);
    m_tabs->addTab(smallerPage, tr("What if r were smaller?"));
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
    m_params->showMessage(tr("Reading the model's structure…"));
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
            m_params->showMessage(tr("No parameter plot: %1").arg(error.message));
            Q_EMIT modelStructureReady(false);
        });
}

void RankLabPanel::updateParamsPlot()
{
    if (m_modules.empty()) {
        m_params->showMessage(tr("Choose a model to see how the trainable parameters grow with r."));
        return;
    }
    std::vector<int> ranks;
    for (int r = 1; r <= std::max(kPlottedRanks, m_cfg.r); ++r)
        ranks.push_back(r);
    try {
        const auto counts = core::parametersForRanks(m_modules, m_cfg, ranks);
        if (counts.front() == 0)
            m_params->showMessage(tr("The target modules select no linear layer of this model; pick targets to see "
                                     "the parameters."));
        else
            m_params->setCounts(counts, m_cfg.r);
    } catch (const std::exception& e) { // a target regex still being typed
        m_params->showMessage(QString::fromUtf8(e.what()));
    }
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
    m_error->setText(error.message);
    m_error->setToolTip(error.detail);
    m_error->show();
    m_status->clear();
}

void RankLabPanel::clearError()
{
    m_error->clear();
    m_error->hide();
}

void RankLabPanel::analyseAdapter()
{
    if (m_busy)
        return;
    clearError();
    if (modelDirectory().isEmpty() || adapterDirectory().isEmpty()) {
        showError({tr("Choose the base model directory and the adapter folder first."), {}});
        Q_EMIT analysisFinished(false);
        return;
    }
    setBusy(true);
    m_status->setText(tr("Loading the model and the adapter, computing the SVD of every ΔW…"));
    const std::string model = modelDirectory().toStdString(), adapter = adapterDirectory().toStdString();
    m_runner->run<std::vector<core::ModuleSpectrum>>(
        [model, adapter]() { return computeAdapterSpectra(model, adapter); },
        [this](std::vector<core::ModuleSpectrum> spectra) {
            setBusy(false);
            m_spectra->setSpectra(spectra);
            m_status->setText(tr("Analysed %1 LoRA modules.").arg(spectra.size()));
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
        showError({problem, {}});
        Q_EMIT truncationFinished(false);
        return;
    }
    if (modelDirectory().isEmpty() || adapterDirectory().isEmpty() || evaluationData().isEmpty()) {
        showError({tr("Choose the base model, the adapter and the evaluation data first."), {}});
        Q_EMIT truncationFinished(false);
        return;
    }
    setBusy(true);
    m_progress->setRange(0, 0); // "busy" until the first report: the model is loading
    m_progress->show();
    m_status->setText(tr("Truncating the adapter to each rank k and evaluating…"));
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
            m_status->setText(tr("Evaluated %1 ranks.").arg(points.size()));
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
