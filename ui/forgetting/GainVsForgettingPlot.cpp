#include "ui/forgetting/GainVsForgettingPlot.h"

#include "core/history/RunDatabase.h"
#include "ui/common/ErrorText.h"
#include "ui/common/PlotPalette.h"
#include "ui/common/QCustomPlotInclude.h"
#include "ui/forgetting/ForgettingExplanation.h"

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

const QColor kHistoryColor(150, 150, 150);

QString axisLabel(GainVsForgettingPlot::Measure measure)
{
    switch (measure) {
    case GainVsForgettingPlot::Measure::RetainIncrease:
        return GainVsForgettingPlot::tr("forgetting: retain perplexity increase (%)");
    case GainVsForgettingPlot::Measure::KlFromBase:
        return GainVsForgettingPlot::tr("forgetting: KL from the base (nats / token)");
    case GainVsForgettingPlot::Measure::EarlierTaskDrop:
        return GainVsForgettingPlot::tr("forgetting: earlier-task accuracy drop (points)");
    }
    return {};
}

QCPItemText* addLabel(QCustomPlot* plot, double x, double y, const QString& text, const QColor& color)
{
    auto* label = new QCPItemText(plot);
    label->position->setType(QCPItemPosition::ptPlotCoords);
    label->position->setCoords(x, y);
    label->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
    label->setPadding(QMargins(6, 3, 6, 3));
    label->setText(text);
    label->setColor(color);
    label->setClipToAxisRect(false);
    return label;
}

} // namespace

GainVsForgettingPlot::GainVsForgettingPlot(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* row = new QHBoxLayout;
    m_measureLabel = new QLabel(this);
    row->addWidget(m_measureLabel);
    m_measure = new QComboBox(this);
    m_measure->setObjectName("forgettingMeasure");
    for (int i = 0; i < 3; ++i) // one item per Measure, in its order: retranslateUi names them
        m_measure->addItem(QString());
    row->addWidget(m_measure);
    m_history = new QCheckBox(this);
    m_history->setObjectName("showHistoryRuns");
    row->addStretch();
    layout->addLayout(row);

    m_plot = new QCustomPlot(this);
    m_plot->setObjectName("gainVsForgettingPlot");
    m_plot->setMinimumSize(260, 220);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignRight | Qt::AlignBottom);
    layout->addWidget(m_plot, 1);
    m_caption = new QLabel(this);
    m_caption->setObjectName("gainVsForgettingCaption");
    m_caption->setWordWrap(true);
    layout->addWidget(m_caption);
    layout->addWidget(m_history);
    m_note = new QLabel(this);
    m_note->setObjectName("gainVsForgettingNote");
    m_note->setWordWrap(true);
    layout->addWidget(m_note);

    connect(m_measure, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [this](int index) { setMeasure(static_cast<Measure>(index)); });
    connect(m_history, &QCheckBox::toggled, this, &GainVsForgettingPlot::setShowHistory);
    // Labels are placed where they do not cover each other, in pixels: again whenever the plot is laid out.
    connect(m_plot, &QCustomPlot::afterLayout, this, &GainVsForgettingPlot::placeLabels);
    retranslateUi();
}

void GainVsForgettingPlot::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void GainVsForgettingPlot::retranslateUi()
{
    m_measureLabel->setText(tr("Forgetting measured as"));
    m_measure->setItemText(static_cast<int>(Measure::RetainIncrease), tr("retain perplexity increase (%)"));
    m_measure->setItemText(static_cast<int>(Measure::KlFromBase), tr("KL from the base"));
    m_measure->setItemText(static_cast<int>(Measure::EarlierTaskDrop), tr("earlier-task accuracy drop"));
    m_history->setText(tr("Add earlier comparable runs from the history"));
    m_history->setToolTip(tr("Finished runs in the run history that trained the same task and measured forgetting "
                             "(grey points)."));
    m_plot->yAxis->setLabel(tr("task gain (accuracy points)"));
    m_caption->setText(tr("Each run is one point: up is what it learned, right is what it forgot — the best place is "
                          "top left. LoRA ranks are joined in order of r."));
    rebuild(); // the axis, the series' names, the labels and the note, from the points kept (the history is not read)
}

// The new runs are in the history too once recorded: rebuild() keeps them out of the grey points, so new points need
// no second read of the history.
void GainVsForgettingPlot::setPoints(const std::vector<core::ComparisonPoint>& points) { m_points = points; rebuild(); }
void GainVsForgettingPlot::setDatabasePath(const QString& path) { m_databasePath = path; refresh(); }
void GainVsForgettingPlot::setTrainedTask(const QString& task) { m_trainedTask = task; refresh(); }

void GainVsForgettingPlot::setMeasure(Measure measure)
{
    if (m_measure->currentIndex() != static_cast<int>(measure))
        return m_measure->setCurrentIndex(static_cast<int>(measure)); // comes back here through the signal
    rebuild();
}

void GainVsForgettingPlot::setShowHistory(bool show)
{
    if (m_history->isChecked() != show)
        return m_history->setChecked(show); // comes back here through the signal
    refresh();
}

void GainVsForgettingPlot::refresh()
{
    m_historyPoints.clear();
    if (m_history->isChecked())
        loadHistory();
    rebuild();
}

std::optional<double> GainVsForgettingPlot::forgetting(const core::ComparisonPoint& point, Measure measure)
{
    switch (measure) {
    case Measure::RetainIncrease:
        if (point.retainPerplexityBefore > 0 && point.retainPerplexityAfter > 0)
            return point.retainIncreasePercent;
        return std::nullopt;
    case Measure::KlFromBase:
        if (point.retainPerplexityAfter > 0)
            return point.retainKl;
        return std::nullopt;
    case Measure::EarlierTaskDrop: {
        double sum = 0;
        int count = 0;
        for (const auto& [name, scores] : point.otherTasks)
            if (scores.first >= 0 && scores.second >= 0) {
                sum += 100.0 * (scores.first - scores.second);
                ++count;
            }
        if (count == 0)
            return std::nullopt;
        return sum / count; // the mean over the earlier tasks
    }
    }
    return std::nullopt;
}

void GainVsForgettingPlot::loadHistory()
{
    m_historyPoints.clear();
    m_historyProblem = HistoryProblem::None;
    m_historyError.clear();
    if (m_databasePath.isEmpty() || m_trainedTask.isEmpty()) {
        m_historyProblem = HistoryProblem::NoTrainedTask;
        return;
    }
    const std::string task = m_trainedTask.toStdString();
    try {
        core::RunDatabase db(m_databasePath.toStdString());
        core::RunFilter filter;
        filter.status = "finished";
        for (const core::RunRecord& run : db.runs(filter)) {
            if (!run.finals.count("accuracy/" + task) ||
                !run.finals.count("base_retain_perplexity"))
                continue;
            m_historyPoints.push_back(core::comparisonPoint(run, task));
        }
    } catch (...) {
        m_historyProblem = HistoryProblem::Unreadable;
        m_historyError = describeException(std::current_exception()).message;
    }
}

QString GainVsForgettingPlot::historyProblemText() const
{
    switch (m_historyProblem) {
    case HistoryProblem::None:
        return {};
    case HistoryProblem::NoTrainedTask:
        return tr("No earlier runs: run a comparison first (the trained task decides which runs compare).");
    case HistoryProblem::Unreadable:
        return tr("Could not read the run history: %1").arg(m_historyError);
    }
    return {};
}

void GainVsForgettingPlot::rebuild()
{
    const auto measure = static_cast<Measure>(m_measure->currentIndex());
    m_plot->clearPlottables();
    m_plot->clearItems();
    m_labels.clear();
    m_plot->xAxis->setLabel(axisLabel(measure));

    auto* history = new QCPGraph(m_plot->xAxis, m_plot->yAxis);
    history->setName(tr("earlier runs (history)"));
    history->setLineStyle(QCPGraph::lsNone);
    history->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, kHistoryColor, 7));
    auto* lora = new QCPCurve(m_plot->xAxis, m_plot->yAxis); // a curve keeps the order of r, not of x
    lora->setName(tr("LoRA (joined by r)"));
    lora->setPen(QPen(palette::kLora, 1.5));
    lora->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, palette::kLora, 9));
    auto* full = new QCPGraph(m_plot->xAxis, m_plot->yAxis);
    full->setName(tr("full fine-tuning"));
    full->setLineStyle(QCPGraph::lsNone);
    full->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, palette::kFull, 9));

    std::set<int64_t> current; // this comparison's runs, drawn in colour below, never as grey history points
    for (const auto& p : m_points)
        current.insert(p.runId);
    int earlier = 0;
    m_historyPlotted = 0;
    for (const auto& p : m_historyPoints) {
        if (current.count(p.runId))
            continue;
        ++earlier;
        if (auto x = forgetting(p, measure)) {
            history->addData(*x, 100.0 * p.taskGain);
            m_labels.push_back(addLabel(m_plot, *x, 100.0 * p.taskGain,
                                        QStringLiteral("#%1 %2").arg(QString::number(p.runId),
                                                                     runDisplayName(QString::fromStdString(p.label))),
                                        kHistoryColor));
            ++m_historyPlotted;
        }
    }
    std::vector<core::ComparisonPoint> loraPoints;
    m_plotted = 0;
    ptrdiff_t currentLabels = 0; // this comparison's labels go first: they get the best places
    QStringList missing;
    for (const auto& p : m_points) {
        const auto x = forgetting(p, measure);
        if (!x) {
            missing << runDisplayName(QString::fromStdString(p.label));
            continue;
        }
        ++m_plotted;
        const double y = 100.0 * p.taskGain;
        const bool isFull = p.finetune == "full";
        m_labels.insert(m_labels.begin() + currentLabels++,
                        addLabel(m_plot, *x, y, runDisplayName(QString::fromStdString(p.label)),
                                 isFull ? palette::kFull : palette::kLora));
        if (isFull)
            full->addData(*x, y);
        else
            loraPoints.push_back(p);
    }
    std::sort(loraPoints.begin(), loraPoints.end(), [](const auto& a, const auto& b) { return a.r < b.r; });
    for (const auto& p : loraPoints)
        lora->addData(p.r, *forgetting(p, measure), 100.0 * p.taskGain);

    int series = 0; // the legend lists only the kinds of point on the plot, and only when there are two or more
    for (QCPAbstractPlottable* plottable : std::initializer_list<QCPAbstractPlottable*>{history, lora, full}) {
        bool found = false;
        plottable->getKeyRange(found);
        series += found ? 1 : 0;
        if (!found)
            plottable->removeFromLegend();
    }
    m_plot->legend->setVisible(series > 1);

    QStringList notes;
    if (!missing.isEmpty())
        notes << tr("Not measured for this axis: %1.").arg(missing.join(QStringLiteral(", ")));
    m_historyMessage = historyProblemText();
    if (m_historyMessage.isEmpty() && earlier == 0)
        m_historyMessage = tr("The run history has no other finished run that trained %1 with the forgetting probe.")
                               .arg(m_trainedTask);
    if (m_history->isChecked() && !m_historyMessage.isEmpty())
        notes << m_historyMessage;
    m_note->setText(notes.join(QLatin1Char(' ')));
    m_note->setVisible(!notes.isEmpty());

    m_plot->rescaleAxes();
    for (QCPAxis* axis : {m_plot->xAxis, m_plot->yAxis}) { // room for the labels, and a lone point is not on the frame
        const QCPRange r = axis->range();
        const double pad = std::max(r.size() * 0.15, std::max(1e-3, std::abs(r.center()) * 0.1));
        axis->setRange(r.lower - pad, r.upper + pad);
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void GainVsForgettingPlot::placeLabels()
{
    // This comparison's labels first (they were put at the front), then the history's: each takes the first corner
    // around its point that is inside the axes and free; failing that, the first corner inside the axes.
    const QRect area = m_plot->axisRect()->rect();
    std::vector<QRect> taken;
    for (QCPItemText* label : m_labels) {
        const QPointF at = label->position->pixelPosition();
        const QFontMetrics metrics(label->font());
        const QSize size(metrics.horizontalAdvance(label->text()) + 12, metrics.height() + 6);
        const Qt::Alignment corners[] = {Qt::AlignLeft | Qt::AlignBottom, Qt::AlignLeft | Qt::AlignTop,
                                         Qt::AlignRight | Qt::AlignBottom, Qt::AlignRight | Qt::AlignTop};
        Qt::Alignment chosen = corners[0];
        int best = -1;
        for (int i = 0; i < 4; ++i) {
            const Qt::Alignment a = corners[i];
            const QPoint topLeft(a & Qt::AlignLeft ? int(at.x()) : int(at.x()) - size.width(),
                                 a & Qt::AlignBottom ? int(at.y()) - size.height() : int(at.y()));
            const QRect box(topLeft, size);
            const bool inside = area.contains(box);
            const bool free = std::none_of(taken.begin(), taken.end(), [&](const QRect& r) { return r.intersects(box); });
            const int score = (inside ? 2 : 0) + (free ? 1 : 0);
            if (score > best) {
                best = score;
                chosen = a;
            }
        }
        label->setPositionAlignment(chosen);
        const QPoint topLeft(chosen & Qt::AlignLeft ? int(at.x()) : int(at.x()) - size.width(),
                             chosen & Qt::AlignBottom ? int(at.y()) - size.height() : int(at.y()));
        taken.emplace_back(topLeft, size);
    }
}

} // namespace ui
