#include "ui/ranklab/TruncationPlot.h"

#include "core/lora/ParameterCount.h"
#include "ui/common/PlotPalette.h"
#include "ui/common/QCustomPlotInclude.h"

#include <QLabel>
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
    m_plot->xAxis->setLabel(tr("rank k kept of each ΔW"));
    m_plot->yAxis->setLabel(tr("loss (nats)"));
    m_plot->yAxis2->setLabel(tr("exact-match accuracy (%)"));
    QSharedPointer<QCPAxisTickerFixed> steps(new QCPAxisTickerFixed);
    steps->setTickStep(1.0);
    steps->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    m_plot->xAxis->setTicker(steps);
    m_loss = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis);
    m_loss->setName(tr("loss"));
    m_loss->setPen(QPen(palette::kBlue, 2));
    m_loss->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 6));
    m_accuracy = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis2);
    m_accuracy->setName(tr("accuracy"));
    m_accuracy->setPen(QPen(palette::kGreen, 2, Qt::DashLine));
    m_accuracy->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, 6));
    m_plot->legend->setVisible(true);
    layout->addWidget(m_plot, 1);
    auto* caption = new QLabel(tr("Each ΔW cut to its best rank-k approximation (SVD), then evaluated. Where the loss "
                                  "stays flat as k drops, a smaller r would have learned the same for fewer "
                                  "parameters."), this);
    caption->setObjectName("truncationCaption");
    caption->setWordWrap(true);
    layout->addWidget(caption);
    m_summary = new QLabel(this);
    m_summary->setObjectName("truncationSummary");
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);
    clear();
}

void TruncationPlot::clear() { setPoints({}); }

void TruncationPlot::setPoints(const std::vector<core::TruncationPoint>& points)
{
    m_points = points;
    std::vector<core::TruncationPoint> sorted = points; // a line over k, whatever order the ks were asked in
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.k < b.k; });
    m_loss->data()->clear();
    m_accuracy->data()->clear();
    QStringList lines;
    for (const auto& p : sorted) {
        m_loss->addData(p.k, p.loss);
        if (p.accuracy >= 0)
            m_accuracy->addData(p.k, 100.0 * p.accuracy);
        QString line = tr("k = %1: loss %2, perplexity %3").arg(p.k).arg(p.loss, 0, 'f', 4).arg(p.perplexity, 0, 'g', 5);
        if (p.accuracy >= 0)
            line += tr(", accuracy %1 %").arg(100.0 * p.accuracy, 0, 'f', 1);
        line += tr(" — an adapter trained at r = %1 has %2 parameters")
                    .arg(p.k)
                    .arg(QString::fromStdString(core::withThousandsSeparators(p.parameters)));
        lines << line;
    }
    const bool withAccuracy = !m_accuracy->data()->isEmpty();
    m_plot->yAxis2->setVisible(withAccuracy);
    m_accuracy->setVisible(withAccuracy);
    if (withAccuracy) // text data has no accuracy: no empty axis, no legend entry for it
        m_accuracy->addToLegend();
    else
        m_accuracy->removeFromLegend();
    m_summary->setText(sorted.empty() ? tr("Run the truncation to see how much each rank direction matters.")
                                      : lines.join(QLatin1Char('\n')));
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

QString TruncationPlot::summaryText() const { return m_summary->text(); }

} // namespace ui
