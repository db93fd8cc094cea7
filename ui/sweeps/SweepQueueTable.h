#pragma once
// The sweep's queue: one row per run of the grid — #, label, state (waiting / running step n/N / finished /
// failed: why / done earlier), its run id in the history, and its final train loss, validation loss and accuracies.
// Each row keeps what it was told, so that a language switch words the states and numbers again.
#include <QStringList>
#include <QTableWidget>
#include <QVariantMap>

#include <vector>

namespace ui {

class SweepQueueTable : public QTableWidget {
    Q_OBJECT
public:
    enum Column { IndexColumn, LabelColumn, StateColumn, RunIdColumn, TrainLossColumn, EvalLossColumn, AccuracyColumn };

    explicit SweepQueueTable(QWidget* parent = nullptr);

    void setLabels(const QStringList& labels); ///< every row "waiting"
    // core::SweepItemState's state word, turned into the text people read.
    void setItemState(int index, const QString& state, const QString& message, qint64 runId);
    void setProgress(int index, qint64 step, qint64 totalSteps); ///< "running step n/N"
    void setFinals(int index, const QVariantMap& finals);

    QString labelAt(int index) const { return text(index, LabelColumn); }
    QString stateAt(int index) const { return text(index, StateColumn); }
    qint64 runIdAt(int index) const { return text(index, RunIdColumn).toLongLong(); }
    QString text(int row, int column) const;
    int countState(const QString& prefix) const; ///< rows whose state text starts with prefix

protected:
    void changeEvent(QEvent* event) override;

private:
    struct RowState {
        QString state;          ///< core's word; "" = waiting
        QString message;        ///< why it failed
        qint64 step = -1;       ///< the last progress of the running run; -1 = none since the state changed
        qint64 totalSteps = 0;
        QVariantMap finals;
    };

    void retranslateUi(); // the headers, then every row's state and finals
    void showState(int row);
    void showFinals(int row);
    bool hasRow(int index) const; ///< a row of setLabels()
    void setText(int row, int column, const QString& text);

    std::vector<RowState> m_rows; ///< one per table row
};

} // namespace ui
