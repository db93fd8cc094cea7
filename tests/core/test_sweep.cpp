// core/run sweeps. SweepSpec: the grid expands in the file's order with readable labels, target presets, "<k>r"
// alpha values and fixed `set` keys; every problem (a bad value in one combination, an unknown key, a missing grid or
// experiment, an absurd grid) fails at load with the file, line or combination. SweepRunner: three tiny runs land three
// rows with the sweep's id and their curves; a sweep stopped during its second run resumes from the history (the
// first skipped, the second continued in its own row from its checkpoint, the third run); a changed file is a new sweep.
#include "common/ErrorCapture.h"
#include "common/FileBytes.h"
#include "common/TinyModels.h"
#include "common/TinyTokenizer.h"
#include "core/history/RunDatabase.h"
#include "core/lora/ModuleLayout.h"
#include "core/model/ModelLoader.h"
#include "core/run/SweepRunner.h"
#include "core/run/SweepSpec.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <set>

namespace fs = std::filesystem;

namespace {

const char* const kRecords[] = {
    R"({"instruction": "Name the colour of the sky.", "input": "", "output": "It is blue."})",
    R"({"instruction": "What is two plus three?", "input": "", "output": "It is five."})",
    R"({"instruction": "Reverse the word.", "input": "cat", "output": "tac"})",
    R"({"instruction": "Name the colour of the grass.", "input": "", "output": "It is green."})",
};

std::vector<std::string> labels(const core::SweepSpec& spec)
{
    std::vector<std::string> out;
    for (const auto& item : spec.items)
        out.push_back(item.label);
    return out;
}

QString joined(const std::vector<std::string>& items)
{
    QStringList parts;
    for (const auto& item : items)
        parts << QString::fromStdString(item);
    return parts.join(" | ");
}

std::vector<int64_t> stepsOf(const std::vector<core::MetricPoint>& points)
{
    std::vector<int64_t> steps;
    for (const auto& p : points)
        steps.push_back(p.step);
    return steps;
}

QString statusOf(const core::RunRecord& run)
{
    return QString::fromStdString(core::toString(run.status));
}

} // namespace

class TestSweep : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::string m_experiment; // exp.yaml next to the sweep files: r 4, alpha 8, q/v, max_steps 4

    std::string path(const QString& name) const { return m_dir.filePath(name).toStdString(); }

    // A sweep over the base experiment; `body` holds the grid (and whatever else the test needs).
    core::SweepSpec parse(const std::string& body, const std::vector<std::string>& extra = {}) const
    {
        return core::parseSweep("experiment: exp.yaml\noutput_dir: " + path("sweeps/p") + "\n" + body, "sweep.yaml",
                                m_dir.path().toStdString(), extra);
    }
    std::string sweepFile(const QString& name, const std::string& grid) const
    {
        return testutil::writeBytesIn(m_dir, name,
                                      "name: " + name.section('.', 0, 0).toStdString() +
                                          "\nexperiment: exp.yaml\nset: {train.max_steps: 2}\noutput_dir: " +
                                          path("sweeps/" + name.section('.', 0, 0)) + "\ngrid:\n" + grid);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const std::vector<std::string> lines{
            "Below is an instruction that describes a task. Write a response that appropriately completes the request.",
            "### Instruction: ### Input: ### Response: paired with an input that provides further context.",
            "the quick brown fox jumps over the lazy dog", "name the colour of the sky. it is blue.",
            "what is two plus three? it is five.", "reverse the word cat: tac"};
        const std::string tok = testutil::trainTinyTokenizer(m_dir.path(), lines, 300, /*numbered=*/false,
                                                             /*vocabSize=*/320, "--byte_fallback=true");
        testutil::saveModelWithTokenizer(*testutil::randomModel(testutil::tinyConfig(320, 256, 64), /*seed=*/3),
                                         path("model"), tok);
        std::string records;
        for (int copy = 0; copy < 2; ++copy)
            for (const char* r : kRecords)
                records += std::string(r) + "\n";
        testutil::writeBytesIn(m_dir, "records.jsonl", records);
        // Relative paths: the experiment resolves them against its own folder, the sweep finds it the same way.
        m_experiment = testutil::writeBytesIn(
            m_dir, "exp.yaml",
            "model: model\ntask_type: CAUSAL_LM\n"
            "lora: {r: 4, lora_alpha: 8, lora_dropout: 0.0, bias: none, target_modules: [q_proj, v_proj]}\n"
            "data: {path: records.jsonl, format: alpaca, validation_split: 0.25, max_length: 128}\n"
            "train: {max_steps: 4, batch_size: 2, learning_rate: 1.0e-3, lr_scheduler: constant, eval_every: 2, "
            "seed: 1, device: cpu}\n"
            "output_dir: unused\n");
    }

    // ---- parseSweep ----

    void theGridExpandsInFileOrderWithLabels()
    {
        const core::SweepSpec spec =
            parse("name: order\ngrid:\n  lora.r: [2, 8]\n  lora.target_modules: [attention, qv]\n");
        QCOMPARE(spec.name, std::string("order"));
        QCOMPARE(spec.experimentPath, m_experiment);
        QCOMPARE(spec.items.size(), size_t(4));
        const std::vector<std::string> expected{"r=2, targets=attention", "r=2, targets=qv", "r=8, targets=attention",
                                                "r=8, targets=qv"};
        QVERIFY2(labels(spec) == expected, qPrintable(joined(labels(spec))));
        for (size_t i = 0; i < spec.items.size(); ++i) {
            const auto& item = spec.items[i];
            QCOMPARE(item.index, int(i));
            QCOMPARE(item.config.lora.r, i < 2 ? 2 : 8);
            QCOMPARE(item.config.lora.targetModules.names,
                     core::targetPreset(i % 2 == 0 ? "attention" : "qv"));
            QCOMPARE(item.config.name, "order #" + std::to_string(i + 1) + " " + item.label);
            // Each run in its own folder under the sweep's output_dir, numbered in run order.
            QCOMPARE(fs::path(item.config.outputDir).parent_path().string(), path("sweeps/p"));
            QVERIFY2(fs::path(item.config.outputDir).filename().string().rfind(
                         (i < 9 ? "0" : "") + std::to_string(i + 1) + "-", 0) == 0,
                     item.config.outputDir.c_str());
            // The rest is the base experiment.
            QCOMPARE(item.config.lora.loraAlpha, 8.0);
            QCOMPARE(item.config.train.maxSteps, int64_t(4));
        }
        std::set<std::string> folders;
        for (const auto& item : spec.items)
            folders.insert(item.config.outputDir);
        QCOMPARE(folders.size(), spec.items.size());
    }

    void theFirstKeyInTheFileVariesSlowestWhateverItIs()
    {
        // The header's promise: the file's order of keys is the run order, also when lora.r is not the first key.
        const core::SweepSpec spec = parse("grid:\n  lora.lora_dropout: [0.0, 0.1]\n  lora.r: [2, 4]\n");
        const std::vector<std::string> expected{"dropout=0.0, r=2", "dropout=0.0, r=4", "dropout=0.1, r=2",
                                                "dropout=0.1, r=4"};
        QVERIFY2(labels(spec) == expected, qPrintable(joined(labels(spec))));
        QCOMPARE(spec.items[1].config.lora.r, 4);
        QCOMPARE(spec.items[2].config.lora.loraDropout, 0.1);
    }

    void targetPresetsAreLists()
    {
        QCOMPARE(core::targetPreset("attention"), (std::vector<std::string>{"q_proj", "k_proj", "v_proj", "o_proj"}));
        QCOMPARE(core::targetPreset("mlp"), (std::vector<std::string>{"gate_proj", "up_proj", "down_proj"}));
        QCOMPARE(core::targetPreset("qv"), (std::vector<std::string>{"q_proj", "v_proj"}));
        QCOMPARE(core::targetPreset("all"), (std::vector<std::string>{"q_proj", "k_proj", "v_proj", "o_proj",
                                                                      "gate_proj", "up_proj", "down_proj"}));
        QVERIFY(core::targetPreset("q_proj").empty());
        // In a grid: presets and explicit lists side by side.
        const core::SweepSpec spec = parse("grid:\n  lora.target_modules: [mlp, all, [k_proj, o_proj]]\n");
        QCOMPARE(spec.items.size(), size_t(3));
        QCOMPARE(spec.items[0].config.lora.targetModules.names, core::targetPreset("mlp"));
        QCOMPARE(spec.items[1].config.lora.targetModules.names, core::targetPreset("all"));
        QCOMPARE(spec.items[2].config.lora.targetModules.names, (std::vector<std::string>{"k_proj", "o_proj"}));
        QCOMPARE(spec.items[0].label, std::string("targets=mlp"));
    }

    // The window's preset buttons apply presets to the model's modules; sweep files name them before any model is
    // read. One table in core/lora makes both mean the same modules on every architecture the engine loads.
    void presetsSelectTheSameModulesInTheWindowAndInSweeps()
    {
        for (const core::ModelConfig& cfg : {testutil::tinyConfig(), testutil::asQwen2(testutil::tinyConfig())}) {
            auto model = testutil::randomModel(cfg, 3);
            const auto modules = core::discoverLinearModules(*model);
            for (const std::string& preset : core::targetPresetNames())
                QCOMPARE(core::presetModules(preset, modules), core::targetPreset(preset));
            QVERIFY(core::presetModules("q_proj", modules).empty());
        }
    }

    // Phi-3 fuses q/k/v and gate/up: a preset in a sweep names the modules of the base experiment's own model (its
    // config.json), as the window's buttons do, and the linear-module layout matches the built model's.
    void presetsFollowAPhi3ModelsFusedLayers()
    {
        const std::string phi3 = std::string(LORAWB_TEST_DATA_DIR) + "/reference/phi3/model";
        const auto modules = core::discoverLinearModules(*core::loadModel(phi3).model);
        QCOMPARE(core::linearModulesOf(core::loadModelConfig(phi3)).size(), modules.size());
        QCOMPARE(core::presetModules("attention", modules), (std::vector<std::string>{"qkv_proj", "o_proj"}));
        QCOMPARE(core::presetModules("mlp", modules), (std::vector<std::string>{"gate_up_proj", "down_proj"}));
        QCOMPARE(core::presetModules("qv", modules), (std::vector<std::string>{"qkv_proj"})); // PEFT's phi3 default
        const core::SweepSpec spec =
            parse("grid:\n  lora.target_modules: [qv, all]\n", {"model=" + phi3, "lora.target_modules=[qkv_proj]"});
        QCOMPARE(spec.items.size(), size_t(2));
        QCOMPARE(spec.items[0].config.lora.targetModules.names, (std::vector<std::string>{"qkv_proj"}));
        QCOMPARE(spec.items[1].config.lora.targetModules.names,
                 (std::vector<std::string>{"qkv_proj", "o_proj", "gate_up_proj", "down_proj"}));
    }

    void alphaCanScaleWithR()
    {
        const core::SweepSpec spec = parse("grid:\n  lora.r: [2, 8]\n  lora.lora_alpha: [2r, 16, r]\n");
        QCOMPARE(spec.items.size(), size_t(6));
        const std::vector<double> alphas{4, 16, 2, 16, 16, 8};
        for (size_t i = 0; i < 6; ++i)
            QCOMPARE(spec.items[i].config.lora.loraAlpha, alphas[i]);
        QCOMPARE(spec.items[0].label, std::string("r=2, alpha=2r=4"));
        // Written before lora.r in the file, it still scales with the run's r.
        const core::SweepSpec before = parse("grid:\n  lora.lora_alpha: [0.5r]\n  lora.r: [4, 8]\n");
        QCOMPARE(before.items[0].config.lora.loraAlpha, 2.0);
        QCOMPARE(before.items[1].config.lora.loraAlpha, 4.0);
        // Without r in the grid: the base experiment's r (4).
        QCOMPARE(parse("grid:\n  lora.lora_alpha: [3r]\n").items[0].config.lora.loraAlpha, 12.0);
        testutil::expectError([&] { parse("grid:\n  lora.lora_alpha: [xr]\n"); },
                              {"sweep.yaml:", "lora.lora_alpha", "2r"});
    }

    void setAppliesToEveryRun()
    {
        const core::SweepSpec spec =
            parse("set: {train.max_steps: 7, lora.bias: all}\ngrid:\n  lora.r: [1, 2]\n", {"train.seed=9"});
        for (const auto& item : spec.items) {
            QCOMPARE(item.config.train.maxSteps, int64_t(7));
            QVERIFY(item.config.lora.bias == core::LoraBias::All);
            QCOMPARE(item.config.train.seed, uint64_t(9));
            QVERIFY(std::find(item.overrides.begin(), item.overrides.end(), "train.seed=9") != item.overrides.end());
        }
        // A grid value wins over set (it is applied after).
        const core::SweepSpec both = parse("set: {lora.r: 16}\ngrid:\n  lora.r: [1]\n");
        QCOMPARE(both.items[0].config.lora.r, 1);
    }

    void theHashFollowsTheExpandedRuns()
    {
        const std::string grid = "grid:\n  lora.r: [1, 2]\n";
        QCOMPARE(parse(grid).hash, parse(grid).hash);
        QCOMPARE(parse(grid).hash.size(), size_t(64));
        QVERIFY(parse(grid).hash != parse("grid:\n  lora.r: [1, 3]\n").hash);
        QVERIFY(parse(grid).hash != parse(grid, {"train.max_steps=5"}).hash);
        QVERIFY(parse(grid).hash != parse("set: {train.learning_rate: 0.1}\n" + grid).hash);
    }

    void aBadValueFailsAtLoadNamingTheCombination()
    {
        const QString message = testutil::expectError(
            [&] { parse("grid:\n  lora.r: [4]\n  lora.lora_dropout: [0.0, 1.5]\n"); },
            {"sweep.yaml", "run 2 of the grid", "r=4, dropout=1.5", "lora_dropout"});
        testutil::expectError([&] { parse("grid:\n  lora.r: [4, 0]\n"); }, {"sweep.yaml", "run 2", "r=0"});
        // (A target module the model lacks needs the model to see: that fails when the run starts; see below.)
        Q_UNUSED(message);
    }

    void fileProblemsNameTheFileAndLine()
    {
        // Line 3 (experiment, output_dir come first).
        testutil::expectError([&] { parse("grdi:\n  lora.r: [1]\n"); }, {"sweep.yaml:3:", "unknown key 'grdi'"});
        testutil::expectError([&] { parse("name: x\n"); }, {"sweep.yaml", "missing 'grid'"});
        testutil::expectError(
            [&] { core::parseSweep("grid: {lora.r: [1]}\n", "nox.yaml", m_dir.path().toStdString()); },
            {"nox.yaml", "missing 'experiment'"});
        testutil::expectError([&] { parse("grid:\n  lora.r: 4\n"); }, {"sweep.yaml:4:", "lora.r", "list"});
        testutil::expectError([&] { parse("grid:\n  lora.r: []\n"); }, {"sweep.yaml:4:", "non-empty list"});
        testutil::expectError([&] { parse("grid: {}\n"); }, {"sweep.yaml", "grid is empty"});
        testutil::expectError([&] { parse("grid:\n  lora.rr: [1]\n"); }, {"sweep.yaml", "lora.rr"});
        testutil::expectError([&] { core::loadSweep(path("no-such-sweep.yaml")); }, {"no-such-sweep.yaml"});
        // A bad `set` value is the sweep file's, not a --set typed on the command line.
        testutil::expectError([&] { parse("set: {train.max_stepz: 3}\ngrid: {lora.r: [1]}\n"); },
                              {"sweep.yaml:3:", "train.max_stepz", "did you mean 'train.max_steps'"});
        testutil::expectError([&] { parse("set: {train.max_steps: -1}\ngrid: {lora.r: [1]}\n"); },
                              {"sweep.yaml:3:", "train.max_steps"});
        testutil::expectError(
            [&] {
                core::parseSweep("experiment: missing-exp.yaml\ngrid: {lora.r: [1]}\n", "s.yaml",
                                 m_dir.path().toStdString());
            },
            {"missing-exp.yaml"});
    }

    void moreThanTenThousandRunsAreRefused()
    {
        std::string r = "[", dropout = "[";
        for (int i = 1; i <= 101; ++i)
            r += std::to_string(i) + (i < 101 ? ", " : "]");
        for (int i = 0; i < 100; ++i)
            dropout += "0." + std::to_string(i / 10) + std::to_string(i % 10) + (i < 99 ? ", " : "]");
        QElapsedTimer timer;
        timer.start();
        testutil::expectError([&] { parse("grid:\n  lora.r: " + r + "\n  lora.lora_dropout: " + dropout + "\n"); },
                              {"sweep.yaml", "10,000"});
        QVERIFY2(timer.elapsed() < 5000, "refused only after expanding the grid");
        // Exactly 10,000 would be allowed; 100 × 100 is checked by size only (not expanded here).
    }

    // ---- SweepRunner ----

    void threeTinyRunsLandThreeRows()
    {
        const std::string db = path("three.sqlite");
        core::SweepOptions options;
        options.databasePath = db;
        core::SweepRunner runner(core::loadSweep(sweepFile("three.yaml", "  lora.r: [1, 2, 4]\n")), options);
        std::vector<std::string> states;
        core::SweepObserver observer;
        observer.onItem = [&](const core::SweepItemState& s) { states.push_back(std::to_string(s.index) + s.state); };
        runner.setObserver(observer);
        const core::SweepOutcome outcome = runner.run();
        QVERIFY(!outcome.stopped);
        QCOMPARE(outcome.finished, 3);
        QCOMPARE(outcome.skipped, 0);
        QCOMPARE(outcome.failed, 0);
        QVERIFY2(states == (std::vector<std::string>{"0starting", "0finished", "1starting", "1finished", "2starting",
                                                     "2finished"}),
                 qPrintable(joined(states)));

        core::RunDatabase history(db);
        core::RunFilter filter;
        filter.sweepId = outcome.sweepId;
        const auto rows = history.runs(filter);
        QCOMPARE(rows.size(), size_t(3));
        QCOMPARE(history.runs().size(), size_t(3));
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(rows[i].sweepId, outcome.sweepId);
            QCOMPARE(rows[i].sweepIndex, i);
            QCOMPARE(statusOf(rows[i]), QString("finished"));
            QCOMPARE(rows[i].r, 1 << i);
            QCOMPARE(rows[i].id, outcome.items[i].runId);
            QCOMPARE(stepsOf(history.metrics(rows[i].id, "train_loss")), (std::vector<int64_t>{1, 2}));
            QVERIFY(!history.metrics(rows[i].id, "eval_loss").empty());
            QVERIFY(rows[i].finals.count("train_loss") == 1);
        }
        const auto sweep = history.sweep(outcome.sweepId);
        QVERIFY(sweep.has_value());
        QCOMPARE(sweep->status, std::string("finished"));
        QCOMPARE(sweep->items, 3);
        QCOMPARE(sweep->name, std::string("three"));
    }

    void anInterruptedSweepResumesFromTheHistory()
    {
        const std::string db = path("resume.sqlite");
        const std::string file = sweepFile("resume.yaml", "  lora.r: [1, 2, 4]\n");
        core::SweepOptions options;
        options.databasePath = db;
        int64_t sweepId = 0;
        int64_t stoppedRunId = 0;
        {
            core::SweepRunner runner(core::loadSweep(file, {"train.max_steps=4"}), options);
            int current = -1;
            core::SweepObserver observer;
            observer.onItem = [&](const core::SweepItemState& s) { current = s.index; };
            observer.run.trainer.onStep = [&](const core::StepMetrics& m) {
                if (current == 1 && m.step == 2)
                    runner.requestStop();
            };
            runner.setObserver(observer);
            const core::SweepOutcome outcome = runner.run();
            sweepId = outcome.sweepId;
            QVERIFY(outcome.stopped);
            QCOMPARE(outcome.finished, 1);
            QCOMPARE(outcome.items.size(), size_t(2));
            QCOMPARE(outcome.items[1].state, std::string("stopped"));
            stoppedRunId = outcome.items[1].runId;
            QVERIFY(stoppedRunId != 0);
        }
        {
            core::RunDatabase history(db);
            QCOMPARE(history.sweep(sweepId)->status, std::string("paused"));
            QCOMPARE(history.runs().size(), size_t(2));
            QCOMPARE(statusOf(*history.run(stoppedRunId)), QString("stopped"));
            QCOMPARE(history.run(stoppedRunId)->steps, int64_t(2));
        }

        // As after a restart: a new runner from the same file and database.
        core::SweepRunner again(core::loadSweep(file, {"train.max_steps=4"}), options);
        std::vector<core::SweepItemState> seen;
        core::SweepObserver observer;
        observer.onItem = [&](const core::SweepItemState& s) { seen.push_back(s); };
        again.setObserver(observer);
        const core::SweepOutcome outcome = again.run();
        QCOMPARE(outcome.sweepId, sweepId);
        QVERIFY(!outcome.stopped);
        QCOMPARE(outcome.skipped, 1);
        QCOMPARE(outcome.finished, 2);
        QVERIFY(seen.size() >= 5);
        QCOMPARE(seen[0].state, std::string("done"));
        QCOMPARE(seen[1].state, std::string("resuming"));
        QCOMPARE(seen[1].index, 1);
        QCOMPARE(outcome.items[1].state, std::string("finished"));
        QCOMPARE(outcome.items[1].runId, stoppedRunId);
        QCOMPARE(outcome.items[2].state, std::string("finished"));

        core::RunDatabase history(db);
        const auto rows = history.runs();
        QCOMPARE(rows.size(), size_t(3));
        for (const auto& row : rows) {
            QCOMPARE(statusOf(row), QString("finished"));
            QCOMPARE(row.sweepId, sweepId);
            QCOMPARE(row.steps, int64_t(4));
            QCOMPARE(stepsOf(history.metrics(row.id, "train_loss")), (std::vector<int64_t>{1, 2, 3, 4}));
        }
        QCOMPARE(history.sweep(sweepId)->status, std::string("finished"));
        QCOMPARE(history.sweeps().size(), size_t(1));
    }

    void aRunStoppedBeforeItsFirstCheckpointStartsAgainInItsOwnRow()
    {
        // Stopped as it starts (Ctrl-C while the model loads): a row, no checkpoint.
        const std::string db = path("early.sqlite");
        const std::string file = sweepFile("early.yaml", "  lora.r: [1, 2]\n");
        core::SweepOptions options;
        options.databasePath = db;
        int64_t stoppedRunId = 0;
        {
            core::SweepRunner runner(core::loadSweep(file), options);
            core::SweepObserver observer;
            observer.onItem = [&](const core::SweepItemState& s) {
                if (s.index == 1 && s.state == "starting")
                    runner.requestStop();
            };
            runner.setObserver(observer);
            const core::SweepOutcome outcome = runner.run();
            QVERIFY(outcome.stopped);
            QCOMPARE(outcome.items.at(1).state, std::string("stopped"));
            stoppedRunId = outcome.items[1].runId;
            QVERIFY(stoppedRunId != 0);
            QCOMPARE(core::RunDatabase(db).run(stoppedRunId)->steps, int64_t(0));
        }
        std::vector<std::string> states;
        core::SweepRunner again(core::loadSweep(file), options);
        core::SweepObserver observer;
        observer.onItem = [&](const core::SweepItemState& s) { states.push_back(s.state); };
        again.setObserver(observer);
        const core::SweepOutcome outcome = again.run();
        QVERIFY2(states == (std::vector<std::string>{"done", "starting", "finished"}), qPrintable(joined(states)));
        QCOMPARE(outcome.items[1].runId, stoppedRunId);
        core::RunDatabase history(db);
        QCOMPARE(history.runs().size(), size_t(2));
        const auto row = history.run(stoppedRunId);
        QCOMPARE(statusOf(*row), QString("finished"));
        QCOMPARE(row->steps, int64_t(2));
        QCOMPARE(stepsOf(history.metrics(stoppedRunId, "train_loss")), (std::vector<int64_t>{1, 2}));
    }

    void aChangedSweepFileIsANewSweep()
    {
        const std::string db = path("resume.sqlite"); // holds the finished sweep of the test above
        core::SweepOptions options;
        options.databasePath = db;
        const int64_t old = core::RunDatabase(db).sweeps().front().id;
        // Same name and output_dir, another value.
        const std::string file = sweepFile("resume.yaml", "  lora.r: [8]\n");
        const core::SweepOutcome outcome =
            core::SweepRunner(core::loadSweep(file, {"train.max_steps=1"}), options).run();
        QVERIFY(outcome.sweepId != 0);
        QVERIFY(outcome.sweepId != old);
        QCOMPARE(outcome.finished, 1);
        QCOMPARE(outcome.skipped, 0);
        core::RunDatabase history(db);
        QCOMPARE(history.sweeps().size(), size_t(2));
        core::RunFilter filter;
        filter.sweepId = outcome.sweepId;
        QCOMPARE(history.runs(filter).size(), size_t(1));
    }

    void aFailedRunIsRecordedAndTheSweepGoesOn()
    {
        const std::string db = path("failed.sqlite");
        const std::string file = sweepFile("failed.yaml", "  lora.target_modules: [no_such_proj, qv]\n");
        core::SweepOptions options;
        options.databasePath = db;
        const core::SweepOutcome first = core::SweepRunner(core::loadSweep(file, {"train.max_steps=1"}), options).run();
        QCOMPARE(first.failed, 1);
        QCOMPARE(first.finished, 1);
        QCOMPARE(first.items[0].state, std::string("failed"));
        VERIFY_CONTAINS(QString::fromStdString(first.items[0].message), "target_modules");
        QCOMPARE(first.items[1].state, std::string("finished"));
        // The failure is in the history (with the sweep), though the run failed before it trained.
        QVERIFY(first.items[0].runId != 0);
        core::RunDatabase history(db);
        const auto row = history.run(first.items[0].runId);
        QVERIFY(row.has_value());
        QCOMPARE(statusOf(*row), QString("failed"));
        QCOMPARE(row->sweepId, first.sweepId);
        QCOMPARE(row->sweepIndex, 0);
        VERIFY_CONTAINS(QString::fromStdString(row->message), "target_modules");
        QCOMPARE(history.sweep(first.sweepId)->status, std::string("paused"));

        // Called again: the failed run is left failed, the finished one skipped; --retry-failed runs it again.
        const core::SweepOutcome again = core::SweepRunner(core::loadSweep(file, {"train.max_steps=1"}), options).run();
        QCOMPARE(again.items[0].state, std::string("failed"));
        QCOMPARE(again.items[0].runId, first.items[0].runId);
        QCOMPARE(again.items[1].state, std::string("done"));
        QCOMPARE(history.runs().size(), size_t(2));
        options.retryFailed = true;
        const core::SweepOutcome retried =
            core::SweepRunner(core::loadSweep(file, {"train.max_steps=1"}), options).run();
        QCOMPARE(retried.failed, 1);
        QVERIFY(retried.items[0].runId != first.items[0].runId);
        QCOMPARE(history.runs().size(), size_t(3));
    }

    void aSweepNeedsADatabase()
    {
        core::SweepRunner runner(parse("grid:\n  lora.r: [1]\n"), core::SweepOptions{});
        testutil::expectError([&] { runner.run(); }, {"sweep.yaml", "database"});
    }
};

QTEST_APPLESS_MAIN(TestSweep)
#include "test_sweep.moc"
