#include "ui/ranklab/ParamsVsRankPlot.h"

#include "ui/common/PlotPalette.h"
#include "ui/common/QCustomPlotInclude.h"

#include <QEvent>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

namespace ui {

ParamsVsRankPlot::ParamsVsRankPlot(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_plot = new QCustomPlot(this);
    m_plot->setObjectName("paramsVsRankPlot");
    m_plot->setMinimumHeight(180);
    m_line = m_plot->addGraph();
    m_line->setPen(QPen(palette::kBlue, 2));
    m_marker = m_plot->addGraph();
    m_marker->setLineStyle(QCPGraph::lsNone);
    m_marker->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, palette::kRed, 10));
    m_plot->legend->setVisible(true);
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignLeft | Qt::AlignTop);
    layout->addWidget(m_plot, 1);
    m_caption = new QLabel(this);
    m_caption->setObjectName("paramsVsRankCaption");
    m_caption->setWordWrap(true);
    layout->addWidget(m_caption);
    retranslateUi();
    showMessage(QString());
}

void ParamsVsRankPlot::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void ParamsVsRankPlot::retranslateUi()
{
    m_plot->xAxis->setLabel(tr("LoRA rank r"));
    m_plot->yAxis->setLabel(tr("trainable parameters"));
    m_line->setName(tr("r · Σ (in + out) over the targeted modules"));
    m_marker->setName(tr("current r"));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    showCaption();
}

void ParamsVsRankPlot::setCounts(const std::vector<int64_t>& counts, int currentR)
{
    m_counts = counts;
    m_message.clear();
    m_line->data()->clear();
    m_marker->data()->clear();
    for (size_t i = 0; i < counts.size(); ++i)
        m_line->addData(static_cast<double>(i + 1), static_cast<double>(counts[i]));
    m_currentR = currentR >= 1 && currentR <= static_cast<int>(counts.size()) ? currentR : 0;
    if (m_currentR > 0)
        m_marker->addData(m_currentR, static_cast<double>(counts[static_cast<size_t>(m_currentR - 1)]));
    showCaption();
    m_plot->xAxis->setRange(0, static_cast<double>(counts.size()) + 1);
    m_plot->yAxis->setRange(0, counts.empty() ? 1.0 : static_cast<double>(counts.back()) * 1.05 + 1);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ParamsVsRankPlot::showMessage(const QString& message)
{
    m_line->data()->clear();
    m_marker->data()->clear();
    m_currentR = 0;
    m_counts.clear();
    m_message = message;
    showCaption();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ParamsVsRankPlot::showCaption()
{
    if (m_counts.empty()) {
        m_caption->setText(m_message.isEmpty() ? tr("Choose a model to see how the trainable parameters grow with r.")
                                               : m_message);
        return;
    }
    const QLocale locale;
    const QString perRank = locale.toString(static_cast<qlonglong>(m_counts.front()));
    if (m_currentR <= 0) {
        m_caption->setText(tr("Parameters grow linearly with r: each step of r adds %1 parameters (Σ in + out over the "
                              "targeted modules).").arg(perRank));
        return;
    }
    const QString atCurrent = locale.toString(static_cast<qlonglong>(m_counts[static_cast<size_t>(m_currentR - 1)]));
    m_caption->setText(tr("Parameters grow linearly with r: each step of r adds %1 parameters (Σ in + out over the "
                          "targeted modules). At r = %2: %3.")
                           .arg(perRank, QString::number(m_currentR), atCurrent)); // r: a setting value, as typed
}

int ParamsVsRankPlot::pointCount() const { return m_line->dataCount(); }

double ParamsVsRankPlot::valueAt(int r) const
{
    const auto it = m_line->data()->findBegin(r, /*expandedRange=*/false);
    if (it == m_line->data()->constEnd() || it->key != r)
        return std::numeric_limits<double>::quiet_NaN();
    return it->value;
}

QString ParamsVsRankPlot::captionText() const { return m_caption->text(); }

} // namespace ui
