#include "ui/sweeps/SweepQueueTable.h"

#include <QHeaderView>

namespace ui {

SweepQueueTable::SweepQueueTable(QWidget* parent) : QTableWidget(0, 7, parent)
{
    setObjectName("sweepQueue");
    setHorizontalHeaderLabels({tr("#"), tr("run"), tr("state"), tr("run id"), tr("train loss"), tr("eval loss"),
                               tr("accuracy")});
    horizontalHeaderItem(RunIdColumn)->setToolTip(tr("The run's row in the run history (lorawb runs show ID)."));
    horizontalHeaderItem(TrainLossColumn)->setToolTip(tr("Mean loss of the last training step."));
    horizontalHeaderItem(EvalLossColumn)->setToolTip(tr("Loss on the validation split at the end."));
    horizontalHeaderItem(AccuracyColumn)
        ->setToolTip(tr("Exact-match accuracy on the forgetting probe's task files, when the experiment has them."));
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    verticalHeader()->setVisible(false);
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(LabelColumn, QHeaderView::Stretch);
}

void SweepQueueTable::setLabels(const QStringList& labels)
{
    clearContents();
    setRowCount(labels.size());
    for (int i = 0; i < labels.size(); ++i) {
        setText(i, IndexColumn, QString::number(i + 1));
        setText(i, LabelColumn, labels[i]);
        setText(i, StateColumn, tr("waiting"));
    }
}

void SweepQueueTable::setItemState(int index, const QString& state, const QString& message, qint64 runId)
{
    if (index < 0 || index >= rowCount())
        return;
    QString shown = state;
    if (state == QLatin1String("done"))
        shown = tr("done earlier");
    else if (state == QLatin1String("starting"))
        shown = tr("starting…");
    else if (state == QLatin1String("resuming"))
        shown = tr("resuming from its checkpoint…");
    else if (state == QLatin1String("stopped"))
        shown = tr("stopped (Resume continues it)");
    else if (state == QLatin1String("failed"))
        shown = tr("failed: %1").arg(message);
    setText(index, StateColumn, shown);
    if (state == QLatin1String("failed"))
        item(index, StateColumn)->setToolTip(message);
    if (runId != 0)
        setText(index, RunIdColumn, QString::number(runId));
}

void SweepQueueTable::setProgress(int index, qint64 step, qint64 totalSteps)
{
    if (index >= 0 && index < rowCount())
        setText(index, StateColumn, tr("running step %1/%2").arg(step).arg(totalSteps));
}

void SweepQueueTable::setFinals(int index, const QVariantMap& finals)
{
    if (index < 0 || index >= rowCount())
        return;
    auto number = [&finals](const QString& name) {
        return finals.contains(name) ? QString::number(finals.value(name).toDouble(), 'f', 4) : QString();
    };
    setText(index, TrainLossColumn, number(QStringLiteral("train_loss")));
    setText(index, EvalLossColumn, number(QStringLiteral("eval_loss")));
    // The trained model's accuracies only (not base_… before training, not adapter_off_…).
    QStringList accuracies;
    for (auto it = finals.constBegin(); it != finals.constEnd(); ++it)
        if (it.key().startsWith(QLatin1String("accuracy/")))
            accuracies << QStringLiteral("%1 %2 %").arg(it.key().mid(9)).arg(100 * it.value().toDouble(), 0, 'f', 1);
    setText(index, AccuracyColumn, accuracies.join(QStringLiteral(", ")));
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

void SweepQueueTable::setText(int row, int column, const QString& text)
{
    if (QTableWidgetItem* cell = item(row, column))
        cell->setText(text);
    else
        setItem(row, column, new QTableWidgetItem(text));
}

} // namespace ui
