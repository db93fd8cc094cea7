#pragma once
// Where and how an adapter learned: for a module picked from a list, the singular values of its ΔW with the share of
// ‖ΔW‖_F² they hold; a table of every module's effective rank, norm and top-k energy; and a layer × module heatmap of
// ‖ΔW‖_F (layers up, q/k/v/o/gate/up/down across). Fed plain numbers (core::adapterSpectra's); never touches tensors.
#include "core/eval/RankAnalysis.h"

#include <QStringList>
#include <QWidget>

#include <vector>

class QComboBox;
class QCPColorMap;
class QCPColorScale;
class QCustomPlot;
class QLabel;
class QSpinBox;
class QTableWidget;

namespace ui {

class AdapterSpectraView : public QWidget {
    Q_OBJECT
public:
    explicit AdapterSpectraView(QWidget* parent = nullptr);

    void setSpectra(const std::vector<core::ModuleSpectrum>& spectra);
    void clear();
    const std::vector<core::ModuleSpectrum>& spectra() const { return m_spectra; }

    // The heatmap's columns: LLaMA's seven projections (Phi-3's four when fused), then any other adapted kind in
    // module order.
    static QStringList standardKinds(bool fused = false);
    QStringList heatmapKinds() const { return m_kinds; }
    int heatmapLayers() const { return m_layers; }
    // ‖ΔW‖_F of (layer, kinds()[kind]); NaN where that module has no adapter.
    double heatmapValue(int layer, int kind) const;
    void setTopK(int k); ///< the table's energy column: share of ‖ΔW‖_F² in the top k singular values
    void selectModule(int index);

    QComboBox* modulePicker() const { return m_picker; }
    QCustomPlot* spectrumPlot() const { return m_spectrum; }
    QTableWidget* table() const { return m_table; }
    QCustomPlot* heatmapPlot() const { return m_heatmapPlot; }
    QCPColorMap* heatmap() const { return m_heatmap; }

protected:
    void changeEvent(QEvent* event) override;

private:
    // The static texts, then the summary and the table phrased again from m_spectra.
    void retranslateUi();
    void showSummary();
    void showModule(int index);
    void fillTable();
    void fillHeatmap();

    std::vector<core::ModuleSpectrum> m_spectra;
    QComboBox* m_picker;
    QCustomPlot* m_spectrum;
    QTableWidget* m_table;
    QSpinBox* m_topK;
    QCustomPlot* m_heatmapPlot;
    QCPColorMap* m_heatmap;
    QCPColorScale* m_scale;
    QLabel* m_summary;
    QLabel* m_pickerLabel;
    QLabel* m_spectrumCaption;
    QLabel* m_heatmapCaption;
    QStringList m_kinds;
    int m_layers = 0;
};

} // namespace ui
