#pragma once
// The dataset settings: file, format (Alpaca records or chat conversations), column mapping and template (Alpaca),
// chat template (chat), train-on-prompt, validation split and max_length. Settings the form does not show survive
// from an opened experiment.
#include "core/data/DataConfig.h"

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

Q_SIGNALS:
    void sourceChanged(); ///< the file or the column mapping changed: the records must be read again
    void changed();       ///< how records become examples changed

private:
    void chooseFile();
    // Alpaca's rows (columns, template) or chat's (chat template) enabled, each with a tooltip saying why not.
    void showFormatRows();

    core::DataConfig m_loaded;
    QLineEdit* m_path;
    QComboBox* m_format;
    QComboBox* m_chatTemplate;
    QLineEdit* m_columns[3];
    QComboBox* m_template;
    QCheckBox* m_trainOnPrompt;
    QDoubleSpinBox* m_validationSplit;
    QSpinBox* m_maxLength;
    QComboBox* m_overlong;
};

} // namespace ui
