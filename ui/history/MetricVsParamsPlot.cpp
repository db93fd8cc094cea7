#include "ui/history/MetricVsParamsPlot.h"

#include "ui/common/PlotPalette.h"
#include "ui/common/QCustomPlotInclude.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMouseEvent>
#include <QToolTip>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

namespace ui {

namespace {

QCPGraph* makeScatter(QCustomPlot* plot, const QColor& color, QCPScatterStyle::ScatterShape shape)
{
    QCPGraph* graph = plot->addGraph();
    graph->setLineStyle(QCPGraph::lsNone);
    graph->setPen(QPen(color));
    graph->setScatterStyle(QCPScatterStyle(shape, color, color, 9));
    return graph;
}

} // namespace

MetricVsParamsPlot::MetricVsParamsPlot(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* row = new QHBoxLayout;
    m_metricLabel = new QLabel(this);
    row->addWidget(m_metricLabel);
    m_metric = new QComboBox(this);
    m_metric->setObjectName("paramsMetric");
    m_metric->setMinimumContentsLength(18);
    row->addWidget(m_metric);
    row->addStretch(1);
    layout->addLayout(row);

    m_plot = new QCustomPlot(this);
    m_plot->setObjectName("metricVsParamsPlot");
    m_plot->setMinimumHeight(180);
    m_plot->xAxis->setScaleType(QCPAxis::stLogarithmic);
    m_plot->xAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_lora = makeScatter(m_plot, palette::kLora, QCPScatterStyle::ssDisc);
    m_lora->setName(QStringLiteral("LoRA")); // the same in every language
    m_full = makeScatter(m_plot, palette::kFull, QCPScatterStyle::ssSquare);
    m_plot->legend->setVisible(true);
    m_plot->setMouseTracking(true);
    layout->addWidget(m_plot, 1);
    m_caption = new QLabel(this);
    m_caption->setObjectName("paramsCaption");
    m_caption->setWordWrap(true);
    layout->addWidget(m_caption);

    connect(m_metric, &QComboBox::currentTextChanged, this, [this] { redraw(); });
    connect(m_plot, &QCustomPlot::mouseMove, this, [this](QMouseEvent* event) { showTooltip(event); });
    retranslateUi();
}

void MetricVsParamsPlot::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void MetricVsParamsPlot::retranslateUi()
{
    m_metricLabel->setText(tr("Final metric"));
    m_plot->xAxis->setLabel(tr("trainable parameters (log scale)"));
    m_full->setName(tr("full fine-tuning"));
    redraw(); // replots
}

void MetricVsParamsPlot::setRuns(const std::vector<core::RunRecord>& runs)
{
    m_runs = runs;
    QStringList names;
    for (const auto& name : core::finalMetricNames(m_runs))
        names << QString::fromStdString(name);
    const QString previous = m_metric->currentText();
    {
        const QSignalBlocker block(m_metric);
        m_metric->clear();
        for (const QString& name : names)
            m_metric->addItem(name);
        for (const QString& choice : {previous, QStringLiteral("eval_loss"), QStringLiteral("eval_perplexity")}) {
            const int i = m_metric->findText(choice);
            if (i >= 0) {
                m_metric->setCurrentIndex(i);
                break;
            }
        }
    }
    redraw();
}

void MetricVsParamsPlot::setMetric(const QString& metric)
{
    const int i = m_metric->findText(metric);
    if (i >= 0)
        m_metric->setCurrentIndex(i);
}

QStringList MetricVsParamsPlot::metricNames() const
{
    QStringList names;
    for (int i = 0; i < m_metric->count(); ++i)
        names << m_metric->itemText(i);
    return names;
}

QString MetricVsParamsPlot::metric() const { return m_metric->currentText(); }
QString MetricVsParamsPlot::captionText() const { return m_caption->text(); }

void MetricVsParamsPlot::redraw()
{
    m_points.clear();
    m_lora->data()->clear();
    m_full->data()->clear();
    m_plot->clearItems();
    const QString metric = m_metric->currentText();
    const std::string name = metric.toStdString();
    QStringList skipped;
    for (const auto& run : m_runs) {
        const auto found = run.finals.find(name);
        if (found == run.finals.end() || std::isnan(found->second))
            continue; // not evaluated with this metric: not a point, and not worth a note (other tasks, other sets)
        if (run.trainableParams <= 0) {
            skipped << QStringLiteral("#%1").arg(run.id); // a log axis has no place for 0
            continue;
        }
        Point point;
        point.runId = run.id;
        point.params = static_cast<double>(run.trainableParams);
        point.value = found->second;
        point.full = run.finetune == "full";
        point.label = point.full ? QStringLiteral("#%1 full").arg(run.id)
                                 : QStringLiteral("#%1 r=%2").arg(run.id).arg(run.r);
        const QString setting = point.full ? tr("full fine-tuning")
                                           : tr("LoRA r=%1, alpha %2, targets %3")
                                                 .arg(QLocale().toString(run.r), QLocale().toString(run.loraAlpha),
                                                      QString::fromStdString(run.targets));
        point.tooltip = tr("run #%1 %2\n%3\ntrainable parameters: %4\n%5 = %6")
                            .arg(QString::number(run.id), QString::fromStdString(run.name), setting,
                                 QLocale().toString(qlonglong(run.trainableParams)), metric,
                                 QLocale().toString(point.value, 'g', 6));
        (point.full ? m_full : m_lora)->addData(point.params, point.value);
        auto* text = new QCPItemText(m_plot);
        text->position->setCoords(point.params, point.value);
        text->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
        text->setPadding(QMargins(6, 0, 0, 2));
        text->setText(point.label);
        text->setColor(point.full ? palette::kFull.darker(140) : palette::kLora.darker(140));
        m_points.push_back(point);
    }
    m_plot->yAxis->setLabel(metric.isEmpty() ? tr("final metric") : metric);
    m_plot->rescaleAxes();
    if (!m_points.empty()) {
        // Room for the labels: a factor of 2 each side on the log axis, 10 % above and below.
        const QCPRange x = m_plot->xAxis->range();
        m_plot->xAxis->setRange(x.lower / 2, x.upper * 3);
        const QCPRange y = m_plot->yAxis->range();
        const double margin = y.size() > 0 ? y.size() * 0.12 : std::max(std::abs(y.center()) * 0.1, 1e-3);
        m_plot->yAxis->setRange(y.lower - margin, y.upper + margin);
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);

    QString caption;
    if (m_runs.empty())
        caption = tr("No runs to plot: each finished run becomes one point here.");
    else if (metric.isEmpty())
        caption = tr("None of the listed runs has a final evaluation yet (it is written when a run finishes).");
    else
        caption = tr("Final %1 of each run against what it trained. Along an r sweep the points flatten: each "
                     "doubling of r doubles the parameters but gains less; full fine-tuning trains orders of "
                     "magnitude more.").arg(metric);
    if (!skipped.isEmpty())
        caption += tr(" Not shown (no trainable-parameter count): %1.").arg(skipped.join(QStringLiteral(", ")));
    m_caption->setText(caption);
}

void MetricVsParamsPlot::showTooltip(QMouseEvent* event)
{
    const QPointF position = event->position();
    const Point* nearest = nullptr;
    double best = 12 * 12; // pixels², so that the tooltip appears only on a point
    for (const Point& point : m_points) {
        const double dx = m_plot->xAxis->coordToPixel(point.params) - position.x();
        const double dy = m_plot->yAxis->coordToPixel(point.value) - position.y();
        if (dx * dx + dy * dy < best) {
            best = dx * dx + dy * dy;
            nearest = &point;
        }
    }
    if (nearest)
        QToolTip::showText(event->globalPosition().toPoint(), nearest->tooltip, m_plot);
    else
        QToolTip::hideText();
}

} // namespace ui
