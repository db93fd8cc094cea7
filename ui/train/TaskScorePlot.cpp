#include "ui/train/TaskScorePlot.h"

#include "ui/common/PlotPalette.h"

namespace ui {

namespace {
const QColor kCurveColors[] = {palette::kGreen, palette::kRed, palette::kBlue, palette::kOrange,
                               QColor(148, 103, 189), QColor(140, 86, 75)};

// "eval_macro_f1" → "macro F1": the legend speaks as the metric's authors do.
QString legendName(const std::string& historyName)
{
    QString name = QString::fromStdString(historyName);
    if (name.startsWith(QLatin1String("eval_")))
        name = name.mid(5);
    name.replace(QLatin1Char('_'), QLatin1Char(' '));
    name.replace(QLatin1String("f1"), QLatin1String("F1"));
    name.replace(QLatin1String("mrr"), QLatin1String("MRR"));
    name.replace(QLatin1String("mse"), QLatin1String("MSE"));
    name.replace(QLatin1String("recall at "), QLatin1String("recall@"));
    return name;
}
} // namespace

TaskScorePlot::TaskScorePlot(QWidget* parent) : QCustomPlot(parent)
{
    setObjectName("taskScorePlot");
    setMinimumHeight(120);
    xAxis->setLabel(tr("step"));
    yAxis->setLabel(tr("validation score"));
    legend->setVisible(true);
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    setToolTip(tr("The task head's scores on the validation records at each evaluation (train.eval_every): they "
                  "rise as the adapter learns the task. Exact match and F1 of QUESTION_ANS are in percent, as the "
                  "SQuAD script reports them; the others are fractions."));
}

void TaskScorePlot::clear()
{
    clearGraphs();
    m_graphs.clear();
    replot(rpQueuedReplot);
}

void TaskScorePlot::addEval(const core::EvalMetrics& metrics)
{
    for (const auto& [name, value] : metrics.taskScores) {
        QCPGraph*& graph = m_graphs[name];
        if (!graph) {
            graph = addGraph();
            graph->setName(legendName(name));
            const QColor color = kCurveColors[(m_graphs.size() - 1) % std::size(kCurveColors)];
            graph->setPen(QPen(color, 2));
            graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 5));
        }
        graph->addData(static_cast<double>(metrics.step), value);
    }
    rescaleAxes();
    if (yAxis->range().size() < 1e-9) // one point, or a flat curve: give it room
        yAxis->setRange(yAxis->range().center() - 0.5, yAxis->range().center() + 0.5);
    replot(rpQueuedReplot);
}

int TaskScorePlot::pointCount(const std::string& name) const
{
    const auto it = m_graphs.find(name);
    return it == m_graphs.end() ? 0 : it->second->dataCount();
}

} // namespace ui
