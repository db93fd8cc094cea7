#include "ui/data/DataSettingsForm.h"

#include "core/chat/BuiltinChatTemplates.h"
#include "core/data/RecordShape.h"
#include "core/experiment/TaskDataFormat.h"
#include "ui/common/FormRowLabel.h"
#include "ui/common/SettingToolTip.h"

#include <QCheckBox>
#include <QComboBox>
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

namespace ui {

namespace {
// A terse template for models that were not trained on Alpaca's preamble.
const char* kPlainWithInput = "{instruction}\n\n{input}\n\n";
const char* kPlainWithoutInput = "{instruction}\n\n";

struct FormatChoice {
    core::DataFormat format;
    const char* label;
    const char* placeholder; // what the file holds, for the path field
};
const FormatChoice kFormats[] = {
    {core::DataFormat::Alpaca, QT_TRANSLATE_NOOP("ui::DataSettingsForm", "Alpaca records"),
     QT_TRANSLATE_NOOP("ui::DataSettingsForm",
                       "Alpaca records: JSON array, JSONL or CSV with instruction / input / output")},
    {core::DataFormat::Messages, QT_TRANSLATE_NOOP("ui::DataSettingsForm", "Chat conversations"),
     QT_TRANSLATE_NOOP("ui::DataSettingsForm",
                       "Chat records: JSON array or JSONL with \"messages\" (or ShareGPT \"conversations\")")},
    {core::DataFormat::Text, QT_TRANSLATE_NOOP("ui::DataSettingsForm", "Plain text"),
     QT_TRANSLATE_NOOP("ui::DataSettingsForm", "A UTF-8 text file, cut into windows of max_length tokens")},
    {core::DataFormat::SeqCls, QT_TRANSLATE_NOOP("ui::DataSettingsForm", "Classification (seq_cls)"),
     QT_TRANSLATE_NOOP("ui::DataSettingsForm", "Classification records: JSONL, JSON array or CSV with text [, "
                                               "text_pair] and label")},
    {core::DataFormat::TokenCls, QT_TRANSLATE_NOOP("ui::DataSettingsForm", "Tagged words (token_cls)"),
     QT_TRANSLATE_NOOP("ui::DataSettingsForm", "Tagged sentences: JSONL with tokens and tags lists, or CoNLL "
                                               "columns (word … tag)")},
    {core::DataFormat::Squad, QT_TRANSLATE_NOOP("ui::DataSettingsForm", "SQuAD questions (squad)"),
     QT_TRANSLATE_NOOP("ui::DataSettingsForm", "SQuAD v1.1 / v2.0 JSON (or its JSONL export): questions with "
                                               "answers in their contexts")},
    {core::DataFormat::Pairs, QT_TRANSLATE_NOOP("ui::DataSettingsForm", "Query / positive pairs (pairs)"),
     QT_TRANSLATE_NOOP("ui::DataSettingsForm", "Pairs: JSONL, JSON array or CSV with query, positive [, "
                                               "negative]")},
};

const FormatChoice& choiceOf(core::DataFormat format)
{
    for (const FormatChoice& choice : kFormats)
        if (choice.format == format)
            return choice;
    return kFormats[0];
}

// The formats whose records are read by column (Alpaca's reader with the format's field names).
bool readsColumns(core::DataFormat format)
{
    return format == core::DataFormat::Alpaca || format == core::DataFormat::SeqCls ||
           format == core::DataFormat::TokenCls || format == core::DataFormat::Pairs;
}
} // namespace

DataSettingsForm::DataSettingsForm(QWidget* parent) : QWidget(parent)
{
    // Texts and tooltips are set by retranslateUi(), at the end and on every language change: a one-control row's
    // label by setFormRowLabel (which makes it); a row of several controls keeps its label.
    m_form = new QFormLayout(this);
    m_form->setContentsMargins(0, 0, 0, 0);
    auto* fileRow = new QHBoxLayout;
    m_path = new QLineEdit(this);
    m_path->setObjectName("datasetPath");
    m_choosePath = new QPushButton(this);
    fileRow->addWidget(m_path, 1);
    fileRow->addWidget(m_choosePath);
    m_datasetLabel = new QLabel(this);
    m_form->addRow(m_datasetLabel, fileRow);

    auto* formatRow = new QHBoxLayout;
    m_format = new QComboBox(this);
    m_format->setObjectName("dataFormat");
    for (const FormatChoice& choice : kFormats)
        m_format->addItem(QString(), int(choice.format));
    m_chatTemplate = new QComboBox(this);
    m_chatTemplate->setObjectName("chatTemplate");
    m_chatTemplate->addItem(QString(), QStringLiteral("model")); // "The model's own"
    for (const std::string& name : core::chat::builtinChatTemplateNames())
        m_chatTemplate->addItem(QString::fromStdString(name), QString::fromStdString(name));
    m_chatTemplateLabel = new QLabel(this);
    formatRow->addWidget(m_format);
    formatRow->addWidget(m_chatTemplateLabel);
    formatRow->addWidget(m_chatTemplate, 1);
    m_formatLabel = new QLabel(this);
    m_form->addRow(m_formatLabel, formatRow);

    auto* columnsRow = new QHBoxLayout;
    for (QLineEdit*& column : m_columns) {
        column = new QLineEdit(this);
        columnsRow->addWidget(column);
        connect(column, &QLineEdit::editingFinished, this, &DataSettingsForm::sourceChanged);
    }
    m_columnsLabel = new QLabel(this);
    m_form->addRow(m_columnsLabel, columnsRow);

    m_template = new QComboBox(this);
    m_template->setObjectName("templateChoice");
    m_template->addItems({QString(), QString()}); // Alpaca's and the plain one; load() may add a custom third
    m_form->addRow(QString(), m_template);

    m_trainOnPrompt = new QCheckBox(this);
    m_form->addRow(QString(), m_trainOnPrompt);

    m_validationSplit = new QDoubleSpinBox(this);
    m_validationSplit->setObjectName("validationSplit");
    m_validationSplit->setRange(0.0, 0.5);
    m_validationSplit->setSingleStep(0.05);
    m_validationSplit->setValue(0.1);
    m_form->addRow(QString(), m_validationSplit);

    auto* validationRow = new QHBoxLayout;
    m_validationPath = new QLineEdit(this);
    m_validationPath->setObjectName("validationPath");
    m_chooseValidation = new QPushButton(this);
    validationRow->addWidget(m_validationPath, 1);
    validationRow->addWidget(m_chooseValidation);
    m_validationFileLabel = new QLabel(this);
    m_form->addRow(m_validationFileLabel, validationRow);
    connect(m_chooseValidation, &QPushButton::clicked, this, [this]() {
        const QString file =
            QFileDialog::getOpenFileName(this, tr("Choose a validation file"), m_validationPath->text(),
                                         tr("Datasets (*.json *.jsonl *.csv *.tsv *.conll *.txt);;All files (*)"));
        if (!file.isEmpty()) {
            m_validationPath->setText(file);
            showValidationRows();
            Q_EMIT sourceChanged();
        }
    });
    connect(m_validationPath, &QLineEdit::editingFinished, this, [this]() {
        showValidationRows();
        Q_EMIT sourceChanged();
    });

    auto* lengthRow = new QHBoxLayout;
    m_maxLength = new QSpinBox(this);
    m_maxLength->setObjectName("maxLength");
    m_maxLength->setRange(8, 131072);
    m_maxLength->setValue(256);
    m_overlong = new QComboBox(this);
    m_overlong->addItems({QStringLiteral("truncate"), QStringLiteral("drop")}); // data.overlong's values, as written
    lengthRow->addWidget(m_maxLength);
    lengthRow->addWidget(m_overlong);
    lengthRow->addStretch();
    m_form->addRow(QStringLiteral("max_length"), lengthRow); // the setting's name, the same in every language

    connect(m_choosePath, &QPushButton::clicked, this, &DataSettingsForm::chooseFile);
    connect(m_path, &QLineEdit::editingFinished, this, &DataSettingsForm::sourceChanged);
    connect(m_template, qOverload<int>(&QComboBox::currentIndexChanged), this, &DataSettingsForm::changed);
    connect(m_format, qOverload<int>(&QComboBox::currentIndexChanged), this, [this]() {
        showFormatRows();
        Q_EMIT sourceChanged(); // another reader: the records must be read again
    });
    connect(m_chatTemplate, qOverload<int>(&QComboBox::currentIndexChanged), this, &DataSettingsForm::changed);
    connect(m_trainOnPrompt, &QCheckBox::toggled, this, &DataSettingsForm::changed);
    connect(m_maxLength, qOverload<int>(&QSpinBox::valueChanged), this, &DataSettingsForm::changed);
    connect(m_overlong, qOverload<int>(&QComboBox::currentIndexChanged), this, &DataSettingsForm::changed);
    connect(m_validationSplit, qOverload<double>(&QDoubleSpinBox::valueChanged), this, &DataSettingsForm::changed);
    retranslateUi();
}

void DataSettingsForm::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void DataSettingsForm::retranslateUi()
{
    m_datasetLabel->setText(tr("Dataset"));
    m_path->setToolTip(settingToolTip("data.path", tr("The file of training records, read as the format below.")));
    m_choosePath->setText(tr("Choose…"));
    m_formatLabel->setText(tr("Format"));
    for (int i = 0; i < m_format->count(); ++i)
        m_format->setItemText(i, tr(choiceOf(static_cast<core::DataFormat>(m_format->itemData(i).toInt())).label));
    m_format->setToolTip(
        settingToolTip("data.format",
                       tr("Alpaca: instruction / input / output records. Chat: a \"messages\" list of {role, "
                          "content} per record (system, user, assistant, tool), or ShareGPT \"conversations\" "
                          "of {from, value}; several turns per record. Plain text: continuous text. The task heads "
                          "read their own: seq_cls (text and label), token_cls (words and tags), squad (questions "
                          "on contexts), pairs (query and positive); task_type (Model tab) decides which.")));
    m_chatTemplateLabel->setText(tr("Chat template"));
    m_chatTemplate->setItemText(0, tr("The model's own"));
    m_columnsLabel->setText(tr("Columns"));
    setFormRowLabel(m_form, m_template, tr("Template"));
    m_template->setItemText(0, tr("Alpaca (alpaca-lora)"));
    m_template->setItemText(1, tr("Plain: instruction, input, response"));
    if (m_template->count() > 2)
        m_template->setItemText(2, tr("Custom (from the experiment file)"));
    setFormRowLabel(m_form, m_validationSplit, tr("Validation split"));
    m_validationFileLabel->setText(tr("Validation file"));
    m_validationPath->setPlaceholderText(tr("None: the validation split above is held out of the dataset"));
    m_validationPath->setToolTip(
        settingToolTip("data.validation_path",
                       tr("A separate file of validation records, read in the same format. Without one, the "
                          "validation split is held out of the dataset.")));
    m_chooseValidation->setText(tr("Choose…"));
    m_maxLength->setToolTip(
        settingToolTip("data.max_length",
                       tr("Tokens per sequence, BOS and EOS included. Memory and time grow with it; records "
                          "longer than this are truncated or dropped.")));
    m_overlong->setToolTip(
        settingToolTip("data.overlong",
                       tr("What happens to a longer record: truncate keeps its start (losing the end of the "
                          "response and the EOS); drop leaves it out.")));
    showFormatRows();
    showValidationRows();
    showFormatChoices();
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
    const core::DataFormat current = format();
    const bool alpaca = current == core::DataFormat::Alpaca;
    const bool chat = current == core::DataFormat::Messages;
    const core::RecordShape& shape = core::recordShapeOf(current);
    for (int i = 0; i < 3; ++i) {
        QLineEdit* column = m_columns[i];
        const bool used = readsColumns(current) && shape.used(i);
        const QString field = QString::fromStdString(shape.fields[static_cast<size_t>(i)]);
        column->setEnabled(used);
        column->setPlaceholderText(used ? field : QString());
        column->setToolTip(settingToolTip(
            "data.columns",
            used ? tr("The column (JSON key) of your file that holds the %1 field. Leave empty when it is called "
                      "\"%1\".")
                       .arg(field)
            : readsColumns(current)
                ? tr("The %1 format has no field here.").arg(QString::fromStdString(shape.formatName))
                : tr("This format is not read by columns.")));
    }
    m_template->setEnabled(alpaca);
    m_chatTemplate->setEnabled(chat);
    m_trainOnPrompt->setEnabled(alpaca || chat);
    m_template->setToolTip(
        settingToolTip("data.template",
                       !alpaca ? tr("Applies to Alpaca records; other formats do not use a prompt template.")
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
    m_trainOnPrompt->setToolTip(settingToolTip(
        "data.train_on_prompt",
        m_trainOnPrompt->isEnabled()
            ? tr("Off (the common choice): the loss covers the response only, so the model learns to answer, not to "
                 "repeat instructions. On: every token is trained.")
            : tr("Applies to Alpaca records and chat conversations: plain text trains every token, and a task head "
                 "trains on its labels.")));
    m_path->setPlaceholderText(tr(choiceOf(current).placeholder));
}

void DataSettingsForm::showValidationRows()
{
    // A validation file replaces the split (the experiment file allows one or the other).
    const bool file = !m_validationPath->text().trimmed().isEmpty();
    m_validationSplit->setEnabled(!file);
    m_validationSplit->setToolTip(settingToolTip(
        "data.validation_split",
        file ? tr("Not used: the validation file below is the validation set.")
             : tr("Share of records held out to measure validation loss. If validation loss rises while training "
                  "loss falls, the adapter is overfitting.")));
}

core::DataFormat DataSettingsForm::format() const
{
    return static_cast<core::DataFormat>(m_format->currentData().toInt());
}

void DataSettingsForm::selectFormat(core::DataFormat format)
{
    const int index = m_format->findData(int(format));
    m_format->setCurrentIndex(index >= 0 ? index : 0);
}

void DataSettingsForm::setTaskType(core::TaskType task)
{
    m_task = task;
    showFormatChoices();
    if (core::trainsOn(task, format()))
        return;
    for (int i = 0; i < m_format->count(); ++i)
        if (core::trainsOn(task, static_cast<core::DataFormat>(m_format->itemData(i).toInt()))) {
            m_format->setCurrentIndex(i); // its signal reads the records again
            return;
        }
}

void DataSettingsForm::showFormatChoices()
{
    if (!m_task)
        return;
    const core::TaskType task = *m_task;
    auto* model = qobject_cast<QStandardItemModel*>(m_format->model());
    for (int i = 0; i < m_format->count(); ++i) {
        const auto format = static_cast<core::DataFormat>(m_format->itemData(i).toInt());
        const bool allowed = core::trainsOn(task, format);
        QStandardItem* item = model->item(i);
        item->setEnabled(allowed);
        QString reason;
        if (!allowed) {
            const core::TaskDataPairing* byTask = core::pairingOfTask(task);
            const core::TaskDataPairing* byFormat = core::pairingOfFormat(format);
            reason = byTask ? tr("task_type %1 trains on %2.")
                                  .arg(QString::fromStdString(core::toString(task)), QString::fromUtf8(byTask->needed))
                            : tr("This is %1, which task_type %2 trains on; choose it on the Model tab.")
                                  .arg(QString::fromUtf8(byFormat->data),
                                       QString::fromStdString(core::toString(byFormat->task)));
        }
        item->setToolTip(reason);
    }
}

void DataSettingsForm::setDatasetPath(const QString& path) { m_path->setText(path); }
QString DataSettingsForm::datasetPath() const { return m_path->text(); }

void DataSettingsForm::apply(core::DataConfig& cfg) const
{
    cfg = m_loaded;
    cfg.path = m_path->text().toStdString();
    cfg.format = format();
    cfg.chatTemplate = cfg.format == core::DataFormat::Messages ? m_chatTemplate->currentData().toString().toStdString()
                                                                : std::string("model");
    cfg.columns.clear();
    const core::RecordShape& shape = core::recordShapeOf(cfg.format);
    for (int i = 0; i < 3 && readsColumns(cfg.format); ++i) {
        const QString column = m_columns[i]->text().trimmed();
        const std::string& field = shape.fields[static_cast<size_t>(i)];
        if (shape.used(i) && !column.isEmpty() && column.toStdString() != field)
            cfg.columns[column.toStdString()] = field;
    }
    if (cfg.format != core::DataFormat::Alpaca) {
        cfg.templateWithInput.clear();
        cfg.templateWithoutInput.clear();
    } else {
        const int choice = m_template->currentIndex();
        cfg.templateWithInput = choice == 1 ? kPlainWithInput : choice == 2 ? m_loaded.templateWithInput : "";
        cfg.templateWithoutInput = choice == 1 ? kPlainWithoutInput : choice == 2 ? m_loaded.templateWithoutInput : "";
    }
    cfg.trainOnPrompt = m_trainOnPrompt->isEnabled() ? m_trainOnPrompt->isChecked() : m_loaded.trainOnPrompt;
    cfg.validationPath = m_validationPath->text().trimmed().toStdString();
    cfg.validationSplit = cfg.validationPath.empty() ? m_validationSplit->value() : 0.0;
    cfg.maxLength = m_maxLength->value();
    cfg.overlong = m_overlong->currentIndex() == 1 ? core::OverlongPolicy::Drop : core::OverlongPolicy::Truncate;
}

void DataSettingsForm::load(const core::DataConfig& cfg)
{
    m_loaded = cfg;
    const QSignalBlocker b1(m_template), b2(m_trainOnPrompt), b3(m_validationSplit), b4(m_maxLength), b5(m_overlong),
        b6(m_format), b7(m_chatTemplate);
    selectFormat(cfg.format);
    const int chatIndex = m_chatTemplate->findData(QString::fromStdString(cfg.chatTemplate));
    m_chatTemplate->setCurrentIndex(chatIndex >= 0 ? chatIndex : 0);
    m_path->setText(QString::fromStdString(cfg.path));
    for (QLineEdit* column : m_columns)
        column->clear();
    const core::RecordShape& shape = core::recordShapeOf(cfg.format);
    for (const auto& [column, field] : cfg.columns)
        for (int i = 0; i < 3; ++i)
            if (shape.used(i) && field == shape.fields[static_cast<size_t>(i)])
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
    m_validationPath->setText(QString::fromStdString(cfg.validationPath));
    showValidationRows();
    m_maxLength->setValue(cfg.maxLength);
    m_overlong->setCurrentIndex(cfg.overlong == core::OverlongPolicy::Drop ? 1 : 0);
    showFormatRows();
}

} // namespace ui
