// core/run ExperimentRunner: one experiment with the forgetting probe, recorded in the run history. The row (status,
// settings, trainable parameters, provenance hashes, versions), its curves (train loss per step, retain perplexity at
// step 0 and every eval point) and its finals; adapter off gives back the base exactly with bias none and not with
// bias all (a Qwen2-style model, whose q/k/v biases make the difference); a base adapter is merged before the probe;
// stop and resume continue the same row without duplicated points; a database that cannot be written costs nothing
// but the history; a missing retain text is an error naming it; the check phase alone finds a target the model lacks
// from config.json, before any weight is read.
#include "common/ErrorCapture.h"
#include "common/FileBytes.h"
#include "common/TinyModels.h"
#include "common/TinyTokenizer.h"
#include "core/common/Version.h"
#include "core/eval/Perplexity.h"
#include "core/history/RunDatabase.h"
#include "core/lora/AdapterIO.h"
#include "core/lora/LoraInjector.h"
#include "core/lora/ModuleLayout.h"
#include "core/lora/ParameterCount.h"
#include "core/run/ExperimentRunner.h"
#include "core/run/RunProvenance.h"
#include "core/tokenizer/SentencePieceTokenizer.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <set>

#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

const char* const kRecords[] = {
    R"({"instruction": "Name the colour of the sky.", "input": "", "output": "It is blue."})",
    R"({"instruction": "What is two plus three?", "input": "", "output": "It is five."})",
    R"({"instruction": "Reverse the word.", "input": "cat", "output": "tac"})",
    R"({"instruction": "Name the colour of the grass.", "input": "", "output": "It is green."})",
};
const std::string kRetain = "the quick brown fox jumps over the lazy dog\nall that glitters is not gold\n";

std::vector<int64_t> stepsOf(const std::vector<core::MetricPoint>& points)
{
    std::vector<int64_t> steps;
    for (const auto& p : points)
        steps.push_back(p.step);
    return steps;
}

// Every (step, name) pair at most once: a resumed run must not log a step twice.
bool noDuplicatePoints(const std::vector<core::MetricPoint>& points)
{
    std::set<std::pair<int64_t, std::string>> seen;
    for (const auto& p : points)
        if (!seen.insert({p.step, p.name}).second)
            return false;
    return true;
}

QString statusOf(const core::RunRecord& run)
{
    return QString::fromStdString(core::toString(run.status));
}

QString show(const std::vector<int64_t>& steps)
{
    QStringList parts;
    for (auto s : steps)
        parts << QString::number(s);
    return parts.join(',');
}

} // namespace

class TestExperimentRunner : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::string m_model;   // Qwen2-style tiny model with non-zero q/k/v biases
    std::string m_records;
    std::string m_retain;
    int m_runs = 0;

    std::string path(const QString& name) const { return m_dir.filePath(name).toStdString(); }

    // An experiment file with the forgetting probe on; `overrides` as --set gives them.
    core::ExperimentConfig experiment(const std::string& output, const std::vector<std::string>& overrides = {})
    {
        const std::string yaml = path(QString("exp%1.yaml").arg(++m_runs));
        testutil::writeBytes(
            yaml, "model: " + m_model +
                      "\ntask_type: CAUSAL_LM\n"
                      "lora: {r: 4, lora_alpha: 8, lora_dropout: 0.0, bias: none, target_modules: [q_proj, v_proj]}\n"
                      "data: {path: " + m_records + ", format: alpaca, validation_split: 0.25, max_length: 128}\n"
                      "train: {max_steps: 4, batch_size: 2, learning_rate: 1.0e-2, lr_scheduler: constant, "
                      "eval_every: 2, seed: 1, device: cpu}\n"
                      "forgetting: {retain_path: " + m_retain + ", max_retain_tokens: 64}\n"
                      "output_dir: " + output + "\n");
        return core::loadExperiment(yaml, overrides);
    }

    static core::ExperimentOutcome run(const core::ExperimentConfig& cfg, const std::string& db, bool resume = false,
                                       std::vector<std::string>* logLines = nullptr)
    {
        core::RunOptions options;
        options.databasePath = db;
        options.resume = resume;
        core::ExperimentRunner runner(cfg, options);
        core::RunObserver observer;
        observer.trainer.onLog = [logLines](const std::string& line) {
            if (logLines)
                logLines->push_back(line);
        };
        runner.setObserver(observer);
        return runner.run();
    }

private Q_SLOTS:
    // The run history tells chat runs apart by their chat template and by which turns trained.
    void chatTemplateIsPartOfThePromptFingerprint()
    {
        core::DataConfig chatml;
        chatml.format = core::DataFormat::Messages;
        chatml.chatTemplate = "chatml";
        core::DataConfig llama3 = chatml;
        llama3.chatTemplate = "llama3";
        core::DataConfig allTurns = chatml;
        allTurns.trainOnPrompt = true;
        const std::string a = core::templateFingerprint(chatml);
        QVERIFY(a != core::templateFingerprint(llama3));
        QVERIFY(a != core::templateFingerprint(allTurns));
        QVERIFY(a != core::templateFingerprint(core::DataConfig())); // Alpaca
        QCOMPARE(QString::fromStdString(a), QString::fromStdString(core::templateFingerprint(chatml)));
    }

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
        auto model = testutil::randomModel(testutil::asQwen2(testutil::tinyConfig(320, 256, 64)), /*seed=*/3);
        testutil::randomizeBiases(*model, /*seed=*/4);
        m_model = path("qwen");
        testutil::saveModelWithTokenizer(*model, m_model, tok);
        std::string records;
        for (int copy = 0; copy < 2; ++copy)
            for (const char* r : kRecords)
                records += std::string(r) + "\n";
        m_records = testutil::writeBytesIn(m_dir, "records.jsonl", records);
        m_retain = testutil::writeBytesIn(m_dir, "retain.txt", kRetain);
    }

    void aFinishedRunIsRecordedWithItsCurvesAndFinals()
    {
        const std::string db = path("history.sqlite");
        const core::ExperimentConfig cfg = experiment(path("run-none"));
        const core::ExperimentOutcome out = run(cfg, db);
        QVERIFY(!out.summary.stopped);
        QVERIFY(out.runId != 0);

        core::RunDatabase history(db);
        const auto row = history.run(out.runId);
        QVERIFY(row.has_value());
        QCOMPARE(statusOf(*row), QString("finished"));
        QCOMPARE(row->r, 4);
        QCOMPARE(row->loraAlpha, 8.0);
        QCOMPARE(row->targets, std::string("q_proj,v_proj"));
        QCOMPARE(row->bias, std::string("none"));
        QCOMPARE(row->finetune, std::string("lora"));
        QCOMPARE(row->steps, int64_t(4));
        QCOMPARE(row->totalSteps, int64_t(4));
        QCOMPARE(row->seed, int64_t(1));
        QCOMPARE(row->outputDir, cfg.outputDir);
        QVERIFY(fs::exists(fs::path(row->adapterPath) / "adapter_model.safetensors"));
        QVERIFY(!row->finishedAt.empty());

        // Trainable parameters: what countParameters says for the same model and LoRA settings, computed here.
        core::LoadOptions load;
        load.device = "cpu";
        load.loadTokenizer = false;
        auto fresh = core::loadModel(m_model, load);
        core::injectLora(*fresh.model, cfg.lora, cfg.train.seed);
        const core::ParameterCount counts = core::countParameters(*fresh.model);
        QCOMPARE(row->trainableParams, counts.trainable);
        QCOMPARE(row->allParams, counts.all);
        QCOMPARE(out.trainableParams, counts.trainable);
        // r·(in+out) per adapted linear: q 32→32, v 32→16, two layers.
        QCOMPARE(counts.trainable, int64_t(2 * (4 * (32 + 32) + 4 * (32 + 16))));

        // Provenance: three SHA-256 hex digests, and the versions.
        const QRegularExpression hex("^[0-9a-f]{64}$");
        for (const std::string* hash : {&row->modelHash, &row->dataHash, &row->templateHash})
            QVERIFY2(hex.match(QString::fromStdString(*hash)).hasMatch(), hash->c_str());
        QCOMPARE(row->lorawbVersion, core::versionString());
        QCOMPARE(row->torchVersion, core::torchVersionString());
        QVERIFY(!row->torchVersion.empty());
        QVERIFY(row->configYaml.find("retain_path") != std::string::npos);

        // Curves: one train_loss per step; retain perplexity for the base (step 0) and at every eval point.
        QCOMPARE(stepsOf(history.metrics(out.runId, "train_loss")), (std::vector<int64_t>{1, 2, 3, 4}));
        const auto retain = history.metrics(out.runId, "retain_perplexity");
        QCOMPARE(stepsOf(retain), (std::vector<int64_t>{0, 2, 4}));
        QCOMPARE(stepsOf(history.metrics(out.runId, "adapter_off_retain_max_abs_logit_diff")),
                 (std::vector<int64_t>{2, 4}));
        QVERIFY(noDuplicatePoints(history.metrics(out.runId)));

        // Finals: before, after and adapter off; off is the base exactly with bias none.
        const auto& f = row->finals;
        for (const char* name : {"base_retain_perplexity", "retain_perplexity", "adapter_off_retain_max_abs_logit_diff",
                                 "adapter_off_retain_loss", "base_retain_loss", "train_loss", "eval_loss"})
            QVERIFY2(f.count(name) == 1, name);
        QVERIFY(f.at("base_retain_perplexity") == retain.front().value);
        QVERIFY(f.at("retain_perplexity") == retain.back().value);
        QVERIFY2(f.at("retain_max_abs_logit_diff") > 0, "training did not change the outputs at all");
        QVERIFY2(f.at("adapter_off_retain_max_abs_logit_diff") == 0.0,
                 qPrintable(QString::number(f.at("adapter_off_retain_max_abs_logit_diff"))));
        QVERIFY(f.at("adapter_off_retain_loss") == f.at("base_retain_loss"));
        QVERIFY(f.at("adapter_off_retain_kl") == 0.0);
        QVERIFY(out.adapterOff.has_value() && out.adapterOff->maxAbsLogitDiff == 0.0);
        QVERIFY(out.finals == f);
    }

    void adapterOffDiffersFromTheBaseWithBiasAll()
    {
        const std::string db = path("history.sqlite");
        const core::ExperimentConfig cfg = experiment(path("run-all"), {"lora.bias=all"});
        const core::ExperimentOutcome out = run(cfg, db);
        core::RunDatabase history(db);
        const auto row = history.run(out.runId);
        QVERIFY(row.has_value());
        QCOMPARE(row->bias, std::string("all"));
        // The q/k/v biases train too: 32 + 16 + 16 per layer on top of the adapters.
        QCOMPARE(row->trainableParams, int64_t(2 * (4 * (32 + 32) + 4 * (32 + 16)) + 2 * (32 + 16 + 16)));
        const double off = row->finals.at("adapter_off_retain_max_abs_logit_diff");
        QVERIFY2(off > 0, "with bias all the trained biases stay when the adapter is off");
        QVERIFY(row->finals.at("adapter_off_retain_loss") != row->finals.at("base_retain_loss"));
    }

    void theModelHashFollowsTheWeightsNotThePath()
    {
        const core::ExperimentConfig cfg = experiment(path("unused"));
        core::RunDatabase db(path("hashes.sqlite"));
        const core::RunProvenance original = core::runProvenance(db, cfg);

        // The same files elsewhere: the same hashes.
        const std::string copy = path("qwen-copy");
        fs::copy(m_model, copy, fs::copy_options::recursive);
        core::ExperimentConfig moved = cfg;
        moved.model = copy;
        QCOMPARE(core::runProvenance(db, moved).modelHash, original.modelHash);

        // Other weights in model.safetensors: another model hash, the same data and template hashes.
        auto other = testutil::randomModel(testutil::asQwen2(testutil::tinyConfig(320, 256, 64)), /*seed=*/99);
        core::saveModelDirectory(*other, copy);
        const core::RunProvenance changed = core::runProvenance(db, moved);
        QVERIFY(changed.modelHash != original.modelHash);
        QCOMPARE(changed.dataHash, original.dataHash);
        QCOMPARE(changed.templateHash, original.templateHash);

        // The prompt format is part of the template hash.
        core::ExperimentConfig prompt = cfg;
        prompt.data.trainOnPrompt = !prompt.data.trainOnPrompt;
        QVERIFY(core::runProvenance(db, prompt).templateHash != original.templateHash);

        // And the recorded row carries these very hashes.
        core::RunDatabase history(path("history.sqlite"));
        bool found = false;
        for (const auto& row : history.runs())
            if (row.outputDir == path("run-none")) {
                QCOMPARE(row.modelHash, original.modelHash);
                QCOMPARE(row.dataHash, original.dataHash);
                QCOMPARE(row.templateHash, original.templateHash);
                found = true;
            }
        QVERIFY2(found, "the run of aFinishedRunIsRecordedWithItsCurvesAndFinals is not in the history");
    }

    void aBaseAdapterIsMergedBeforeTheProbe()
    {
        // An adapter of an "earlier task": random non-zero lora_B, so merging it changes the base.
        core::LoadOptions load;
        load.device = "cpu";
        load.loadTokenizer = false;
        auto earlier = core::loadModel(m_model, load);
        core::LoraConfig lora;
        lora.r = 2;
        lora.loraAlpha = 4;
        lora.targetModules.names = {"q_proj", "v_proj", "down_proj"};
        core::injectLora(*earlier.model, lora, /*seed=*/7);
        {
            torch::NoGradGuard noGrad;
            auto gen = at::detail::createCPUGenerator(8);
            for (auto& [name, layer] : core::loraLayers(*earlier.model))
                layer->loraB().copy_(at::normal(0.0, 0.5, layer->loraB().sizes(), gen, torch::kFloat32));
        }
        const std::string adapter = path("earlier-adapter");
        core::saveAdapter(*earlier.model, lora, adapter);

        const std::string db = path("history.sqlite");
        std::vector<std::string> logLines;
        const core::ExperimentConfig cfg = experiment(path("run-based"), {"base_adapter=" + adapter});
        QCOMPARE(cfg.baseAdapter, adapter);
        const core::ExperimentOutcome merged = run(cfg, db, false, &logLines);
        const core::ExperimentOutcome plain = run(experiment(path("run-plain")), "");
        QVERIFY(merged.before && plain.before);
        QVERIFY2(merged.before->retainLoss != plain.before->retainLoss, "the base adapter changed nothing");

        // The probe's base is the merged model: the same loss as the merged model measured here.
        auto expected = core::loadModel(m_model, load);
        core::loadAdapter(*expected.model, adapter);
        core::mergeAndUnloadLora(*expected.model);
        expected.model->eval();
        const auto tok = core::SentencePieceTokenizer::fromFile(m_model + "/tokenizer.model");
        const auto reference = core::textPerplexity(*expected.model, *tok, kRetain, "retain");
        QVERIFY2(std::abs(merged.before->retainLoss - reference.loss) < 1e-5,
                 qPrintable(QString("%1 vs %2").arg(merged.before->retainLoss).arg(reference.loss)));
        QVERIFY(std::abs(plain.before->retainLoss - reference.loss) > 1e-4);

        bool said = false;
        for (const auto& line : logLines)
            said = said || line.find("base_adapter: merged " + adapter) != std::string::npos;
        QVERIFY(said);
        // The merged adapter is part of the model's provenance.
        core::RunDatabase history(db);
        const auto row = history.run(merged.runId);
        QVERIFY(row.has_value());
        core::RunDatabase scratch(path("hashes.sqlite"));
        QVERIFY(row->modelHash != core::runProvenance(scratch, experiment(path("unused"))).modelHash);
        // With bias none, switching the adapter off gives back the merged base, not the plain one.
        QVERIFY(row->finals.at("adapter_off_retain_max_abs_logit_diff") == 0.0);
    }

    void stopThenResumeContinuesTheSameRow()
    {
        const std::string db = path("resume.sqlite");
        const core::ExperimentConfig cfg = experiment(path("run-stop"), {"train.max_steps=6", "train.save_every=2"});
        {
            core::RunOptions options;
            options.databasePath = db;
            core::ExperimentRunner runner(cfg, options);
            core::RunObserver observer;
            observer.trainer.onStep = [&](const core::StepMetrics& m) {
                if (m.step == 3)
                    runner.requestStop();
            };
            runner.setObserver(observer);
            const core::ExperimentOutcome out = runner.run();
            QVERIFY(out.summary.stopped);
            QCOMPARE(out.summary.steps, int64_t(3));
        }
        core::RunDatabase history(db);
        QCOMPARE(history.runs().size(), size_t(1));
        const int64_t id = history.runs().front().id;
        {
            const auto row = history.run(id);
            QCOMPARE(statusOf(*row), QString("stopped"));
            QCOMPARE(row->steps, int64_t(3));
            QVERIFY(!row->message.empty());
            QCOMPARE(stepsOf(history.metrics(id, "train_loss")), (std::vector<int64_t>{1, 2, 3}));
        }

        const core::ExperimentOutcome resumed = run(cfg, db, /*resume=*/true);
        QVERIFY(!resumed.summary.stopped);
        QCOMPARE(resumed.runId, id);
        QCOMPARE(history.runs().size(), size_t(1));
        const auto row = history.run(id);
        QCOMPARE(statusOf(*row), QString("finished"));
        QCOMPARE(row->steps, int64_t(6));
        QVERIFY(row->message.empty());
        const auto all = history.metrics(id);
        QVERIFY(noDuplicatePoints(all));
        const auto losses = stepsOf(history.metrics(id, "train_loss"));
        QVERIFY2(losses == (std::vector<int64_t>{1, 2, 3, 4, 5, 6}), qPrintable(show(losses)));
        // The base once, the eval points 2 and 4 and 6, and step 3 where the stop measured the model.
        const auto retain = stepsOf(history.metrics(id, "retain_perplexity"));
        QVERIFY2(retain == (std::vector<int64_t>{0, 2, 3, 4, 6}), qPrintable(show(retain)));
        QVERIFY(row->finals.count("base_retain_perplexity") == 1);
        QVERIFY(row->finals.at("adapter_off_retain_max_abs_logit_diff") == 0.0);
    }

    void resumingFromAnOlderCheckpointDropsTheLaterPoints()
    {
        // As after a crash: the newest checkpoint is step 2 but the history already has step 3.
        const std::string db = path("resume2.sqlite");
        const core::ExperimentConfig cfg = experiment(path("run-crash"), {"train.max_steps=6", "train.save_every=2"});
        double firstStep3 = 0;
        {
            core::RunOptions options;
            options.databasePath = db;
            core::ExperimentRunner runner(cfg, options);
            core::RunObserver observer;
            observer.trainer.onStep = [&](const core::StepMetrics& m) {
                if (m.step == 3) {
                    firstStep3 = m.loss;
                    runner.requestStop();
                }
            };
            runner.setObserver(observer);
            QVERIFY(runner.run().summary.stopped);
        }
        const fs::path newest = fs::path(cfg.outputDir) / "checkpoints" / "step-000003";
        QVERIFY2(fs::is_directory(newest), newest.c_str());
        fs::remove_all(newest);
        QVERIFY(fs::is_directory(fs::path(cfg.outputDir) / "checkpoints" / "step-000002"));

        const core::ExperimentOutcome resumed = run(cfg, db, /*resume=*/true);
        core::RunDatabase history(db);
        QCOMPARE(history.runs().size(), size_t(1));
        QCOMPARE(resumed.runId, history.runs().front().id);
        const auto all = history.metrics(resumed.runId);
        QVERIFY(noDuplicatePoints(all));
        const auto losses = history.metrics(resumed.runId, "train_loss");
        QVERIFY2(stepsOf(losses) == (std::vector<int64_t>{1, 2, 3, 4, 5, 6}), qPrintable(show(stepsOf(losses))));
        // The step-3 point is the resumed run's (exact resume on CPU: the same value as the first time).
        QVERIFY2(std::abs(losses[2].value - firstStep3) < 1e-5,
                 qPrintable(QString("%1 vs %2").arg(losses[2].value).arg(firstStep3)));
        const auto retain = stepsOf(history.metrics(resumed.runId, "retain_perplexity"));
        QVERIFY2(retain == (std::vector<int64_t>{0, 2, 4, 6}), qPrintable(show(retain)));
    }

    void resumingWithoutACheckpointLeavesTheRowAlone()
    {
        const std::string db = path("resume3.sqlite");
        const core::ExperimentConfig cfg = experiment(path("run-nockpt"), {"train.max_steps=2"});
        const core::ExperimentOutcome first = run(cfg, db);
        core::RunDatabase history(db);
        const size_t points = history.metrics(first.runId).size();
        QVERIFY(points > 0);
        fs::remove_all(fs::path(cfg.outputDir) / "checkpoints");
        testutil::expectError([&] { run(cfg, db, /*resume=*/true); }, {"--resume", "no checkpoint"});
        QCOMPARE(history.runs().size(), size_t(1));
        QCOMPARE(statusOf(*history.run(first.runId)), QString("finished"));
        QCOMPARE(history.metrics(first.runId).size(), points);
    }

    void anUnwritableDatabaseOnlyTurnsTheHistoryOff()
    {
        // A read-only folder; root ignores permissions, so then a path under a plain file (unwritable for anyone).
        const std::string folder = path("readonly");
        fs::create_directories(folder);
        QCOMPARE(::chmod(folder.c_str(), 0555), 0);
        std::string db = folder + "/runs.sqlite";
        if (::access(folder.c_str(), W_OK) == 0)
            db = testutil::writeBytesIn(m_dir, "plainfile", "x") + "/runs.sqlite";
        std::vector<std::string> logLines;
        const core::ExperimentConfig cfg = experiment(path("run-nodb"), {"train.max_steps=2"});
        const core::ExperimentOutcome out = run(cfg, db, false, &logLines);
        ::chmod(folder.c_str(), 0755);
        QVERIFY(!out.summary.stopped);
        QCOMPARE(out.summary.steps, int64_t(2));
        QCOMPARE(out.runId, int64_t(0));
        QVERIFY(fs::exists(fs::path(out.summary.exportDir) / "adapter_model.safetensors"));
        QVERIFY(out.finals.count("retain_perplexity") == 1);
        int said = 0;
        for (const auto& line : logLines)
            if (line.find("run history off") != std::string::npos) {
                ++said;
                QVERIFY2(line.find(db) != std::string::npos, line.c_str());
            }
        QCOMPARE(said, 1);
        QVERIFY(!fs::exists(db));
    }

    void aMissingRetainTextIsAnErrorNamingIt()
    {
        const std::string missing = path("no-such-retain.txt");
        const std::string db = path("missing.sqlite");
        const core::ExperimentConfig cfg = experiment(path("run-missing"), {"forgetting.retain_path=" + missing});
        const QString message = testutil::expectError([&] { run(cfg, db); },
                                                      {QString::fromStdString(missing), "retain"});
        VERIFY_CONTAINS(message, "not found");
        // Refused before training: nothing trained, nothing recorded.
        QVERIFY(!fs::exists(fs::path(cfg.outputDir) / "adapter"));
        core::RunDatabase history(db);
        QCOMPARE(history.runs().size(), size_t(0));
    }

    // The modules config.json implies are the modules the built model has: names, shapes, biases, layers, order.
    void configImpliesTheModelsLinearModules()
    {
        auto tied = testutil::tinyConfig();
        tied.tieWordEmbeddings = true;
        for (const core::ModelConfig& cfg : {testutil::tinyConfig(), testutil::asQwen2(testutil::tinyConfig()), tied}) {
            auto model = testutil::randomModel(cfg, 5);
            const auto built = core::discoverLinearModules(*model);
            const auto implied = core::linearModulesOf(cfg);
            QCOMPARE(implied.size(), built.size());
            for (size_t i = 0; i < built.size(); ++i) {
                QCOMPARE(implied[i].name, built[i].name);
                QCOMPARE(implied[i].shortName, built[i].shortName);
                QCOMPARE(implied[i].in, built[i].in);
                QCOMPARE(implied[i].out, built[i].out);
                QCOMPARE(implied[i].hasBias, built[i].hasBias);
                QCOMPARE(implied[i].layer, built[i].layer);
            }
        }
    }

    // Phase one alone: a target the model does not have fails from config.json — the weights file here is not even a
    // safetensors file, and the message is about the target, not the weights. The whole run fails the same way.
    void checkingFindsAnUnknownTargetBeforeAnyWeightIsRead()
    {
        const std::string model = path("broken-weights");
        fs::create_directories(model);
        fs::copy_file(fs::path(m_model) / "config.json", fs::path(model) / "config.json");
        fs::copy_file(fs::path(m_model) / "tokenizer.model", fs::path(model) / "tokenizer.model");
        testutil::writeBytes(model + "/model.safetensors", "not a safetensors file");
        const core::ExperimentConfig cfg = experiment(path("run-unknown-target"),
                                                      {"model=" + model, "lora.target_modules=[q_proj, nope_proj]"});
        const QString message = testutil::expectError([&] { core::checkInputs(cfg, /*resume=*/false); },
                                                      {"lora.target_modules", "nope_proj", "Available: ", "q_proj"});
        QVERIFY2(!message.contains("safetensors"), qPrintable(message));
        const std::string db = path("unknown-target.sqlite");
        const QString whole = testutil::expectError([&] { run(cfg, db); }, {"nope_proj"});
        QVERIFY2(!whole.contains("safetensors"), qPrintable(whole));
        QCOMPARE(core::RunDatabase(db).runs().size(), size_t(0));
        // And a layer the config does not have.
        const core::ExperimentConfig layers = experiment(path("run-bad-layer"),
                                                         {"model=" + model, "lora.layers_to_transform=[7]"});
        testutil::expectError([&] { core::checkInputs(layers, false); }, {"layers_to_transform", "7"});
        // The same inputs with a real target pass the check (the broken weights are found only when loading).
        const core::ExperimentConfig fine = experiment(path("run-fine"), {"model=" + model});
        const core::CheckedInputs in = core::checkInputs(fine, false);
        QCOMPARE(in.modelConfig.numHiddenLayers, testutil::tinyConfig().numHiddenLayers);
        QVERIFY(in.tokenizer != nullptr);
    }
};

QTEST_APPLESS_MAIN(TestExperimentRunner)
#include "test_experiment_runner.moc"
