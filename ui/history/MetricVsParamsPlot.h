#pragma once
// "What do more parameters buy?": one point per run, a final metric (combo) against the run's trainable parameters
// on a log axis, LoRA runs and full fine-tuning in different colours, each point labelled with run id and r (the
// tooltip has the values). An r sweep shows the saturation: each doubling of r costs twice the parameters and gains
// less.
#include "core/history/RunRecord.h"

#include <QString>
#include <QStringList>
#include <QWidget>

#include <vector>

class QCPGraph;
class QComboBox;
class QCustomPlot;
class QLabel;
class QMouseEvent;

namespace ui {

class MetricVsParamsPlot : public QWidget {
    Q_OBJECT
public:
    struct Point {
        qint64 runId = 0;
        double params = 0; ///< x
        double value = 0;  ///< y
        bool full = false; ///< full fine-tuning (else LoRA)
        QString label;     ///< "#3 r=8"
        QString tooltip;
    };

    explicit MetricVsParamsPlot(QWidget* parent = nullptr);

    // The runs to plot (the history's filtered rows). Keeps the chosen metric when one of them has it.
    void setRuns(const std::vector<core::RunRecord>& runs);
    void setMetric(const QString& metric);

    QStringList metricNames() const;
    QString metric() const;
    const std::vector<Point>& points() const { return m_points; }
    QString captionText() const;
    QCustomPlot* plot() const { return m_plot; }
    QCPGraph* loraGraph() const { return m_lora; }
    QCPGraph* fullGraph() const { return m_full; }
    QComboBox* metricCombo() const { return m_metric; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi(); // then redraw(): the caption, point tooltips and y label from the runs kept
    void redraw();
    void showTooltip(QMouseEvent* event);

    std::vector<core::RunRecord> m_runs;
    std::vector<Point> m_points;
    QCustomPlot* m_plot;
    QCPGraph* m_lora;
    QCPGraph* m_full;
    QComboBox* m_metric;
    QLabel* m_metricLabel;
    QLabel* m_caption;
};

} // namespace ui
