#pragma once
// The forgetting lab's small multiples against the training step: training loss, retain-set perplexity, KL from the
// base and the accuracy on every probed task (one plot each). One solid line per run (LoRA, full fine-tuning, each r)
// and a dashed line for the same run measured with its adapter switched off; step 0 is the model before training.
// An "Adapter on / off / both" choice switches which of the two the probe plots show.
#include "core/train/Metrics.h"
#include "ui/common/MetaTypes.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QWidget>

class QCPGraph;
class QCustomPlot;
class QGridLayout;
class QLabel;
class QRadioButton;

namespace ui {

class ForgettingCurves : public QWidget {
    Q_OBJECT
public:
    enum class Show { AdapterOn, AdapterOff, Both };

    explicit ForgettingCurves(QWidget* parent = nullptr);

    void clear(); ///< every run and every task plot removed
    // A run's lines (label as in the legend, "LoRA r=8"); withAdapter: it has an adapter to switch off (LoRA).
    // Returns the run's index for addSteps / addProbe.
    int addRun(const QString& label, bool withAdapter);
    void addSteps(int run, const QList<core::StepMetrics>& steps);
    // step 0: the base (before training), also the start of the adapter-off line (the adapter is still zero there).
    void addProbe(int run, qint64 step, const core::ProbeResult& result, bool adapterOff);

    void setShow(Show show);
    Show show() const { return m_show; }

    // "train_loss", "retain_perplexity", "retain_kl", then "accuracy/<task>" in the order the tasks appeared.
    QStringList metrics() const { return m_order; }
    QCustomPlot* plot(const QString& metric) const { return m_plots.value(metric, nullptr); }
    int graphCount(const QString& metric) const;                       ///< lines in that plot (0 when none)
    QString legendText() const;                                        ///< the shared legend (rich text)
    int pointCount(const QString& metric, int run, bool adapterOff) const; ///< points of one line (0 when none)

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Line {
        QCPGraph* on = nullptr;
        QCPGraph* off = nullptr;
    };
    struct Run {
        QString label;
        bool withAdapter = false;
    };

    // The static texts, then every plot's title and axes, every line's name and the legend, from what is drawn.
    void retranslateUi();
    QCustomPlot* ensurePlot(const QString& metric);
    void nameAxes(const QString& metric, QCustomPlot* plot); ///< title and axis labels, from the metric's key
    void nameLines(const Line& line, int run);
    QCPGraph* graph(const QString& metric, int run, bool adapterOff);
    void addPoint(const QString& metric, int run, bool adapterOff, double step, double value);
    void applyShow();
    void updateLegend();
    void replot(QCustomPlot* plot);

    QGridLayout* m_grid;
    QLabel* m_showLabel;
    QLabel* m_legend;
    QLabel* m_caption;
    QRadioButton* m_on;
    QRadioButton* m_off;
    QRadioButton* m_both;
    Show m_show = Show::Both;
    QStringList m_order;
    QMap<QString, QCustomPlot*> m_plots;
    QMap<QString, QList<Line>> m_lines; // per metric, per run
    QList<Run> m_runs;
};

} // namespace ui
