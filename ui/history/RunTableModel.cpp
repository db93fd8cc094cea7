#include "ui/history/RunTableModel.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>

#include <cmath>

namespace ui {

namespace {

QString fromStd(const std::string& value) { return QString::fromStdString(value); }

// Four significant digits read at a glance; the tooltip and the CSV export carry the full value.
QString shortNumber(double value)
{
    return std::isnan(value) ? QStringLiteral("nan") : QLocale().toString(value, 'g', 5);
}

} // namespace

RunTableModel::RunTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void RunTableModel::setRuns(std::vector<core::RunRecord> runs)
{
    beginResetModel();
    m_runs = std::move(runs);
    m_finalKeys = core::finalMetricNames(m_runs);
    m_finalNames.clear();
    for (const auto& name : m_finalKeys)
        m_finalNames << fromStd(name);
    endResetModel();
}

int RunTableModel::rowOfRun(qint64 id) const
{
    for (size_t i = 0; i < m_runs.size(); ++i)
        if (m_runs[i].id == id)
            return static_cast<int>(i);
    return -1;
}

int RunTableModel::columnOfFinal(const QString& metric) const
{
    const int i = static_cast<int>(m_finalNames.indexOf(metric));
    return i < 0 ? -1 : FixedColumnCount + i;
}

int RunTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_runs.size());
}

int RunTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : FixedColumnCount + static_cast<int>(m_finalNames.size());
}

QVariant RunTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount())
        return {};
    const core::RunRecord& run = m_runs[static_cast<size_t>(index.row())];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole: return displayValue(run, column);
    case Qt::UserRole: return sortValue(run, column);
    case Qt::TextAlignmentRole:
        return column == Name || column == Targets || column == Status || column == Finetune || column == Started
                   ? QVariant(int(Qt::AlignLeft | Qt::AlignVCenter))
                   : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    case Qt::ForegroundRole:
        if (column == Status && run.status == core::RunStatus::Failed)
            return QBrush(QColor(200, 30, 30));
        return {};
    case Qt::ToolTipRole:
        if (column == Status && !run.message.empty())
            return fromStd(run.message);
        if (column >= FixedColumnCount) {
            const QVariant value = sortValue(run, column);
            return value.isValid() ? QLocale().toString(value.toDouble(), 'g', 17) : QVariant();
        }
        if (column == Started) // the cell's short format has no seconds
            return utcTimeText(run.startedAt, QLocale::LongFormat);
        return column == Name || column == Targets ? displayValue(run, column) : QVariant();
    default: return {};
    }
}

QVariant RunTableModel::displayValue(const core::RunRecord& run, int column) const
{
    switch (column) {
    case Id: return QString::number(run.id); // an identifier (`lorawb runs show ID`), not a quantity: no separators
    case Name: return fromStd(run.name);
    case Status: return statusText(fromStd(core::toString(run.status)));
    case Finetune: return fromStd(run.finetune);
    case Rank: return run.finetune == "full" ? QStringLiteral("—") : QLocale().toString(run.r);
    case Alpha: return run.finetune == "full" ? QStringLiteral("—") : shortNumber(run.loraAlpha);
    case Dropout: return run.finetune == "full" ? QStringLiteral("—") : shortNumber(run.loraDropout);
    case Targets: return run.finetune == "full" ? tr("all weights") : fromStd(run.targets);
    case LearningRate: return shortNumber(run.learningRate);
    case TrainableParams: return QLocale().toString(qlonglong(run.trainableParams));
    case Steps:
        return run.totalSteps > 0 ? QStringLiteral("%L1 / %L2").arg(run.steps).arg(run.totalSteps)
                                  : QLocale().toString(qlonglong(run.steps));
    case Started: return utcTimeText(run.startedAt, QLocale::ShortFormat);
    default: {
        const QVariant value = sortValue(run, column);
        return value.isValid() ? shortNumber(value.toDouble()) : QVariant();
    }
    }
}

QVariant RunTableModel::sortValue(const core::RunRecord& run, int column) const
{
    switch (column) {
    case Id: return QVariant::fromValue<qlonglong>(run.id);
    case Name: return fromStd(run.name);
    case Status: return fromStd(core::toString(run.status));
    case Finetune: return fromStd(run.finetune);
    case Rank: return run.r;
    case Alpha: return run.loraAlpha;
    case Dropout: return run.loraDropout;
    case Targets: return fromStd(run.targets);
    case LearningRate: return run.learningRate;
    case TrainableParams: return QVariant::fromValue<qlonglong>(run.trainableParams);
    case Steps: return QVariant::fromValue<qlonglong>(run.steps);
    case Started: return fromStd(run.startedAt); // ISO 8601 UTC sorts as text
    default: {
        const size_t i = static_cast<size_t>(column - FixedColumnCount);
        if (i >= m_finalKeys.size())
            return {};
        const auto found = run.finals.find(m_finalKeys[i]);
        // Missing or NaN (a diverged run): invalid, so that it sorts after every number instead of among them.
        if (found == run.finals.end() || std::isnan(found->second))
            return {};
        return found->second;
    }
    }
}

QVariant RunTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    // r and alpha are PEFT's names (r, lora_alpha), the same in every language: not marked for translation.
    static const char* const kHeaders[FixedColumnCount] = {
        QT_TR_NOOP("id"), QT_TR_NOOP("name"), QT_TR_NOOP("status"), QT_TR_NOOP("finetune"), "r",
        "alpha", QT_TR_NOOP("dropout"), QT_TR_NOOP("targets"), QT_TR_NOOP("learning rate"),
        QT_TR_NOOP("trainable params"), QT_TR_NOOP("steps"), QT_TR_NOOP("started (UTC)")};
    if (role == Qt::DisplayRole) {
        if (section == Rank || section == Alpha)
            return QString::fromLatin1(kHeaders[section]);
        if (section < FixedColumnCount)
            return tr(kHeaders[section]);
        const int i = section - FixedColumnCount;
        return i < m_finalNames.size() ? m_finalNames[i] : QVariant();
    }
    if (role == Qt::ToolTipRole && section >= FixedColumnCount)
        return tr("Final evaluation after training (base_… = before training, adapter_off_… = with the adapter "
                  "disabled)");
    return {};
}

void RunTableModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1), {Qt::DisplayRole, Qt::ToolTipRole});
}

QString RunTableModel::statusText(const QString& status)
{
    // core::RunStatus's words, and a sweep's "paused".
    static const char* const kStatuses[] = {QT_TR_NOOP("running"), QT_TR_NOOP("finished"), QT_TR_NOOP("stopped"),
                                            QT_TR_NOOP("failed"), QT_TR_NOOP("paused")};
    for (const char* word : kStatuses)
        if (status == QLatin1String(word))
            return tr(word);
    return status;
}

QString RunTableModel::utcTimeText(const std::string& iso, QLocale::FormatType format)
{
    const QString text = QString::fromStdString(iso);
    const QDateTime time = QDateTime::fromString(text, Qt::ISODate);
    // A time the history holds in another shape is shown as it is rather than hidden.
    return time.isValid() ? QLocale().toString(time.toUTC(), format) : text;
}

} // namespace ui
