#pragma once
// Two runs side by side: every experiment setting that differs (core::configDiff of their YAML, "lora.r | 2 | 8"),
// then their final metrics with the difference. With any other number of runs selected it says to select two.
#include "core/experiment/ConfigDiff.h"
#include "core/history/RunRecord.h"

#include <QString>
#include <QWidget>

#include <vector>

class QLabel;
class QTableWidget;

namespace ui {

class ConfigDiffView : public QWidget {
    Q_OBJECT
public:
    explicit ConfigDiffView(QWidget* parent = nullptr);

    void setRuns(const std::vector<core::RunRecord>& runs); ///< compares exactly two; otherwise shows the hint

    bool isComparing() const;           ///< two runs are shown
    QString hintText() const;
    QTableWidget* settingsTable() const { return m_settings; } ///< key | run A | run B
    QTableWidget* finalsTable() const { return m_finals; }     ///< metric | run A | run B | B − A
    // The row of the settings table for `key` as {A, B}; {} when the key does not differ.
    QStringList difference(const QString& key) const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi(); // showRuns(): everything here is worded from the runs and differences kept
    void showRuns();      ///< the hint or both tables, worded now, from m_runs, m_differences and m_diffError
    void showHint(const QString& text);
    static QString selectTwoText();
    void fillSettings(const core::RunRecord& a, const core::RunRecord& b);
    void fillFinals(const core::RunRecord& a, const core::RunRecord& b);

    std::vector<core::RunRecord> m_runs;
    std::vector<core::ConfigDifference> m_differences; ///< of the two runs in m_runs
    QString m_diffError;                               ///< core's reason when the two could not be compared
    QLabel* m_hint;
    QLabel* m_settingsTitle;
    QTableWidget* m_settings;
    QLabel* m_finalsTitle;
    QTableWidget* m_finals;
    bool m_comparing = false;
};

} // namespace ui
