#include "ui/train/TaskScorePlot.h"

#include "ui/common/PlotPalette.h"

#include <QEvent>

namespace ui {

namespace {
const QColor kCurveColors[] = {palette::kGreen, palette::kRed, palette::kBlue, palette::kOrange,
                               QColor(148, 103, 189), QColor(140, 86, 75)};

// The scores' names that are words (a translator may say them in the user's language); the abbreviations (F1, MRR,
// MSE, recall@1 …) and a score not listed here show as legendName() spells them.
const char* const kScoreWords[] = {
    QT_TRANSLATE_NOOP("ui::TaskScorePlot", "accuracy"), QT_TRANSLATE_NOOP("ui::TaskScorePlot", "exact match"),
    QT_TRANSLATE_NOOP("ui::TaskScorePlot", "macro F1"), QT_TRANSLATE_NOOP("ui::TaskScorePlot", "micro F1"),
    QT_TRANSLATE_NOOP("ui::TaskScorePlot", "precision"), QT_TRANSLATE_NOOP("ui::TaskScorePlot", "recall"),
};

// "eval_macro_f1" → "macro F1": the legend speaks as the metric's authors do, in the current language.
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
    for (const char* word : kScoreWords)
        if (name == QLatin1String(word))
            return TaskScorePlot::tr(word);
    return name;
}
} // namespace

TaskScorePlot::TaskScorePlot(QWidget* parent) : QCustomPlot(parent)
{
    setObjectName("taskScorePlot");
    setMinimumHeight(120);
    legend->setVisible(true);
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    retranslateUi();
}

void TaskScorePlot::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QCustomPlot::changeEvent(event);
}

void TaskScorePlot::retranslateUi()
{
    xAxis->setLabel(tr("step"));
    yAxis->setLabel(tr("validation score"));
    setToolTip(tr("The task head's scores on the validation records at each evaluation (train.eval_every): they "
                  "rise as the adapter learns the task. Exact match and F1 of QUESTION_ANS are in percent, as the "
                  "SQuAD script reports them; the others are fractions."));
    for (const auto& [name, graph] : m_graphs)
        graph->setName(legendName(name));
    replot(rpQueuedReplot);
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
