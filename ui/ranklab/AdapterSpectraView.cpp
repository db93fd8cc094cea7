#include "ui/ranklab/AdapterSpectraView.h"

#include "ui/common/PlotPalette.h"
#include "ui/common/QCustomPlotInclude.h"

#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSpinBox>
#include <QTableWidget>

#include <algorithm>
#include <cmath>
#include <limits>

namespace ui {
namespace {

QLabel* caption(QWidget* parent, const QString& name)
{
    auto* label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    return label;
}

QString shortKind(const QString& kind)
{
    return kind.endsWith(QLatin1String("_proj")) ? kind.left(kind.size() - 5) : kind;
}

} // namespace

QStringList AdapterSpectraView::standardKinds(bool fused)
{
    if (fused) // Phi-3's layout
        return {"qkv_proj", "o_proj", "gate_up_proj", "down_proj"};
    return {"q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"};
}

AdapterSpectraView::AdapterSpectraView(QWidget* parent) : QWidget(parent)
{
    auto* grid = new QGridLayout(this);
    m_picker = new QComboBox(this);
    m_picker->setObjectName("spectrumModule");
    auto* pickerRow = new QHBoxLayout;
    m_pickerLabel = new QLabel(this);
    pickerRow->addWidget(m_pickerLabel);
    pickerRow->addWidget(m_picker, 1);
    grid->addLayout(pickerRow, 0, 0);

    m_spectrum = new QCustomPlot(this);
    m_spectrum->setObjectName("spectrumPlot");
    m_spectrum->setMinimumSize(240, 200);
    m_spectrum->yAxis2->setVisible(true);
    m_spectrum->yAxis2->setRange(0, 105);
    QSharedPointer<QCPAxisTickerFixed> steps(new QCPAxisTickerFixed);
    steps->setTickStep(1.0);
    steps->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    m_spectrum->xAxis->setTicker(steps);
    auto* bars = new QCPBars(m_spectrum->xAxis, m_spectrum->yAxis);
    bars->setBrush(palette::kBlue);
    bars->setPen(Qt::NoPen);
    QCPGraph* energy = m_spectrum->addGraph(m_spectrum->xAxis, m_spectrum->yAxis2);
    energy->setPen(QPen(palette::kOrange, 2));
    energy->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 5));
    m_spectrum->legend->setVisible(true);
    m_spectrum->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignRight | Qt::AlignVCenter);
    grid->addWidget(m_spectrum, 1, 0);
    m_spectrumCaption = caption(this, "spectrumCaption");
    grid->addWidget(m_spectrumCaption, 2, 0);

    m_heatmapPlot = new QCustomPlot(this);
    m_heatmapPlot->setObjectName("heatmapPlot");
    m_heatmapPlot->setMinimumSize(360, 200); // seven labelled columns
    m_heatmap = new QCPColorMap(m_heatmapPlot->xAxis, m_heatmapPlot->yAxis);
    m_heatmap->setInterpolate(false);
    m_scale = new QCPColorScale(m_heatmapPlot);
    m_scale->setType(QCPAxis::atRight);
    m_heatmapPlot->plotLayout()->addElement(0, 1, m_scale);
    QCPColorGradient gradient; // light yellow → dark red: more learning, darker; never grey, which means "no adapter"
    gradient.setColorStopAt(0.0, QColor(255, 255, 204));
    gradient.setColorStopAt(0.5, QColor(253, 141, 60));
    gradient.setColorStopAt(1.0, QColor(128, 0, 38));
    gradient.setNanHandling(QCPColorGradient::nhNanColor);
    gradient.setNanColor(QColor(200, 200, 200));
    m_heatmap->setColorScale(m_scale);
    m_scale->setGradient(gradient); // the scale hands its gradient to the map (set on the map, it would be overridden)
    auto* margins = new QCPMarginGroup(m_heatmapPlot);
    m_heatmapPlot->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    m_scale->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    grid->addWidget(m_heatmapPlot, 1, 1);
    m_heatmapCaption = caption(this, "heatmapCaption");
    grid->addWidget(m_heatmapCaption, 2, 1);

    auto* topRow = new QHBoxLayout;
    m_summary = caption(this, "spectraSummary");
    m_topK = new QSpinBox(this);
    m_topK->setObjectName("topK");
    m_topK->setRange(1, 1);
    topRow->addWidget(m_summary, 1);
    topRow->addWidget(m_topK);
    grid->addLayout(topRow, 3, 0, 1, 2);

    m_table = new QTableWidget(0, 5, this);
    m_table->setObjectName("spectraTable");
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    grid->addWidget(m_table, 4, 0, 1, 2);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    grid->setRowStretch(1, 3);
    grid->setRowStretch(4, 2);

    connect(m_picker, qOverload<int>(&QComboBox::currentIndexChanged), this, &AdapterSpectraView::showModule);
    connect(m_topK, qOverload<int>(&QSpinBox::valueChanged), this, [this](int) { fillTable(); });
    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row, int, int, int) {
        if (row >= 0)
            m_picker->setCurrentIndex(row);
    });
    retranslateUi();
    clear();
}

void AdapterSpectraView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void AdapterSpectraView::retranslateUi()
{
    m_picker->setToolTip(tr("The LoRA module whose ΔW = scaling · B·A is shown on the left."));
    m_pickerLabel->setText(tr("Module"));
    m_spectrum->xAxis->setLabel(tr("singular value i"));
    m_spectrum->yAxis->setLabel(tr("σᵢ of ΔW"));
    m_spectrum->yAxis2->setLabel(tr("cumulative energy (%)"));
    m_spectrum->plottable(0)->setName(tr("σᵢ"));
    m_spectrum->graph(0)->setName(tr("energy in the top i"));
    m_spectrum->replot(QCustomPlot::rpQueuedReplot);
    m_spectrumCaption->setText(tr("Most of ΔW's energy sits in the top few singular values: the orange line is the "
                                  "share of ‖ΔW‖_F² they hold."));
    m_heatmapPlot->xAxis->setLabel(tr("module"));
    m_heatmapPlot->yAxis->setLabel(tr("layer"));
    m_scale->axis()->setLabel(tr("‖ΔW‖_F"));
    m_heatmapPlot->replot(QCustomPlot::rpQueuedReplot);
    m_heatmapCaption->setText(
        tr("Where learning happened: ‖ΔW‖_F of each layer's modules (grey: no adapter there)."));
    m_topK->setPrefix(tr("top k = "));
    m_topK->setToolTip(tr("The table's last column: the share of ‖ΔW‖_F² held by the k largest singular values."));
    showSummary();
    fillTable(); // the headers, and the numbers in the new locale
}

void AdapterSpectraView::clear() { setSpectra({}); }

void AdapterSpectraView::setSpectra(const std::vector<core::ModuleSpectrum>& spectra)
{
    m_spectra = spectra;
    int maxR = 1;
    for (const auto& s : m_spectra)
        maxR = std::max(maxR, s.r);
    const QSignalBlocker blockTopK(m_topK);
    m_topK->setRange(1, maxR);
    {
        const QSignalBlocker blockPicker(m_picker);
        m_picker->clear();
        for (const auto& s : m_spectra)
            m_picker->addItem(QString::fromStdString(s.module));
    }
    fillTable();
    fillHeatmap();
    showModule(m_spectra.empty() ? -1 : 0);
    showSummary();
}

void AdapterSpectraView::showSummary()
{
    if (m_spectra.empty()) {
        m_summary->setText(tr("Analyse an adapter to see its spectra."));
        return;
    }
    double topOne = 0;
    int fullRank = 0;
    for (const auto& s : m_spectra) {
        topOne += s.energy.empty() ? 0.0 : s.energy.front();
        fullRank += s.effectiveRank == s.r ? 1 : 0;
    }
    const int modules = static_cast<int>(m_spectra.size());
    m_summary->setText(tr("%n LoRA module(s). On average the largest singular value holds %1 % of ΔW's energy; %2 of "
                          "%n module(s) use their full rank r.", nullptr, modules)
                           .arg(QLocale().toString(100.0 * topOne / modules, 'f', 1))
                           .arg(fullRank));
}

void AdapterSpectraView::setTopK(int k) { m_topK->setValue(k); }
void AdapterSpectraView::selectModule(int index) { m_picker->setCurrentIndex(index); }

void AdapterSpectraView::showModule(int index)
{
    auto* bars = static_cast<QCPBars*>(m_spectrum->plottable(0));
    QCPGraph* energy = m_spectrum->graph(0);
    bars->data()->clear();
    energy->data()->clear();
    if (index >= 0 && index < static_cast<int>(m_spectra.size())) {
        const auto& s = m_spectra[static_cast<size_t>(index)];
        double largest = 0;
        for (size_t i = 0; i < s.singularValues.size(); ++i) {
            bars->addData(static_cast<double>(i + 1), s.singularValues[i]);
            largest = std::max(largest, s.singularValues[i]);
        }
        for (size_t i = 0; i < s.energy.size(); ++i)
            energy->addData(static_cast<double>(i + 1), 100.0 * s.energy[i]);
        m_spectrum->xAxis->setRange(0.4, static_cast<double>(s.singularValues.size()) + 0.6);
        m_spectrum->yAxis->setRange(0, largest > 0 ? largest * 1.1 : 1.0);
        const QSignalBlocker block(m_table);
        m_table->selectRow(index);
    }
    m_spectrum->replot(QCustomPlot::rpQueuedReplot);
}

void AdapterSpectraView::fillTable()
{
    const int k = m_topK->value();
    m_table->setHorizontalHeaderLabels(
        {tr("module"), tr("r"), tr("effective rank"), tr("‖ΔW‖_F"), tr("energy in top %1").arg(k)});
    m_table->setRowCount(static_cast<int>(m_spectra.size()));
    const QLocale locale;
    for (int row = 0; row < static_cast<int>(m_spectra.size()); ++row) {
        const auto& s = m_spectra[static_cast<size_t>(row)];
        const double share = s.energy.empty() ? 0.0 : s.energy[static_cast<size_t>(std::min<int>(k, s.energy.size()) - 1)];
        const QStringList cells{QString::fromStdString(s.module), locale.toString(s.r),
                                locale.toString(static_cast<qlonglong>(s.effectiveRank)),
                                locale.toString(s.frobeniusNorm, 'g', 4),
                                locale.toString(100.0 * share, 'f', 1) + QStringLiteral(" %")};
        for (int col = 0; col < cells.size(); ++col) {
            auto* item = new QTableWidgetItem(cells[col]);
            if (col > 0)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(row, col, item);
        }
    }
}

void AdapterSpectraView::fillHeatmap()
{
    const bool fused = std::any_of(m_spectra.begin(), m_spectra.end(), [](const auto& s) {
        return s.kind == "qkv_proj" || s.kind == "gate_up_proj";
    });
    m_kinds = standardKinds(fused);
    m_layers = 0;
    for (const auto& s : m_spectra) {
        if (s.layer < 0)
            continue; // outside the layer stack (lm_head): not a cell of the layer × module grid
        m_layers = std::max(m_layers, s.layer + 1);
        const QString kind = QString::fromStdString(s.kind);
        if (!m_kinds.contains(kind))
            m_kinds << kind;
    }
    const int kinds = static_cast<int>(m_kinds.size());
    // QCPColorMapData needs two cells along an axis to know a cell's size; one layer is drawn as two equal rows.
    const int rows = std::max(m_layers, 2);
    auto* data = m_heatmap->data();
    data->setSize(kinds, rows);
    data->setRange(QCPRange(0, kinds - 1), m_layers > 1 ? QCPRange(0, m_layers - 1) : QCPRange(-0.25, 0.25));
    data->fill(std::numeric_limits<double>::quiet_NaN());
    double low = std::numeric_limits<double>::infinity(), high = -low;
    for (const auto& s : m_spectra) {
        if (s.layer < 0)
            continue;
        const int kind = static_cast<int>(m_kinds.indexOf(QString::fromStdString(s.kind)));
        data->setCell(kind, s.layer, s.frobeniusNorm);
        if (m_layers == 1)
            data->setCell(kind, 1, s.frobeniusNorm);
        low = std::min(low, s.frobeniusNorm);
        high = std::max(high, s.frobeniusNorm);
    }
    if (!(high >= low)) // no cell: an empty adapter view
        low = 0, high = 1;
    m_heatmap->setDataRange(high > low ? QCPRange(low, high) : QCPRange(low - 0.5, high + 0.5));

    QSharedPointer<QCPAxisTickerText> xTicks(new QCPAxisTickerText);
    for (int i = 0; i < kinds; ++i)
        xTicks->addTick(i, shortKind(m_kinds[i]));
    m_heatmapPlot->xAxis->setTicker(xTicks);
    QSharedPointer<QCPAxisTickerText> yTicks(new QCPAxisTickerText);
    const int every = std::max(1, (m_layers + 15) / 16); // at most ~16 labels, however deep the model
    for (int layer = 0; layer < m_layers; layer += every)
        yTicks->addTick(layer, QLocale().toString(layer));
    m_heatmapPlot->yAxis->setTicker(yTicks);
    m_heatmapPlot->xAxis->setRange(-0.5, kinds - 0.5);
    m_heatmapPlot->yAxis->setRange(-0.5, std::max(m_layers, 1) - 0.5);
    m_heatmapPlot->replot(QCustomPlot::rpQueuedReplot);
}

double AdapterSpectraView::heatmapValue(int layer, int kind) const
{
    if (layer < 0 || layer >= m_layers || kind < 0 || kind >= m_kinds.size())
        return std::numeric_limits<double>::quiet_NaN();
    return m_heatmap->data()->cell(kind, layer);
}

} // namespace ui
