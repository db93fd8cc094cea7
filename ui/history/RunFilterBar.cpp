#include "ui/history/RunFilterBar.h"

#include "ui/history/RunTableModel.h"

#include <QComboBox>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>

#include <utility>

namespace ui {

RunFilterBar::RunFilterBar(QWidget* parent) : QWidget(parent)
{
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    m_text = new QLineEdit(this);
    m_text->setObjectName("historyFilter");
    m_text->setClearButtonEnabled(true);
    m_status = new QComboBox(this);
    m_status->setObjectName("statusFilter");
    m_status->addItem(QString(), QString());
    for (const char* status : {"finished", "running", "stopped", "failed"})
        m_status->addItem(QString(), QString::fromLatin1(status));
    m_sweep = new QComboBox(this);
    m_sweep->setObjectName("sweepFilter");
    m_sweep->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_path = new QLabel(this);
    m_path->setObjectName("databasePath");
    m_path->setTextInteractionFlags(Qt::TextSelectableByMouse);
    row->addWidget(m_text, 2);
    row->addWidget(m_status);
    row->addWidget(m_sweep);
    row->addWidget(m_path, 1);
    retranslateUi();
    connect(m_text, &QLineEdit::textChanged, this, &RunFilterBar::changed);
    connect(m_status, &QComboBox::currentIndexChanged, this, &RunFilterBar::changed);
    connect(m_sweep, &QComboBox::currentIndexChanged, this, &RunFilterBar::changed);
}

void RunFilterBar::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void RunFilterBar::retranslateUi()
{
    m_text->setPlaceholderText(tr("Filter by name, model or targets"));
    m_status->setItemText(0, tr("Any status"));
    for (int i = 1; i < m_status->count(); ++i)
        m_status->setItemText(i, RunTableModel::statusText(m_status->itemData(i).toString()));
    m_sweep->setToolTip(tr("Only the runs of one sweep (a grid over r, alpha, targets… run one after another)"));
    fillSweeps();
    showDatabasePath();
}

void RunFilterBar::setSweeps(std::vector<core::SweepRecord> sweeps)
{
    const qint64 previous = sweepId();
    m_sweeps = std::move(sweeps);
    fillSweeps();
    if (sweepId() != previous)
        Q_EMIT changed();
}

void RunFilterBar::fillSweeps()
{
    const qint64 previous = sweepId();
    const QSignalBlocker block(m_sweep);
    m_sweep->clear();
    m_sweep->addItem(tr("All runs"), qint64(0));
    m_sweep->addItem(tr("Runs outside sweeps"), qint64(-1));
    for (const core::SweepRecord& sweep : m_sweeps)
        m_sweep->addItem(tr("sweep #%1 %2 (%3)")
                             .arg(QString::number(sweep.id), QString::fromStdString(sweep.name),
                                  RunTableModel::statusText(QString::fromStdString(sweep.status))),
                         qint64(sweep.id));
    const int keep = m_sweep->findData(previous);
    m_sweep->setCurrentIndex(keep < 0 ? 0 : keep);
}

void RunFilterBar::setDatabasePath(const QString& path)
{
    m_databasePath = path;
    showDatabasePath();
}

void RunFilterBar::showDatabasePath()
{
    if (m_databasePath.isEmpty())
        return;
    m_path->setText(tr("Database: %1").arg(QFileInfo(m_databasePath).fileName()));
    m_path->setToolTip(m_databasePath);
}

QString RunFilterBar::text() const { return m_text->text(); }
QString RunFilterBar::status() const { return m_status->currentData().toString(); }
qint64 RunFilterBar::sweepId() const { return m_sweep->count() ? m_sweep->currentData().toLongLong() : 0; }

} // namespace ui
