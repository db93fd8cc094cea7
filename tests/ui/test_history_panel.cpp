// The run history tab against a database made here with core::RunDatabase: three runs (LoRA r=2, LoRA r=8 in a
// sweep, full fine-tuning) with finals and train_loss curves. Listing, the three filters, numeric sorting, the
// two-run comparison and curve overlay, the metric-vs-parameters points, CSV export read back, a garbage file and a
// newer schema as database, refresh, remove and "open experiment".
#include "core/history/RunDatabase.h"
#include "ui/history/ConfigDiffView.h"
#include "ui/history/HistoryPanel.h"
#include "ui/history/MetricVsParamsPlot.h"
#include "ui/common/QCustomPlotInclude.h"
#include "ui/history/RunCurvesPlot.h"
#include "ui/history/RunFilterProxy.h"
#include "ui/history/RunTableModel.h"
#include "ui/i18n/UiLanguage.h"

#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct History {
    QString path;
    qint64 small = 0; ///< LoRA r=2, stopped, 4 trainable params, 5 train_loss points
    qint64 large = 0; ///< LoRA r=8, finished, in the sweep, 16 trainable params, 3 points
    qint64 full = 0;  ///< full fine-tuning, finished, 1,000,000 trainable params, 4 points
    qint64 sweep = 0;
};

core::RunRecord loraRun(const std::string& name, int r, int64_t params)
{
    core::RunRecord run;
    run.name = name;
    run.status = core::RunStatus::Finished;
    run.startedAt = "2026-11-28T10:00:0" + std::to_string(r % 10) + "Z";
    run.model = "models/tiny-llama";
    run.r = r;
    run.loraAlpha = 2.0 * r;
    run.loraDropout = 0.05;
    run.targets = r == 8 ? "all-linear" : "q_proj,v_proj";
    run.bias = "none";
    run.learningRate = 2e-4;
    run.seed = 42;
    run.trainableParams = params;
    run.allParams = 2000000;
    run.modelHash = "aa11";
    run.dataHash = "bb22";
    run.templateHash = "cc33";
    run.configYaml = "model: models/tiny-llama\nlora: {r: " + std::to_string(r) + ", lora_alpha: " +
                     std::to_string(2 * r) + "}\ntrain: {max_steps: 5, seed: 42}\n";
    return run;
}

void addCurve(core::RunDatabase& db, int64_t runId, int points)
{
    std::vector<core::MetricPoint> curve;
    for (int step = 1; step <= points; ++step) {
        curve.push_back({step, "train_loss", 3.0 / step});
        curve.push_back({step, "learning_rate", 2e-4});
    }
    db.appendMetrics(runId, curve);
}

History makeHistory(const QTemporaryDir& dir)
{
    History h;
    h.path = dir.filePath("runs.sqlite");
    core::RunDatabase db(h.path.toStdString());
    core::SweepRecord sweep;
    sweep.name = "rank sweep";
    sweep.items = 1;
    h.sweep = db.addSweep(sweep);

    core::RunRecord small = loraRun("small r2", 2, 4);
    small.status = core::RunStatus::Stopped;
    small.message = "stopped by the user";
    small.finals = {{"eval_loss", 2.5}, {"retain_perplexity", 11.0}};
    h.small = db.addRun(small);
    addCurve(db, h.small, 5);

    core::RunRecord large = loraRun("large r8, all layers", 8, 16); // a comma: the CSV must quote it
    large.finals = {{"eval_loss", 2.0}, {"retain_perplexity", 12.0}};
    large.sweepId = h.sweep;
    large.sweepIndex = 0;
    h.large = db.addRun(large);
    addCurve(db, h.large, 3);

    core::RunRecord full = loraRun("full", 0, 1000000);
    full.finetune = "full";
    full.targets = "";
    full.configYaml = "model: models/tiny-llama\nfinetune: full\ntrain: {max_steps: 5, seed: 42}\n";
    full.finals = {{"eval_loss", 1.5}, {"retain_perplexity", 30.0}};
    h.full = db.addRun(full);
    addCurve(db, h.full, 4);
    return h;
}

// RFC 4180 rows (quoted fields with doubled quotes, commas and line breaks inside quotes).
QList<QStringList> parseCsv(const QString& text)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            row << field;
            field.clear();
        } else if (c == '\n') {
            rows << (row << field);
            row.clear();
            field.clear();
        } else {
            field += c;
        }
    }
    if (!field.isEmpty() || !row.isEmpty())
        rows << (row << field);
    return rows;
}

QList<QStringList> readCsv(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return parseCsv(QString::fromUtf8(file.readAll()));
}

QList<qint64> idsInViewOrder(const ui::HistoryPanel& panel)
{
    QList<qint64> ids;
    for (int row = 0; row < panel.proxy()->rowCount(); ++row)
        ids << panel.proxy()->index(row, ui::RunTableModel::Id).data(Qt::UserRole).toLongLong();
    return ids;
}

} // namespace

class TestHistoryPanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { ui::applyUiLanguage(QStringLiteral("en")); } // plural forms as the app shows them

    void listsRunsWithFinalColumns()
    {
        QTemporaryDir dir;
        const History h = makeHistory(dir);
        ui::HistoryPanel panel(nullptr);
        panel.setDatabasePath(h.path);
        QVERIFY2(panel.errorMessage().isEmpty(), qPrintable(panel.errorMessage()));
        QCOMPARE(panel.proxy()->rowCount(), 3);
        QVERIFY(panel.emptyLabel()->isHidden());
        QVERIFY(panel.errorLabel()->isHidden());
        const int column = panel.runModel()->columnOfFinal("retain_perplexity");
        QVERIFY(column >= ui::RunTableModel::FixedColumnCount);
        const int row = panel.runModel()->rowOfRun(h.full);
        QCOMPARE(panel.runModel()->index(row, column).data(Qt::UserRole).toDouble(), 30.0);
        QCOMPARE(panel.sweepCombo()->findData(h.sweep) >= 0, true);
    }

    void filtersNarrowTheList()
    {
        QTemporaryDir dir;
        const History h = makeHistory(dir);
        ui::HistoryPanel panel(nullptr);
        panel.setDatabasePath(h.path);

        panel.filterEdit()->setText("ALL-LINEAR"); // targets, case-insensitive
        QCOMPARE(idsInViewOrder(panel), QList<qint64>{h.large});
        panel.filterEdit()->setText("small");      // name
        QCOMPARE(idsInViewOrder(panel), QList<qint64>{h.small});
        panel.filterEdit()->setText("tiny-llama"); // model: every run
        QCOMPARE(panel.proxy()->rowCount(), 3);
        panel.filterEdit()->setText("no such run");
        QCOMPARE(panel.proxy()->rowCount(), 0);
        QVERIFY(!panel.emptyLabel()->isHidden());
        QVERIFY(panel.emptyLabel()->text().contains("No run matches"));
        panel.filterEdit()->clear();

        panel.statusCombo()->setCurrentIndex(panel.statusCombo()->findData(QString("finished")));
        QCOMPARE(panel.proxy()->rowCount(), 2);
        QVERIFY(!idsInViewOrder(panel).contains(h.small));
        panel.statusCombo()->setCurrentIndex(panel.statusCombo()->findData(QString("stopped")));
        QCOMPARE(idsInViewOrder(panel), QList<qint64>{h.small});
        panel.statusCombo()->setCurrentIndex(0);

        panel.sweepCombo()->setCurrentIndex(panel.sweepCombo()->findData(h.sweep));
        QCOMPARE(idsInViewOrder(panel), QList<qint64>{h.large});
        panel.sweepCombo()->setCurrentIndex(panel.sweepCombo()->findData(qint64(-1)));
        QCOMPARE(panel.proxy()->rowCount(), 2);
        QVERIFY(!idsInViewOrder(panel).contains(h.large));
        // The metric-vs-parameters plot follows the filters.
        QCOMPARE(panel.paramsPlot()->points().size(), size_t(2));
    }

    void sortsTrainableParametersAsNumbers()
    {
        QTemporaryDir dir;
        const History h = makeHistory(dir);
        ui::HistoryPanel panel(nullptr);
        panel.setDatabasePath(h.path);
        panel.tableView()->sortByColumn(ui::RunTableModel::TrainableParams, Qt::AscendingOrder);
        // As text, "1000000" < "16" < "4"; as numbers 4 < 16 < 1,000,000.
        QCOMPARE(idsInViewOrder(panel), (QList<qint64>{h.small, h.large, h.full}));
        panel.tableView()->sortByColumn(ui::RunTableModel::TrainableParams, Qt::DescendingOrder);
        QCOMPARE(idsInViewOrder(panel), (QList<qint64>{h.full, h.large, h.small}));
        const int evalLoss = panel.runModel()->columnOfFinal("eval_loss");
        panel.tableView()->sortByColumn(evalLoss, Qt::AscendingOrder);
        QCOMPARE(idsInViewOrder(panel), (QList<qint64>{h.full, h.large, h.small}));
    }

    void twoSelectedRunsAreComparedAndOverlaid()
    {
        QTemporaryDir dir;
        const History h = makeHistory(dir);
        ui::HistoryPanel panel(nullptr);
        panel.setDatabasePath(h.path);
        QVERIFY(!panel.diffView()->isComparing());
        QVERIFY(panel.diffView()->hintText().contains("two runs"));

        panel.tableView()->sortByColumn(ui::RunTableModel::Id, Qt::AscendingOrder);
        panel.selectRuns({h.large, h.small});
        QCOMPARE(panel.selectedRunIds(), (QList<qint64>{h.small, h.large})); // view order
        QVERIFY(panel.diffView()->isComparing());
        QCOMPARE(panel.diffView()->difference("lora.r"), (QStringList{"2", "8"}));
        QCOMPARE(panel.diffView()->difference("lora.lora_alpha"), (QStringList{"4", "16"}));
        QVERIFY(panel.diffView()->difference("train.seed").isEmpty()); // the same in both
        QCOMPARE(panel.diffView()->finalsTable()->rowCount(), 2);      // eval_loss, retain_perplexity

        QCOMPARE(panel.curvesPlot()->metric(), QString("train_loss"));
        QCOMPARE(panel.curvesPlot()->graphCount(), 2);
        QCOMPARE(panel.curvesPlot()->pointCount(h.small), 5);
        QCOMPARE(panel.curvesPlot()->pointCount(h.large), 3);
        QVERIFY(panel.curvesPlot()->plot()->legend->visible());
        QVERIFY(panel.curvesPlot()->metricNames().contains("learning_rate"));
        panel.curvesPlot()->setLogScale(true);
        QCOMPARE(panel.curvesPlot()->plot()->yAxis->scaleType(), QCPAxis::stLogarithmic);

        panel.selectRuns({h.small, h.large, h.full});
        QCOMPARE(panel.curvesPlot()->graphCount(), 3);
        QVERIFY(!panel.diffView()->isComparing());

        panel.selectRuns({h.full});
        QVERIFY(!panel.diffView()->isComparing());
        const QString details = panel.detailsView()->toPlainText();
        QVERIFY2(details.contains("aa11") && details.contains("bb22") && details.contains("cc33"), qPrintable(details));
        QVERIFY(details.contains("trainable params: 1,000,000"));
        QVERIFY(panel.openExperimentAction()->isEnabled());
    }

    void metricAgainstParametersHasOnePointPerRun()
    {
        QTemporaryDir dir;
        const History h = makeHistory(dir);
        ui::HistoryPanel panel(nullptr);
        panel.setDatabasePath(h.path);
        ui::MetricVsParamsPlot* plot = panel.paramsPlot();
        QCOMPARE(plot->metric(), QString("eval_loss"));
        QCOMPARE(plot->metricNames(), (QStringList{"eval_loss", "retain_perplexity"}));
        QCOMPARE(plot->points().size(), size_t(3));
        QMap<qint64, double> x;
        for (const auto& point : plot->points())
            x[point.runId] = point.params;
        QCOMPARE(x.value(h.small), 4.0);
        QCOMPARE(x.value(h.large), 16.0);
        QCOMPARE(x.value(h.full), 1e6);
        QCOMPARE(plot->loraGraph()->dataCount(), 2);
        QCOMPARE(plot->fullGraph()->dataCount(), 1);
        QCOMPARE(plot->plot()->xAxis->scaleType(), QCPAxis::stLogarithmic);
        plot->setMetric("retain_perplexity");
        QCOMPARE(plot->fullGraph()->data()->begin()->value, 30.0);
    }

    void exportsTheShownRunsAsCsv()
    {
        QTemporaryDir dir;
        const History h = makeHistory(dir);
        ui::HistoryPanel panel(nullptr);
        panel.setDatabasePath(h.path);
        panel.tableView()->sortByColumn(ui::RunTableModel::TrainableParams, Qt::DescendingOrder);
        const QString csvPath = dir.filePath("out/runs.csv"); // a missing folder is not created: an error
        QVERIFY(!panel.exportCsv(csvPath).isEmpty());
        const QString path = dir.filePath("runs.csv");
        QCOMPARE(panel.exportCsv(path), QString());
        const QList<QStringList> rows = readCsv(path);
        QCOMPARE(rows.size(), 4);
        QCOMPARE(rows[0].value(0), QString("id"));
        QVERIFY(rows[0].contains("eval_loss"));
        const int nameColumn = static_cast<int>(rows[0].indexOf("name"));
        for (int i = 1; i < 4; ++i)
            QCOMPARE(rows[i].size(), rows[0].size());
        QCOMPARE(rows[1].value(0).toLongLong(), h.full); // the view's order
        QCOMPARE(rows[2].value(0).toLongLong(), h.large);
        QCOMPARE(rows[2].value(nameColumn), QString("large r8, all layers"));
        QCOMPARE(rows[3].value(0).toLongLong(), h.small);

        panel.statusCombo()->setCurrentIndex(panel.statusCombo()->findData(QString("finished")));
        QCOMPARE(panel.exportCsv(path), QString());
        QCOMPARE(readCsv(path).size(), 3); // only what is listed
    }

    void garbageDatabaseIsReportedInThePanel()
    {
        QTemporaryDir dir;
        const History h = makeHistory(dir);
        const QString garbage = dir.filePath("garbage.sqlite");
        QFile file(garbage);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray("this is not a database, just some text\n").repeated(200));
        file.close();

        ui::HistoryPanel panel(nullptr);
        panel.setDatabasePath(h.path);
        panel.selectRuns({h.small});
        panel.setDatabasePath(garbage);
        QVERIFY(!panel.errorMessage().isEmpty());
        QVERIFY(!panel.errorLabel()->isHidden());
        QVERIFY2(panel.errorLabel()->text().contains("garbage.sqlite"), qPrintable(panel.errorLabel()->text()));
        QCOMPARE(panel.proxy()->rowCount(), 0);
        QVERIFY(panel.emptyLabel()->isHidden()); // the error, not "no runs yet"
        QVERIFY(!panel.removeAction()->isEnabled());
        panel.refresh(); // again: still a label, no crash
        QVERIFY(!panel.errorMessage().isEmpty());

        panel.setDatabasePath(h.path); // back to a good file: the error goes
        QVERIFY(panel.errorMessage().isEmpty());
        QVERIFY(panel.errorLabel()->isHidden());
        QCOMPARE(panel.proxy()->rowCount(), 3);
    }

    void newerSchemaIsReportedInThePanel()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("newer.sqlite");
        { core::RunDatabase db(path.toStdString()); }
        // SQLite's header keeps PRAGMA user_version (the schema version) big-endian at offset 60.
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.seek(60));
        file.write(QByteArray::fromHex("00000063")); // 99
        file.close();
        ui::HistoryPanel panel(nullptr);
        panel.setDatabasePath(path);
        QVERIFY2(panel.errorMessage().contains("newer"), qPrintable(panel.errorMessage()));
        QVERIFY(!panel.errorLabel()->isHidden());
    }

    void emptyHistorySaysHowToMakeARun()
    {
        QTemporaryDir dir;
        ui::HistoryPanel panel(nullptr);
        panel.setDatabasePath(dir.filePath("new/empty.sqlite"));
        QVERIFY(panel.errorMessage().isEmpty());
        QCOMPARE(panel.proxy()->rowCount(), 0);
        QVERIFY(!panel.emptyLabel()->isHidden());
        QVERIFY(panel.emptyLabel()->text().contains("lorawb train"));
        QVERIFY(!panel.exportAction()->isEnabled());
    }

    void refreshShowsNewRunsAndKeepsTheSelection()
    {
        QTemporaryDir dir;
        const History h = makeHistory(dir);
        ui::HistoryPanel panel(nullptr);
        panel.setDatabasePath(h.path);
        panel.selectRuns({h.large});
        qint64 added = 0;
        {
            core::RunDatabase db(h.path.toStdString()); // another writer, as `lorawb train` would be
            core::RunRecord run = loraRun("fourth", 4, 8);
            run.status = core::RunStatus::Running;
            added = db.addRun(run);
        }
        QCOMPARE(panel.proxy()->rowCount(), 3);
        panel.refresh();
        QCOMPARE(panel.proxy()->rowCount(), 4);
        QVERIFY(panel.runModel()->rowOfRun(added) >= 0);
        QCOMPARE(panel.selectedRunIds(), QList<qint64>{h.large});
    }

    void removesRuns()
    {
        QTemporaryDir dir;
        const History h = makeHistory(dir);
        ui::HistoryPanel panel(nullptr);
        panel.setDatabasePath(h.path);
        QCOMPARE(panel.removeRuns({h.small}), QString());
        QCOMPARE(panel.proxy()->rowCount(), 2);
        core::RunDatabase db(h.path.toStdString());
        QVERIFY(!db.run(h.small).has_value());
        QVERIFY(db.metrics(h.small).empty());
    }

    void openExperimentEmitsTheRunsYaml()
    {
        QTemporaryDir dir;
        const History h = makeHistory(dir);
        ui::HistoryPanel panel(nullptr);
        panel.setDatabasePath(h.path);
        QSignalSpy spy(&panel, &ui::HistoryPanel::openExperimentRequested);
        panel.selectRuns({h.small, h.large});
        QVERIFY(!panel.openExperimentAction()->isEnabled()); // one run at a time
        panel.selectRuns({h.large});
        QVERIFY(panel.openExperimentAction()->isEnabled());
        panel.openExperimentAction()->trigger();
        QCOMPARE(spy.count(), 1);
        const QString yaml = spy.at(0).at(0).toString();
        QVERIFY2(yaml.contains("r: 8"), qPrintable(yaml));
    }
};

QTEST_MAIN(TestHistoryPanel)
#include "test_history_panel.moc"
