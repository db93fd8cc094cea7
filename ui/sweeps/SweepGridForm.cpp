#include "ui/sweeps/SweepGridForm.h"

#include "ui/common/FormRowLabel.h"

#include <QCheckBox>
#include <QDir>
#include <QEvent>
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
    m_formLayout = new QFormLayout(this);
    m_formLayout->setContentsMargins(0, 0, 0, 0);
    auto lineEdit = [this](const char* name, const QString& text) {
        auto* edit = new QLineEdit(text, this);
        edit->setObjectName(name);
        connect(edit, &QLineEdit::textChanged, this, &SweepGridForm::update);
        return edit;
    };
    // Each row's label is made and worded by retranslateUi() (ui::setFormRowLabel, through the row's field).
    const auto addRow = [this](QWidget* field) { m_formLayout->addRow(QString(), field); };
    m_name = lineEdit("sweepName", defaults.name);
    addRow(m_name);
    m_output = lineEdit("outputFolder", defaultOutput(defaults.name));
    m_browse = new QPushButton(this);
    connect(m_browse, &QPushButton::clicked, this, [this]() {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Output folder of the sweep"), m_output->text());
        if (!dir.isEmpty())
            m_output->setText(dir);
    });
    // Rows of several widgets sit in a widget of their own, so that the row's label can be found from it.
    m_outputRow = new QWidget(this);
    auto* outputRow = new QHBoxLayout(m_outputRow);
    outputRow->setContentsMargins(0, 0, 0, 0);
    outputRow->addWidget(m_output, 1);
    outputRow->addWidget(m_browse);
    addRow(m_outputRow);
    // The default output folder follows the name until the user picks one.
    connect(m_name, &QLineEdit::textEdited, this, [this](const QString& name) {
        if (m_output->property("followsName").toBool())
            m_output->setText(defaultOutput(name));
    });
    m_output->setProperty("followsName", true);
    connect(m_output, &QLineEdit::textEdited, this, [this]() { m_output->setProperty("followsName", false); });

    m_r = lineEdit("rValues", defaults.rValues);
    addRow(m_r);
    m_alpha = lineEdit("alphaValues", defaults.alphaValues);
    addRow(m_alpha);

    m_targetRow = new QWidget(this);
    auto* targetRow = new QHBoxLayout(m_targetRow);
    targetRow->setContentsMargins(0, 0, 0, 0);
    const QStringList presets = targetPresetNames();
    for (int i = 0; i < presets.size(); ++i) {
        auto* box = new QCheckBox(presets[i], this); // the preset's name, as the sweep file writes it
        box->setObjectName(QStringLiteral("target_") + presets[i]);
        box->setChecked(defaults.targets.contains(presets[i]));
        connect(box, &QCheckBox::toggled, this, &SweepGridForm::update);
        m_targets << box;
        targetRow->addWidget(box);
    }
    targetRow->addStretch();
    m_targetOrder = presets;
    addRow(m_targetRow);

    m_dropout = lineEdit("dropoutValues", defaults.dropoutValues);
    addRow(m_dropout);
    m_rates = lineEdit("learningRates", defaults.learningRates);
    addRow(m_rates);
    connect(m_dropout, &QLineEdit::textEdited, this, [this]() { m_dropoutTyped = true; });
    connect(m_rates, &QLineEdit::textEdited, this, [this]() { m_rateTyped = true; });

    m_maxSteps = new QSpinBox(this);
    m_maxSteps->setObjectName("sweepMaxSteps");
    m_maxSteps->setRange(1, 10000000);
    m_maxSteps->setValue(defaults.maxSteps);
    connect(m_maxSteps, qOverload<int>(&QSpinBox::valueChanged), this, &SweepGridForm::update);
    connect(m_maxSteps, &QSpinBox::editingFinished, this, [this]() { m_stepsTyped = true; });
    addRow(m_maxSteps);

    m_extra = new QLabel(this);
    m_extra->setObjectName("extraSettings");
    m_extra->setWordWrap(true);
    m_extra->setVisible(false);
    m_formLayout->addRow(m_extra);
    m_count = new QLabel(this);
    m_count->setObjectName("runCount");
    m_formLayout->addRow(m_count);
    m_error = new QLabel(this);
    m_error->setObjectName("formError");
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_formLayout->addRow(m_error);
    retranslateUi();
}

void SweepGridForm::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void SweepGridForm::retranslateUi()
{
    setFormRowLabel(m_formLayout, m_name, tr("Sweep name"));
    m_name->setToolTip(tr("The sweep's name in the run history. The same name and values resume the same sweep."));
    setFormRowLabel(m_formLayout, m_outputRow, tr("Output folder"));
    m_output->setToolTip(tr("sweep.yaml goes here, and each run in a folder <NN>-<label> of its own."));
    m_browse->setText(tr("Browse…"));
    setFormRowLabel(m_formLayout, m_r, tr("r values"));
    m_r->setToolTip(tr("LoRA ranks to try. Parameters grow linearly with r; quality usually saturates early."));
    setFormRowLabel(m_formLayout, m_alpha, tr("lora_alpha values"));
    m_alpha->setToolTip(tr("lora_alpha values: numbers, or '2r' for twice each run's r. The update is scaled by "
                           "alpha / r, so '2r' keeps that scale fixed and only the rank changes."));
    setFormRowLabel(m_formLayout, m_targetRow, tr("Targets"));
    // In targetPresetNames() order: attention, mlp, qv, all. Module names stay as the model spells them.
    const QStringList tips = {QStringLiteral("q_proj, k_proj, v_proj, o_proj"),
                              QStringLiteral("gate_proj, up_proj, down_proj"),
                              tr("q_proj, v_proj (PEFT's default for LLaMA)"), tr("every linear layer of the blocks")};
    for (int i = 0; i < m_targets.size() && i < tips.size(); ++i)
        m_targets[i]->setToolTip(tips[i]);
    setFormRowLabel(m_formLayout, m_dropout, tr("Dropout values"));
    m_dropout->setToolTip(tr("lora_dropout values, each at least 0 and below 1."));
    setFormRowLabel(m_formLayout, m_rates, tr("Learning rates"));
    m_rates->setToolTip(tr("Learning rates, e.g. 1e-4, 1e-3."));
    setFormRowLabel(m_formLayout, m_maxSteps, tr("Max steps (each run)"));
    m_maxSteps->setToolTip(tr("train.max_steps of every run: the same budget for each, so they compare fairly."));
    showState();
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
    m_extra->setVisible(!m_extraSet.isEmpty());
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
    showState();
    Q_EMIT changed();
}

void SweepGridForm::showState()
{
    const QString problem = error();
    const int runs = runCount();
    m_error->setText(problem);
    m_error->setVisible(!problem.isEmpty());
    m_count->setText(problem.isEmpty() ? tr("%Ln run(s)", nullptr, runs) : tr("— runs"));
    QStringList extras;
    for (const auto& [key, value] : m_extraSet)
        extras << key + QStringLiteral(": ") + value;
    m_extra->setText(extras.isEmpty() ? QString()
                                      : tr("Also set in every run (from the file): %1")
                                            .arg(extras.join(QStringLiteral(", "))));
}

} // namespace ui
