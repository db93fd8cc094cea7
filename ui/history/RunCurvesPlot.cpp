#include "ui/history/RunCurvesPlot.h"

#include "ui/common/QCustomPlotInclude.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <set>

namespace ui {

namespace {

// matplotlib's tab10: distinguishable for most colour-blind readers, and what people know from notebooks.
QColor seriesColor(size_t i)
{
    static const QColor kColors[] = {{31, 119, 180}, {255, 127, 14}, {44, 160, 44},  {214, 39, 40},
                                     {148, 103, 189}, {140, 86, 75}, {227, 119, 194}, {127, 127, 127},
                                     {188, 189, 34},  {23, 190, 207}};
    return kColors[i % (sizeof kColors / sizeof kColors[0])];
}

} // namespace

RunCurvesPlot::RunCurvesPlot(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* row = new QHBoxLayout;
    m_metricLabel = new QLabel(this);
    row->addWidget(m_metricLabel);
    m_metric = new QComboBox(this);
    m_metric->setObjectName("curveMetric");
    m_metric->setMinimumContentsLength(18);
    row->addWidget(m_metric);
    m_log = new QCheckBox(this);
    m_log->setObjectName("curveLogScale");
    row->addWidget(m_log);
    row->addStretch(1);
    layout->addLayout(row);

    m_plot = new QCustomPlot(this);
    m_plot->setObjectName("runCurvesPlot");
    m_plot->setMinimumHeight(180);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->setNoAntialiasingOnDrag(true);
    layout->addWidget(m_plot, 1);
    m_caption = new QLabel(this);
    m_caption->setObjectName("curvesCaption");
    m_caption->setWordWrap(true);
    layout->addWidget(m_caption);

    connect(m_metric, &QComboBox::currentTextChanged, this, [this] { redraw(); });
    connect(m_log, &QCheckBox::toggled, this, [this] { redraw(); });
    retranslateUi();
}

void RunCurvesPlot::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void RunCurvesPlot::retranslateUi()
{
    m_metricLabel->setText(tr("Metric"));
    m_log->setText(tr("Log scale"));
    m_log->setToolTip(tr("A logarithmic y axis shows relative differences: useful when losses or perplexities of "
                         "the runs are far apart."));
    m_plot->xAxis->setLabel(tr("step"));
    redraw(); // replots
}

void RunCurvesPlot::setRuns(std::vector<RunCurves> runs, int notDrawn)
{
    m_runs = std::move(runs);
    m_notDrawn = notDrawn;
    std::set<QString> names;
    for (const auto& run : m_runs)
        for (const auto& point : run.points)
            names.insert(QString::fromStdString(point.name));
    const QString previous = m_metric->currentText();
    {
        const QSignalBlocker block(m_metric);
        m_metric->clear();
        for (const QString& name : names)
            m_metric->addItem(name);
        // Keep what the user was looking at; otherwise the curve everyone compares first.
        for (const QString& choice : {previous, QStringLiteral("train_loss"), QStringLiteral("eval_loss")}) {
            const int i = m_metric->findText(choice);
            if (i >= 0) {
                m_metric->setCurrentIndex(i);
                break;
            }
        }
    }
    redraw();
}

void RunCurvesPlot::setMetric(const QString& metric)
{
    const int i = m_metric->findText(metric);
    if (i >= 0)
        m_metric->setCurrentIndex(i);
}

void RunCurvesPlot::setLogScale(bool on) { m_log->setChecked(on); }

QStringList RunCurvesPlot::metricNames() const
{
    QStringList names;
    for (int i = 0; i < m_metric->count(); ++i)
        names << m_metric->itemText(i);
    return names;
}

QString RunCurvesPlot::metric() const { return m_metric->currentText(); }
bool RunCurvesPlot::logScale() const { return m_log->isChecked(); }
int RunCurvesPlot::graphCount() const { return m_plot->graphCount(); }

int RunCurvesPlot::pointCount(qint64 runId) const
{
    for (size_t i = 0; i < m_graphRuns.size(); ++i)
        if (m_graphRuns[i] == runId)
            return m_plot->graph(static_cast<int>(i))->dataCount();
    return 0;
}

QString RunCurvesPlot::captionText() const { return m_caption->text(); }

void RunCurvesPlot::redraw()
{
    m_plot->clearGraphs();
    m_graphRuns.clear();
    const QString metric = m_metric->currentText();
    const std::string name = metric.toStdString();
    const bool log = m_log->isChecked();
    QStringList without;
    bool nonPositive = false;
    for (const auto& run : m_runs) {
        QVector<double> steps;
        QVector<double> values;
        for (const auto& point : run.points)
            if (point.name == name) {
                steps << static_cast<double>(point.step);
                values << point.value;
                nonPositive = nonPositive || point.value <= 0;
            }
        if (steps.isEmpty()) {
            without << QStringLiteral("#%1").arg(run.runId);
            continue;
        }
        QCPGraph* graph = m_plot->addGraph();
        graph->setName(run.label);
        const QColor color = seriesColor(m_graphRuns.size());
        graph->setPen(QPen(color, 1.8));
        if (steps.size() <= 30) // few points (eval curves): mark them, a line alone hides how sparse they are
            graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, color, 5));
        graph->setData(steps, values, /*alreadySorted=*/false);
        m_graphRuns.push_back(run.runId);
    }
    m_plot->yAxis->setLabel(metric.isEmpty() ? tr("value") : metric);
    m_plot->yAxis->setScaleType(log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (log)
        m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    else
        m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    m_plot->legend->setVisible(m_plot->graphCount() > 1);
    m_plot->rescaleAxes();
    m_plot->replot(QCustomPlot::rpQueuedReplot);

    QString caption;
    if (m_runs.empty())
        caption = tr("Select runs in the table (Ctrl+click for several) to lay their curves over each other.");
    else if (metric.isEmpty())
        caption = tr("The selected runs logged no metrics (a run that failed before its first step).");
    else
        caption = tr("%1 of each selected run against the step: where the curves part is where a setting made a "
                     "difference.").arg(metric);
    if (!without.isEmpty())
        caption += tr(" Without %1: %2.").arg(metric, without.join(QStringLiteral(", ")));
    if (m_notDrawn > 0)
        caption += tr(" %n more selected run(s) not drawn; select fewer to compare them.", nullptr, m_notDrawn);
    if (log && nonPositive)
        caption += tr(" Values ≤ 0 cannot be shown on a log scale.");
    m_caption->setText(caption);
}

} // namespace ui
