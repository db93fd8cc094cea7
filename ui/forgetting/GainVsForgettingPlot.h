#pragma once
// Task gain against forgetting, one labelled point per run: x = how much the run forgot (a combo picks the retain
// perplexity increase, the KL from the base or the accuracy drop on earlier tasks), y = how much it learned (accuracy
// points gained on the trained task). LoRA ranks are joined in order of r. A checkbox adds earlier comparable runs
// from the run history (finished runs whose finals carry the same trained task).
#include "core/run/ForgettingComparison.h"

#include <QString>
#include <QWidget>

#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QCPItemText;
class QCustomPlot;
class QLabel;

namespace ui {

class GainVsForgettingPlot : public QWidget {
    Q_OBJECT
public:
    enum class Measure { RetainIncrease, KlFromBase, EarlierTaskDrop };

    explicit GainVsForgettingPlot(QWidget* parent = nullptr);

    void setPoints(const std::vector<core::ComparisonPoint>& points); ///< this comparison's runs
    void setDatabasePath(const QString& path);  ///< where earlier runs are read from ("" = none)
    void setTrainedTask(const QString& task);   ///< the history shows runs that trained this task ("task_b_test")
    void setMeasure(Measure measure);
    void setShowHistory(bool show);

    // The x value of a point for a measure; nullopt when the run did not measure it (no earlier task, no retain text).
    static std::optional<double> forgetting(const core::ComparisonPoint& point, Measure measure);

    int pointCount() const { return m_plotted; }          ///< this comparison's points on the plot
    int historyPointCount() const { return m_historyPlotted; }
    QString historyMessage() const { return m_historyMessage; } ///< why the history added nothing, or ""
    QCustomPlot* plot() const { return m_plot; }
    QComboBox* measureBox() const { return m_measure; }
    QCheckBox* historyBox() const { return m_history; }

protected:
    void changeEvent(QEvent* event) override;

private:
    enum class HistoryProblem { None, NoTrainedTask, Unreadable }; ///< why loadHistory() found nothing

    void retranslateUi(); ///< the static texts, then rebuild() from the points kept
    QString historyProblemText() const;
    void loadHistory();
    void refresh(); ///< the history again (when shown), then the plot
    void rebuild();
    void placeLabels();

    QCustomPlot* m_plot;
    QLabel* m_measureLabel;
    QComboBox* m_measure;
    QCheckBox* m_history;
    QLabel* m_caption;
    QLabel* m_note;
    std::vector<QCPItemText*> m_labels; ///< owned by the plot; this comparison's first
    std::vector<core::ComparisonPoint> m_points;
    std::vector<core::ComparisonPoint> m_historyPoints;
    QString m_databasePath;
    QString m_trainedTask;
    QString m_historyMessage;  // why the history added nothing (rebuild)
    HistoryProblem m_historyProblem = HistoryProblem::None; // why it could not be read (loadHistory)
    QString m_historyError;    // core's message when the history was unreadable
    int m_plotted = 0;
    int m_historyPlotted = 0;
};

} // namespace ui
