#include "ui/data/DatasetStatsView.h"

#include "ui/common/QCustomPlotInclude.h"

#include <QHBoxLayout>
#include <QLabel>

namespace ui {

DatasetStatsView::DatasetStatsView(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_text = new QLabel(this);
    m_text->setObjectName("datasetStats");
    m_text->setWordWrap(true);
    m_text->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_text->setToolTip(tr("Lengths are in tokens per example (BOS and EOS included, after max_length). Only the "
                          "trained share of tokens teaches the model; the rest is prompt."));
    m_histogram = new QCustomPlot(this);
    m_histogram->setObjectName("lengthHistogram");
    m_histogram->setMinimumHeight(160);
    m_histogram->xAxis->setLabel(tr("tokens per example"));
    m_histogram->yAxis->setLabel(tr("examples"));
    new QCPBars(m_histogram->xAxis, m_histogram->yAxis);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_histogram, 2);
}

void DatasetStatsView::showMessage(const QString& message) { m_text->setText(message); }
QString DatasetStatsView::text() const { return m_text->text(); }

void DatasetStatsView::showStats(const core::DatasetStats& s, const core::TaskDataFacts& facts)
{
    QStringList lines;
    lines << tr("%1 records → %2 examples").arg(s.records).arg(s.examples)
          << tr("length min %1 · median %2 · p95 %3 · max %4 tokens")
                 .arg(s.minLength)
                 .arg(s.medianLength, 0, 'f', 0)
                 .arg(s.p95Length, 0, 'f', 0)
                 .arg(s.maxLength);
    // A head that scores the sequence, a span or an embedding trains no token's next-token loss: no trained share.
    lines << (s.trainedTokens > 0
                  ? tr("%1 tokens, %2 % trained").arg(s.totalTokens).arg(100.0 * s.trainedShare, 0, 'f', 1)
                  : tr("%1 tokens").arg(s.totalTokens))
          << tr("truncated %1 · dropped %2 · skipped %3").arg(s.truncated).arg(s.dropped).arg(s.skipped);
    if (facts.questions)
        lines << tr("%1 questions; %2 of %3 windows hold their question's answer")
                     .arg(facts.questionCount)
                     .arg(facts.windowsWithAnswer)
                     .arg(facts.windows);
    if (facts.pairs > 0)
        lines << tr("%1 pairs (lengths are the queries'), %2 with a hard negative")
                     .arg(facts.pairs)
                     .arg(facts.withNegative);
    if (facts.hasProblemType)
        lines << tr("problem type: %1").arg(QString::fromStdString(core::toString(facts.problemType)));
    for (const auto& [name, count] : facts.classes)
        lines << (facts.perWord ? tr("tag %1: %2 words") : tr("class %1: %2 records"))
                     .arg(QString::fromStdString(name))
                     .arg(count);
    m_text->setText(lines.join(QLatin1Char('\n')));
    auto* bars = qobject_cast<QCPBars*>(m_histogram->plottable(0));
    QVector<double> keys, values;
    double width = 1;
    for (size_t i = 0; i < s.histogramCounts.size() && i + 1 < s.histogramEdges.size(); ++i) {
        width = static_cast<double>(s.histogramEdges[i + 1] - s.histogramEdges[i]);
        keys << s.histogramEdges[i] + width / 2.0;
        values << static_cast<double>(s.histogramCounts[i]);
    }
    bars->setWidth(width * 0.9);
    bars->setData(keys, values);
    m_histogram->rescaleAxes();
    if (s.histogramEdges.size() >= 2) // whole bins in view, not just their centres
        m_histogram->xAxis->setRange(double(s.histogramEdges.front()), double(s.histogramEdges.back()));
    m_histogram->yAxis->setRange(0, m_histogram->yAxis->range().upper * 1.1 + 0.5);
    m_histogram->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace ui
