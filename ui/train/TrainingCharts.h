#pragma once
// Live charts of a run (QCustomPlot): train and validation loss on one plot with an EMA smoothing control, learning
// rate, gradient norm; for a task head its validation scores and (SEQ_CLS) the confusion matrix, shown once the first
// evaluation brings them. Points arrive in batches; replots are coalesced (rpQueuedReplot).
#include "core/train/Metrics.h"
#include "ui/common/MetaTypes.h"

#include <QList>
#include <QWidget>

class QCPGraph;
class QCustomPlot;
class QLabel;
class QSlider;

namespace ui {

class ConfusionMatrixPlot;
class TaskScorePlot;

class TrainingCharts : public QWidget {
    Q_OBJECT
public:
    explicit TrainingCharts(QWidget* parent = nullptr);

    void clear();
    void addSteps(const QList<core::StepMetrics>& steps);
    void addEval(const core::EvalMetrics& metrics);
    // 0 = raw, towards 1 = smoother (TensorBoard's debiased exponential moving average).
    void setSmoothing(double weight);

    int trainPointCount() const;
    int evalPointCount() const;
    QCustomPlot* lossPlot() const { return m_loss; }
    TaskScorePlot* taskScorePlot() const { return m_taskScores; }
    ConfusionMatrixPlot* confusionPlot() const { return m_confusion; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi(); // the smoothing control, the axis titles and the loss curves' legend names
    void resmooth();
    void replotAll();

    QCustomPlot* m_loss;
    QCustomPlot* m_lr;
    QCustomPlot* m_grad;
    QCPGraph* m_trainRaw;
    QCPGraph* m_trainSmooth;
    QCPGraph* m_eval;
    TaskScorePlot* m_taskScores;
    ConfusionMatrixPlot* m_confusion;
    QLabel* m_smoothingLabel;
    QSlider* m_smoothing;
    double m_weight = 0.6;
    double m_ema = 0;       // running EMA of the train loss (biased), and
    double m_emaWeight = 0; // its normaliser, so early points are not pulled towards 0
};

} // namespace ui
