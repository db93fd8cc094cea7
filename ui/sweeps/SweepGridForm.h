#pragma once
// The sweep form: name, output folder, the value lists of the grid (r, lora_alpha, dropout, learning rate), the
// target presets and a fixed max_steps. Shows the run count live and the first problem inline; the panel owns the
// base experiment and turns grid() into a sweep file.
#include "core/experiment/ExperimentConfig.h"
#include "ui/sweeps/SweepGrid.h"

#include <QWidget>

class QCheckBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace ui {

class SweepGridForm : public QWidget {
    Q_OBJECT
public:
    explicit SweepGridForm(QWidget* parent = nullptr);

    // The form's values (experiment left empty: the panel sets it).
    SweepGrid grid() const;
    void setGrid(const SweepGrid& grid);

    // Learning rate, dropout and max_steps from a base experiment, for the fields the user has not typed in yet.
    void suggestFrom(const core::ExperimentConfig& cfg);

    QString error() const { return gridError(grid()); } ///< "" when the form is complete
    int runCount() const { return gridRunCount(grid()); }

    QLineEdit* nameEdit() const { return m_name; }
    QLineEdit* outputEdit() const { return m_output; }
    QLineEdit* rEdit() const { return m_r; }
    QLineEdit* alphaEdit() const { return m_alpha; }
    QLineEdit* dropoutEdit() const { return m_dropout; }
    QLineEdit* learningRateEdit() const { return m_rates; }
    QSpinBox* maxStepsBox() const { return m_maxSteps; }
    QCheckBox* targetBox(const QString& preset) const;
    QLabel* countLabel() const { return m_count; }
    QLabel* errorLabel() const { return m_error; }

Q_SIGNALS:
    void changed();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi(); // then showState(): the count, the problem and the file's extra settings
    void update();        ///< showState(), then changed()
    void showState();

    QFormLayout* m_formLayout;
    QLineEdit* m_name;
    QLineEdit* m_output;
    QPushButton* m_browse;
    QWidget* m_outputRow;
    QLineEdit* m_r;
    QLineEdit* m_alpha;
    QLineEdit* m_dropout;
    QLineEdit* m_rates;
    QSpinBox* m_maxSteps;
    QList<QCheckBox*> m_targets;   ///< in targetPresetNames() order
    QWidget* m_targetRow;
    QStringList m_targetOrder;     ///< run order of the presets (a file's own order is kept)
    QLabel* m_extra;
    QLabel* m_count;
    QLabel* m_error;
    QString m_description;
    QList<QPair<QString, QString>> m_extraSet;
    bool m_rateTyped = false;
    bool m_dropoutTyped = false;
    bool m_stepsTyped = false;
};

} // namespace ui
