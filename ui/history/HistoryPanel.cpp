#include "ui/history/HistoryPanel.h"

#include "core/history/RunDatabase.h"
#include "ui/history/ConfigDiffView.h"
#include "ui/common/ErrorText.h"
#include "ui/history/MetricVsParamsPlot.h"
#include "ui/history/RunCurvesPlot.h"
#include "ui/history/RunDetailsText.h"
#include "ui/history/RunFilterBar.h"
#include "ui/history/RunFilterProxy.h"
#include "ui/history/RunTableModel.h"

#include <QAction>
#include <QEvent>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace ui {

namespace {

// Curves of more runs than this make an unreadable plot and a slow read; the rest of a large selection is not drawn.
constexpr size_t kMaxCurveRuns = 12;

QString runLabel(const core::RunRecord& run)
{
    return QStringLiteral("#%1 %2").arg(run.id).arg(QString::fromStdString(run.name));
}

} // namespace

HistoryPanel::HistoryPanel(QWidget* parent)
    : QWidget(parent), m_path(QString::fromStdString(core::RunDatabase::defaultPath())),
      m_model(new RunTableModel(this)), m_proxy(new RunFilterProxy(this))
{
    m_proxy->setRunModel(m_model);
    auto* layout = new QVBoxLayout(this);
    buildToolBar();
    m_filters = new RunFilterBar(this);
    layout->addWidget(m_filters);
    connect(m_filters, &RunFilterBar::changed, this, &HistoryPanel::filtersChanged);
    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName("historyError");
    m_errorLabel->setTextFormat(Qt::PlainText);
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorLabel->setStyleSheet("QLabel { color: #b00020; }");
    m_errorLabel->hide();
    layout->addWidget(m_errorLabel);
    m_emptyLabel = new QLabel(this);
    m_emptyLabel->setObjectName("historyEmpty");
    m_emptyLabel->setTextFormat(Qt::RichText);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_emptyLabel);

    m_table = new QTableView(this);
    m_table->setObjectName("runTable");
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(RunTableModel::Id, Qt::DescendingOrder); // newest first
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setVisible(false);
    m_table->setWordWrap(false);
    m_details = new QPlainTextEdit(this);
    m_details->setObjectName("runDetails");
    m_details->setReadOnly(true);
    m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_details->setLineWrapMode(QPlainTextEdit::NoWrap);
    auto* top = new QSplitter(Qt::Horizontal, this);
    top->addWidget(m_table);
    top->addWidget(m_details);
    top->setStretchFactor(0, 3);
    top->setStretchFactor(1, 1);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName("historyTabs");
    m_curves = new RunCurvesPlot(m_tabs);
    m_diff = new ConfigDiffView(m_tabs);
    m_params = new MetricVsParamsPlot(m_tabs);
    m_tabs->addTab(m_curves, QString());
    m_tabs->addTab(m_diff, QString());
    m_tabs->addTab(m_params, QString());
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(m_tabs);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    layout->addWidget(split, 1);

    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] { selectionChanged(); });
    retranslateUi();
    selectionChanged(/*force=*/true);
}

HistoryPanel::~HistoryPanel() = default;

QLineEdit* HistoryPanel::filterEdit() const { return m_filters->textEdit(); }
QComboBox* HistoryPanel::statusCombo() const { return m_filters->statusCombo(); }
QComboBox* HistoryPanel::sweepCombo() const { return m_filters->sweepCombo(); }

void HistoryPanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (!m_loaded)
        refresh();
}

void HistoryPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void HistoryPanel::retranslateUi()
{
    retranslateToolBar();
    m_tabs->setTabText(m_tabs->indexOf(m_curves), tr("Curves"));
    m_tabs->setTabText(m_tabs->indexOf(m_diff), tr("Compare two runs"));
    m_tabs->setTabText(m_tabs->indexOf(m_params), tr("Metric vs parameters"));
    showErrorText();
    updateEmptyHint();
    showDetails(selectedRuns());
    m_model->retranslate();
    if (m_loaded)
        fitColumns(); // the headers' words changed width
}

void HistoryPanel::setDatabasePath(const QString& path)
{
    m_path = path;
    refresh();
}

void HistoryPanel::refresh()
{
    m_loaded = true;
    const QList<qint64> selected = selectedRunIds();
    m_filters->setDatabasePath(m_path);
    std::vector<core::RunRecord> runs;
    std::vector<core::SweepRecord> sweeps;
    m_db.reset(); // reopened each time: the file may have been replaced, and a fixed file should start working
    try {
        m_db = std::make_unique<core::RunDatabase>(m_path.toStdString());
        runs = m_db->runs();
        sweeps = m_db->sweeps();
        showError({});
    } catch (...) {
        m_db.reset();
        runs.clear();
        sweeps.clear();
        showError(describeException(std::current_exception()).message);
    }
    {
        const QSignalBlocker block(m_filters); // filtersChanged below, once the runs are in
        m_filters->setSweeps(std::move(sweeps));
    }
    m_model->setRuns(std::move(runs));
    fitColumns();
    // Same ids, new data (a running run's curve grew): redrawn once, by whichever of the calls below comes first to
    // the final selection, or at the end when none did.
    m_shownIsStale = true;
    filtersChanged();
    selectRuns(selected);
    if (m_shownIsStale)
        selectionChanged(/*force=*/true);
}

void HistoryPanel::fitColumns()
{
    m_table->resizeColumnsToContents();
    QHeaderView* header = m_table->horizontalHeader();
    header->resizeSection(RunTableModel::Name, std::min(header->sectionSize(RunTableModel::Name), 320)); // long names
}

void HistoryPanel::showError(const QString& message)
{
    m_error = message;
    showErrorText();
    m_errorLabel->setVisible(!message.isEmpty());
}

void HistoryPanel::showErrorText()
{
    // m_error is core's message (English); the sentence around it follows the language.
    m_errorLabel->setText(m_error.isEmpty() ? QString()
                                            : tr("Cannot read the run history: %1. Use “Open database…” to choose "
                                                 "another file.").arg(m_error));
}

void HistoryPanel::filtersChanged()
{
    m_proxy->setText(m_filters->text());
    m_proxy->setStatus(m_filters->status());
    m_proxy->setSweepId(m_filters->sweepId());
    m_params->setRuns(shownRuns());
    m_exportAction->setEnabled(m_proxy->rowCount() > 0);
    updateEmptyHint();
    selectionChanged(); // a filter may have hidden selected runs
}

void HistoryPanel::updateEmptyHint()
{
    QString hint;
    if (!m_error.isEmpty() || !m_loaded)
        hint.clear();
    else if (m_model->rowCount() == 0)
        hint = tr("No runs recorded yet in %1. Train in the Training tab, or from a terminal run "
                  "<code>lorawb train EXPERIMENT.yaml</code> or <code>lorawb sweep SWEEP.yaml</code>: every run "
                  "lands here, with its settings, curves and final evaluation. Then press Refresh.")
                   .arg(m_path.toHtmlEscaped());
    else if (m_proxy->rowCount() == 0)
        hint = tr("No run matches the filters (%n run(s) in the history).", nullptr, m_model->rowCount());
    m_emptyLabel->setText(hint);
    m_emptyLabel->setVisible(!hint.isEmpty());
}

std::vector<core::RunRecord> HistoryPanel::shownRuns() const
{
    std::vector<core::RunRecord> runs;
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        runs.push_back(m_model->run(m_proxy->sourceRow(row)));
    return runs;
}

QList<qint64> HistoryPanel::selectedRunIds() const
{
    QList<qint64> ids;
    for (const core::RunRecord& run : selectedRuns())
        ids << run.id;
    return ids;
}

std::vector<core::RunRecord> HistoryPanel::selectedRuns() const
{
    QList<int> rows;
    for (const QModelIndex& index : m_table->selectionModel()->selectedRows())
        rows << index.row();
    std::sort(rows.begin(), rows.end()); // view order, whatever order they were clicked in
    std::vector<core::RunRecord> runs;
    for (int row : rows)
        runs.push_back(m_model->run(m_proxy->sourceRow(row)));
    return runs;
}

void HistoryPanel::selectRuns(const QList<qint64>& ids)
{
    QItemSelection selection;
    for (qint64 id : ids) {
        const int sourceRow = m_model->rowOfRun(id);
        if (sourceRow < 0)
            continue;
        const QModelIndex index = m_proxy->mapFromSource(m_model->index(sourceRow, 0));
        if (index.isValid())
            selection.select(index, index);
    }
    m_table->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void HistoryPanel::selectionChanged(bool force)
{
    const std::vector<core::RunRecord> runs = selectedRuns();
    QList<qint64> ids;
    for (const core::RunRecord& run : runs)
        ids << run.id;
    if (!force && !m_shownIsStale && ids == m_selectionShown)
        return;
    m_selectionShown = ids;
    m_shownIsStale = false;
    std::vector<RunCurves> curves;
    try {
        for (size_t i = 0; i < runs.size() && i < kMaxCurveRuns && m_db; ++i)
            curves.push_back({runs[i].id, runLabel(runs[i]), m_db->metrics(runs[i].id)});
    } catch (...) {
        showError(describeException(std::current_exception()).message);
    }
    const size_t notDrawn = runs.size() > kMaxCurveRuns ? runs.size() - kMaxCurveRuns : 0;
    m_curves->setRuns(std::move(curves), static_cast<int>(notDrawn));
    m_diff->setRuns(runs);
    showDetails(runs);
    m_removeAction->setEnabled(!runs.empty() && m_db);
    m_openExperimentAction->setEnabled(runs.size() == 1 && !runs.front().configYaml.empty());
}

void HistoryPanel::showDetails(const std::vector<core::RunRecord>& runs)
{
    if (runs.size() == 1)
        m_details->setPlainText(runDetailsText(runs.front()));
    else if (runs.empty())
        m_details->setPlainText(tr("Select a run to see where it came from: the hashes of its model, data and "
                                   "template, versions, seed, device and adapter."));
    else // two or more: the source is the plural, the catalogues hold every language's forms
        m_details->setPlainText(tr("%n runs selected; select one for its details.", nullptr,
                                   static_cast<int>(runs.size())));
}

} // namespace ui
