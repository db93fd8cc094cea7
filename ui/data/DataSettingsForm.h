#pragma once
// The dataset settings: file, format (Alpaca records, chat conversations, plain text, or a task head's records:
// seq_cls, token_cls, squad, pairs), column mapping (by the format's field names), template (Alpaca), chat template
// (chat), train-on-prompt, validation split or file, and max_length. The task_type decides which formats can be
// chosen (core's pairing, the one the experiment file is checked with). Settings the form does not show survive from
// an opened experiment.
#include "core/data/DataConfig.h"
#include "core/lora/LoraConfig.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace ui {

class DataSettingsForm : public QWidget {
    Q_OBJECT
public:
    explicit DataSettingsForm(QWidget* parent = nullptr);

    void apply(core::DataConfig& cfg) const;
    void load(const core::DataConfig& cfg);
    void setDatasetPath(const QString& path);
    QString datasetPath() const;
    core::DataFormat format() const;
    // Enables the formats task trains on (the others say why not); a format it cannot train on is replaced by the
    // first one it can, emitting sourceChanged.
    void setTaskType(core::TaskType task);

Q_SIGNALS:
    void sourceChanged(); ///< the file or the column mapping changed: the records must be read again
    void changed();       ///< how records become examples changed

protected:
    void changeEvent(QEvent* event) override;

private:
    // Row labels, buttons, the choices' texts and every tooltip, the state-dependent ones through the show*() below.
    void retranslateUi();
    void chooseFile();
    // The rows the format reads enabled (columns by its field names, Alpaca's template, chat's template), each other
    // with a tooltip saying why not.
    void showFormatRows();
    void selectFormat(core::DataFormat format);
    void showValidationRows(); // the split enabled only without a validation file
    // The formats m_task trains on enabled, each other with a tooltip saying why not (nothing before setTaskType()).
    void showFormatChoices();

    core::DataConfig m_loaded;
    std::optional<core::TaskType> m_task;
    QFormLayout* m_form;
    QLabel* m_datasetLabel;
    QLabel* m_formatLabel;
    QLabel* m_chatTemplateLabel;
    QLabel* m_columnsLabel;
    QLabel* m_validationFileLabel;
    QPushButton* m_choosePath;
    QPushButton* m_chooseValidation;
    QLineEdit* m_path;
    QComboBox* m_format;
    QComboBox* m_chatTemplate;
    QLineEdit* m_columns[3];
    QComboBox* m_template;
    QCheckBox* m_trainOnPrompt;
    QDoubleSpinBox* m_validationSplit;
    QLineEdit* m_validationPath;
    QSpinBox* m_maxLength;
    QComboBox* m_overlong;
};

} // namespace ui
