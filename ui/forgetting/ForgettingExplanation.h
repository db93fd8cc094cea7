#pragma once
// The forgetting lab's result in plain words, written from the runs' ComparisonPoints (never from fixed numbers):
// per run what share of the weights trained, how the trained task and the earlier tasks moved and how much the retain
// perplexity rose; then whether LoRA forgot less than full fine-tuning — or, where it did not, that it did not.
#include "core/run/ForgettingComparison.h"

#include <QString>
#include <QWidget>

#include <cstdint>
#include <vector>

class QLabel;

namespace ui {

struct ExplainedRun {
    core::ComparisonPoint point;
    int64_t allParams = 0;      ///< the model's parameters with the adapter (for "trained 0.9 % of the weights")
    bool stopped = false;       ///< stopped before the end: left out of the comparison, and said so
    int64_t steps = 0, totalSteps = 0;
};

// "task_b_test" → "task B": the stem without a _test suffix, underscores as spaces, a lone last letter in capitals.
QString taskDisplayName(const std::string& stem);
// A run's label as shown: core and labRuns name full fine-tuning "full fine-tuning" (a name kept in the data, English),
// shown here in the current language; "LoRA r=8" stays as it is.
QString runDisplayName(const QString& label);

// The whole explanation (plain text, several sentences), in the current language and locale.
QString explainComparison(const std::vector<ExplainedRun>& runs);

class ForgettingExplanation : public QWidget {
    Q_OBJECT
public:
    explicit ForgettingExplanation(QWidget* parent = nullptr);

    void clear();
    void setRuns(const std::vector<ExplainedRun>& runs);
    QString text() const;
    QLabel* label() const { return m_label; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi(); ///< the explanation written again from m_runs

    QLabel* m_label;
    std::vector<ExplainedRun> m_runs;
};

} // namespace ui
