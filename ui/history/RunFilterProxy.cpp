#include "ui/history/RunFilterProxy.h"

#include "ui/history/RunTableModel.h"

namespace ui {

RunFilterProxy::RunFilterProxy(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortRole(Qt::UserRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setDynamicSortFilter(true);
}

void RunFilterProxy::setRunModel(RunTableModel* model)
{
    m_runs = model;
    setSourceModel(model);
}

void RunFilterProxy::setText(const QString& text)
{
    if (text == m_text)
        return;
    m_text = text;
    invalidateFilter();
}

void RunFilterProxy::setStatus(const QString& status)
{
    if (status == m_status)
        return;
    m_status = status;
    invalidateFilter();
}

void RunFilterProxy::setSweepId(qint64 sweepId)
{
    if (sweepId == m_sweepId)
        return;
    m_sweepId = sweepId;
    invalidateFilter();
}

int RunFilterProxy::sourceRow(int proxyRow) const
{
    return mapToSource(index(proxyRow, 0)).row();
}

bool RunFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (!m_runs || sourceParent.isValid())
        return true;
    const core::RunRecord& run = m_runs->run(sourceRow);
    if (!m_status.isEmpty() && QString::fromStdString(core::toString(run.status)) != m_status)
        return false;
    if (m_sweepId > 0 && run.sweepId != m_sweepId)
        return false;
    if (m_sweepId < 0 && run.sweepId > 0)
        return false;
    const QString needle = m_text.trimmed();
    if (needle.isEmpty())
        return true;
    for (const std::string* field : {&run.name, &run.model, &run.targets})
        if (QString::fromStdString(*field).contains(needle, Qt::CaseInsensitive))
            return true;
    return false;
}

} // namespace ui
