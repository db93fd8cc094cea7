#pragma once
// What the forgetting lab compares: the experiment (a file, by default the bundled demo, or the main window's current
// experiment), the retain text and the task test sets the probe measures, and which runs to make (LoRA, full
// fine-tuning, LoRA at other ranks). experiment() turns the fields into the config the comparison starts from.
#include "core/experiment/ExperimentConfig.h"

#include <QString>
#include <QWidget>

#include <optional>
#include <vector>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace ui {

// "1, 4, 16" → {1, 4, 16}. Empty text → {}. Anything else (a word, 0, a negative number) → nullopt, with `error`
// saying what to type.
std::optional<std::vector<int>> parseRankList(const QString& text, QString* error = nullptr);

class ForgettingLabControls : public QWidget {
    Q_OBJECT
public:
    explicit ForgettingLabControls(QWidget* parent = nullptr);

    // The bundled demo: resources/experiments/demo_forgetting.yaml, else demo_task_b.yaml (then the retain text and
    // the task A/B test sets are filled in here); "" when neither exists.
    static QString demoExperimentPath();

    // Reads the file now to fill the retain text and task files from its forgetting: section. Returns "" or the
    // error (the file stays chosen; experiment() reports it again).
    QString setExperimentFile(const QString& path);
    // An experiment built in memory (the main window's current settings); the file field shows its name.
    void setExperiment(const core::ExperimentConfig& cfg);
    bool usesDemo() const; ///< the chosen experiment is the bundled demo file

    // The experiment with the fields applied (retain text, tasks, adapter off at every eval). Throws core::Error
    // naming the file or field when something is missing or wrong.
    core::ExperimentConfig experiment() const;
    bool loraChecked() const;
    bool fullChecked() const;
    std::vector<int> ranks() const; ///< {} when "LoRA at other ranks" is off; throws core::Error when invalid

    QLineEdit* experimentEdit() const { return m_experimentPath; }
    QLineEdit* retainEdit() const { return m_retain; }
    QListWidget* taskList() const { return m_tasks; }
    QCheckBox* loraBox() const { return m_lora; }
    QCheckBox* fullBox() const { return m_full; }
    QCheckBox* ranksBox() const { return m_ranksBox; }
    QLineEdit* ranksEdit() const { return m_ranks; }

Q_SIGNALS:
    void changed();                    ///< anything that changes what a run would do
    void currentExperimentRequested(); ///< "Use the current experiment": answer with setExperiment()
    void problem(const QString& message); ///< the chosen experiment file could not be read

protected:
    void changeEvent(QEvent* event) override;

private:
    // The static texts, the in-memory experiment's name in the file field and the ranks' error, from the fields.
    void retranslateUi();
    void showInMemoryName(); ///< "(current experiment: name)" in the file field
    void fillForgettingFields(const core::ExperimentConfig& cfg, bool demoDefaults);
    void validateRanks();
    void browseExperiment();
    void browseRetain();
    void addTasks();

    QLabel* m_experimentLabel;
    QLineEdit* m_experimentPath;
    QPushButton* m_browse;
    QPushButton* m_useCurrent;
    QLabel* m_retainLabel;
    QLineEdit* m_retain;
    QPushButton* m_browseRetain;
    QLabel* m_tasksLabel;
    QPushButton* m_addTask;
    QPushButton* m_removeTask;
    QLabel* m_runsLabel;
    QListWidget* m_tasks;
    QCheckBox* m_lora;
    QCheckBox* m_full;
    QCheckBox* m_ranksBox;
    QLineEdit* m_ranks;
    QLabel* m_ranksError;
    std::optional<core::ExperimentConfig> m_inMemory; ///< set by setExperiment until a file is chosen again
};

} // namespace ui
