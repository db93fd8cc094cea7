// The experiment YAML: reading with defaults, every key's round trip through toYaml, --set overrides, and messages
// that name the file, the line and the dotted key for unknown keys, wrong types, syntax errors and bad values.
#include "common/ErrorCapture.h"
#include "common/FileBytes.h"
#include "core/experiment/ExperimentConfig.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

namespace {

const char* const kMinimal = "model: /models/tiny\n"
                             "data:\n"
                             "  path: /data/train.jsonl\n";

core::ExperimentConfig parse(const std::string& text, const std::vector<std::string>& overrides = {})
{
    return core::parseExperiment(text, "exp.yaml", overrides);
}

using testutil::expectError;

QString q(const std::string& text) { return QString::fromStdString(text); }

// Every field set away from its default, so that a field that toYaml or the reader forgets shows up.
core::ExperimentConfig everyFieldSet()
{
    core::ExperimentConfig cfg;
    cfg.model = "/models/qwen2 tiny";
    cfg.name = "null"; // a string YAML would read as null unless it is quoted
    cfg.lora.r = 16;
    cfg.lora.loraAlpha = 24.5;
    cfg.lora.loraDropout = 0.05;
    cfg.lora.bias = core::LoraBias::LoraOnly;
    cfg.lora.taskType = core::TaskType::Seq2SeqLm; // validates; whether it trains is the runner's question
    cfg.lora.targetModules.names = {"q_proj", "k_proj", "down_proj"};
    cfg.lora.useRslora = true;
    cfg.lora.initLoraWeights = core::LoraInit::Gaussian;
    cfg.lora.layersToTransform = {0, 2, 5};
    cfg.lora.rankPattern = {{R"(layers\.0\.self_attn\.q_proj)", 4}, {"down_proj", 32}};
    cfg.lora.alphaPattern = {{"k_proj", 0.1}};
    cfg.lora.modulesToSave = {"score", "lm_head"};
    cfg.lora.excludeModules = {"layers.3.mlp.down_proj"};
    cfg.data.path = "/data/my train: set.jsonl";
    cfg.data.format = core::DataFormat::Alpaca;
    cfg.data.validationPath = "/data/valid.jsonl";
    cfg.data.validationSplit = 0;
    cfg.data.maxLength = 300;
    cfg.data.overlong = core::OverlongPolicy::Drop;
    cfg.data.trainOnPrompt = true;
    cfg.data.columns = {{"prompt", "instruction"}, {"completion", "output"}};
    cfg.data.templateWithInput = "Q: {instruction}\n\"{input}\"\nA: ";
    cfg.data.templateWithoutInput = "Q: {instruction}\nA: ";
    cfg.data.skipInvalid = true;
    cfg.data.shuffle = false;
    cfg.data.groupByLength = true;
    cfg.data.splitSeed = 18446744073709551615ull;
    cfg.data.tokenizeThreads = 3;
    cfg.train.maxSteps = 123;
    cfg.train.epochs = 2.5;
    cfg.train.batchSize = 3;
    cfg.train.gradientAccumulationSteps = 4;
    cfg.train.learningRate = 3e-4;
    cfg.train.weightDecay = 0.01;
    cfg.train.adamBeta1 = 0.85;
    cfg.train.adamBeta2 = 0.98;
    cfg.train.adamEpsilon = 1e-6;
    cfg.train.maxGradNorm = 0.3;
    cfg.train.lrScheduler = core::LrScheduler::Cosine;
    cfg.train.warmupSteps = 7;
    cfg.train.warmupRatio = 0.1;
    cfg.train.evalEvery = 50;
    cfg.train.saveEvery = 100;
    cfg.train.logEvery = 5;
    cfg.train.seed = 1234;
    cfg.train.device = "cuda:1";
    cfg.train.dtype = "bfloat16";
    cfg.train.threads = 6;
    cfg.train.finetune = core::FinetuneMode::Full;
    cfg.outputDir = "/runs/out";
    return cfg;
}

void expectSame(const core::ExperimentConfig& a, const core::ExperimentConfig& b)
{
    QCOMPARE(q(a.model), q(b.model));
    QCOMPARE(q(a.name), q(b.name));
    QCOMPARE(q(a.outputDir), q(b.outputDir));
    const auto &la = a.lora, &lb = b.lora;
    QCOMPARE(la.r, lb.r);
    QCOMPARE(la.loraAlpha, lb.loraAlpha);
    QCOMPARE(la.loraDropout, lb.loraDropout);
    QVERIFY(la.bias == lb.bias);
    QVERIFY(la.taskType == lb.taskType);
    QVERIFY(la.targetModules.kind == lb.targetModules.kind);
    QVERIFY(la.targetModules.names == lb.targetModules.names);
    QCOMPARE(q(la.targetModules.regex), q(lb.targetModules.regex));
    QCOMPARE(la.useRslora, lb.useRslora);
    QVERIFY(la.initLoraWeights == lb.initLoraWeights);
    QVERIFY(la.layersToTransform == lb.layersToTransform);
    QVERIFY(la.rankPattern == lb.rankPattern);
    QVERIFY(la.alphaPattern == lb.alphaPattern);
    QVERIFY(la.modulesToSave == lb.modulesToSave);
    QVERIFY(la.excludeModules == lb.excludeModules);
    QVERIFY(la.excludeRegex == lb.excludeRegex);
    const auto &da = a.data, &db = b.data;
    QCOMPARE(q(da.path), q(db.path));
    QVERIFY(da.format == db.format);
    QCOMPARE(q(da.validationPath), q(db.validationPath));
    QCOMPARE(da.validationSplit, db.validationSplit);
    QCOMPARE(da.maxLength, db.maxLength);
    QVERIFY(da.overlong == db.overlong);
    QCOMPARE(da.trainOnPrompt, db.trainOnPrompt);
    QVERIFY(da.columns == db.columns);
    QCOMPARE(q(da.templateWithInput), q(db.templateWithInput));
    QCOMPARE(q(da.templateWithoutInput), q(db.templateWithoutInput));
    QCOMPARE(da.skipInvalid, db.skipInvalid);
    QCOMPARE(da.shuffle, db.shuffle);
    QCOMPARE(da.groupByLength, db.groupByLength);
    QCOMPARE(da.splitSeed, db.splitSeed);
    QCOMPARE(da.tokenizeThreads, db.tokenizeThreads);
    const auto &ta = a.train, &tb = b.train;
    QCOMPARE(ta.maxSteps, tb.maxSteps);
    QCOMPARE(ta.epochs, tb.epochs);
    QCOMPARE(ta.batchSize, tb.batchSize);
    QCOMPARE(ta.gradientAccumulationSteps, tb.gradientAccumulationSteps);
    QCOMPARE(ta.learningRate, tb.learningRate);
    QCOMPARE(ta.weightDecay, tb.weightDecay);
    QCOMPARE(ta.adamBeta1, tb.adamBeta1);
    QCOMPARE(ta.adamBeta2, tb.adamBeta2);
    QCOMPARE(ta.adamEpsilon, tb.adamEpsilon);
    QCOMPARE(ta.maxGradNorm, tb.maxGradNorm);
    QVERIFY(ta.lrScheduler == tb.lrScheduler);
    QCOMPARE(ta.warmupSteps, tb.warmupSteps);
    QCOMPARE(ta.warmupRatio, tb.warmupRatio);
    QCOMPARE(ta.evalEvery, tb.evalEvery);
    QCOMPARE(ta.saveEvery, tb.saveEvery);
    QCOMPARE(ta.logEvery, tb.logEvery);
    QCOMPARE(ta.seed, tb.seed);
    QCOMPARE(q(ta.device), q(tb.device));
    QCOMPARE(q(ta.dtype), q(tb.dtype));
    QCOMPARE(ta.threads, tb.threads);
    QVERIFY(ta.finetune == tb.finetune);
}

} // namespace

class TestExperimentConfig : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void minimalFileGetsDefaults()
    {
        const auto cfg = parse(kMinimal);
        QCOMPARE(q(cfg.model), QString("/models/tiny"));
        QCOMPARE(q(cfg.data.path), QString("/data/train.jsonl"));
        QCOMPARE(q(cfg.name), QString("exp"));
        QCOMPARE(q(cfg.outputDir), QString("runs/exp"));
        QCOMPARE(q(cfg.lora.baseModelNameOrPath), QString("/models/tiny"));
        QVERIFY(cfg.lora.taskType == core::TaskType::CausalLm);
        QVERIFY(cfg.train.finetune == core::FinetuneMode::Lora);
        QVERIFY(cfg.lora.targetModules.kind == core::TargetModules::Kind::List);
        QVERIFY((cfg.lora.targetModules.names == std::vector<std::string>{"q_proj", "v_proj"}));
        QCOMPARE(q(cfg.sourcePath), QString());
    }

    void designExampleParses()
    {
        const auto cfg = parse(R"(model: resources/models/demo
task_type: CAUSAL_LM
lora:   {r: 8, lora_alpha: 32, lora_dropout: 0.05, bias: none,
         target_modules: [q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj]}
data:   {path: resources/datasets/task.jsonl, format: alpaca, validation_split: 0.1, max_length: 256}
train:  {max_steps: 200, batch_size: 8, learning_rate: 2.0e-4, lr_scheduler: cosine, warmup_steps: 10,
         eval_every: 50, seed: 42, device: auto}
output_dir: runs/demo
)");
        QCOMPARE(cfg.lora.r, 8);
        QCOMPARE(cfg.lora.loraAlpha, 32.0);
        QCOMPARE(cfg.lora.loraDropout, 0.05);
        QCOMPARE(cfg.lora.targetModules.names.size(), size_t(7));
        QCOMPARE(cfg.data.validationSplit, 0.1);
        QCOMPARE(cfg.data.maxLength, 256);
        QCOMPARE(cfg.train.maxSteps, int64_t(200));
        QCOMPARE(cfg.train.learningRate, 2e-4);
        QVERIFY(cfg.train.lrScheduler == core::LrScheduler::Cosine);
        QCOMPARE(q(cfg.outputDir), QString("runs/demo"));
    }

    void everyFieldRoundTrips()
    {
        const auto original = everyFieldSet();
        const std::string yaml = core::toYaml(original);
        const auto back = core::parseExperiment(yaml, "roundtrip.yaml");
        // rank_pattern keeps the file's order, not a sorted one: PEFT's first matching key wins (OrderedMapping.h).
        QCOMPARE(back.lora.rankPattern.begin()->first, std::string(R"(layers\.0\.self_attn\.q_proj)"));
        expectSame(original, back);
        QCOMPARE(q(core::toYaml(back)), q(yaml));
    }

    void regexAndAllLinearRoundTrip()
    {
        auto cfg = parse(kMinimal);
        cfg.lora.targetModules = core::TargetModules{core::TargetModules::Kind::Regex, {}, R"(.*\.(q|v)_proj$)"};
        expectSame(cfg, core::parseExperiment(core::toYaml(cfg), "exp.yaml"));
        cfg.lora.targetModules = core::TargetModules{core::TargetModules::Kind::AllLinear, {}, ""};
        expectSame(cfg, core::parseExperiment(core::toYaml(cfg), "exp.yaml"));
        // exclude_modules as a string is PEFT's regex form; it survives the round trip as a string.
        cfg.lora.excludeRegex = R"(.*layers\.0\..*)";
        const auto back = core::parseExperiment(core::toYaml(cfg), "exp.yaml");
        QCOMPARE(back.lora.excludeRegex, cfg.lora.excludeRegex);
        QVERIFY(back.lora.excludeModules.empty());
    }

    void numbersAreWrittenShort()
    {
        auto cfg = parse(kMinimal);
        cfg.lora.loraDropout = 0.05;
        cfg.train.learningRate = 2e-4;
        const QString yaml = q(core::toYaml(cfg));
        QVERIFY2(yaml.contains("lora_dropout: 0.05\n"), qPrintable(yaml));
        QVERIFY2(yaml.contains("learning_rate: 0.0002\n"), qPrintable(yaml));
        QVERIFY2(yaml.contains("target_modules: [q_proj, v_proj]"), qPrintable(yaml));
    }

    void targetModulesAsList()
    {
        const auto cfg = parse(std::string(kMinimal) + "lora:\n  target_modules:\n    - q_proj\n    - o_proj\n");
        QVERIFY(cfg.lora.targetModules.kind == core::TargetModules::Kind::List);
        QVERIFY((cfg.lora.targetModules.names == std::vector<std::string>{"q_proj", "o_proj"}));
    }

    void targetModulesAsRegex()
    {
        const auto cfg = parse(std::string(kMinimal) + "lora: {target_modules: '.*layers\\.[01]\\..*_proj'}\n");
        QVERIFY(cfg.lora.targetModules.kind == core::TargetModules::Kind::Regex);
        QCOMPARE(q(cfg.lora.targetModules.regex), QString(R"(.*layers\.[01]\..*_proj)"));
    }

    void targetModulesAllLinear()
    {
        const auto cfg = parse(std::string(kMinimal) + "lora: {target_modules: all-linear}\n");
        QVERIFY(cfg.lora.targetModules.kind == core::TargetModules::Kind::AllLinear);
        QVERIFY(cfg.lora.targetModules.names.empty());
    }

    void targetModulesAsMappingIsRefused()
    {
        expectError([] { parse(std::string(kMinimal) + "lora: {target_modules: {a: b}}\n"); },
                    {"exp.yaml:4:", "lora.target_modules", "all-linear", "a mapping"});
    }

    void layersToTransformAsInt()
    {
        const auto cfg = parse(std::string(kMinimal) + "lora: {layers_to_transform: 3}\n");
        QVERIFY((cfg.lora.layersToTransform == std::vector<int>{3}));
    }

    void layersToTransformAsList()
    {
        const auto cfg = parse(std::string(kMinimal) + "lora: {layers_to_transform: [0, 1, 4]}\n");
        QVERIFY((cfg.lora.layersToTransform == std::vector<int>{0, 1, 4}));
        expectError([] { parse(std::string(kMinimal) + "lora: {layers_to_transform: [0, one]}\n"); },
                    {"exp.yaml:4:", "lora.layers_to_transform", "'one'"});
    }

    void overridesApply()
    {
        const auto cfg = parse(std::string(kMinimal) + "lora: {r: 8}\n",
                               {"lora.r=4", "train.learning_rate=1e-4", "lora.target_modules=[q_proj,v_proj,o_proj]",
                                "model=/x", "data.columns.prompt=instruction",
                                "lora.rank_pattern.model.layers.0.self_attn.q_proj=2", "train.batch_size=2"});
        QCOMPARE(cfg.lora.r, 4);
        QCOMPARE(cfg.train.learningRate, 1e-4);
        QVERIFY((cfg.lora.targetModules.names == std::vector<std::string>{"q_proj", "v_proj", "o_proj"}));
        QCOMPARE(q(cfg.model), QString("/x"));
        QCOMPARE(q(cfg.data.columns.at("prompt")), QString("instruction"));
        QCOMPARE(cfg.lora.rankPattern.at("model.layers.0.self_attn.q_proj"), 2);
        QCOMPARE(cfg.train.batchSize, 2); // the file has no train: section; --set creates it
    }

    void overrideOfUnknownKeyNamesIt()
    {
        expectError([] { parse(kMinimal, {"lora.rr=4"}); },
                    {"--set lora.rr=4", "unknown key 'lora.rr'", "did you mean 'lora.r'?"});
        expectError([] { parse(kMinimal, {"lerning_rate=1"}); }, {"unknown key 'lerning_rate'"});
    }

    void overrideWithoutEqualsIsRefused()
    {
        expectError([] { parse(kMinimal, {"lora.r"}); }, {"--set", "key=value", "'lora.r'"});
    }

    void overrideOfWrongTypeNamesTheOverride()
    {
        const QString message = expectError([] { parse(kMinimal, {"lora.r=eight"}); },
                                            {"--set lora.r=eight: lora.r: expected an integer, got 'eight'"});
        QVERIFY(!message.contains("exp.yaml:1"));
    }

    void overrideBelowASettingIsRefused()
    {
        expectError([] { parse(kMinimal, {"lora.r.x=1"}); }, {"'lora.r' is a setting, not a section"});
    }

    void unknownKeySuggestsTheNearest()
    {
        expectError([] { parse(std::string(kMinimal) + "lora:\n  r: 8\n  lora_alpah: 16\n"); },
                    {"exp.yaml:6:3", "unknown key 'lora.lora_alpah'", "did you mean 'lora.lora_alpha'?"});
        expectError([] { parse(std::string(kMinimal) + "lora_r: 8\n"); }, {"unknown key 'lora_r'", "'lora.r'?"});
        expectError([] { parse(std::string(kMinimal) + "Model: /m\n"); }, {"unknown key 'Model'", "'model'?"});
    }

    void misplacedKeyPointsToItsSection()
    {
        expectError([] { parse(std::string(kMinimal) + "learning_rate: 1e-4\n"); },
                    {"exp.yaml:4:1", "unknown key 'learning_rate'", "'train.learning_rate'"});
    }

    void otherToolsNamesAreRecognised()
    {
        expectError([] { parse(std::string(kMinimal) + "train: {per_device_train_batch_size: 4}\n"); },
                    {"unknown key 'train.per_device_train_batch_size'", "'train.batch_size'"});
    }

    void unknownKeyWithoutNeighbourListsTheKeys()
    {
        expectError([] { parse(std::string(kMinimal) + "train: {zzzzzzzz: 4}\n"); },
                    {"unknown key 'train.zzzzzzzz'", "batch_size", "learning_rate"});
    }

    void wrongTypeNamesKeyAndLine()
    {
        expectError([] { parse(std::string(kMinimal) + "lora:\n  r: eight\n"); },
                    {"exp.yaml:5:6", "lora.r: expected an integer, got 'eight'"});
        expectError([] { parse(std::string(kMinimal) + "lora: {r: 8.5}\n"); }, {"lora.r: expected an integer, got '8.5'"});
        expectError([] { parse(std::string(kMinimal) + "lora: {r: [1, 2]}\n"); }, {"lora.r: expected an integer, got a list"});
        expectError([] { parse(std::string(kMinimal) + "train: {learning_rate: fast}\n"); },
                    {"exp.yaml:4:", "train.learning_rate: expected a number, got 'fast'"});
        expectError([] { parse(std::string(kMinimal) + "lora: {use_rslora: maybe}\n"); },
                    {"lora.use_rslora: expected true or false, got 'maybe'"});
        expectError([] { parse(std::string(kMinimal) + "train: {seed: -1}\n"); },
                    {"train.seed: expected a non-negative integer, got '-1'"});
        expectError([] { parse(std::string(kMinimal) + "lora: {modules_to_save: score}\n"); },
                    {"lora.modules_to_save: expected a list", "[score]"});
    }

    void yamlSyntaxErrorNamesLine()
    {
        expectError([] { core::parseExperiment("model: /m\ndata:\n  path: /d\nlora: {r: 8\ntrain: {}\n", "bad.yaml"); },
                    {"bad.yaml:", "YAML syntax error"});
        const QString message = expectError(
            [] { core::parseExperiment("model: /m\ndata:\n  path: /d\n   max_length: 3\n", "bad.yaml"); },
            {"bad.yaml:4:", "YAML syntax error"});
        QVERIFY(!message.isEmpty());
    }

    void secondDocumentIsRefused()
    {
        expectError([] { parse(std::string(kMinimal) + "---\nmodel: /other\n"); },
                    {"exp.yaml", "more than one YAML document"});
        QCOMPARE(parse(std::string(kMinimal) + "---\n").lora.r, 8); // a stray trailing separator is harmless
        // yaml-cpp's LoadAll never returns on this; the reader must answer with an error, not hang.
        expectError([] { parse(",model: /m\n"); }, {"exp.yaml"});
    }

    void missingModelIsRefused()
    {
        expectError([] { parse("data: {path: /d.jsonl}\n"); }, {"exp.yaml", "missing required key 'model'"});
        expectError([] { parse(""); }, {"exp.yaml", "missing required key 'model'"});
    }

    void missingDataPathIsRefused()
    {
        expectError([] { parse("model: /m\n"); }, {"exp.yaml", "missing required key 'data.path'"});
        expectError([] { parse("model: /m\ndata: {format: alpaca}\n"); }, {"exp.yaml:2:", "'data.path'"});
    }

    void validationErrorNamesFileAndLine()
    {
        expectError([] { parse(std::string(kMinimal) + "lora:\n  r: 0\n"); },
                    {"exp.yaml:5:6", "lora.r must be a positive integer, got 0"});
        expectError([] { parse(std::string(kMinimal) + "train: {batch_size: 0}\n"); },
                    {"exp.yaml:4:", "train.batch_size must be at least 1"});
        expectError([] { parse(std::string(kMinimal) + "lora: {bias: some}\n"); },
                    {"exp.yaml:4:", "lora.bias", "lora_only"});
        expectError([] { parse(std::string(kMinimal) + "train: {device: gpu}\n"); }, {"exp.yaml:4:", "train.device"});
        expectError([] { parse(kMinimal, {"lora.lora_dropout=1"}); }, {"--set lora.lora_dropout", "lora.lora_dropout"});
    }

    void duplicateKeyIsRefused()
    {
        expectError([] { parse(std::string(kMinimal) + "lora:\n  r: 8\n  r: 16\n"); },
                    {"exp.yaml:6:", "duplicate key 'lora.r'"});
    }

    void initLoraWeightsForms()
    {
        QVERIFY(parse(std::string(kMinimal) + "lora: {init_lora_weights: gaussian}\n").lora.initLoraWeights ==
                core::LoraInit::Gaussian);
        QVERIFY(parse(std::string(kMinimal) + "lora: {init_lora_weights: true}\n").lora.initLoraWeights ==
                core::LoraInit::Kaiming);
        expectError([] { parse(std::string(kMinimal) + "lora: {init_lora_weights: false}\n"); },
                    {"exp.yaml:4:", "lora.init_lora_weights", "not supported"});
        const auto pissa = parse(std::string(kMinimal) + "lora: {init_lora_weights: pissa}\n").lora;
        QVERIFY(pissa.initLoraWeights == core::LoraInit::Pissa);
        const auto fast = parse(std::string(kMinimal) + "lora: {init_lora_weights: pissa_niter_16}\n").lora;
        QVERIFY(fast.initLoraWeights == core::LoraInit::PissaNiter && fast.initNiter == 16);
        QCOMPARE(core::initLoraWeightsName(fast.initLoraWeights, fast.initNiter), std::string("pissa_niter_16"));
        QVERIFY(parse(std::string(kMinimal) + "lora: {init_lora_weights: olora}\n").lora.initLoraWeights ==
                core::LoraInit::Olora);
        expectError([] { parse(std::string(kMinimal) + "lora: {init_lora_weights: loftq}\n"); },
                    {"lora.init_lora_weights", "'loftq'", "pissa_niter_N"});
        for (const char* bad : {"pissa_niter_", "pissa_niter_0", "pissa_niter_x", "pissa_niter_99999"})
            expectError([&] { parse(std::string(kMinimal) + "lora: {init_lora_weights: " + bad + "}\n"); },
                        {"lora.init_lora_weights", bad, "pissa_niter_4"});
        // DoRA's magnitude has nothing to hold on a rewritten base here.
        expectError([] { parse(std::string(kMinimal) + "lora: {init_lora_weights: olora, use_dora: true}\n"); },
                    {"lora.init_lora_weights", "olora", "use_dora"});
    }

    void taskTypeAndFinetune()
    {
        // FEATURE_EXTRACTION has no head, so the whole backbone may train too; it reads pairs, and pooling and
        // temperature are its keys alone.
        const std::string fe = "model: /m\ntask_type: FEATURE_EXTRACTION\ndata: {path: /p.jsonl, format: pairs}\n";
        const auto cfg = parse(fe + "finetune: full\ntask: {pooling: last, temperature: 0.02}\n");
        QVERIFY(cfg.lora.taskType == core::TaskType::FeatureExtraction);
        QVERIFY(cfg.train.finetune == core::FinetuneMode::Full);
        QVERIFY(cfg.task.pooling == core::Pooling::LastToken);
        QCOMPARE(cfg.task.temperature, 0.02);
        const auto back = parse(core::toYaml(cfg));
        QVERIFY(back.task.pooling == core::Pooling::LastToken);
        QCOMPARE(back.task.temperature, 0.02);
        expectError([] { parse(std::string(kMinimal) + "task_type: FEATURE_EXTRACTION\n"); },
                    {"task_type FEATURE_EXTRACTION", "data.format: pairs"});
        expectError([] { parse("model: /m\ndata: {path: /p.jsonl, format: pairs}\n"); },
                    {"data.format pairs", "task_type: FEATURE_EXTRACTION"});
        expectError([] { parse(std::string(kMinimal) + "task: {temperature: 0.1}\n"); },
                    {"task.pooling and temperature", "FEATURE_EXTRACTION", "CAUSAL_LM"});
        expectError([&] { parse(fe + "task: {pooling: max}\n"); }, {"task.pooling", "mean", "last", "'max'"});
        expectError([&] { parse(fe + "task: {temperature: 0}\n"); }, {"task.temperature", "0.05"});
        expectError([&] { parse(fe + "task: {doc_stride: 8}\n"); }, {"task.doc_stride", "QUESTION_ANS"});
        // QUESTION_ANS reads SQuAD data, its task keys belong to it, and its head is LoRA-only.
        const std::string qa = "model: /models/tiny\ntask_type: QUESTION_ANS\ndata: {path: /d.json, format: squad}\n";
        const auto span = parse(qa + "task: {doc_stride: 64, max_answer_length: 12}\n");
        QCOMPARE(span.task.docStride, int64_t(64));
        QCOMPARE(span.task.maxAnswerLength, int64_t(12));
        QVERIFY(span.data.format == core::DataFormat::Squad);
        expectError([&] { parse(qa + "finetune: full\n"); }, {"finetune: full", "QUESTION_ANS", "finetune: lora"});
        expectError([] { parse(std::string(kMinimal) + "task_type: QUESTION_ANS\n"); },
                    {"task_type QUESTION_ANS", "data.format: squad"});
        expectError([] { parse("model: /m\ndata: {path: /d.json, format: squad}\n"); },
                    {"data.format squad", "task_type: QUESTION_ANS"});
        expectError([] { parse(std::string(kMinimal) + "task: {doc_stride: 64}\n"); },
                    {"task.doc_stride", "QUESTION_ANS", "CAUSAL_LM"});
        expectError([&] { parse(qa + "task: {doc_stride: -1}\n"); }, {"task.doc_stride", "-1", "128"});
        expectError([&] { parse(qa + "task: {max_answer_length: 0}\n"); }, {"task.max_answer_length", "30"});
        expectError([&] { parse(qa + "task: {labels: [a, b]}\n"); }, {"task.num_labels, labels", "QUESTION_ANS"});
        expectError([] { parse(std::string(kMinimal) + "task_type: CLASSIFY\n"); },
                    {"exp.yaml:4:", "task_type", "'CLASSIFY'", "CAUSAL_LM", "SEQ_2_SEQ_LM"});
        expectError([] { parse(std::string(kMinimal) + "finetune: partial\n"); }, {"finetune", "lora or full"});
    }

    void classificationSettingsRoundTripAndAgree()
    {
        const std::string seqCls = "model: /models/tiny\ntask_type: SEQ_CLS\ndata: {path: /d.jsonl, format: seq_cls, "
                                    "columns: {sentence: text, category: label}}\n";
        const auto cfg = parse(seqCls + "task: {labels: [neg, pos], problem_type: single_label_classification, "
                                        "pad_token_id: 2}\n");
        QCOMPARE(cfg.task.labels, (std::vector<std::string>{"neg", "pos"}));
        QVERIFY(cfg.task.problemType == core::ProblemType::SingleLabel);
        QCOMPARE(cfg.task.padTokenId, int64_t(2));
        const auto back = parse(core::toYaml(cfg));
        QCOMPARE(back.task.labels, cfg.task.labels);
        QVERIFY(back.task.problemType == cfg.task.problemType);
        QCOMPARE(back.task.padTokenId, cfg.task.padTokenId);
        QCOMPARE(back.data.columns, cfg.data.columns);
        // A CAUSAL_LM file has no task: section at all.
        QVERIFY(core::toYaml(parse(kMinimal)).find("task:") == std::string::npos);
        expectError([&] { parse(seqCls + "finetune: full\n"); }, {"finetune: full", "SEQ_CLS", "finetune: lora"});
        expectError([] { parse(std::string(kMinimal) + "task_type: SEQ_CLS\n"); }, {"data.format: seq_cls"});
        expectError([] { parse("model: /m\ndata: {path: /d.jsonl, format: seq_cls}\n"); }, {"task_type: SEQ_CLS"});
        expectError([] { parse(std::string(kMinimal) + "task: {num_labels: 3}\n"); },
                    {"task.num_labels, labels, problem_type and pad_token_id", "task_type SEQ_CLS", "CAUSAL_LM"});
        expectError([&] { parse(seqCls + "task: {num_labels: 3, labels: [a, b]}\n"); },
                    {"task.num_labels is 3 but task.labels names 2"});
        expectError([&] { parse(seqCls + "task: {labels: [a, a]}\n"); }, {"task.labels names 'a' twice"});
        expectError([&] { parse(seqCls + "task: {problem_type: ordinal}\n"); },
                    {"task.problem_type", "'ordinal'", "single_label_classification"});
        expectError([&] { parse(seqCls + "task: {nm_labels: 3}\n"); }, {"nm_labels", "num_labels"});
        expectError([&] { parse(seqCls, {"data.template.with_input='{instruction} {input}'"}); },
                    {"data.template applies to Alpaca data only"});
    }

    void sectionMustBeAMapping()
    {
        expectError([] { parse(std::string(kMinimal) + "lora: 8\n"); }, {"exp.yaml:4:", "lora must be a mapping"});
        expectError([] { parse("- a\n- b\n"); }, {"exp.yaml", "the file must be a mapping"});
    }

    void relativePathsResolveNextToTheFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(QDir(dir.path()).mkpath("exps/model"));
        testutil::writeBytes(dir.filePath("exps/train.jsonl"), "");
        const QString yamlPath = dir.filePath("exps/exp.yaml");
        testutil::writeBytes(yamlPath, "model: model\ndata: {path: train.jsonl, validation_path: elsewhere.jsonl}\n"
                                       "output_dir: out\n");
        const auto cfg = core::loadExperiment(yamlPath.toStdString());
        QCOMPARE(q(cfg.model), dir.filePath("exps/model"));
        QCOMPARE(q(cfg.data.path), dir.filePath("exps/train.jsonl"));
        QCOMPARE(q(cfg.data.validationPath), QString("elsewhere.jsonl")); // not there: relative to the working dir
        QCOMPARE(q(cfg.outputDir), QString("out"));
        QCOMPARE(q(cfg.sourcePath), yamlPath);
        QCOMPARE(q(cfg.name), QString("exp"));
        // A --set value was typed relative to the shell's working directory: it is not re-based.
        const auto overridden = core::loadExperiment(yamlPath.toStdString(), {"data.path=train.jsonl"});
        QCOMPARE(q(overridden.data.path), QString("train.jsonl"));
        QCOMPARE(q(overridden.model), dir.filePath("exps/model"));
    }

    void inMemoryConfigIsValidated()
    {
        auto cfg = parse(kMinimal);
        core::validateExperiment(cfg);
        cfg.train.gradientAccumulationSteps = 0;
        expectError([&] { core::validateExperiment(cfg); }, {"train.gradient_accumulation_steps"});
        cfg = parse(kMinimal);
        cfg.model.clear();
        expectError([&] { core::validateExperiment(cfg); }, {"model is not set"});
    }

    void saveThenLoadGivesTheSameConfig()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const auto original = everyFieldSet();
        const std::string path = dir.filePath("saved.yaml").toStdString();
        core::saveExperiment(path, original);
        const auto back = core::loadExperiment(path);
        expectSame(original, back);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"saved.yaml"}); // no temp file left behind
    }

    void missingFileIsNamed()
    {
        expectError([] { core::loadExperiment("/nonexistent/exp.yaml"); }, {"/nonexistent/exp.yaml", "not found"});
    }
};

QTEST_APPLESS_MAIN(TestExperimentConfig)
#include "test_experiment_config.moc"
