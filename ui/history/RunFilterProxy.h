#pragma once
// The history table's filters and sorting: a case-insensitive text that must occur in the run's name, model or
// targets; a status; a sweep. Sorting uses Qt::UserRole (RunTableModel's raw values), so numbers sort as numbers.
#include <QSortFilterProxyModel>
#include <QString>

namespace ui {

class RunTableModel;

class RunFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit RunFilterProxy(QObject* parent = nullptr);

    void setRunModel(RunTableModel* model); ///< use this rather than setSourceModel
    RunTableModel* runModel() const { return m_runs; }

    void setText(const QString& text);     ///< "" = any
    void setStatus(const QString& status); ///< "finished" etc.; "" = any
    void setSweepId(qint64 sweepId);       ///< 0 = any; -1 = only runs of their own
    QString text() const { return m_text; }
    QString status() const { return m_status; }
    qint64 sweepId() const { return m_sweepId; }

    int sourceRow(int proxyRow) const; ///< the RunTableModel row shown at proxyRow

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    RunTableModel* m_runs = nullptr;
    QString m_text;
    QString m_status;
    qint64 m_sweepId = 0;
};

} // namespace ui
