#include "ui/train/TrainingCharts.h"

#include "ui/common/PlotPalette.h"
#include "ui/common/QCustomPlotInclude.h"
#include "ui/train/ConfusionMatrixPlot.h"
#include "ui/train/TaskScorePlot.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QVBoxLayout>

namespace ui {

namespace {

// A plot over the run's steps; TrainingCharts::retranslateUi() titles its axes.
QCustomPlot* makePlot(QWidget* parent, const QString& name)
{
    auto* plot = new QCustomPlot(parent);
    plot->setObjectName(name);
    plot->setMinimumHeight(120);
    plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot->setNoAntialiasingOnDrag(true);
    return plot;
}

} // namespace

TrainingCharts::TrainingCharts(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* smoothRow = new QHBoxLayout;
    m_smoothing = new QSlider(Qt::Horizontal, this);
    m_smoothing->setObjectName("smoothing");
    m_smoothing->setRange(0, 99);
    m_smoothing->setValue(60);
    m_smoothingLabel = new QLabel(this);
    smoothRow->addWidget(m_smoothingLabel);
    smoothRow->addWidget(m_smoothing, 1);
    layout->addLayout(smoothRow);

    m_loss = makePlot(this, "lossPlot");
    m_loss->legend->setVisible(true);
    m_trainRaw = m_loss->addGraph();
    m_trainRaw->setPen(QPen(QColor(31, 119, 180, 70)));
    m_trainSmooth = m_loss->addGraph();
    m_trainSmooth->setPen(QPen(palette::kBlue, 2));
    m_eval = m_loss->addGraph();
    m_eval->setPen(QPen(palette::kOrange, 2));
    m_eval->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 6));
    layout->addWidget(m_loss, 2);

    auto* row = new QHBoxLayout;
    m_lr = makePlot(this, "lrPlot");
    m_lr->addGraph()->setPen(QPen(palette::kGreen, 2));
    m_grad = makePlot(this, "gradNormPlot");
    m_grad->addGraph()->setPen(QPen(palette::kRed, 1.5));
    row->addWidget(m_lr);
    row->addWidget(m_grad);
    layout->addLayout(row, 1);

    auto* taskRow = new QHBoxLayout;
    m_taskScores = new TaskScorePlot(this);
    m_confusion = new ConfusionMatrixPlot(this);
    taskRow->addWidget(m_taskScores, 3);
    taskRow->addWidget(m_confusion, 2);
    layout->addLayout(taskRow, 1);
    m_taskScores->hide(); // a language model's run has neither
    m_confusion->hide();

    connect(m_smoothing, &QSlider::valueChanged, this, [this](int v) { setSmoothing(v / 100.0); });
    retranslateUi();
}

void TrainingCharts::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void TrainingCharts::retranslateUi()
{
    m_smoothingLabel->setText(tr("Smoothing"));
    m_smoothing->setToolTip(tr("Smoothing of the train loss curve (exponential moving average, as TensorBoard "
                               "does). The faint line is the raw loss of each step."));
    for (QCustomPlot* plot : {m_loss, m_lr, m_grad})
        plot->xAxis->setLabel(tr("step"));
    m_loss->yAxis->setLabel(tr("loss"));
    m_lr->yAxis->setLabel(tr("learning rate"));
    m_grad->yAxis->setLabel(tr("gradient norm"));
    m_trainRaw->setName(tr("train (raw)"));
    m_trainSmooth->setName(tr("train"));
    m_eval->setName(tr("validation"));
    for (QCustomPlot* plot : {m_loss, m_lr, m_grad})
        plot->replot(QCustomPlot::rpQueuedReplot);
}

void TrainingCharts::clear()
{
    for (QCustomPlot* plot : {m_loss, m_lr, m_grad})
        for (int i = 0; i < plot->graphCount(); ++i)
            plot->graph(i)->data()->clear();
    m_ema = m_emaWeight = 0;
    m_taskScores->clear();
    m_confusion->clear();
    m_taskScores->hide();
    m_confusion->hide();
    replotAll();
}

void TrainingCharts::addSteps(const QList<core::StepMetrics>& steps)
{
    for (const core::StepMetrics& m : steps) {
        const double x = static_cast<double>(m.step);
        // transformers' logged loss (the mean since the previous report; each step's own with log_every 1).
        m_trainRaw->addData(x, m.loggedLoss);
        m_ema = m_weight * m_ema + (1 - m_weight) * m.loggedLoss;
        m_emaWeight = m_weight * m_emaWeight + (1 - m_weight);
        m_trainSmooth->addData(x, m_ema / m_emaWeight);
        m_lr->graph(0)->addData(x, m.learningRate);
        m_grad->graph(0)->addData(x, m.gradNorm);
    }
    replotAll();
}

void TrainingCharts::addEval(const core::EvalMetrics& metrics)
{
    m_eval->addData(static_cast<double>(metrics.step), metrics.loss);
    if (!metrics.taskScores.empty()) {
        m_taskScores->addEval(metrics);
        m_taskScores->show();
    }
    if (!metrics.confusion.empty()) {
        m_confusion->showMatrix(metrics.confusion, metrics.classNames, metrics.step);
        m_confusion->show();
    }
    replotAll();
}

void TrainingCharts::setSmoothing(double weight)
{
    m_weight = std::clamp(weight, 0.0, 0.99);
    resmooth();
    replotAll();
}

void TrainingCharts::resmooth()
{
    m_trainSmooth->data()->clear();
    m_ema = m_emaWeight = 0;
    for (auto it = m_trainRaw->data()->constBegin(); it != m_trainRaw->data()->constEnd(); ++it) {
        m_ema = m_weight * m_ema + (1 - m_weight) * it->value;
        m_emaWeight = m_weight * m_emaWeight + (1 - m_weight);
        m_trainSmooth->addData(it->key, m_ema / m_emaWeight);
    }
}

void TrainingCharts::replotAll()
{
    for (QCustomPlot* plot : {m_loss, m_lr, m_grad}) {
        plot->rescaleAxes();
        plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

int TrainingCharts::trainPointCount() const { return m_trainRaw->dataCount(); }
int TrainingCharts::evalPointCount() const { return m_eval->dataCount(); }

} // namespace ui
