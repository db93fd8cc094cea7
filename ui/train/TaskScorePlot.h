#pragma once
// The task head's validation scores over the run, beside the loss: accuracy and F1 (SEQ_CLS, TOKEN_CLS), exact match
// and F1 (QUESTION_ANS), recall@1 / @10 and MRR (FEATURE_EXTRACTION). One curve per score the trainer reports
// (core::EvalMetrics::taskScores), made when the score first arrives, so a language-model run shows none.
#include "core/train/Metrics.h"
#include "ui/common/QCustomPlotInclude.h"

#include <map>
#include <string>

namespace ui {

class TaskScorePlot : public QCustomPlot {
    Q_OBJECT
public:
    explicit TaskScorePlot(QWidget* parent = nullptr);

    void clear();
    void addEval(const core::EvalMetrics& metrics);
    // Points of one score by its history name ("eval_accuracy"); 0 when it never arrived.
    int pointCount(const std::string& name) const;
    bool hasScores() const { return !m_graphs.empty(); }

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi(); // axis titles, tooltip and the curves' legend names

    std::map<std::string, QCPGraph*> m_graphs;
};

} // namespace ui
