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
    void showMessage(const QString& message);
    QString text() const;
    QCustomPlot* histogram() const { return m_histogram; }

private:
    QLabel* m_text;
    QCustomPlot* m_histogram;
};

} // namespace ui
