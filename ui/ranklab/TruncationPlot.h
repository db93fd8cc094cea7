#pragma once
// "What if r were smaller?" as a picture: the loss (left axis) and the exact-match accuracy (right axis) of the
// adapter cut to rank k, against k, with what an adapter trained at r = k would have cost in parameters.
#include "core/eval/TruncationCurve.h"

#include <QWidget>

#include <vector>

class QCPGraph;
class QCustomPlot;
class QLabel;

namespace ui {

class TruncationPlot : public QWidget {
    Q_OBJECT
public:
    explicit TruncationPlot(QWidget* parent = nullptr);

    void setPoints(const std::vector<core::TruncationPoint>& points);
    void clear();
    const std::vector<core::TruncationPoint>& points() const { return m_points; }

    QCustomPlot* plot() const { return m_plot; }
    QCPGraph* lossGraph() const { return m_loss; }
    QCPGraph* accuracyGraph() const { return m_accuracy; }
    QString summaryText() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi(); ///< axis and line names, the caption, then the summary from m_points
    void showSummary();
    std::vector<core::TruncationPoint> sortedPoints() const; ///< by k

    std::vector<core::TruncationPoint> m_points;
    QCustomPlot* m_plot;
    QCPGraph* m_loss;
    QCPGraph* m_accuracy;
    QLabel* m_caption;
    QLabel* m_summary;
};

} // namespace ui
