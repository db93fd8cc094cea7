#pragma once
// The run history as a table: one row per core::RunRecord, the settings people compare as fixed columns, then one
// column per final metric any of the runs has. Qt::UserRole holds the raw value (a number for numeric columns, so
// that 16 sorts after 4; the text otherwise); a missing value is an invalid QVariant, which sorts last. What
// Qt::DisplayRole shows (headers, status words, numbers and dates in the QLocale) is worded when asked for, so a
// language switch only needs retranslate().
#include "core/history/RunRecord.h"

#include <QAbstractTableModel>
#include <QLocale>
#include <QStringList>

#include <string>
#include <vector>

namespace ui {

class RunTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Id, Name, Status, Finetune, Rank, Alpha, Dropout, Targets, LearningRate, TrainableParams, Steps,
                  Started, FixedColumnCount };

    explicit RunTableModel(QObject* parent = nullptr);

    // Replaces every row; the final-metric columns are the union of the runs' finals, sorted by name.
    void setRuns(std::vector<core::RunRecord> runs);
    const std::vector<core::RunRecord>& runs() const { return m_runs; }
    const core::RunRecord& run(int row) const { return m_runs.at(static_cast<size_t>(row)); }
    int rowOfRun(qint64 id) const;                  ///< -1 when absent
    int columnOfFinal(const QString& metric) const; ///< -1 when no run has it
    QStringList finalNames() const { return m_finalNames; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Tells the views that every header and cell text changed (the language, hence the words and the QLocale).
    void retranslate();

    // A run or sweep status word ("finished", "paused"…) as the user reads it; an unknown word comes back unchanged.
    static QString statusText(const QString& status);
    // An ISO 8601 UTC time of the history ("2026-11-28T10:12:32Z") in the QLocale, still in UTC; "" stays "".
    static QString utcTimeText(const std::string& iso, QLocale::FormatType format);

private:
    QVariant displayValue(const core::RunRecord& run, int column) const;
    QVariant sortValue(const core::RunRecord& run, int column) const;

    std::vector<core::RunRecord> m_runs;
    QStringList m_finalNames;
    std::vector<std::string> m_finalKeys; // m_finalNames as the finals map spells them
};

} // namespace ui
