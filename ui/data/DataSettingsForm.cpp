#include "ui/data/DataSettingsForm.h"

#include "core/chat/BuiltinChatTemplates.h"
#include "ui/common/SettingToolTip.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
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
    m_path->setToolTip(settingToolTip("data.path"));
    m_path->setPlaceholderText(tr("Alpaca records: JSON array, JSONL or CSV with instruction / input / output"));
    auto* choose = new QPushButton(tr("Choose…"), this);
    fileRow->addWidget(m_path, 1);
    fileRow->addWidget(choose);
    form->addRow(tr("Dataset"), fileRow);

    auto* formatRow = new QHBoxLayout;
    m_format = new QComboBox(this);
    m_format->setObjectName("dataFormat");
    m_format->addItem(tr("Alpaca records"));
    m_format->addItem(tr("Chat conversations"));
    m_format->setToolTip(
        settingToolTip("data.format",
                       tr("Alpaca: instruction / input / output records. Chat: a \"messages\" list of {role, "
                          "content} per record (system, user, assistant, tool), or ShareGPT \"conversations\" "
                          "of {from, value}; several turns per record.")));
    m_chatTemplate = new QComboBox(this);
    m_chatTemplate->setObjectName("chatTemplate");
    m_chatTemplate->addItem(tr("The model's own"), QStringLiteral("model"));
    for (const std::string& name : core::chat::builtinChatTemplateNames())
        m_chatTemplate->addItem(QString::fromStdString(name), QString::fromStdString(name));
    formatRow->addWidget(m_format);
    formatRow->addWidget(new QLabel(tr("Chat template"), this));
    formatRow->addWidget(m_chatTemplate, 1);
    form->addRow(tr("Format"), formatRow);

    auto* columnsRow = new QHBoxLayout;
    for (int i = 0; i < 3; ++i) {
        m_columns[i] = new QLineEdit(this);
        m_columns[i]->setPlaceholderText(QLatin1String(kFields[i]));
        m_columns[i]->setToolTip(
            settingToolTip("data.columns",
                           tr("The column (JSON key) of your file that holds the %1 field. Leave empty when it "
                              "is called \"%1\".")
                               .arg(QLatin1String(kFields[i]))));
        columnsRow->addWidget(m_columns[i]);
        connect(m_columns[i], &QLineEdit::editingFinished, this, &DataSettingsForm::sourceChanged);
    }
    form->addRow(tr("Columns"), columnsRow);

    m_template = new QComboBox(this);
    m_template->setObjectName("templateChoice");
    m_template->addItem(tr("Alpaca (alpaca-lora)"));
    m_template->addItem(tr("Plain: instruction, input, response"));
    m_template->setToolTip(
        settingToolTip("data.template",
                       tr("How a record becomes text. Alpaca's template wraps it in \"### Instruction:\" / "
                          "\"### Response:\" headers; the plain one just joins the fields. Generation must use the "
                          "same template the adapter was trained with.")));
    form->addRow(tr("Template"), m_template);

    m_trainOnPrompt = new QCheckBox(tr("Train on the prompt too"), this);
    m_trainOnPrompt->setToolTip(
        settingToolTip("data.train_on_prompt",
                       tr("Off (the common choice): the loss covers the response only, so the model learns to "
                          "answer, not to repeat instructions. On: every token is trained.")));
    form->addRow(QString(), m_trainOnPrompt);

    m_validationSplit = new QDoubleSpinBox(this);
    m_validationSplit->setObjectName("validationSplit");
    m_validationSplit->setRange(0.0, 0.5);
    m_validationSplit->setSingleStep(0.05);
    m_validationSplit->setValue(0.1);
    m_validationSplit->setToolTip(
        settingToolTip("data.validation_split",
                       tr("Share of records held out to measure validation loss. If validation loss rises "
                          "while training loss falls, the adapter is overfitting.")));
    form->addRow(tr("Validation split"), m_validationSplit);

    auto* lengthRow = new QHBoxLayout;
    m_maxLength = new QSpinBox(this);
    m_maxLength->setObjectName("maxLength");
    m_maxLength->setRange(8, 131072);
    m_maxLength->setValue(256);
    m_maxLength->setToolTip(
        settingToolTip("data.max_length",
                       tr("Tokens per sequence, BOS and EOS included. Memory and time grow with it; records "
                          "longer than this are truncated or dropped.")));
    m_overlong = new QComboBox(this);
    m_overlong->addItems({QStringLiteral("truncate"), QStringLiteral("drop")});
    m_overlong->setToolTip(
        settingToolTip("data.overlong",
                       tr("What happens to a longer record: truncate keeps its start (losing the end of the "
                          "response and the EOS); drop leaves it out.")));
    lengthRow->addWidget(m_maxLength);
    lengthRow->addWidget(m_overlong);
    lengthRow->addStretch();
    form->addRow(tr("max_length"), lengthRow);

    connect(choose, &QPushButton::clicked, this, &DataSettingsForm::chooseFile);
    connect(m_path, &QLineEdit::editingFinished, this, &DataSettingsForm::sourceChanged);
    connect(m_template, qOverload<int>(&QComboBox::currentIndexChanged), this, &DataSettingsForm::changed);
    connect(m_format, qOverload<int>(&QComboBox::currentIndexChanged), this, [this]() {
        showFormatRows();
        Q_EMIT sourceChanged(); // another reader: the records must be read again
    });
    connect(m_chatTemplate, qOverload<int>(&QComboBox::currentIndexChanged), this, &DataSettingsForm::changed);
    showFormatRows();
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

void DataSettingsForm::showFormatRows()
{
    const bool chat = m_format->currentIndex() == 1;
    for (QLineEdit* column : m_columns)
        column->setEnabled(!chat);
    m_template->setEnabled(!chat);
    m_chatTemplate->setEnabled(chat);
    m_template->setToolTip(
        settingToolTip("data.template",
                       chat ? tr("Applies to Alpaca records; chat conversations use the chat template.")
                            : tr("How a record becomes text. Alpaca's template wraps it in \"### Instruction:\" / "
                                 "\"### Response:\" headers; the plain one just joins the fields. Generation "
                                 "must use the same template the adapter was trained with.")));
    m_chatTemplate->setToolTip(
        settingToolTip("data.chat_template",
                       chat ? tr("How a conversation becomes text: the model's own template (its "
                                 "tokenizer_config.json chat_template, as transformers renders it), or a "
                                 "built-in one for models without one. The loss covers the assistant's turns "
                                 "and the end-of-turn text after each.")
                            : tr("Applies to chat conversations; choose Format: Chat conversations.")));
    m_trainOnPrompt->setText(chat ? tr("Train on every turn (not only the assistant's)")
                                  : tr("Train on the prompt too"));
    m_path->setPlaceholderText(chat ? tr("Chat records: JSON array or JSONL with \"messages\" (or ShareGPT "
                                         "\"conversations\")")
                                    : tr("Alpaca records: JSON array, JSONL or CSV with instruction / input / output"));
}

void DataSettingsForm::setDatasetPath(const QString& path) { m_path->setText(path); }
QString DataSettingsForm::datasetPath() const { return m_path->text(); }

void DataSettingsForm::apply(core::DataConfig& cfg) const
{
    cfg = m_loaded;
    cfg.path = m_path->text().toStdString();
    cfg.format = m_format->currentIndex() == 1 ? core::DataFormat::Messages : core::DataFormat::Alpaca;
    cfg.chatTemplate = cfg.format == core::DataFormat::Messages ? m_chatTemplate->currentData().toString().toStdString()
                                                                : std::string("model");
    cfg.columns.clear();
    for (int i = 0; i < 3 && cfg.format == core::DataFormat::Alpaca; ++i) {
        const QString column = m_columns[i]->text().trimmed();
        if (!column.isEmpty() && column != QLatin1String(kFields[i]))
            cfg.columns[column.toStdString()] = kFields[i];
    }
    if (cfg.format == core::DataFormat::Messages) {
        cfg.templateWithInput.clear();
        cfg.templateWithoutInput.clear();
    } else {
        const int choice = m_template->currentIndex();
        cfg.templateWithInput = choice == 1 ? kPlainWithInput : choice == 2 ? m_loaded.templateWithInput : "";
        cfg.templateWithoutInput = choice == 1 ? kPlainWithoutInput : choice == 2 ? m_loaded.templateWithoutInput : "";
    }
    cfg.trainOnPrompt = m_trainOnPrompt->isChecked();
    cfg.validationSplit = m_validationSplit->value();
    cfg.maxLength = m_maxLength->value();
    cfg.overlong = m_overlong->currentIndex() == 1 ? core::OverlongPolicy::Drop : core::OverlongPolicy::Truncate;
}

void DataSettingsForm::load(const core::DataConfig& cfg)
{
    m_loaded = cfg;
    const QSignalBlocker b1(m_template), b2(m_trainOnPrompt), b3(m_validationSplit), b4(m_maxLength), b5(m_overlong),
        b6(m_format), b7(m_chatTemplate);
    m_format->setCurrentIndex(cfg.format == core::DataFormat::Messages ? 1 : 0);
    const int chatIndex = m_chatTemplate->findData(QString::fromStdString(cfg.chatTemplate));
    m_chatTemplate->setCurrentIndex(chatIndex >= 0 ? chatIndex : 0);
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
    showFormatRows();
}

} // namespace ui
