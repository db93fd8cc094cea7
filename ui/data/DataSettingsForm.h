#pragma once
// The dataset settings: file, format (Alpaca records, chat conversations, plain text, or a task head's records:
// seq_cls, token_cls, squad, pairs), column mapping (by the format's field names), template (Alpaca), chat template
// (chat), train-on-prompt, validation split or file, and max_length. The task_type decides which formats can be
// chosen (core's pairing, the one the experiment file is checked with). Settings the form does not show survive from
// an opened experiment.
#include "core/data/DataConfig.h"
#include "core/lora/LoraConfig.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
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

private:
    void chooseFile();
    // The rows the format reads enabled (columns by its field names, Alpaca's template, chat's template), each other
    // with a tooltip saying why not.
    void showFormatRows();
    void selectFormat(core::DataFormat format);
    void showValidationRows(); // the split enabled only without a validation file

    core::DataConfig m_loaded;
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
