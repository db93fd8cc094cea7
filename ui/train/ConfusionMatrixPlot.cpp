#include "ui/train/ConfusionMatrixPlot.h"

#include "ui/common/PlotPalette.h"

#include <QEvent>
#include <QLocale>

namespace ui {

namespace {
// More than this many classes: the cells are too small for their numbers; the colours still tell.
constexpr int kMaxLabelledClasses = 16;

QSharedPointer<QCPAxisTickerText> classTicker(const std::vector<std::string>& names)
{
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (size_t i = 0; i < names.size(); ++i)
        ticker->addTick(static_cast<double>(i), QString::fromStdString(names[i]));
    return ticker;
}
} // namespace

ConfusionMatrixPlot::ConfusionMatrixPlot(QWidget* parent) : QCustomPlot(parent)
{
    setObjectName("confusionMatrixPlot");
    setMinimumSize(220, 160);
    yAxis->setRangeReversed(true); // class 0 at the top, as scikit-learn's ConfusionMatrixDisplay draws it
    m_map = new QCPColorMap(xAxis, yAxis);
    m_map->setInterpolate(false);
    QCPColorGradient gradient; // white: none of the row's records; the palette's blue: all of them
    gradient.setColorStopAt(0.0, Qt::white);
    gradient.setColorStopAt(1.0, palette::kBlue);
    m_map->setGradient(gradient);
    m_map->setDataRange(QCPRange(0, 1));
    retranslateUi();
}

void ConfusionMatrixPlot::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QCustomPlot::changeEvent(event);
}

void ConfusionMatrixPlot::retranslateUi()
{
    xAxis->setLabel(m_step < 0 ? tr("predicted class") : tr("predicted class (validation, step %L1)").arg(m_step));
    yAxis->setLabel(tr("actual class"));
    setToolTip(tr("Confusion matrix of the validation records at the last evaluation: row = the record's class, "
                  "column = the class the head predicts. The number is how many records; the colour is their share "
                  "of the row, so a dark diagonal means every class is recognised."));
    replot(rpQueuedReplot);
}

void ConfusionMatrixPlot::clear()
{
    m_counts.clear();
    m_map->data()->clear();
    clearItems();
    replot(rpQueuedReplot);
}

void ConfusionMatrixPlot::showMatrix(const std::vector<std::vector<int64_t>>& counts,
                                     const std::vector<std::string>& names, int64_t step)
{
    m_counts = counts;
    clearItems();
    const int n = static_cast<int>(counts.size());
    if (n == 0) {
        clear();
        return;
    }
    // QCPColorMapData needs two cells along an axis to know a cell's size: one class is drawn as a 2 × 2 block.
    const int cells = std::max(n, 2);
    QCPColorMapData* data = m_map->data();
    data->setSize(cells, cells);
    data->setRange(QCPRange(0, cells - 1), QCPRange(0, cells - 1));
    for (int actual = 0; actual < n; ++actual) {
        int64_t rowTotal = 0;
        for (int64_t c : counts[actual])
            rowTotal += c;
        for (int predicted = 0; predicted < n; ++predicted) {
            const int64_t c = predicted < static_cast<int>(counts[actual].size()) ? counts[actual][predicted] : 0;
            data->setCell(predicted, actual, rowTotal > 0 ? double(c) / double(rowTotal) : 0.0);
            if (n > kMaxLabelledClasses)
                continue;
            auto* text = new QCPItemText(this);
            text->position->setCoords(predicted, actual);
            text->setText(QLocale().toString(c));
            const bool dark = rowTotal > 0 && double(c) / double(rowTotal) > 0.55;
            text->setColor(dark ? Qt::white : Qt::black);
        }
    }
    std::vector<std::string> labels = names;
    labels.resize(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i)
        if (labels[static_cast<size_t>(i)].empty())
            labels[static_cast<size_t>(i)] = std::to_string(i);
    xAxis->setTicker(classTicker(labels));
    yAxis->setTicker(classTicker(labels));
    xAxis->setRange(-0.5, n - 0.5);
    yAxis->setRange(-0.5, n - 0.5);
    m_step = step;
    retranslateUi(); // the predicted axis names the step; replots
}

int64_t ConfusionMatrixPlot::count(int actual, int predicted) const
{
    const int n = static_cast<int>(m_counts.size());
    if (actual < 0 || predicted < 0 || actual >= n || predicted >= static_cast<int>(m_counts[actual].size()))
        return -1;
    return m_counts[actual][predicted];
}

QColor ConfusionMatrixPlot::cellColor(int actual, int predicted) const
{
    if (count(actual, predicted) < 0)
        return {};
    const double share = m_map->data()->cell(predicted, actual);
    return QColor::fromRgb(m_map->gradient().color(share, QCPRange(0, 1)));
}

} // namespace ui
