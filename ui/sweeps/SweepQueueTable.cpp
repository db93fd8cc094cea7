#include "ui/sweeps/SweepQueueTable.h"

#include <QEvent>
#include <QHeaderView>
#include <QLocale>

namespace ui {

SweepQueueTable::SweepQueueTable(QWidget* parent) : QTableWidget(0, 7, parent)
{
    setObjectName("sweepQueue");
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    verticalHeader()->setVisible(false);
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(LabelColumn, QHeaderView::Stretch);
    retranslateUi();
}

void SweepQueueTable::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QTableWidget::changeEvent(event);
}

void SweepQueueTable::retranslateUi()
{
    setHorizontalHeaderLabels({tr("#"), tr("run"), tr("state"), tr("run id"), tr("train loss"), tr("eval loss"),
                               tr("accuracy")});
    horizontalHeaderItem(RunIdColumn)->setToolTip(tr("The run's row in the run history (lorawb runs show ID)."));
    horizontalHeaderItem(TrainLossColumn)->setToolTip(tr("Mean loss of the last training step."));
    horizontalHeaderItem(EvalLossColumn)->setToolTip(tr("Loss on the validation split at the end."));
    horizontalHeaderItem(AccuracyColumn)
        ->setToolTip(tr("Exact-match accuracy on the forgetting probe's task files, when the experiment has them."));
    for (int row = 0; hasRow(row); ++row) {
        showState(row);
        if (!m_rows[static_cast<size_t>(row)].finals.isEmpty()) // not finished yet: the cells stay as they are
            showFinals(row);
    }
}

void SweepQueueTable::setLabels(const QStringList& labels)
{
    clearContents();
    setRowCount(labels.size());
    m_rows.assign(static_cast<size_t>(labels.size()), RowState{});
    for (int i = 0; i < labels.size(); ++i) {
        setText(i, IndexColumn, QLocale().toString(i + 1));
        setText(i, LabelColumn, labels[i]);
        showState(i);
    }
}

void SweepQueueTable::setItemState(int index, const QString& state, const QString& message, qint64 runId)
{
    if (!hasRow(index))
        return;
    RowState& row = m_rows[static_cast<size_t>(index)];
    row.state = state;
    row.message = message;
    row.step = -1;
    showState(index);
    if (state == QLatin1String("failed"))
        item(index, StateColumn)->setToolTip(message);
    if (runId != 0)
        setText(index, RunIdColumn, QString::number(runId)); // read back by runIdAt
}

void SweepQueueTable::setProgress(int index, qint64 step, qint64 totalSteps)
{
    if (!hasRow(index))
        return;
    m_rows[static_cast<size_t>(index)].step = step;
    m_rows[static_cast<size_t>(index)].totalSteps = totalSteps;
    showState(index);
}

void SweepQueueTable::showState(int row)
{
    const RowState& s = m_rows[static_cast<size_t>(row)];
    QString shown = s.state; // a word this table does not know yet is shown as core wrote it
    if (s.step >= 0)
        shown = tr("running step %L1/%L2").arg(s.step).arg(s.totalSteps);
    else if (s.state.isEmpty())
        shown = tr("waiting");
    else if (s.state == QLatin1String("done"))
        shown = tr("done earlier");
    else if (s.state == QLatin1String("starting"))
        shown = tr("starting…");
    else if (s.state == QLatin1String("resuming"))
        shown = tr("resuming from its checkpoint…");
    else if (s.state == QLatin1String("finished"))
        shown = tr("finished");
    else if (s.state == QLatin1String("stopped"))
        shown = tr("stopped (Resume continues it)");
    else if (s.state == QLatin1String("failed"))
        shown = tr("failed: %1").arg(s.message);
    setText(row, StateColumn, shown);
}

void SweepQueueTable::setFinals(int index, const QVariantMap& finals)
{
    if (!hasRow(index))
        return;
    m_rows[static_cast<size_t>(index)].finals = finals;
    showFinals(index);
}

void SweepQueueTable::showFinals(int row)
{
    const QVariantMap& finals = m_rows[static_cast<size_t>(row)].finals;
    const QLocale locale;
    auto number = [&finals, &locale](const QString& name) {
        return finals.contains(name) ? locale.toString(finals.value(name).toDouble(), 'f', 4) : QString();
    };
    setText(row, TrainLossColumn, number(QStringLiteral("train_loss")));
    setText(row, EvalLossColumn, number(QStringLiteral("eval_loss")));
    // The trained model's accuracies only (not base_… before training, not adapter_off_…).
    QStringList accuracies;
    for (auto it = finals.constBegin(); it != finals.constEnd(); ++it)
        if (it.key().startsWith(QLatin1String("accuracy/")))
            accuracies << QStringLiteral("%1 %2 %").arg(it.key().mid(9),
                                                        locale.toString(100 * it.value().toDouble(), 'f', 1));
    setText(row, AccuracyColumn, accuracies.join(QStringLiteral(", ")));
}

QString SweepQueueTable::text(int row, int column) const
{
    const QTableWidgetItem* cell = item(row, column);
    return cell ? cell->text() : QString();
}

int SweepQueueTable::countState(const QString& prefix) const
{
    int n = 0;
    for (int row = 0; row < rowCount(); ++row)
        n += text(row, StateColumn).startsWith(prefix) ? 1 : 0;
    return n;
}

bool SweepQueueTable::hasRow(int index) const
{
    return index >= 0 && index < rowCount() && index < static_cast<int>(m_rows.size());
}

void SweepQueueTable::setText(int row, int column, const QString& text)
{
    if (QTableWidgetItem* cell = item(row, column))
        cell->setText(text);
    else
        setItem(row, column, new QTableWidgetItem(text));
}

} // namespace ui
