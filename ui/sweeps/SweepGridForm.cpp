#include "ui/sweeps/SweepGridForm.h"

#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>

namespace ui {

namespace {

QString defaultOutput(const QString& name)
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
        .filePath(QStringLiteral("sweeps/") + (name.trimmed().isEmpty() ? QStringLiteral("sweep") : name.trimmed()));
}

} // namespace

SweepGridForm::SweepGridForm(QWidget* parent) : QWidget(parent)
{
    const SweepGrid defaults;
    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    auto lineEdit = [this](const char* name, const QString& text, const QString& tip) {
        auto* edit = new QLineEdit(text, this);
        edit->setObjectName(name);
        edit->setToolTip(tip);
        connect(edit, &QLineEdit::textChanged, this, &SweepGridForm::update);
        return edit;
    };
    m_name = lineEdit("sweepName", defaults.name,
                      tr("The sweep's name in the run history. The same name and values resume the same sweep."));
    form->addRow(tr("Sweep name"), m_name);
    m_output = lineEdit("outputFolder", defaultOutput(defaults.name),
                        tr("sweep.yaml goes here, and each run in a folder <NN>-<label> of its own."));
    auto* browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this]() {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Output folder of the sweep"), m_output->text());
        if (!dir.isEmpty())
            m_output->setText(dir);
    });
    auto* outputRow = new QHBoxLayout;
    outputRow->addWidget(m_output, 1);
    outputRow->addWidget(browse);
    form->addRow(tr("Output folder"), outputRow);
    // The default output folder follows the name until the user picks one.
    connect(m_name, &QLineEdit::textEdited, this, [this](const QString& name) {
        if (m_output->property("followsName").toBool())
            m_output->setText(defaultOutput(name));
    });
    m_output->setProperty("followsName", true);
    connect(m_output, &QLineEdit::textEdited, this, [this]() { m_output->setProperty("followsName", false); });

    m_r = lineEdit("rValues", defaults.rValues,
                   tr("LoRA ranks to try. Parameters grow linearly with r; quality usually saturates early."));
    form->addRow(tr("r values"), m_r);
    m_alpha = lineEdit("alphaValues", defaults.alphaValues,
                       tr("lora_alpha values: numbers, or '2r' for twice each run's r. The update is scaled by "
                          "alpha / r, so '2r' keeps that scale fixed and only the rank changes."));
    form->addRow(tr("lora_alpha values"), m_alpha);

    auto* targetRow = new QHBoxLayout;
    const QStringList presets = targetPresetNames();
    const QStringList tips = {tr("q_proj, k_proj, v_proj, o_proj"), tr("gate_proj, up_proj, down_proj"),
                              tr("q_proj, v_proj (PEFT's default for LLaMA)"), tr("every linear layer of the blocks")};
    for (int i = 0; i < presets.size(); ++i) {
        auto* box = new QCheckBox(presets[i], this);
        box->setObjectName(QStringLiteral("target_") + presets[i]);
        box->setToolTip(tips[i]);
        box->setChecked(defaults.targets.contains(presets[i]));
        connect(box, &QCheckBox::toggled, this, &SweepGridForm::update);
        m_targets << box;
        targetRow->addWidget(box);
    }
    targetRow->addStretch();
    m_targetOrder = presets;
    form->addRow(tr("Targets"), targetRow);

    m_dropout = lineEdit("dropoutValues", defaults.dropoutValues, tr("lora_dropout values, each at least 0 and below 1."));
    form->addRow(tr("Dropout values"), m_dropout);
    m_rates = lineEdit("learningRates", defaults.learningRates, tr("Learning rates, e.g. 1e-4, 1e-3."));
    form->addRow(tr("Learning rates"), m_rates);
    connect(m_dropout, &QLineEdit::textEdited, this, [this]() { m_dropoutTyped = true; });
    connect(m_rates, &QLineEdit::textEdited, this, [this]() { m_rateTyped = true; });

    m_maxSteps = new QSpinBox(this);
    m_maxSteps->setObjectName("sweepMaxSteps");
    m_maxSteps->setRange(1, 10000000);
    m_maxSteps->setValue(defaults.maxSteps);
    m_maxSteps->setToolTip(tr("train.max_steps of every run: the same budget for each, so they compare fairly."));
    connect(m_maxSteps, qOverload<int>(&QSpinBox::valueChanged), this, &SweepGridForm::update);
    connect(m_maxSteps, &QSpinBox::editingFinished, this, [this]() { m_stepsTyped = true; });
    form->addRow(tr("Max steps (each run)"), m_maxSteps);

    m_extra = new QLabel(this);
    m_extra->setObjectName("extraSettings");
    m_extra->setWordWrap(true);
    m_extra->setVisible(false);
    form->addRow(m_extra);
    m_count = new QLabel(this);
    m_count->setObjectName("runCount");
    form->addRow(m_count);
    m_error = new QLabel(this);
    m_error->setObjectName("formError");
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    form->addRow(m_error);
    update();
}

QCheckBox* SweepGridForm::targetBox(const QString& preset) const
{
    const int i = targetPresetNames().indexOf(preset);
    return i < 0 ? nullptr : m_targets[i];
}

SweepGrid SweepGridForm::grid() const
{
    SweepGrid grid;
    grid.name = m_name->text().trimmed();
    grid.description = m_description;
    grid.outputDir = m_output->text().trimmed();
    grid.rValues = m_r->text();
    grid.alphaValues = m_alpha->text();
    grid.dropoutValues = m_dropout->text();
    grid.learningRates = m_rates->text();
    grid.maxSteps = m_maxSteps->value();
    grid.targets.clear();
    for (const QString& preset : m_targetOrder)
        if (targetBox(preset)->isChecked())
            grid.targets << preset;
    grid.extraSet = m_extraSet;
    return grid;
}

void SweepGridForm::setGrid(const SweepGrid& grid)
{
    QSignalBlocker blocker(this);
    m_description = grid.description;
    m_extraSet = grid.extraSet;
    m_name->setText(grid.name);
    m_output->setText(grid.outputDir);
    m_output->setProperty("followsName", false);
    m_r->setText(grid.rValues);
    m_alpha->setText(grid.alphaValues);
    m_dropout->setText(grid.dropoutValues);
    m_rates->setText(grid.learningRates);
    m_maxSteps->setValue(grid.maxSteps);
    // The file's values win over the base experiment's; the ones it leaves out come from the base (suggestFrom).
    m_dropoutTyped = !grid.dropoutValues.isEmpty();
    m_rateTyped = !grid.learningRates.isEmpty();
    m_stepsTyped = grid.maxSteps > 0;
    // Keep the file's run order of the presets; unticked ones follow in the usual order.
    m_targetOrder = grid.targets;
    for (const QString& preset : targetPresetNames()) {
        targetBox(preset)->setChecked(grid.targets.contains(preset));
        if (!m_targetOrder.contains(preset))
            m_targetOrder << preset;
    }
    QStringList extras;
    for (const auto& [key, value] : m_extraSet)
        extras << key + QStringLiteral(": ") + value;
    m_extra->setText(tr("Also set in every run (from the file): %1").arg(extras.join(QStringLiteral(", "))));
    m_extra->setVisible(!extras.isEmpty());
    blocker.unblock();
    update();
}

void SweepGridForm::suggestFrom(const core::ExperimentConfig& cfg)
{
    if (!m_rateTyped)
        m_rates->setText(QString::number(cfg.train.learningRate, 'g', 6));
    if (!m_dropoutTyped)
        m_dropout->setText(QString::number(cfg.lora.loraDropout, 'g', 6));
    if (!m_stepsTyped && cfg.train.maxSteps > 0)
        m_maxSteps->setValue(static_cast<int>(std::min<int64_t>(cfg.train.maxSteps, m_maxSteps->maximum())));
}

void SweepGridForm::update()
{
    const QString problem = error();
    const int runs = runCount();
    m_error->setText(problem);
    m_error->setVisible(!problem.isEmpty());
    m_count->setText(problem.isEmpty() ? (runs == 1 ? tr("1 run") : tr("%1 runs").arg(runs)) : tr("— runs"));
    Q_EMIT changed();
}

} // namespace ui
