#pragma once
// Dataset statistics: counts, length percentiles, trained share, truncated / dropped, and a length histogram; for a
// task head's data also its classes (records or words per class), questions or pairs (core::TaskDataFacts).
#include "core/data/DatasetStats.h"
#include "core/data/TaskDataFacts.h"

#include <QWidget>

class QCustomPlot;
class QLabel;

namespace ui {

class DatasetStatsView : public QWidget {
    Q_OBJECT
public:
    explicit DatasetStatsView(QWidget* parent = nullptr);

    void showStats(const core::DatasetStats& stats, const core::TaskDataFacts& facts = {});
    // Replaces the statistics by a message (the caller re-sends it in its own language on a language change).
    void showMessage(const QString& message);
    QString text() const;
    QCustomPlot* histogram() const { return m_histogram; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi(); // the tooltip, the axis titles and the statistics shown
    // The statistics' lines in the current language, from the ones showStats() was given last.
    QString describeStats() const;

    QLabel* m_text;
    QCustomPlot* m_histogram;
    bool m_showsStats = false; ///< m_text holds describeStats() rather than a message
    core::DatasetStats m_stats;
    core::TaskDataFacts m_facts;
};

} // namespace ui
