// The bundled demo (resources/demo, resources/experiments): the committed model loads and is a real language model of
// its corpus (held-out perplexity below the unigram baseline its card states), its tokenizer round-trips text, the demo
// datasets and experiment files parse, and a few LoRA steps on task A lower the loss. Regenerate the demo with
// tools/lorawb-make-demo (resources/demo/README.md) when any of this changes on purpose.
#include "core/common/Error.h"
#include "core/data/DatasetReader.h"
#include "core/data/PreparedData.h"
#include "core/eval/Perplexity.h"
#include "core/experiment/ExperimentConfig.h"
#include "core/io/JsonFile.h"
#include "core/model/ModelLoader.h"
#include "core/train/Trainer.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace {

const std::string kRoot = LORAWB_SOURCE_DIR;
const std::string kModelDir = kRoot + "/resources/demo/model";
const std::string kRetain = kRoot + "/resources/demo/retain.txt";
const std::string kDatasets = kRoot + "/resources/demo/datasets";

std::string readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

core::LoadedModel loadDemo()
{
    core::LoadOptions options;
    options.device = "cpu";
    options.dtype = "float32";
    return core::loadModel(kModelDir, options);
}

} // namespace

class TestDemoResources : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        // The experiment files name their paths from the repository root, as `lorawb train` is run from there.
        QVERIFY(QDir::setCurrent(QString::fromStdString(kRoot)));
    }

    void demoIsSmall()
    {
        uintmax_t total = 0;
        for (const auto& entry : fs::recursive_directory_iterator(kRoot + "/resources/demo"))
            if (entry.is_regular_file())
                total += entry.file_size();
        QVERIFY2(total <= 25u * 1024 * 1024, qPrintable(QString("resources/demo holds %1 bytes").arg(total)));
    }

    void modelLoadsAsQwen2WithBiases()
    {
        const core::LoadedModel loaded = loadDemo();
        const core::ModelConfig& cfg = loaded.model->config();
        QCOMPARE(QString::fromStdString(cfg.architecture), QString("Qwen2ForCausalLM"));
        QVERIFY(cfg.qkvBias); // the demo teaches the LoRA bias option, so its q/k/v carry biases
        QVERIFY(cfg.tieWordEmbeddings);
        QCOMPARE(loaded.tokenizer->vocabSize(), static_cast<int>(cfg.vocabSize));
        QCOMPARE(loaded.tokenizer->bosId(), 1);
        QCOMPARE(loaded.tokenizer->eosId(), 2);
        QCOMPARE(loaded.tokenizer->padId(), -1);
        QCOMPARE(QString::fromStdString(loaded.tokenizer->idToPiece(0)), QString("<unk>"));
        QCOMPARE(loaded.model->stack()->embedTokens->weight.scalar_type(), c10::kFloat); // F16 file converted
    }

    void tokenizerRoundTripsText()
    {
        const core::LoadedModel loaded = loadDemo();
        const core::Tokenizer& tok = *loaded.tokenizer;
        const std::string retain = readFile(kRetain).substr(0, 4000);
        const std::string samples[] = {retain, "  two  spaces,\ttabs\nand lines\n\n", "Zürich 12 € ### Input:\n7 3",
                                       "Below is an instruction that describes a task."};
        for (const std::string& text : samples)
            QCOMPARE(QString::fromStdString(tok.decode(tok.encode(text))), QString::fromStdString(text));
        // Digits are split one by one (the demo tasks' answers are digits), newlines are byte pieces.
        const std::vector<int> ids = tok.encode("\n1 2 31");
        std::vector<std::string> pieces;
        for (int id : ids)
            pieces.push_back(tok.idToPiece(id));
        QVERIFY(pieces == (std::vector<std::string>{"▁", "<0x0A>", "1", "▁", "2", "▁", "3", "1"}));
        // Mostly word pieces: a real tokenizer of the corpus, not bytes.
        QVERIFY(tok.encode(retain).size() < retain.size() / 3);
    }

    void perplexityIsFarBelowTheUnigramBaseline()
    {
        const nlohmann::json metrics = core::readJsonFile(kModelDir + "/demo_metrics.json", "demo metrics");
        const double unigram = metrics.at("unigram_perplexity").get<double>();
        const double stated = metrics.at("retain_perplexity").get<double>();
        QVERIFY(unigram > 50 && stated > 1 && stated < unigram);
        core::LoadedModel loaded = loadDemo();
        // A slice of the held-out text (the card's number is over all of it; `lorawb-make-demo metrics` recomputes it).
        const std::string slice = readFile(kRetain).substr(0, 12000);
        const core::PerplexityResult r = core::textPerplexity(*loaded.model, *loaded.tokenizer, slice, "retain slice",
                                                              /*windowLength=*/256);
        qInfo("retain slice: perplexity %.2f over %lld tokens; unigram baseline %.2f; card %.2f", r.perplexity,
              static_cast<long long>(r.tokens), unigram, stated);
        QVERIFY(r.tokens > 2000);
        QVERIFY2(r.perplexity < unigram / 4, "the demo model is not far below the unigram baseline");
        QVERIFY(std::abs(std::log(r.perplexity) - std::log(stated)) < 0.5); // same model as the card describes
    }

    void datasetsParse()
    {
        const core::LoadedModel loaded = loadDemo();
        for (const char* task : {"task_a", "task_b"}) {
            core::DataConfig cfg;
            cfg.path = kDatasets + "/" + task + ".jsonl";
            cfg.validationSplit = 0.1;
            cfg.maxLength = 128;
            const core::PreparedData data = core::prepareData(cfg, *loaded.tokenizer);
            QVERIFY2(data.report.records >= 1000, task);
            QCOMPARE(data.report.truncated + data.report.dropped + data.report.skipped, int64_t(0));
            QVERIFY(!data.validation.empty());
            const core::RecordSet test = core::readAlpacaRecords(kDatasets + "/" + task + "_test.jsonl", cfg);
            QVERIFY(test.records.size() >= 100);
            // Held out: no test input appears in the training file.
            const core::RecordSet train = core::readAlpacaRecords(cfg.path, cfg);
            std::set<std::string> inputs;
            for (const auto& r : train.records)
                inputs.insert(r.instruction + "\n" + r.input);
            for (const auto& r : test.records)
                QVERIFY2(!inputs.count(r.instruction + "\n" + r.input), qPrintable(QString::fromStdString(r.input)));
        }
    }

    void experimentFilesLoadFromTheRepositoryRoot()
    {
        for (const char* name : {"demo_task_a", "demo_task_b", "demo_full_task_b"}) {
            const core::ExperimentConfig cfg =
                core::loadExperiment(kRoot + "/resources/experiments/" + name + ".yaml");
            QVERIFY2(fs::exists(fs::path(cfg.model) / "config.json"), name);
            QVERIFY2(fs::exists(cfg.data.path), name);
            QCOMPARE(QString::fromStdString(cfg.outputDir), QString("runs/") + name);
            QCOMPARE(cfg.train.finetune == core::FinetuneMode::Full, std::string(name) == "demo_full_task_b");
        }
    }

    void tenLoraStepsOnTaskALowerTheLoss()
    {
        QTemporaryDir out;
        const core::ExperimentConfig cfg = core::loadExperiment(
            kRoot + "/resources/experiments/demo_task_a.yaml",
            {"train.max_steps=10", "train.eval_every=0", "train.save_every=0", "train.warmup_steps=2",
             "train.device=cpu", "train.threads=1", "data.validation_split=0.02",
             "output_dir=" + out.path().toStdString()});
        core::LoadOptions options;
        options.device = "cpu";
        options.dtype = "float32";
        core::LoadedModel loaded = core::loadModel(cfg.model, options);
        auto data = std::make_shared<core::PreparedData>(core::prepareData(cfg.data, *loaded.tokenizer));
        core::TrainerSetup setup;
        setup.model = loaded.model;
        setup.lora = cfg.lora;
        setup.train = cfg.train;
        setup.data = data;
        setup.padId = 0;
        setup.outputDir = out.path().toStdString();
        setup.modelDir = cfg.model;
        setup.plan = core::prepareTraining(*setup.model, setup.lora, setup.train);
        core::Trainer trainer(setup);
        const double before = trainer.evaluate().loss;
        std::vector<double> losses;
        core::TrainerCallbacks callbacks;
        callbacks.onStep = [&](const core::StepMetrics& m) { losses.push_back(m.loss); };
        trainer.setCallbacks(callbacks);
        const core::RunSummary summary = trainer.run();
        qInfo("validation loss %.4f -> %.4f; train loss %.4f -> %.4f", before, summary.finalEvalLoss, losses.front(),
              losses.back());
        QCOMPARE(summary.steps, int64_t(10));
        QVERIFY(summary.finalEvalLoss < before - 0.1);
        QVERIFY(losses.back() < losses.front());
        QVERIFY(fs::exists(fs::path(summary.exportDir) / "adapter_model.safetensors"));
    }
};

QTEST_APPLESS_MAIN(TestDemoResources)
#include "test_demo_resources.moc"
