#include "ui/forgetting/ForgettingCurves.h"

#include "ui/common/QCustomPlotInclude.h"
#include "ui/forgetting/ForgettingExplanation.h"

#include <QButtonGroup>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QRadioButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace ui {

namespace {

const QString kTrainLoss = QStringLiteral("train_loss");
const QString kRetainPerplexity = QStringLiteral("retain_perplexity");
const QString kRetainKl = QStringLiteral("retain_kl");

QColor runColor(int run)
{
    static const QColor palette[] = {{31, 119, 180}, {214, 39, 40},  {44, 160, 44},  {255, 127, 14}, {148, 103, 189},
                                     {140, 86, 75},  {227, 119, 194}, {127, 127, 127}, {188, 189, 34}, {23, 190, 207}};
    return palette[run % 10];
}

} // namespace

ForgettingCurves::ForgettingCurves(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* toggleRow = new QHBoxLayout;
    m_showLabel = new QLabel(this);
    toggleRow->addWidget(m_showLabel);
    m_on = new QRadioButton(this);
    m_on->setObjectName("showAdapterOn");
    m_off = new QRadioButton(this);
    m_off->setObjectName("showAdapterOff");
    m_both = new QRadioButton(this);
    m_both->setObjectName("showAdapterBoth");
    m_both->setChecked(true);
    auto* group = new QButtonGroup(this);
    for (QRadioButton* b : {m_on, m_off, m_both}) {
        group->addButton(b);
        toggleRow->addWidget(b);
    }
    toggleRow->addStretch();
    layout->addLayout(toggleRow);
    m_legend = new QLabel(this);
    m_legend->setObjectName("curvesLegend");
    m_legend->setTextFormat(Qt::RichText);
    m_legend->setWordWrap(true);
    layout->addWidget(m_legend);

    m_grid = new QGridLayout;
    layout->addLayout(m_grid, 1);
    m_caption = new QLabel(this);
    m_caption->setObjectName("forgettingCurvesCaption");
    m_caption->setWordWrap(true);
    layout->addWidget(m_caption);

    connect(m_on, &QRadioButton::toggled, this, [this](bool on) { if (on) setShow(Show::AdapterOn); });
    connect(m_off, &QRadioButton::toggled, this, [this](bool on) { if (on) setShow(Show::AdapterOff); });
    connect(m_both, &QRadioButton::toggled, this, [this](bool on) { if (on) setShow(Show::Both); });
    clear();
    retranslateUi();
}

void ForgettingCurves::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void ForgettingCurves::retranslateUi()
{
    m_showLabel->setText(tr("Measurements with the adapter:"));
    m_on->setText(tr("on"));
    m_off->setText(tr("off"));
    m_both->setText(tr("both"));
    m_on->setToolTip(tr("The model as trained: base weights plus the adapter."));
    m_off->setToolTip(tr("The same model with every LoRA adapter switched off (dashed). Full fine-tuning has no "
                         "adapter, so it has no dashed line."));
    m_caption->setText(
        tr("One line per run; dashed: the same run measured with its adapter switched off. Step 0 is the model "
           "before training. With bias none the dashed lines sit exactly on the step-0 (base) values — the adapter "
           "holds everything LoRA changed; with bias all they drift, because trained biases stay when the adapter "
           "goes. Rising retain perplexity and KL, or a falling earlier task, is forgetting."));
    for (auto it = m_plots.cbegin(); it != m_plots.cend(); ++it)
        nameAxes(it.key(), it.value());
    for (auto it = m_lines.cbegin(); it != m_lines.cend(); ++it)
        for (int run = 0; run < it.value().size(); ++run)
            nameLines(it.value()[run], run);
    updateLegend();
}

void ForgettingCurves::clear()
{
    for (QCustomPlot* plot : m_plots) {
        m_grid->removeWidget(plot);
        delete plot;
    }
    m_plots.clear();
    m_lines.clear();
    m_order.clear();
    m_runs.clear();
    updateLegend();
    // The fixed plots exist from the start so that the tab does not look empty before a run.
    ensurePlot(kTrainLoss);
    ensurePlot(kRetainPerplexity);
    ensurePlot(kRetainKl);
}

int ForgettingCurves::addRun(const QString& label, bool withAdapter)
{
    m_runs.append({label, withAdapter});
    updateLegend();
    return m_runs.size() - 1;
}

QCustomPlot* ForgettingCurves::ensurePlot(const QString& metric)
{
    if (QCustomPlot* existing = m_plots.value(metric, nullptr))
        return existing;
    auto* plot = new QCustomPlot(this);
    plot->setObjectName(QStringLiteral("curve_") + metric);
    plot->setMinimumSize(220, 150);
    plot->plotLayout()->insertRow(0);
    auto* heading = new QCPTextElement(plot, QString(), QFont(font().family(), font().pointSize(), QFont::Bold));
    plot->plotLayout()->addElement(0, 0, heading);
    plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    nameAxes(metric, plot);
    m_order.append(metric);
    m_plots.insert(metric, plot);
    // Two columns, three once there are more than four plots (several tasks), so that none gets too flat.
    const int columns = m_order.size() > 4 ? 3 : 2;
    for (int i = 0; i < m_order.size(); ++i) {
        m_grid->removeWidget(m_plots.value(m_order[i]));
        m_grid->addWidget(m_plots.value(m_order[i]), i / columns, i % columns);
    }
    return plot;
}

void ForgettingCurves::nameAxes(const QString& metric, QCustomPlot* plot)
{
    QString title, yLabel;
    if (metric == kTrainLoss) {
        title = tr("training loss");
        yLabel = tr("loss (nats)");
    } else if (metric == kRetainPerplexity) {
        title = tr("retain-text perplexity (what the base knew)");
        yLabel = tr("perplexity");
    } else if (metric == kRetainKl) {
        title = tr("KL divergence from the base on the retain text");
        yLabel = tr("nats / token");
    } else { // "accuracy/<task>": the task's name is the file's, as the probe reported it
        title = tr("accuracy on %1").arg(metric.mid(QStringLiteral("accuracy/").size()));
        yLabel = tr("exact match (%)");
    }
    plot->xAxis->setLabel(tr("step"));
    plot->yAxis->setLabel(yLabel);
    if (auto* heading = qobject_cast<QCPTextElement*>(plot->plotLayout()->element(0, 0)))
        heading->setText(title);
    plot->replot(QCustomPlot::rpQueuedReplot);
}

void ForgettingCurves::nameLines(const Line& line, int run)
{
    if (run < 0 || run >= m_runs.size())
        return;
    const QString name = runDisplayName(m_runs[run].label);
    if (line.on)
        line.on->setName(name);
    if (line.off)
        line.off->setName(tr("%1 (adapter off)").arg(name));
}

QCPGraph* ForgettingCurves::graph(const QString& metric, int run, bool adapterOff)
{
    QCustomPlot* plot = m_plots.value(metric, nullptr);
    if (!plot || run < 0 || run >= m_runs.size())
        return nullptr;
    QList<Line>& lines = m_lines[metric];
    while (lines.size() <= run)
        lines.append(Line());
    QCPGraph*& slot = adapterOff ? lines[run].off : lines[run].on;
    if (!slot) {
        slot = plot->addGraph();
        nameLines(lines[run], run);
        QPen pen(runColor(run), adapterOff ? 1.5 : 2, adapterOff ? Qt::DashLine : Qt::SolidLine);
        slot->setPen(pen);
        slot->setScatterStyle(QCPScatterStyle(adapterOff ? QCPScatterStyle::ssCircle : QCPScatterStyle::ssDisc, 5));
        applyShow();
    }
    return slot;
}

void ForgettingCurves::addPoint(const QString& metric, int run, bool adapterOff, double step, double value)
{
    if (QCPGraph* g = graph(metric, run, adapterOff))
        g->addData(step, value);
}

void ForgettingCurves::addSteps(int run, const QList<core::StepMetrics>& steps)
{
    for (const core::StepMetrics& m : steps)
        addPoint(kTrainLoss, run, false, static_cast<double>(m.step), m.loggedLoss);
    replot(m_plots.value(kTrainLoss));
}

void ForgettingCurves::addProbe(int run, qint64 step, const core::ProbeResult& result, bool adapterOff)
{
    if (run < 0 || run >= m_runs.size())
        return;
    for (const core::TaskScore& task : result.tasks)
        ensurePlot(QStringLiteral("accuracy/") + QString::fromStdString(task.name));
    // Before training the adapter is zero, so "off" and "on" are both the base: the dashed line starts there too.
    QList<bool> which{adapterOff};
    if (step == 0 && !adapterOff && m_runs[run].withAdapter)
        which.append(true);
    for (bool off : which) {
        const double x = static_cast<double>(step);
        addPoint(kRetainPerplexity, run, off, x, result.retainPerplexity);
        addPoint(kRetainKl, run, off, x, result.klFromBase);
        for (const core::TaskScore& task : result.tasks)
            addPoint(QStringLiteral("accuracy/") + QString::fromStdString(task.name), run, off, x,
                     100.0 * task.accuracy);
    }
    for (auto it = m_plots.cbegin(); it != m_plots.cend(); ++it)
        if (it.key() != kTrainLoss)
            replot(it.value());
}

void ForgettingCurves::setShow(Show show)
{
    m_show = show;
    QRadioButton* button = show == Show::AdapterOn ? m_on : show == Show::AdapterOff ? m_off : m_both;
    if (!button->isChecked())
        button->setChecked(true);
    applyShow();
    for (QCustomPlot* plot : m_plots)
        replot(plot);
}

void ForgettingCurves::applyShow()
{
    for (auto it = m_lines.cbegin(); it != m_lines.cend(); ++it) {
        // The training loss exists only with the adapter on; it stays whatever the choice.
        const bool lossPlot = it.key() == kTrainLoss;
        for (const Line& line : it.value()) {
            if (line.on)
                line.on->setVisible(lossPlot || m_show != Show::AdapterOff);
            if (line.off)
                line.off->setVisible(m_show != Show::AdapterOn);
        }
    }
    updateLegend();
}

void ForgettingCurves::updateLegend()
{
    // One legend for all the small plots (they share runs and colours) keeps each plot's lines uncovered.
    QStringList entries;
    for (int run = 0; run < m_runs.size(); ++run) {
        const QString color = runColor(run).name();
        const QString name = runDisplayName(m_runs[run].label);
        if (m_show != Show::AdapterOff || !m_runs[run].withAdapter)
            entries << QStringLiteral("<span style='color:%1'>━━</span>&nbsp;%2").arg(color, name.toHtmlEscaped());
        if (m_runs[run].withAdapter && m_show != Show::AdapterOn)
            entries << QStringLiteral("<span style='color:%1'>╍╍</span>&nbsp;%2").arg(color,
                           tr("%1 (adapter off)").arg(name).toHtmlEscaped());
    }
    m_legend->setText(entries.join(QStringLiteral("&nbsp;&nbsp;&nbsp; ")));
    m_legend->setVisible(entries.size() > 1);
}

void ForgettingCurves::replot(QCustomPlot* plot)
{
    if (!plot)
        return;
    plot->rescaleAxes(/*onlyVisiblePlottables=*/true);
    if (m_plots.key(plot).startsWith(QLatin1String("accuracy/"))) {
        plot->yAxis->setRange(-5, 105); // 0-100 %, always: a flat 0 % line is not blown up to fill the plot
        plot->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    QCPRange y = plot->yAxis->range();
    const double pad = std::max(y.size() * 0.08, 1e-6 + std::abs(y.center()) * 1e-3);
    plot->yAxis->setRange(y.lower - pad, y.upper + pad); // flat lines (bias none, off) stay visible, not on the frame
    plot->replot(QCustomPlot::rpQueuedReplot);
}

QString ForgettingCurves::legendText() const { return m_legend->text(); }

int ForgettingCurves::graphCount(const QString& metric) const
{
    const QCustomPlot* plot = m_plots.value(metric, nullptr);
    return plot ? plot->graphCount() : 0;
}

int ForgettingCurves::pointCount(const QString& metric, int run, bool adapterOff) const
{
    const QList<Line> lines = m_lines.value(metric);
    if (run < 0 || run >= lines.size())
        return 0;
    const QCPGraph* g = adapterOff ? lines[run].off : lines[run].on;
    return g ? g->dataCount() : 0;
}

} // namespace ui
