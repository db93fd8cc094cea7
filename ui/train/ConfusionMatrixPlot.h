#pragma once
// SEQ_CLS's confusion matrix on the validation records as a heat map: rows the actual class, columns the predicted
// one, each cell's count written in it and its colour the share of its row (so the diagonal reads as each class's
// recall, whatever the class sizes). Redrawn at every evaluation, so a teacher can show the diagonal filling in.
#include "ui/common/QCustomPlotInclude.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ui {

class ConfusionMatrixPlot : public QCustomPlot {
    Q_OBJECT
public:
    explicit ConfusionMatrixPlot(QWidget* parent = nullptr);

    void clear();
    // counts[actual][predicted]; names in class-id order (as many as counts has rows).
    void showMatrix(const std::vector<std::vector<int64_t>>& counts, const std::vector<std::string>& names,
                    int64_t step);
    bool isEmpty() const { return m_counts.empty(); }
    int64_t count(int actual, int predicted) const; ///< what the cell shows; -1 outside the matrix
    // The colour the map gives a cell (its row share through the gradient), for tests.
    QColor cellColor(int actual, int predicted) const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi(); // axis titles (the predicted one names the step shown) and the tooltip

    QCPColorMap* m_map;
    std::vector<std::vector<int64_t>> m_counts;
    int64_t m_step = -1; ///< the evaluation's step of the last matrix shown; -1 before one
};

} // namespace ui
