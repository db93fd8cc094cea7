#pragma once
// Curves of several runs on one plot: the metric chosen in a combo (the union of the runs' metric names, train_loss
// first when present) against the step, one graph per run that logged it, the legend naming run id and name, and a
// log-scale switch for the y axis (losses of runs that differ a lot).
#include "core/history/RunRecord.h"

#include <QString>
#include <QStringList>
#include <QWidget>

#include <vector>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QLabel;

namespace ui {

struct RunCurves {
    qint64 runId = 0;
    QString label;                         ///< "#3 lora r=8"
    std::vector<core::MetricPoint> points; ///< every logged value of the run, any order
};

class RunCurvesPlot : public QWidget {
    Q_OBJECT
public:
    explicit RunCurvesPlot(QWidget* parent = nullptr);

    // The selected runs; keeps the chosen metric when one of them has it. notDrawn: more selected runs left out
    // (the caption says so).
    void setRuns(std::vector<RunCurves> runs, int notDrawn = 0);
    void setMetric(const QString& metric); ///< one of metricNames(); others are ignored
    void setLogScale(bool on);

    QStringList metricNames() const;
    QString metric() const;
    bool logScale() const;
    int graphCount() const;                 ///< one per run with points of the chosen metric
    int pointCount(qint64 runId) const;     ///< of the chosen metric; 0 when the run has none
    QString captionText() const;
    QCustomPlot* plot() const { return m_plot; }
    QComboBox* metricCombo() const { return m_metric; }
    QCheckBox* logScaleBox() const { return m_log; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi(); // then redraw(): the caption and y label from the runs kept
    void redraw();

    std::vector<RunCurves> m_runs;
    QCustomPlot* m_plot;
    QComboBox* m_metric;
    QCheckBox* m_log;
    QLabel* m_metricLabel;
    QLabel* m_caption;
    int m_notDrawn = 0;
    std::vector<qint64> m_graphRuns; // run id of each graph, in graph order
};

} // namespace ui
