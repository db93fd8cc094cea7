#pragma once
// The training settings a user changes most (steps or epochs, batch, learning rate, scheduler, warmup, eval interval,
// seed, device) and the folder runs go into. Settings that the form does not show survive from an opened experiment.
#include "core/train/TrainConfig.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace ui {

class TrainingSettingsForm : public QWidget {
    Q_OBJECT
public:
    explicit TrainingSettingsForm(QWidget* parent = nullptr);

    void apply(core::TrainConfig& cfg) const;
    void load(const core::TrainConfig& cfg);
    // The folder new runs go into (one subfolder per run).
    QString runsFolder() const;
    void setRunsFolder(const QString& folder);
    bool cudaSelected() const;

Q_SIGNALS:
    void changed(); ///< batch or device changed (they feed the memory estimate)

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi(); // row labels, tooltips and the unavailable CUDA choice's text

    core::TrainConfig m_loaded;
    QFormLayout* m_form;
    QSpinBox* m_maxSteps;
    QDoubleSpinBox* m_epochs;
    QSpinBox* m_batch;
    QDoubleSpinBox* m_learningRate;
    QComboBox* m_scheduler;
    QSpinBox* m_warmup;
    QSpinBox* m_evalEvery;
    QSpinBox* m_seed;
    QComboBox* m_device;
    QLabel* m_runsFolderLabel;
    QLineEdit* m_runsFolder;
};

} // namespace ui
