#include "ui/data/DataSettingsForm.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace ui {

namespace {
// A terse template for models that were not trained on Alpaca's preamble.
const char* kPlainWithInput = "{instruction}\n\n{input}\n\n";
const char* kPlainWithoutInput = "{instruction}\n\n";
const char* kFields[3] = {"instruction", "input", "output"};
} // namespace

DataSettingsForm::DataSettingsForm(QWidget* parent) : QWidget(parent)
{
    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    auto* fileRow = new QHBoxLayout;
    m_path = new QLineEdit(this);
    m_path->setObjectName("datasetPath");
    m_path->setPlaceholderText(tr("Alpaca records: JSON array, JSONL or CSV with instruction / input / output"));
    auto* choose = new QPushButton(tr("Choose…"), this);
    fileRow->addWidget(m_path, 1);
    fileRow->addWidget(choose);
    form->addRow(tr("Dataset"), fileRow);

    auto* columnsRow = new QHBoxLayout;
    for (int i = 0; i < 3; ++i) {
        m_columns[i] = new QLineEdit(this);
        m_columns[i]->setPlaceholderText(QLatin1String(kFields[i]));
        m_columns[i]->setToolTip(tr("The column (JSON key) of your file that holds the %1 field. Leave empty when it "
                                    "is called \"%1\".").arg(QLatin1String(kFields[i])));
        columnsRow->addWidget(m_columns[i]);
        connect(m_columns[i], &QLineEdit::editingFinished, this, &DataSettingsForm::sourceChanged);
    }
    form->addRow(tr("Columns"), columnsRow);

    m_template = new QComboBox(this);
    m_template->setObjectName("templateChoice");
    m_template->addItem(tr("Alpaca (alpaca-lora)"));
    m_template->addItem(tr("Plain: instruction, input, response"));
    m_template->setToolTip(tr("How a record becomes text. Alpaca's template wraps it in \"### Instruction:\" / "
                              "\"### Response:\" headers; the plain one just joins the fields. Generation must use the "
                              "same template the adapter was trained with."));
    form->addRow(tr("Template"), m_template);

    m_trainOnPrompt = new QCheckBox(tr("Train on the prompt too"), this);
    m_trainOnPrompt->setToolTip(tr("Off (the common choice): the loss covers the response only, so the model learns to "
                                   "answer, not to repeat instructions. On: every token is trained."));
    form->addRow(QString(), m_trainOnPrompt);

    m_validationSplit = new QDoubleSpinBox(this);
    m_validationSplit->setObjectName("validationSplit");
    m_validationSplit->setRange(0.0, 0.5);
    m_validationSplit->setSingleStep(0.05);
    m_validationSplit->setValue(0.1);
    m_validationSplit->setToolTip(tr("Share of records held out to measure validation loss. If validation loss rises "
                                     "while training loss falls, the adapter is overfitting."));
    form->addRow(tr("Validation split"), m_validationSplit);

    auto* lengthRow = new QHBoxLayout;
    m_maxLength = new QSpinBox(this);
    m_maxLength->setObjectName("maxLength");
    m_maxLength->setRange(8, 131072);
    m_maxLength->setValue(256);
    m_maxLength->setToolTip(tr("Tokens per sequence, BOS and EOS included. Memory and time grow with it; records "
                               "longer than this are truncated or dropped."));
    m_overlong = new QComboBox(this);
    m_overlong->addItems({QStringLiteral("truncate"), QStringLiteral("drop")});
    m_overlong->setToolTip(tr("What happens to a longer record: truncate keeps its start (losing the end of the "
                              "response and the EOS); drop leaves it out."));
    lengthRow->addWidget(m_maxLength);
    lengthRow->addWidget(m_overlong);
    lengthRow->addStretch();
    form->addRow(tr("max_length"), lengthRow);

    connect(choose, &QPushButton::clicked, this, &DataSettingsForm::chooseFile);
    connect(m_path, &QLineEdit::editingFinished, this, &DataSettingsForm::sourceChanged);
    connect(m_template, qOverload<int>(&QComboBox::currentIndexChanged), this, &DataSettingsForm::changed);
    connect(m_trainOnPrompt, &QCheckBox::toggled, this, &DataSettingsForm::changed);
    connect(m_maxLength, qOverload<int>(&QSpinBox::valueChanged), this, &DataSettingsForm::changed);
    connect(m_overlong, qOverload<int>(&QComboBox::currentIndexChanged), this, &DataSettingsForm::changed);
    connect(m_validationSplit, qOverload<double>(&QDoubleSpinBox::valueChanged), this, &DataSettingsForm::changed);
}

void DataSettingsForm::chooseFile()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("Choose a dataset"), m_path->text(),
                                                      tr("Datasets (*.json *.jsonl *.csv *.tsv);;All files (*)"));
    if (!file.isEmpty()) {
        m_path->setText(file);
        Q_EMIT sourceChanged();
    }
}

void DataSettingsForm::setDatasetPath(const QString& path) { m_path->setText(path); }
QString DataSettingsForm::datasetPath() const { return m_path->text(); }

void DataSettingsForm::apply(core::DataConfig& cfg) const
{
    cfg = m_loaded;
    cfg.path = m_path->text().toStdString();
    cfg.format = core::DataFormat::Alpaca;
    cfg.columns.clear();
    for (int i = 0; i < 3; ++i) {
        const QString column = m_columns[i]->text().trimmed();
        if (!column.isEmpty() && column != QLatin1String(kFields[i]))
            cfg.columns[column.toStdString()] = kFields[i];
    }
    cfg.templateWithInput = m_template->currentIndex() == 1 ? kPlainWithInput : m_template->currentIndex() == 2 ? m_loaded.templateWithInput : "";
    cfg.templateWithoutInput = m_template->currentIndex() == 1 ? kPlainWithoutInput : m_template->currentIndex() == 2 ? m_loaded.templateWithoutInput : "";
    cfg.trainOnPrompt = m_trainOnPrompt->isChecked();
    cfg.validationSplit = m_validationSplit->value();
    cfg.maxLength = m_maxLength->value();
    cfg.overlong = m_overlong->currentIndex() == 1 ? core::OverlongPolicy::Drop : core::OverlongPolicy::Truncate;
}

void DataSettingsForm::load(const core::DataConfig& cfg)
{
    m_loaded = cfg;
    const QSignalBlocker b1(m_template), b2(m_trainOnPrompt), b3(m_validationSplit), b4(m_maxLength), b5(m_overlong);
    m_path->setText(QString::fromStdString(cfg.path));
    for (int i = 0; i < 3; ++i)
        m_columns[i]->clear();
    for (const auto& [column, field] : cfg.columns)
        for (int i = 0; i < 3; ++i)
            if (field == kFields[i])
                m_columns[i]->setText(QString::fromStdString(column));
    if (cfg.templateWithInput.empty()) {
        m_template->setCurrentIndex(0);
    } else if (cfg.templateWithInput == kPlainWithInput && cfg.templateWithoutInput == kPlainWithoutInput) {
        m_template->setCurrentIndex(1);
    } else {
        if (m_template->count() < 3)
            m_template->addItem(tr("Custom (from the experiment file)"));
        m_template->setCurrentIndex(2);
    }
    m_trainOnPrompt->setChecked(cfg.trainOnPrompt);
    m_validationSplit->setValue(cfg.validationSplit);
    m_maxLength->setValue(cfg.maxLength);
    m_overlong->setCurrentIndex(cfg.overlong == core::OverlongPolicy::Drop ? 1 : 0);
}

} // namespace ui
