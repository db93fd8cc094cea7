#include "ui/data/DatasetStatsView.h"

#include "ui/common/QCustomPlotInclude.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>

namespace ui {

DatasetStatsView::DatasetStatsView(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_text = new QLabel(this);
    m_text->setObjectName("datasetStats");
    m_text->setWordWrap(true);
    m_text->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_histogram = new QCustomPlot(this);
    m_histogram->setObjectName("lengthHistogram");
    m_histogram->setMinimumHeight(160);
    new QCPBars(m_histogram->xAxis, m_histogram->yAxis);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_histogram, 2);
    retranslateUi();
}

void DatasetStatsView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void DatasetStatsView::retranslateUi()
{
    m_text->setToolTip(tr("Lengths are in tokens per example (BOS and EOS included, after max_length). Only the "
                          "trained share of tokens teaches the model; the rest is prompt."));
    m_histogram->xAxis->setLabel(tr("tokens per example"));
    m_histogram->yAxis->setLabel(tr("examples"));
    m_histogram->replot(QCustomPlot::rpQueuedReplot);
    if (m_showsStats)
        m_text->setText(describeStats());
}

void DatasetStatsView::showMessage(const QString& message)
{
    m_showsStats = false;
    m_text->setText(message);
}

QString DatasetStatsView::text() const { return m_text->text(); }

QString DatasetStatsView::describeStats() const
{
    const core::DatasetStats& s = m_stats;
    const QLocale locale;
    QStringList lines;
    lines << tr("%Ln record(s) → %1 examples", nullptr, static_cast<int>(s.records)).arg(locale.toString(s.examples))
          << tr("length min %1 · median %2 · p95 %3 · max %4 tokens")
                 .arg(locale.toString(s.minLength), locale.toString(s.medianLength, 'f', 0),
                      locale.toString(s.p95Length, 'f', 0), locale.toString(s.maxLength));
    // A head that scores the sequence, a span or an embedding trains no token's next-token loss: no trained share.
    const QString tokens = locale.toString(s.totalTokens);
    lines << (s.trainedTokens > 0
                  ? tr("%1 tokens, %2 % trained").arg(tokens, locale.toString(100.0 * s.trainedShare, 'f', 1))
                  : tr("%1 tokens").arg(tokens))
          << tr("truncated %1 · dropped %2 · skipped %3")
                 .arg(locale.toString(s.truncated), locale.toString(s.dropped), locale.toString(s.skipped));
    const core::TaskDataFacts& facts = m_facts;
    if (facts.questions)
        lines << tr("%Ln question(s); %1 of %2 windows hold their question's answer", nullptr,
                    static_cast<int>(facts.questionCount))
                     .arg(locale.toString(facts.windowsWithAnswer), locale.toString(facts.windows));
    if (facts.pairs > 0)
        lines << tr("%Ln pair(s) (lengths are the queries'), %1 with a hard negative", nullptr,
                    static_cast<int>(facts.pairs))
                     .arg(locale.toString(facts.withNegative));
    if (facts.hasProblemType)
        lines << tr("problem type: %1").arg(QString::fromStdString(core::toString(facts.problemType)));
    for (const auto& [name, count] : facts.classes)
        lines << (facts.perWord ? tr("tag %1: %Ln word(s)", nullptr, static_cast<int>(count))
                                : tr("class %1: %Ln record(s)", nullptr, static_cast<int>(count)))
                     .arg(QString::fromStdString(name));
    return lines.join(QLatin1Char('\n'));
}

void DatasetStatsView::showStats(const core::DatasetStats& s, const core::TaskDataFacts& facts)
{
    m_stats = s;
    m_facts = facts;
    m_showsStats = true;
    m_text->setText(describeStats());
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
