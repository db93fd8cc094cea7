#pragma once
// "Parameters grow linearly with r": the trainable parameters a LoRA configuration adds to the current model for
// r = 1..64 (core::parametersForRanks), a straight line through the origin, with the configuration's own r marked.
#include <QWidget>

#include <cstdint>
#include <vector>

class QCPGraph;
class QCustomPlot;
class QLabel;

namespace ui {

class ParamsVsRankPlot : public QWidget {
    Q_OBJECT
public:
    explicit ParamsVsRankPlot(QWidget* parent = nullptr);

    // counts[i]: parameters at r = i + 1. currentR is marked (0: no mark).
    void setCounts(const std::vector<int64_t>& counts, int currentR);
    // No line; `message` says why (no model yet, a target list that selects nothing, …). "" shows the plot's own
    // "Choose a model…". A message is kept as given: its sender phrases it again on a language change.
    void showMessage(const QString& message);

    int pointCount() const;
    double valueAt(int r) const; ///< the line's value at r; NaN when r is not plotted
    int markedRank() const { return m_currentR; }
    QString captionText() const;
    QCustomPlot* plot() const { return m_plot; }
    QCPGraph* line() const { return m_line; }
    QCPGraph* marker() const { return m_marker; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi(); ///< axis and line names, then the caption from m_counts / m_message
    void showCaption();

    QCustomPlot* m_plot;
    QCPGraph* m_line;
    QCPGraph* m_marker;
    QLabel* m_caption;
    int m_currentR = 0;
    std::vector<int64_t> m_counts; ///< what the caption is written from (empty while a message shows)
    QString m_message;
};

} // namespace ui
