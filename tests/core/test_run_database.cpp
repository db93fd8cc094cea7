// The run history's database: every field round-trips, filters and sorts are safe and right, curves append and
// cascade, two connections share one file, and every kind of wrong file is a core::Error naming it.
#include "common/ErrorCapture.h"
#include "common/FileBytes.h"
#include "core/history/RunCsv.h"
#include "core/history/RunDatabase.h"
#include "core/history/Sha256.h"

#include <sqlite3.h>

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <thread>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

core::RunRecord fullRecord()
{
    core::RunRecord run;
    run.name = "alpaca r=8";
    run.status = core::RunStatus::Finished;
    run.startedAt = "2026-11-28T10:12:32Z";
    run.finishedAt = "2026-11-28T10:20:00Z";
    run.finetune = "lora";
    run.configYaml = "model: m\nlora: {r: 8}\n";
    run.model = "/models/tiny";
    run.r = 8;
    run.loraAlpha = 16.5;
    run.loraDropout = 0.05;
    run.targets = "q_proj,v_proj";
    run.bias = "none";
    run.learningRate = 2e-4;
    run.seed = 42;
    run.trainableParams = 4194304;
    run.allParams = 6742609920;
    run.modelHash = "aa";
    run.dataHash = "bb";
    run.templateHash = "cc";
    run.lorawbVersion = "0.9.0";
    run.torchVersion = "2.3.0";
    run.device = "cuda:0";
    run.outputDir = "runs/x";
    run.adapterPath = "runs/x/adapter";
    run.steps = 190;
    run.totalSteps = 200;
    run.message = "stopped by the user";
    run.finals = {{"eval_loss", 1.25}, {"accuracy/task_a_test", 0.5}};
    return run;
}

void compareRuns(const core::RunRecord& a, const core::RunRecord& b)
{
    QCOMPARE(a.id, b.id);
    QCOMPARE(a.name, b.name);
    QCOMPARE(core::toString(a.status), core::toString(b.status));
    QCOMPARE(a.startedAt, b.startedAt);
    QCOMPARE(a.finishedAt, b.finishedAt);
    QCOMPARE(a.finetune, b.finetune);
    QCOMPARE(a.configYaml, b.configYaml);
    QCOMPARE(a.model, b.model);
    QCOMPARE(a.r, b.r);
    QCOMPARE(a.loraAlpha, b.loraAlpha);
    QCOMPARE(a.loraDropout, b.loraDropout);
    QCOMPARE(a.targets, b.targets);
    QCOMPARE(a.bias, b.bias);
    QCOMPARE(a.learningRate, b.learningRate);
    QCOMPARE(a.seed, b.seed);
    QCOMPARE(a.trainableParams, b.trainableParams);
    QCOMPARE(a.allParams, b.allParams);
    QCOMPARE(a.modelHash, b.modelHash);
    QCOMPARE(a.dataHash, b.dataHash);
    QCOMPARE(a.templateHash, b.templateHash);
    QCOMPARE(a.lorawbVersion, b.lorawbVersion);
    QCOMPARE(a.torchVersion, b.torchVersion);
    QCOMPARE(a.device, b.device);
    QCOMPARE(a.outputDir, b.outputDir);
    QCOMPARE(a.adapterPath, b.adapterPath);
    QCOMPARE(a.steps, b.steps);
    QCOMPARE(a.totalSteps, b.totalSteps);
    QCOMPARE(a.message, b.message);
    QCOMPARE(a.finals, b.finals);
    QCOMPARE(a.sweepId, b.sweepId);
    QCOMPARE(a.sweepIndex, b.sweepIndex);
}

std::vector<int64_t> idsOf(const std::vector<core::RunRecord>& runs)
{
    std::vector<int64_t> ids;
    for (const auto& run : runs)
        ids.push_back(run.id);
    return ids;
}

// Runs raw SQL on a database file with SQLite directly (to fake what another program or version would write).
void rawSql(const std::string& path, const char* sql)
{
    sqlite3* db = nullptr;
    QCOMPARE(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    const int code = sqlite3_exec(db, sql, nullptr, nullptr, &error);
    const QString message = error ? error : "";
    sqlite3_free(error);
    sqlite3_close(db);
    QVERIFY2(code == SQLITE_OK, qPrintable(message));
}

} // namespace

class TestRunDatabase : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    int m_count = 0;

    // A fresh database file per test.
    std::string freshPath() { return m_dir.filePath(QString("db%1/runs.sqlite").arg(++m_count)).toStdString(); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void statusNamesRoundTrip()
    {
        for (auto status : {core::RunStatus::Running, core::RunStatus::Finished, core::RunStatus::Stopped,
                            core::RunStatus::Failed})
            QVERIFY(core::parseRunStatus(core::toString(status)) == status);
        QCOMPARE(core::toString(core::RunStatus::Stopped), std::string("stopped"));
        testutil::expectError([] { core::parseRunStatus("done"); }, {"'done'", "running, finished, stopped, failed"});
    }

    void sha256OfKnownTexts()
    {
        QCOMPARE(core::sha256Hex("abc"),
                 std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QCOMPARE(core::sha256Hex(""), std::string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        // Longer than one read block, so the streaming path joins blocks correctly.
        const std::string big(3 * 1024 * 1024 + 17, 'z');
        const std::string path = testutil::writeBytesIn(m_dir, "big.bin", big);
        QCOMPARE(core::sha256OfFile(path), core::sha256Hex(big));
        testutil::expectError([&] { core::sha256OfFile(path + ".missing"); }, {QString::fromStdString(path)});
    }

    void everyRunFieldRoundTrips()
    {
        core::RunDatabase db(freshPath());
        core::RunRecord run = fullRecord();
        run.id = 999; // ignored by addRun
        run.id = db.addRun(run);
        QVERIFY(run.id > 0 && run.id != 999);
        const auto back = db.run(run.id);
        QVERIFY(back.has_value());
        compareRuns(*back, run);

        // updateRun replaces every field, finals included.
        core::RunRecord changed = run;
        changed.name = "renamed";
        changed.status = core::RunStatus::Failed;
        changed.r = 4;
        changed.loraAlpha = 8;
        changed.learningRate = 1e-3;
        changed.finals = {{"eval_loss", std::nan("")}, {"perplexity", 3.5}};
        changed.message = "NaN loss at step 12";
        changed.steps = 12;
        db.updateRun(changed);
        const auto updated = db.run(run.id);
        QVERIFY(updated.has_value());
        QCOMPARE(updated->name, std::string("renamed"));
        QVERIFY(updated->status == core::RunStatus::Failed);
        QCOMPARE(updated->steps, int64_t(12));
        QCOMPARE(updated->finals.size(), size_t(2));
        QVERIFY(std::isnan(updated->finals.at("eval_loss")));
        QCOMPARE(updated->finals.at("perplexity"), 3.5);
        QCOMPARE(updated->finals.count("accuracy/task_a_test"), size_t(0));

        QVERIFY(!db.run(run.id + 100).has_value());
        core::RunRecord missing = run;
        missing.id = run.id + 100;
        testutil::expectError([&] { db.updateRun(missing); }, {"run " + QString::number(missing.id), "not in"});
    }

    void sweepsRoundTripAndResolveNewest()
    {
        core::RunDatabase db(freshPath());
        core::SweepRecord sweep;
        sweep.name = "r-sweep";
        sweep.specPath = "sweeps/r.yaml";
        sweep.specHash = "abc123";
        sweep.specYaml = "grid: {lora.r: [2, 4]}\n";
        sweep.outputDir = "runs/r-sweep";
        sweep.items = 2;
        sweep.status = "paused";
        sweep.createdAt = "2026-11-28T10:00:00Z";
        sweep.id = db.addSweep(sweep);
        QVERIFY(sweep.id > 0);
        auto back = db.sweep(sweep.id);
        QVERIFY(back.has_value());
        QCOMPARE(back->id, sweep.id);
        QCOMPARE(back->name, sweep.name);
        QCOMPARE(back->specPath, sweep.specPath);
        QCOMPARE(back->specHash, sweep.specHash);
        QCOMPARE(back->specYaml, sweep.specYaml);
        QCOMPARE(back->outputDir, sweep.outputDir);
        QCOMPARE(back->items, 2);
        QCOMPARE(back->status, std::string("paused"));
        QCOMPARE(back->createdAt, sweep.createdAt);

        sweep.status = "finished";
        db.updateSweep(sweep);
        QCOMPARE(db.sweep(sweep.id)->status, std::string("finished"));

        core::SweepRecord again = sweep;
        again.status = "running";
        again.id = db.addSweep(again);
        QCOMPARE(db.findSweep("r-sweep", "abc123")->id, again.id); // the newest
        QVERIFY(!db.findSweep("r-sweep", "other-hash").has_value());
        QCOMPARE(db.sweeps().size(), size_t(2));
        QVERIFY(!db.sweep(again.id + 5).has_value());

        // A run of the sweep keeps its membership.
        core::RunRecord run = fullRecord();
        run.sweepId = again.id;
        run.sweepIndex = 1;
        const int64_t id = db.addRun(run);
        QCOMPARE(db.run(id)->sweepId, again.id);
        QCOMPARE(db.run(id)->sweepIndex, 1);
    }

    void filtersSortsAndLimits()
    {
        core::RunDatabase db(freshPath());
        const int64_t sweepId = db.addSweep({0, "s", "", "h", "", "", 2, "running", ""});
        auto add = [&](const std::string& name, int r, const std::string& targets, core::RunStatus status,
                       std::map<std::string, double> finals, int64_t sweep) {
            core::RunRecord run = fullRecord();
            run.name = name;
            run.r = r;
            run.targets = targets;
            run.status = status;
            run.finals = std::move(finals);
            run.sweepId = sweep;
            return db.addRun(run);
        };
        const int64_t a = add("alpha", 8, "q_proj,v_proj", core::RunStatus::Finished, {{"eval_loss", 2.0}}, 0);
        const int64_t b = add("beta", 2, "all-linear", core::RunStatus::Failed, {}, sweepId);
        const int64_t c = add("gamma 100%", 16, "q_proj", core::RunStatus::Finished, {{"eval_loss", 1.0}}, sweepId);
        const int64_t d = add("delta", 4, "o_proj", core::RunStatus::Running, {{"eval_loss", 3.0}}, 0);

        QCOMPARE(idsOf(db.runs()), (std::vector<int64_t>{a, b, c, d}));
        core::RunFilter filter;
        filter.text = "Q_PROJ"; // case-insensitive, over targets too
        QCOMPARE(idsOf(db.runs(filter)), (std::vector<int64_t>{a, c}));
        filter.text = "%"; // a literal percent sign, not a wildcard
        QCOMPARE(idsOf(db.runs(filter)), (std::vector<int64_t>{c}));
        filter.text = "ALL-LIN";
        QCOMPARE(idsOf(db.runs(filter)), (std::vector<int64_t>{b}));
        filter.text = "' OR 1=1 --"; // bound, never interpolated
        QVERIFY(db.runs(filter).empty());

        filter = {};
        filter.sweepId = sweepId;
        QCOMPARE(idsOf(db.runs(filter)), (std::vector<int64_t>{b, c}));
        filter = {};
        filter.status = "finished";
        QCOMPARE(idsOf(db.runs(filter)), (std::vector<int64_t>{a, c}));
        filter.status = "done";
        testutil::expectError([&] { db.runs(filter); }, {"'done'"});

        filter = {};
        filter.sortBy = "r";
        QCOMPARE(idsOf(db.runs(filter)), (std::vector<int64_t>{b, d, a, c}));
        filter.descending = true;
        QCOMPARE(idsOf(db.runs(filter)), (std::vector<int64_t>{c, a, d, b}));
        filter.limit = 2;
        QCOMPARE(idsOf(db.runs(filter)), (std::vector<int64_t>{c, a}));

        filter = {};
        filter.sortBy = "final:eval_loss"; // b has none: last either way
        QCOMPARE(idsOf(db.runs(filter)), (std::vector<int64_t>{c, a, d, b}));
        filter.descending = true;
        QCOMPARE(idsOf(db.runs(filter)), (std::vector<int64_t>{d, a, c, b}));

        filter = {};
        filter.sortBy = "r; DROP TABLE runs";
        const QString message = testutil::expectError([&] { db.runs(filter); }, {"'r; DROP TABLE runs'", "final:"});
        VERIFY_CONTAINS(message, "learning_rate");
        QCOMPARE(db.runs().size(), size_t(4));
    }

    void metricsAppendReadAndTruncate()
    {
        core::RunDatabase db(freshPath());
        const int64_t id = db.addRun(fullRecord());
        const int64_t other = db.addRun(fullRecord());
        db.appendMetrics(id, {{2, "train_loss", 1.5}, {1, "train_loss", 2.0}, {1, "learning_rate", 1e-4},
                              {2, "eval_loss", std::nan("")}});
        db.appendMetrics(other, {{1, "train_loss", 9.0}});
        db.appendMetrics(id, {{3, "train_loss", 1.0}, {2, "train_loss", 1.4}}); // step 2 again: replaced
        const auto points = db.metrics(id);
        QCOMPARE(points.size(), size_t(5));
        QCOMPARE(points[0].step, int64_t(1));
        QCOMPARE(points[0].name, std::string("learning_rate"));
        QCOMPARE(points[1].name, std::string("train_loss"));
        QCOMPARE(points[1].value, 2.0);
        QCOMPARE(points[2].name, std::string("eval_loss"));
        QVERIFY(std::isnan(points[2].value));
        QCOMPARE(points[3].value, 1.4);
        QCOMPARE(points[4].step, int64_t(3));
        const auto loss = db.metrics(id, "train_loss");
        QCOMPARE(loss.size(), size_t(3));
        QCOMPARE(db.metricNames(id), (std::vector<std::string>{"eval_loss", "learning_rate", "train_loss"}));

        db.deleteMetricsAfter(id, 1); // a resume from step 1 logs 2 and 3 again
        QCOMPARE(db.metrics(id).size(), size_t(2));
        QCOMPARE(db.metrics(other).size(), size_t(1));
        testutil::expectError([&] { db.appendMetrics(other + 10, {{1, "x", 1.0}}); },
                              {"run " + QString::number(other + 10)});
    }

    void removeRunTakesItsMetrics()
    {
        core::RunDatabase db(freshPath());
        const int64_t id = db.addRun(fullRecord());
        const int64_t kept = db.addRun(fullRecord());
        db.appendMetrics(id, {{1, "train_loss", 2.0}, {2, "train_loss", 1.0}});
        db.appendMetrics(kept, {{1, "train_loss", 2.0}});
        db.removeRun(id);
        QVERIFY(!db.run(id).has_value());
        QVERIFY(db.metrics(id).empty());
        QCOMPARE(db.metrics(kept).size(), size_t(1));
        // A new run never takes the removed one's id.
        QVERIFY(db.addRun(fullRecord()) > kept);
    }

    void finalMetricNamesAreTheUnion()
    {
        core::RunDatabase db(freshPath());
        core::RunRecord run = fullRecord();
        db.addRun(run);
        run.finals = {{"perplexity", 3.0}, {"eval_loss", 1.0}};
        db.addRun(run);
        QCOMPARE(db.finalMetricNames(),
                 (std::vector<std::string>{"accuracy/task_a_test", "eval_loss", "perplexity"}));
    }

    void twoConnectionsShareOneFile()
    {
        const std::string path = freshPath();
        core::RunDatabase writer(path);
        core::RunDatabase reader(path);
        QVERIFY(reader.runs().empty());
        const int64_t id = writer.addRun(fullRecord());
        writer.appendMetrics(id, {{1, "train_loss", 2.5}});
        const auto seen = reader.run(id);
        QVERIFY(seen.has_value());
        QCOMPARE(seen->name, fullRecord().name);
        QCOMPARE(reader.metrics(id).size(), size_t(1));
        // Reopening finds it too (it was committed, not only cached).
        core::RunDatabase again(path);
        QCOMPARE(again.runs().size(), size_t(1));
    }

    void concurrentFirstOpensCreateOneSchema()
    {
        // Two programs (here threads with their own connections) starting on a new file at the same moment.
        const std::string path = freshPath();
        std::vector<std::thread> threads;
        std::atomic<int> failures{0};
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&] {
                try {
                    core::RunDatabase db(path);
                    db.appendMetrics(db.addRun(fullRecord()), {{1, "train_loss", 1.0}});
                } catch (const std::exception& e) {
                    qWarning("%s", e.what());
                    ++failures;
                }
            });
        for (auto& thread : threads)
            thread.join();
        QCOMPARE(failures.load(), 0);
        QCOMPARE(core::RunDatabase(path).runs().size(), size_t(4));
    }

    void garbageFileIsRefusedByName()
    {
        const std::string path = testutil::writeBytesIn(m_dir, "garbage.sqlite", std::string(4096, '\x5a'));
        testutil::expectError([&] { core::RunDatabase db(path); },
                              {QString::fromStdString(path), "not a LoRA Workbench run database", "--db"});
        QCOMPARE(testutil::readBytes(path), std::string(4096, '\x5a')); // left as it was
    }

    void anotherProgramsDatabaseIsRefused()
    {
        const std::string path = m_dir.filePath("other.sqlite").toStdString();
        rawSql(path, "CREATE TABLE notes (id INTEGER, text TEXT)");
        testutil::expectError([&] { core::RunDatabase db(path); },
                              {QString::fromStdString(path), "another program"});
    }

    void newerSchemaIsRefused()
    {
        const std::string path = freshPath();
        { core::RunDatabase db(path); }
        rawSql(path, "PRAGMA user_version = 99");
        testutil::expectError([&] { core::RunDatabase db(path); },
                              {QString::fromStdString(path), "newer LoRA Workbench", "99"});
    }

    void unwritablePlacesAreErrors()
    {
        // The parent "folder" is a file: nobody, root included, can create the database there.
        const std::string file = testutil::writeBytesIn(m_dir, "plainfile", "x");
        testutil::expectError([&] { core::RunDatabase db(file + "/sub/runs.sqlite"); },
                              {QString::fromStdString(file), "--db"});
        // A folder as the database path.
        testutil::expectError([&] { core::RunDatabase db(m_dir.path().toStdString()); },
                              {m_dir.path(), "--db"});

        const std::string folder = m_dir.filePath("readonly").toStdString();
        std::filesystem::create_directories(folder);
        QCOMPARE(::chmod(folder.c_str(), 0555), 0);
        const bool bypassed = ::access(folder.c_str(), W_OK) == 0; // root ignores permissions
        if (!bypassed)
            testutil::expectError([&] { core::RunDatabase db(folder + "/runs.sqlite"); },
                                  {QString::fromStdString(folder), "writable"});
        ::chmod(folder.c_str(), 0755);
        if (bypassed)
            QSKIP("running as root: a read-only folder is writable, so that half cannot be checked");
    }

    void lockedTooLongIsAnError()
    {
        const std::string path = freshPath();
        core::RunDatabase db(path);
        sqlite3* other = nullptr;
        QCOMPARE(sqlite3_open(path.c_str(), &other), SQLITE_OK);
        QCOMPARE(sqlite3_exec(other, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr), SQLITE_OK);
        QElapsedTimer timer;
        timer.start();
        const QString message = testutil::expectError([&] { db.addRun(fullRecord()); },
                                                      {QString::fromStdString(path), "locked"});
        QVERIFY(timer.elapsed() >= 4000); // it waited for the busy timeout before giving up
        sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
        sqlite3_close(other);
        QVERIFY(db.addRun(fullRecord()) > 0); // usable again once the lock is gone
    }

    void fileHashIsCachedByStat()
    {
        core::RunDatabase db(freshPath());
        const std::string path = testutil::writeBytesIn(m_dir, "weights.bin", "first content");
        const std::string first = db.fileHash(path);
        QCOMPARE(first, core::sha256OfFile(path));

        // Same size and modification time: the cached hash comes back without reading the file.
        struct stat before {};
        QCOMPARE(::stat(path.c_str(), &before), 0);
        testutil::writeBytes(path, "FIRST CONTENT");
        const struct timespec times[2] = {before.st_atim, before.st_mtim};
        QCOMPARE(::utimensat(AT_FDCWD, path.c_str(), times, 0), 0);
        QCOMPARE(db.fileHash(path), first);

        // A changed file (size differs) is hashed again.
        testutil::writeBytes(path, "a different, longer content");
        const std::string changed = db.fileHash(path);
        QVERIFY(changed != first);
        QCOMPARE(changed, core::sha256OfFile(path));
        testutil::expectError([&] { db.fileHash(path + ".missing"); }, {QString::fromStdString(path + ".missing")});
    }

    void defaultPathFollowsTheEnvironment()
    {
        const QByteArray savedDb = qgetenv("LORAWB_DB");
        const QByteArray savedXdg = qgetenv("XDG_DATA_HOME");
        const bool hadXdg = qEnvironmentVariableIsSet("XDG_DATA_HOME");
        qputenv("LORAWB_DB", "/tmp/elsewhere/my.sqlite");
        QCOMPARE(core::RunDatabase::defaultPath(), std::string("/tmp/elsewhere/my.sqlite"));
        qunsetenv("LORAWB_DB");
        qputenv("XDG_DATA_HOME", "/data/home");
        QCOMPARE(core::RunDatabase::defaultPath(), std::string("/data/home/lora-workbench/runs.sqlite"));
        qunsetenv("XDG_DATA_HOME");
        QVERIFY(QString::fromStdString(core::RunDatabase::defaultPath())
                    .endsWith("/.local/share/lora-workbench/runs.sqlite"));
        // Without $HOME (a service): the account's home, never a .local folder in whatever the working directory is.
        const QByteArray savedHome = qgetenv("HOME");
        qunsetenv("HOME");
        const QString withoutHome = QString::fromStdString(core::RunDatabase::defaultPath());
        qputenv("HOME", savedHome);
        QVERIFY2(withoutHome.startsWith('/') && withoutHome.endsWith("/.local/share/lora-workbench/runs.sqlite"),
                 qPrintable(withoutHome));
        qputenv("LORAWB_DB", savedDb);
        if (hadXdg)
            qputenv("XDG_DATA_HOME", savedXdg);
    }

    void timestampsAreUtcIso8601()
    {
        const QString now = QString::fromStdString(core::utcTimestamp());
        QVERIFY2(QRegularExpression("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$").match(now).hasMatch(),
                 qPrintable(now));
    }

    void csvQuotesAndFinalColumns()
    {
        core::RunRecord quoted = fullRecord();
        quoted.id = 1;
        quoted.name = "my \"best\" run, r=8";
        quoted.finals = {{"eval_loss", 1.25}};
        core::RunRecord plain = fullRecord();
        plain.id = 2;
        plain.name = "plain";
        plain.targets = "all-linear";
        plain.finals = {{"perplexity", 3.5}};
        const QString csv = QString::fromStdString(core::runsCsv({quoted, plain}));
        const QStringList lines = csv.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines[0].startsWith("id,name,status,started_at,finished_at,finetune,model,r,lora_alpha,"));
        QVERIFY(lines[0].endsWith(",template_hash,eval_loss,perplexity"));
        QVERIFY2(lines[1].startsWith("1,\"my \"\"best\"\" run, r=8\",finished,"), qPrintable(lines[1]));
        QVERIFY2(lines[1].contains(",0.0002,42,4194304,6742609920,190,200,"), qPrintable(lines[1]));
        QVERIFY2(lines[1].endsWith(",1.25,"), qPrintable(lines[1]));
        QVERIFY2(lines[2].endsWith(",,3.5"), qPrintable(lines[2]));
        // Every row has as many fields as the header (outside quotes).
        QCOMPARE(lines[2].count(','), lines[0].count(','));
    }
};

QTEST_APPLESS_MAIN(TestRunDatabase)
#include "test_run_database.moc"
