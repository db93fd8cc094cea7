#include "ui/train/TrainingSettingsForm.h"

#include "core/common/Version.h"
#include "ui/common/FormRowLabel.h"
#include "ui/common/SettingToolTip.h"

#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QStandardPaths>

namespace ui {

namespace {

QSpinBox* spin(QWidget* parent, const char* name, int lo, int hi, int value)
{
    auto* box = new QSpinBox(parent);
    box->setObjectName(name);
    box->setRange(lo, hi);
    box->setValue(value);
    return box;
}

} // namespace

TrainingSettingsForm::TrainingSettingsForm(QWidget* parent) : QWidget(parent)
{
    // Row labels and tooltips are set by retranslateUi(), at the end and on every language change (setFormRowLabel
    // makes each row's label).
    m_form = new QFormLayout(this);
    m_form->setContentsMargins(0, 0, 0, 0);
    m_maxSteps = spin(this, "maxSteps", 0, 10000000, 200);
    m_form->addRow(QString(), m_maxSteps);
    m_epochs = new QDoubleSpinBox(this);
    m_epochs->setObjectName("epochs");
    m_epochs->setRange(0.01, 1000);
    m_epochs->setValue(1);
    m_form->addRow(QString(), m_epochs);
    m_batch = spin(this, "batchSize", 1, 4096, 8);
    m_form->addRow(QString(), m_batch);
    m_learningRate = new QDoubleSpinBox(this);
    m_learningRate->setObjectName("learningRate");
    m_learningRate->setDecimals(6);
    m_learningRate->setRange(0.000001, 1.0);
    m_learningRate->setSingleStep(0.0001);
    m_learningRate->setValue(2e-4);
    m_form->addRow(QString(), m_learningRate);
    m_scheduler = new QComboBox(this);
    m_scheduler->setObjectName("scheduler");
    for (const auto& name : core::lrSchedulerNames()) // train.lr_scheduler's values, as written
        m_scheduler->addItem(QString::fromStdString(name));
    m_scheduler->setCurrentText(QString::fromStdString(core::toString(core::LrScheduler::Cosine)));
    m_form->addRow(QString(), m_scheduler);
    m_warmup = spin(this, "warmupSteps", 0, 1000000, 10);
    m_form->addRow(QString(), m_warmup);
    m_evalEvery = spin(this, "evalEvery", 0, 1000000, 20);
    m_form->addRow(QString(), m_evalEvery);
    m_seed = spin(this, "seed", 0, 2147483647, 42);
    m_form->addRow(QString(), m_seed);
    m_device = new QComboBox(this);
    m_device->setObjectName("device");
    auto* devices = new QStandardItemModel(m_device);
    auto* cpu = new QStandardItem(QStringLiteral("CPU"));
    cpu->setData(QStringLiteral("cpu"), Qt::UserRole);
    devices->appendRow(cpu);
    auto* cuda = new QStandardItem(QStringLiteral("CUDA"));
    cuda->setData(QStringLiteral("cuda"), Qt::UserRole);
    if (!core::cudaAvailable())
        cuda->setFlags(cuda->flags() & ~Qt::ItemIsEnabled); // retranslateUi() says why
    else
        cuda->setToolTip(QString::fromStdString(core::cudaDeviceSummary()));
    devices->appendRow(cuda);
    m_device->setModel(devices);
    m_device->setCurrentIndex(core::cudaAvailable() ? 1 : 0);
    m_form->addRow(QString(), m_device);
    auto* folderRow = new QHBoxLayout;
    m_runsFolder = new QLineEdit(this);
    m_runsFolder->setObjectName("runsFolder");
    m_runsFolder->setText(QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)).filePath("runs"));
    auto* browse = new QPushButton(QStringLiteral("…"), this);
    connect(browse, &QPushButton::clicked, this, [this]() {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder for runs"), m_runsFolder->text());
        if (!dir.isEmpty())
            m_runsFolder->setText(dir);
    });
    folderRow->addWidget(m_runsFolder, 1);
    folderRow->addWidget(browse);
    m_runsFolderLabel = new QLabel(this);
    m_form->addRow(m_runsFolderLabel, folderRow);

    connect(m_batch, qOverload<int>(&QSpinBox::valueChanged), this, &TrainingSettingsForm::changed);
    connect(m_device, qOverload<int>(&QComboBox::currentIndexChanged), this, &TrainingSettingsForm::changed);
    retranslateUi();
}

void TrainingSettingsForm::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void TrainingSettingsForm::retranslateUi()
{
    setFormRowLabel(m_form, m_maxSteps, tr("Steps"));
    m_maxSteps->setToolTip(
        settingToolTip("train.max_steps", tr("Optimizer steps to train. 0: train for the number of epochs instead.")));
    setFormRowLabel(m_form, m_epochs, tr("Epochs"));
    m_epochs->setToolTip(
        settingToolTip("train.epochs",
                       tr("Passes over the training set, used when Steps is 0. Small datasets need a few; more "
                          "risks overfitting (watch the validation loss).")));
    setFormRowLabel(m_form, m_batch, tr("Batch"));
    m_batch->setToolTip(settingToolTip("train.batch_size",
                                       tr("Sequences per step. Larger is smoother and faster per token "
                                          "but needs more memory (see the estimate).")));
    setFormRowLabel(m_form, m_learningRate, tr("Learning rate"));
    m_learningRate->setToolTip(
        settingToolTip("train.learning_rate",
                       tr("AdamW's step size for the adapter weights. LoRA's common range is 1e-4 to 5e-4 "
                          "(higher than full fine-tuning, since only a small update is learned).")));
    setFormRowLabel(m_form, m_scheduler, tr("Scheduler"));
    m_scheduler->setToolTip(
        settingToolTip("train.lr_scheduler",
                       tr("How the learning rate changes: constant (warmup ignored, as in transformers), "
                          "constant_with_warmup, or after warmup linear decay to 0 or cosine decay to 0 "
                          "(a common choice).")));
    setFormRowLabel(m_form, m_warmup, tr("Warmup steps"));
    m_warmup->setToolTip(settingToolTip("train.warmup_steps",
                                        tr("Steps over which the learning rate ramps up from 0; "
                                           "avoids large first updates.")));
    setFormRowLabel(m_form, m_evalEvery, tr("Eval every"));
    m_evalEvery->setToolTip(settingToolTip("train.eval_every",
                                           tr("Measure the validation loss every N steps (0: only at "
                                              "the end). Costs a pass over the validation split.")));
    setFormRowLabel(m_form, m_seed, tr("Seed"));
    m_seed->setToolTip(settingToolTip("train.seed",
                                      tr("Seeds the adapter init, dropout and the data order: the same "
                                         "seed and settings give the same run.")));
    setFormRowLabel(m_form, m_device, tr("Device"));
    m_device->setToolTip(settingToolTip(
        "train.device", tr("Where training runs. CUDA keeps the frozen weights in bfloat16; CPU uses float32.")));
    if (!core::cudaAvailable()) {
        QStandardItem* cuda = qobject_cast<QStandardItemModel*>(m_device->model())->item(1);
        cuda->setText(tr("CUDA (not available)"));
        cuda->setToolTip(tr("No CUDA device is available to this build: either its libtorch has no CUDA (Debian's "
                            "package is CPU-only; the README shows how to build against a CUDA libtorch) or no NVIDIA "
                            "GPU is visible."));
    }
    m_runsFolderLabel->setText(tr("Runs folder"));
    m_runsFolder->setToolTip(tr("Each run gets its own folder here: checkpoints/ and the PEFT adapter/."));
}

bool TrainingSettingsForm::cudaSelected() const { return m_device->currentData(Qt::UserRole).toString() == QLatin1String("cuda"); }

void TrainingSettingsForm::apply(core::TrainConfig& cfg) const
{
    cfg = m_loaded;
    cfg.maxSteps = m_maxSteps->value();
    cfg.epochs = m_epochs->value();
    cfg.batchSize = m_batch->value();
    cfg.learningRate = m_learningRate->value();
    cfg.lrScheduler = core::parseLrScheduler(m_scheduler->currentText().toStdString());
    cfg.warmupSteps = m_warmup->value();
    cfg.evalEvery = m_evalEvery->value();
    cfg.seed = static_cast<uint64_t>(m_seed->value());
    cfg.device = m_device->currentData(Qt::UserRole).toString().toStdString();
}

void TrainingSettingsForm::load(const core::TrainConfig& cfg)
{
    m_loaded = cfg;
    m_maxSteps->setValue(static_cast<int>(cfg.maxSteps));
    m_epochs->setValue(cfg.epochs);
    m_batch->setValue(cfg.batchSize);
    m_learningRate->setValue(cfg.learningRate);
    m_scheduler->setCurrentText(QString::fromStdString(core::toString(cfg.lrScheduler)));
    m_warmup->setValue(static_cast<int>(cfg.warmupSteps));
    m_evalEvery->setValue(static_cast<int>(cfg.evalEvery));
    m_seed->setValue(static_cast<int>(cfg.seed));
    const bool wantsCuda = cfg.device.rfind("cuda", 0) == 0 || (cfg.device == "auto" && core::cudaAvailable());
    m_device->setCurrentIndex(wantsCuda && core::cudaAvailable() ? 1 : 0);
}

QString TrainingSettingsForm::runsFolder() const { return m_runsFolder->text(); }
void TrainingSettingsForm::setRunsFolder(const QString& folder) { m_runsFolder->setText(folder); }

} // namespace ui
