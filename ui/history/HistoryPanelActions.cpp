// The run history's toolbar and what its actions do: export the listed runs as CSV, open another database, remove
// runs, hand a run's experiment to the window. The dialogs live here; the work is in the public functions the tests
// call directly (exportCsv, setDatabasePath, removeRuns).
#include "ui/history/HistoryPanel.h"

#include "core/history/RunCsv.h"
#include "core/history/RunDatabase.h"
#include "core/io/AtomicFile.h"
#include "ui/common/ErrorText.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QToolBar>
#include <QVBoxLayout>

namespace ui {

void HistoryPanel::buildToolBar()
{
    m_toolBar = new QToolBar(this);
    m_toolBar->setObjectName("historyToolBar");
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_refreshAction = m_toolBar->addAction(QString(), this, &HistoryPanel::refresh);
    m_exportAction = m_toolBar->addAction(QString(), this, &HistoryPanel::exportInteractively);
    m_openDatabaseAction = m_toolBar->addAction(QString(), this, &HistoryPanel::openDatabaseInteractively);
    m_toolBar->addSeparator();
    m_removeAction = m_toolBar->addAction(QString(), this, &HistoryPanel::removeSelected);
    m_openExperimentAction = m_toolBar->addAction(QString(), this, &HistoryPanel::openSelectedExperiment);
    static_cast<QVBoxLayout*>(layout())->addWidget(m_toolBar);
}

void HistoryPanel::retranslateToolBar()
{
    m_toolBar->setWindowTitle(tr("History"));
    m_refreshAction->setText(tr("Refresh"));
    m_refreshAction->setToolTip(tr("Read the database again (runs of the command line or another window appear)"));
    m_exportAction->setText(tr("Export CSV…"));
    m_exportAction->setToolTip(tr("Save the listed runs (filtered, in this order) as a CSV table"));
    m_openDatabaseAction->setText(tr("Open database…"));
    m_openDatabaseAction->setToolTip(tr("Show another run history file (.sqlite), e.g. one copied from a GPU server"));
    m_removeAction->setText(tr("Remove run"));
    m_removeAction->setToolTip(tr("Remove the selected runs and their curves from the history (files stay on disk)"));
    m_openExperimentAction->setText(tr("Open experiment"));
    m_openExperimentAction->setToolTip(tr("Load the selected run's settings into the window, to rerun or vary it"));
}

QString HistoryPanel::exportCsv(const QString& path)
{
    try {
        core::writeFileAtomically(path.toStdString(), core::runsCsv(shownRuns()));
        return {};
    } catch (...) {
        return describeException(std::current_exception()).message;
    }
}

QString HistoryPanel::removeRuns(const QList<qint64>& ids)
{
    QString error;
    try {
        if (!m_db)
            m_db = std::make_unique<core::RunDatabase>(m_path.toStdString());
        for (qint64 id : ids)
            m_db->removeRun(id);
    } catch (...) {
        error = describeException(std::current_exception()).message;
    }
    refresh();
    if (!error.isEmpty())
        showError(error);
    return error;
}

void HistoryPanel::exportInteractively()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export runs as CSV"), QStringLiteral("runs.csv"),
                                                      tr("CSV tables (*.csv);;All files (*)"));
    if (path.isEmpty())
        return;
    const QString error = exportCsv(path);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Export CSV"), error);
}

void HistoryPanel::openDatabaseInteractively()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a run history"), QFileInfo(m_path).absolutePath(),
                                                      tr("Run histories (*.sqlite *.db);;All files (*)"));
    if (!path.isEmpty())
        setDatabasePath(path);
}

void HistoryPanel::removeSelected()
{
    const QList<qint64> ids = selectedRunIds();
    if (ids.isEmpty())
        return;
    QStringList names;
    for (qint64 id : ids)
        names << QStringLiteral("#%1").arg(id);
    const auto answer = QMessageBox::question(
        this, tr("Remove runs"),
        tr("Remove %1 from the history, with their curves? Their output folders and adapters stay on disk.")
            .arg(names.join(QStringLiteral(", "))));
    if (answer == QMessageBox::Yes)
        removeRuns(ids);
}

void HistoryPanel::openSelectedExperiment()
{
    const std::vector<core::RunRecord> runs = selectedRuns();
    if (runs.size() == 1 && !runs.front().configYaml.empty())
        Q_EMIT openExperimentRequested(QString::fromStdString(runs.front().configYaml));
}

} // namespace ui
