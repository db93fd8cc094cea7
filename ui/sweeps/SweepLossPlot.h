#pragma once
// The live loss plot of a sweep: the running run's train loss (and validation points) in colour over the runs this
// sweep already finished in grey, so each new run is read against the ones before it.
#include "core/train/Metrics.h"
#include "ui/common/MetaTypes.h"

#include <QList>
#include <QWidget>

class QCPGraph;
class QCustomPlot;
class QLabel;

namespace ui {

class SweepLossPlot : public QWidget {
    Q_OBJECT
public:
    explicit SweepLossPlot(QWidget* parent = nullptr);

    void clear();
    void startRun(const QString& label); ///< the current curves turn grey; new ones start
    void addSteps(const QList<core::StepMetrics>& steps);
    void addEval(const core::EvalMetrics& metrics);

    int currentPointCount() const;      ///< train-loss points of the running run
    int earlierRunCount() const { return m_earlier; }
    QCustomPlot* plot() const { return m_plot; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi(); // also the title and legend names of the curves shown
    void showTitle();
    void replot();

    QCustomPlot* m_plot;
    QLabel* m_title;
    QLabel* m_caption;
    bool m_hasRun = false; ///< startRun() since clear(): the title names m_runLabel
    QString m_runLabel;
    QCPGraph* m_train = nullptr;
    QCPGraph* m_eval = nullptr;
    int m_earlier = 0;
};

} // namespace ui
