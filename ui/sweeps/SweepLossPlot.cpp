#include "ui/sweeps/SweepLossPlot.h"

#include "ui/common/PlotPalette.h"
#include "ui/common/QCustomPlotInclude.h"

#include <QEvent>
#include <QLabel>
#include <QVBoxLayout>

namespace ui {

SweepLossPlot::SweepLossPlot(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_title = new QLabel(this);
    m_title->setObjectName("sweepPlotTitle");
    layout->addWidget(m_title);
    m_plot = new QCustomPlot(this);
    m_plot->setObjectName("sweepLossPlot");
    m_plot->setMinimumHeight(160);
    m_plot->legend->setVisible(true);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->setNoAntialiasingOnDrag(true);
    layout->addWidget(m_plot, 1);
    m_caption = new QLabel(this);
    m_caption->setObjectName("sweepPlotCaption");
    m_caption->setWordWrap(true);
    layout->addWidget(m_caption);
    clear();
    retranslateUi();
}

void SweepLossPlot::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void SweepLossPlot::retranslateUi()
{
    m_plot->xAxis->setLabel(tr("step"));
    m_plot->yAxis->setLabel(tr("loss"));
    m_caption->setText(tr("Every run starts from the same base model with the same data, so the gap between the "
                          "coloured curve and the grey ones is what this run's settings change."));
    // Every graph but the running run's two is an earlier run's train curve (only the first is in the legend).
    for (int i = 0; i < m_plot->graphCount(); ++i) {
        QCPGraph* graph = m_plot->graph(i);
        graph->setName(graph == m_train  ? tr("train")
                       : graph == m_eval ? tr("validation")
                                         : tr("earlier runs (train)"));
    }
    showTitle();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void SweepLossPlot::showTitle()
{
    m_title->setText(m_hasRun ? tr("Loss of run %1 (in colour)").arg(m_runLabel) : tr("Loss of the running run"));
}

void SweepLossPlot::clear()
{
    m_plot->clearGraphs();
    m_train = m_eval = nullptr;
    m_earlier = 0;
    m_hasRun = false;
    showTitle();
    replot();
}

void SweepLossPlot::startRun(const QString& label)
{
    if (m_train && !m_train->data()->isEmpty()) {
        // One legend entry stands for all earlier runs.
        m_train->setPen(QPen(QColor(150, 150, 150, 140), 1));
        m_train->setName(tr("earlier runs (train)"));
        if (m_earlier > 0)
            m_train->removeFromLegend();
        ++m_earlier;
    } else if (m_train) {
        m_plot->removeGraph(m_train);
    }
    if (m_eval)
        m_plot->removeGraph(m_eval); // validation points of earlier runs would crowd the plot
    m_train = m_plot->addGraph();
    m_train->setName(tr("train"));
    m_train->setPen(QPen(palette::kBlue, 2));
    m_eval = m_plot->addGraph();
    m_eval->setName(tr("validation"));
    m_eval->setPen(QPen(palette::kOrange, 2));
    m_eval->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 6));
    m_hasRun = true;
    m_runLabel = label;
    showTitle();
    replot();
}

void SweepLossPlot::addSteps(const QList<core::StepMetrics>& steps)
{
    if (!m_train)
        startRun(QString());
    for (const core::StepMetrics& m : steps)
        m_train->addData(static_cast<double>(m.step), m.loggedLoss);
    replot();
}

void SweepLossPlot::addEval(const core::EvalMetrics& metrics)
{
    if (!m_eval)
        startRun(QString());
    m_eval->addData(static_cast<double>(metrics.step), metrics.loss);
    replot();
}

int SweepLossPlot::currentPointCount() const
{
    return m_train ? m_train->data()->size() : 0;
}

void SweepLossPlot::replot()
{
    m_plot->rescaleAxes();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace ui
