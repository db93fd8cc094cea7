#pragma once
// The run history tab: every run recorded in the run database (core::RunDatabase; the GUI, `lorawb train` and
// `lorawb sweep` all write there), listed, filtered and sorted; the curves of the selected runs overlaid; two runs
// compared setting by setting; a final metric against trainable parameters; one run's provenance; CSV export.
// Reads happen on the GUI thread: a history is small and WAL mode means a writing run never blocks them. A database
// that cannot be read (not SQLite, a newer schema) is reported inside the panel, never in a dialog per attempt.
#include <QList>
#include <QString>
#include <QWidget>

#include <memory>
#include <vector>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTabWidget;
class QTableView;
class QToolBar;

namespace core {
class RunDatabase;
struct RunRecord;
} // namespace core

namespace ui {

class ConfigDiffView;
class MetricVsParamsPlot;
class RunCurvesPlot;
class RunFilterBar;
class RunFilterProxy;
class RunTableModel;

class HistoryPanel : public QWidget {
    Q_OBJECT
public:
    // Shows core::RunDatabase::defaultPath(); nothing is read (or created) before the panel is first shown, or
    // refresh() / setDatabasePath() is called.
    explicit HistoryPanel(QWidget* parent = nullptr);
    ~HistoryPanel() override;

    void setDatabasePath(const QString& path); ///< opens another run database (created when missing) and reloads
    QString databasePath() const { return m_path; }

    // The runs shown (filtered, in view order) as CSV (core::runsCsv), written atomically. "" or the error message.
    QString exportCsv(const QString& path);
    // Removes the runs and their curves from the database (no confirmation: the toolbar action asks). "" or the error.
    QString removeRuns(const QList<qint64>& ids);
    void selectRuns(const QList<qint64>& ids); ///< those of them that the filters show
    QList<qint64> selectedRunIds() const;      ///< in view order

    QString errorMessage() const { return m_error; } ///< "" when the database was read
    QLabel* errorLabel() const { return m_errorLabel; }
    QLabel* emptyLabel() const { return m_emptyLabel; }
    QTableView* tableView() const { return m_table; }
    RunTableModel* runModel() const { return m_model; }
    RunFilterProxy* proxy() const { return m_proxy; }
    RunFilterBar* filterBar() const { return m_filters; }
    QLineEdit* filterEdit() const;
    QComboBox* statusCombo() const;
    QComboBox* sweepCombo() const;
    RunCurvesPlot* curvesPlot() const { return m_curves; }
    ConfigDiffView* diffView() const { return m_diff; }
    MetricVsParamsPlot* paramsPlot() const { return m_params; }
    QPlainTextEdit* detailsView() const { return m_details; }
    QAction* refreshAction() const { return m_refreshAction; }
    QAction* exportAction() const { return m_exportAction; }
    QAction* removeAction() const { return m_removeAction; }
    QAction* openExperimentAction() const { return m_openExperimentAction; }

public Q_SLOTS:
    void refresh(); ///< rereads runs and sweeps, keeping filters and the selection

Q_SIGNALS:
    // The selected run's experiment file (RunRecord::configYaml): loading it reproduces the run.
    void openExperimentRequested(const QString& yamlText);

protected:
    void showEvent(QShowEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    // Also the error, empty hint and details from the state kept here; the table, filters and plots re-word
    // themselves (the table through RunTableModel::retranslate()).
    void retranslateUi();
    // The toolbar and what its actions do are in HistoryPanelActions.cpp.
    void buildToolBar();
    void retranslateToolBar();
    void showError(const QString& message);
    void showErrorText(); ///< m_errorLabel from m_error
    void showDetails(const std::vector<core::RunRecord>& runs);
    void fitColumns();
    void filtersChanged();
    void selectionChanged(bool force = false); ///< redraws only when the selected ids changed, or forced
    void updateEmptyHint();
    std::vector<core::RunRecord> shownRuns() const;
    std::vector<core::RunRecord> selectedRuns() const;
    void exportInteractively();
    void openDatabaseInteractively();
    void removeSelected();
    void openSelectedExperiment();

    QString m_path;
    std::unique_ptr<core::RunDatabase> m_db;
    QString m_error;
    bool m_loaded = false;
    QList<qint64> m_selectionShown; // the runs the plots, diff and details show now
    bool m_shownIsStale = false;    // refresh() read new data: the next redraw happens even for the same ids
    RunTableModel* m_model;
    RunFilterProxy* m_proxy;
    QTableView* m_table = nullptr;
    QToolBar* m_toolBar = nullptr;
    QTabWidget* m_tabs = nullptr;
    RunFilterBar* m_filters = nullptr;
    QLabel* m_errorLabel = nullptr;
    QLabel* m_emptyLabel = nullptr;
    RunCurvesPlot* m_curves = nullptr;
    ConfigDiffView* m_diff = nullptr;
    MetricVsParamsPlot* m_params = nullptr;
    QPlainTextEdit* m_details = nullptr;
    QAction* m_refreshAction = nullptr;
    QAction* m_exportAction = nullptr;
    QAction* m_openDatabaseAction = nullptr;
    QAction* m_removeAction = nullptr;
    QAction* m_openExperimentAction = nullptr;
};

} // namespace ui
