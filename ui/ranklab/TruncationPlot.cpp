#include "ui/ranklab/TruncationPlot.h"

#include "ui/common/PlotPalette.h"
#include "ui/common/QCustomPlotInclude.h"

#include <QEvent>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

#include <algorithm>

namespace ui {

TruncationPlot::TruncationPlot(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_plot = new QCustomPlot(this);
    m_plot->setObjectName("truncationPlot");
    m_plot->setMinimumHeight(200);
    QSharedPointer<QCPAxisTickerFixed> steps(new QCPAxisTickerFixed);
    steps->setTickStep(1.0);
    steps->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    m_plot->xAxis->setTicker(steps);
    m_loss = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis);
    m_loss->setPen(QPen(palette::kBlue, 2));
    m_loss->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 6));
    m_accuracy = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis2);
    m_accuracy->setPen(QPen(palette::kGreen, 2, Qt::DashLine));
    m_accuracy->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, 6));
    m_plot->legend->setVisible(true);
    layout->addWidget(m_plot, 1);
    m_caption = new QLabel(this);
    m_caption->setObjectName("truncationCaption");
    m_caption->setWordWrap(true);
    layout->addWidget(m_caption);
    m_summary = new QLabel(this);
    m_summary->setObjectName("truncationSummary");
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);
    retranslateUi();
    clear();
}

void TruncationPlot::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void TruncationPlot::retranslateUi()
{
    m_plot->xAxis->setLabel(tr("rank k kept of each ΔW"));
    m_plot->yAxis->setLabel(tr("loss (nats)"));
    m_plot->yAxis2->setLabel(tr("exact-match accuracy (%)"));
    m_loss->setName(tr("loss"));
    m_accuracy->setName(tr("accuracy"));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    m_caption->setText(tr("Each ΔW cut to its best rank-k approximation (SVD), then evaluated. Where the loss stays "
                          "flat as k drops, a smaller r would have learned the same for fewer parameters."));
    showSummary();
}

void TruncationPlot::clear() { setPoints({}); }

void TruncationPlot::setPoints(const std::vector<core::TruncationPoint>& points)
{
    m_points = points;
    const std::vector<core::TruncationPoint> sorted = sortedPoints();
    m_loss->data()->clear();
    m_accuracy->data()->clear();
    for (const auto& p : sorted) {
        m_loss->addData(p.k, p.loss);
        if (p.accuracy >= 0)
            m_accuracy->addData(p.k, 100.0 * p.accuracy);
    }
    const bool withAccuracy = !m_accuracy->data()->isEmpty();
    m_plot->yAxis2->setVisible(withAccuracy);
    m_accuracy->setVisible(withAccuracy);
    if (withAccuracy) // text data has no accuracy: no empty axis, no legend entry for it
        m_accuracy->addToLegend();
    else
        m_accuracy->removeFromLegend();
    showSummary();
    if (!sorted.empty()) {
        m_loss->rescaleValueAxis();
        const double kMax = sorted.back().k;
        m_plot->xAxis->setRange(0.5, kMax + 0.5);
        QCPRange range = m_plot->yAxis->range();
        const double pad = std::max(range.size() * 0.1, 1e-3);
        m_plot->yAxis->setRange(range.lower - pad, range.upper + pad);
        m_plot->yAxis2->setRange(0, 105);
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

std::vector<core::TruncationPoint> TruncationPlot::sortedPoints() const
{
    std::vector<core::TruncationPoint> sorted = m_points; // a line over k, whatever order the ks were asked in
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.k < b.k; });
    return sorted;
}

void TruncationPlot::showSummary()
{
    const std::vector<core::TruncationPoint> sorted = sortedPoints();
    if (sorted.empty()) {
        m_summary->setText(tr("Run the truncation to see how much each rank direction matters."));
        return;
    }
    const QLocale locale;
    QStringList lines;
    for (const auto& p : sorted) {
        const QString k = QString::number(p.k); // a rank, written as r is written
        const QString loss = locale.toString(p.loss, 'f', 4);
        const QString perplexity = locale.toString(p.perplexity, 'g', 5);
        const QString parameters = locale.toString(static_cast<qlonglong>(p.parameters));
        if (p.accuracy >= 0)
            lines << tr("k = %1: loss %2, perplexity %3, accuracy %4 % — an adapter trained at r = %1 has %5 "
                        "parameters")
                         .arg(k, loss, perplexity, locale.toString(100.0 * p.accuracy, 'f', 1), parameters);
        else
            lines << tr("k = %1: loss %2, perplexity %3 — an adapter trained at r = %1 has %4 parameters")
                         .arg(k, loss, perplexity, parameters);
    }
    m_summary->setText(lines.join(QLatin1Char('\n')));
}

QString TruncationPlot::summaryText() const { return m_summary->text(); }

} // namespace ui
