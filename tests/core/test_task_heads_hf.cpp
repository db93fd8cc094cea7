// Task heads against Hugging Face transformers + PEFT themselves: each case of tests/data/reference/task_heads (made
// by tests/reference/make_task_head_reference.py) holds a PEFT adapter saved from a transformers task model and that
// model's logits, loss and gradients. Here the adapter is loaded onto the case's base model and the same numbers are
// computed by the engine. SEQ_CLS cases: Llama with single-label, multi-label and regression losses, Qwen2 with the
// EOS as pad token (pooling must take the rightmost non-pad token, not the one before the first pad). TOKEN_CLS:
// Llama's per-token head (with bias), its loss over the labelled positions and the head's dropout off in eval.
// FEATURE_EXTRACTION: PEFT's adapter of the bare backbone (keys without "model.") loaded and saved back under the same
// keys, the hidden states, and a last-token-pooled, L2-normalised embedding's gradients. QUESTION_ANS: the span
// head (qa_outputs, with bias) under PEFT's "transformer." backbone keys, start/end logits and transformers' loss.
#include "EvalFixture.h"
#include "common/TensorDiff.h"
#include "core/common/Error.h"
#include "core/eval/ClassifyText.h"
#include "core/eval/NearestTexts.h"
#include "core/eval/TagWords.h"
#include "core/io/JsonFile.h"
#include "core/io/Safetensors.h"
#include "core/lora/AdapterIO.h"
#include "core/lora/LoraInjector.h"
#include "core/lora/PeftKeyNames.h"
#include "core/lora/SavedModules.h"
#include "core/model/ModelLoader.h"
#include "core/model/QuestionAnswering.h"
#include "core/model/SentenceEmbedding.h"
#include "core/model/SequenceClassification.h"
#include "core/model/TokenClassification.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

namespace fs = std::filesystem;
using testutil::maxAbsDiff;

namespace {

const fs::path kCases = fs::path(LORAWB_TEST_DATA_DIR) / "reference" / "task_heads";
const fs::path kRepo = fs::path(LORAWB_TEST_DATA_DIR).parent_path().parent_path();

core::ProblemType problemTypeOf(const nlohmann::json& config)
{
    return core::parseProblemType(config.at("problem_type_after_forward").get<std::string>(), "problem_type");
}

// Every adapter tensor's gradient (expected->tensor("grad.<its key>")) against the model's, relative to the largest
// expected value; the fixture must have one for each tensor of the adapter. backbone: what the model's names add to
// the key's ("model." for a FEATURE_EXTRACTION adapter, which PEFT saved from the bare backbone).
void expectAdapterGradients(core::CausalLm& model, const core::SafetensorsFile& expected, const nlohmann::json& info,
                            const std::string& backbone = "")
{
    std::map<std::string, at::Tensor> params;
    for (const auto& item : model.named_parameters())
        params[item.key()] = item.value();
    int grads = 0;
    for (const auto& key : expected.names()) {
        if (key.rfind("grad.", 0) != 0)
            continue;
        const std::string ours = backbone + key.substr(std::string("grad.base_model.model.").size());
        QVERIFY2(params.count(ours), ("no parameter for " + key).c_str());
        const auto grad = params[ours].grad();
        QVERIFY2(grad.defined(), ("no gradient reached " + ours).c_str());
        const auto want = expected.tensor(key);
        const double rel = maxAbsDiff(grad, want) / std::max(want.abs().max().item<double>(), 1e-12);
        QVERIFY2(rel < 1e-4, qPrintable(QString("%1: gradient differs, relative %2").arg(ours.c_str()).arg(rel)));
        ++grads;
    }
    QCOMPARE(grads, static_cast<int>(info.at("adapter_tensors").size()));
}

// One case of the fixture folder: what HF wrote about it, its tensors, and its base model loaded in float32 on the CPU.
struct Case {
    nlohmann::json info;
    std::shared_ptr<core::SafetensorsFile> expected;
    core::LoadedModel loaded;
};

Case loadCase(const std::string& name)
{
    const fs::path dir = kCases / name;
    Case c;
    c.info = core::readJsonFile((dir / "expected.json").string(), "fixture");
    c.expected = core::SafetensorsFile::open((dir / "expected.safetensors").string());
    core::LoadOptions options;
    options.device = "cpu";
    options.dtype = "float32";
    options.loadTokenizer = false;
    c.loaded = core::loadModel((kRepo / c.info.at("base_model").get<std::string>()).string(), options);
    return c;
}

} // namespace

class TestTaskHeadsHf : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sequenceClassificationMatchesTransformers_data()
    {
        QTest::addColumn<QString>("name");
        for (const char* name : {"seq_cls_single", "seq_cls_multi", "seq_cls_regression", "seq_cls_qwen2"})
            QTest::newRow(name) << QString(name);
    }

    void sequenceClassificationMatchesTransformers()
    {
        QFETCH(QString, name);
        const fs::path dir = kCases / name.toStdString();
        const auto info = core::readJsonFile((dir / "expected.json").string(), "fixture");
        QVERIFY2(info.at("problems").empty(), info.at("problems").dump().c_str());
        const auto expected = core::SafetensorsFile::open((dir / "expected.safetensors").string());
        const auto& config = info.at("config");
        const int64_t pad = config.at("pad_token_id").get<int64_t>();

        core::LoadOptions options;
        options.device = "cpu";
        options.dtype = "float32";
        options.loadTokenizer = false;
        auto loaded = core::loadModel((kRepo / info.at("base_model").get<std::string>()).string(), options);
        auto& model = *loaded.model;
        const core::LoraConfig cfg = core::loadAdapter(model, (dir / "adapter").string());
        QVERIFY(cfg.taskType == core::TaskType::SeqCls);
        QCOMPARE(core::scoreHeadLabels(model), config.at("num_labels").get<int64_t>());

        const auto ids = expected->tensor("input_ids").clone();
        QVERIFY(torch::equal(core::pooledPositions(ids, pad), expected->tensor("pooled_index").to(torch::kInt64)));

        // Adapter on: logits, the loss of the case's problem type, and the gradient of every adapter tensor.
        for (auto& p : model.parameters())
            p.mutable_grad() = torch::Tensor();
        const auto logits = core::sequenceClassificationLogits(model, ids, pad);
        const double logitsDiff = maxAbsDiff(logits.detach(), expected->tensor("logits_lora"));
        QVERIFY2(logitsDiff < 1e-4, qPrintable(QString("logits differ by %1").arg(logitsDiff)));
        const auto loss = core::classificationLossSum(logits, expected->tensor("labels").clone(), problemTypeOf(config));
        const auto mean = loss.sum / static_cast<double>(loss.items);
        const double lossDiff = std::abs(mean.item<double>() - expected->tensor("loss").item<double>());
        QVERIFY2(lossDiff < 1e-5, qPrintable(QString("loss differs by %1").arg(lossDiff)));
        mean.backward();
        expectAdapterGradients(model, *expected, info);
        if (QTest::currentTestFailed())
            return;

        // Adapter off: the LoRA layers silent and the head back to transformers' own initial values.
        torch::NoGradGuard noGrad;
        for (auto& saved : model.savedParameters())
            saved.original.copy_(expected->tensor("head_original.score.weight"));
        core::setAdaptersEnabled(model, false);
        const double baseDiff =
            maxAbsDiff(core::sequenceClassificationLogits(model, ids, pad), expected->tensor("logits_base"));
        QVERIFY2(baseDiff < 1e-4, qPrintable(QString("adapter-off logits differ by %1").arg(baseDiff)));
    }

    // Try it's one text through a SEQ_CLS adapter: the text "t<id> …" is row 0 of the fixture (BOS added by the
    // tokenizer), so its class scores are transformers' logits of that row — through softmax (single label), each
    // class's sigmoid (multi-label, BCE's classes are independent) or as they are (regression).
    void classifyingOneTextGivesTransformersScores_data()
    {
        QTest::addColumn<QString>("name");
        for (const char* name : {"seq_cls_single", "seq_cls_multi", "seq_cls_regression"})
            QTest::newRow(name) << QString(name);
    }

    void classifyingOneTextGivesTransformersScores()
    {
        QFETCH(QString, name);
        Case c = loadCase(name.toStdString());
        const core::LoraConfig adapter = core::loadAdapter(*c.loaded.model, (kCases / name.toStdString() / "adapter").string());
        const auto row = c.expected->tensor("input_ids")[0];
        std::string text;
        for (int64_t t = 1; t < row.size(0); ++t)
            text += "t" + std::to_string(row[t].item<int64_t>()) + " ";
        const evaltest::WordTokenizer tok;
        const core::ClassScores scores = core::classifyText(*c.loaded.model, tok, adapter.classes, text, "", 64);
        QCOMPARE(scores.tokens, row.size(0));
        const auto logits = c.expected->tensor("logits_lora")[0].to(torch::kFloat64);
        const auto want = scores.problemType == core::ProblemType::SingleLabel  ? logits.softmax(0)
                          : scores.problemType == core::ProblemType::MultiLabel ? logits.sigmoid()
                                                                                : logits;
        QCOMPARE(int64_t(scores.scores.size()), want.size(0));
        QCOMPARE(scores.names.size(), scores.scores.size());
        for (int64_t k = 0; k < want.size(0); ++k)
            QVERIFY2(std::abs(scores.scores[size_t(k)] - want[k].item<double>()) < 1e-5,
                     qPrintable(QString("class %1: %2 against %3").arg(k).arg(scores.scores[size_t(k)]).arg(want[k].item<double>())));
        // PEFT's adapter_config.json records no id2label (the names live in the transformers model's config): the
        // classes are then named as transformers names them by default.
        if (scores.problemType != core::ProblemType::Regression)
            for (size_t k = 0; k < scores.names.size(); ++k)
                QCOMPARE(QString::fromStdString(scores.names[k]), QString("LABEL_%1").arg(k));
        // A model without the head cannot classify: the message says to load a SEQ_CLS adapter.
        Case bare = loadCase(name.toStdString());
        try {
            core::classifyText(*bare.loaded.model, tok, adapter.classes, text, "", 64);
            QFAIL("a model without a score head classified");
        } catch (const core::Error& e) {
            QVERIFY2(std::string(e.what()).find("SEQ_CLS adapter") != std::string::npos, e.what());
        }
    }

    // Try it's sentence through a TOKEN_CLS adapter: the words "t<id>" of row 0 (one token each, BOS added) get the
    // tags transformers' logits rank first at their positions, with that softmax probability — even with the model
    // left in training mode, where the head's dropout (p 0.1) would change them.
    void taggingOneSentenceGivesTransformersTags()
    {
        Case c = loadCase("token_cls");
        const core::LoraConfig adapter = core::loadAdapter(*c.loaded.model, (kCases / "token_cls" / "adapter").string());
        c.loaded.model->train();
        const auto row = c.expected->tensor("input_ids")[0];
        std::string text;
        for (int64_t t = 1; t < row.size(0); ++t)
            text += "t" + std::to_string(row[t].item<int64_t>()) + "  ";
        const evaltest::WordTokenizer tok;
        const std::vector<core::TaggedWord> tagged = core::tagWords(*c.loaded.model, tok, adapter.classes, text, 64);
        QCOMPARE(int64_t(tagged.size()), row.size(0) - 1);
        const auto probabilities = c.expected->tensor("logits_lora")[0].to(torch::kFloat64).softmax(-1);
        for (int64_t w = 0; w < int64_t(tagged.size()); ++w) {
            const auto best = probabilities[w + 1].max(0);
            const int64_t tag = std::get<1>(best).item<int64_t>();
            QCOMPARE(tagged[size_t(w)].word, "t" + std::to_string(row[w + 1].item<int64_t>()));
            QCOMPARE(tagged[size_t(w)].tag, adapter.classes.names[size_t(tag)]);
            QVERIFY(std::abs(tagged[size_t(w)].probability - std::get<0>(best).item<double>()) < 1e-5);
        }
        // max_length cuts the sentence as training does: the words past it are not read, so they get no tag.
        const std::vector<core::TaggedWord> cut = core::tagWords(*c.loaded.model, tok, adapter.classes, text, 4);
        QCOMPARE(cut[2].tag.empty(), false);
        QCOMPARE(cut[3].tag, std::string());
        QVERIFY_THROWS_EXCEPTION(core::Error, core::tagWords(*c.loaded.model, tok, adapter.classes, "   ", 64));
    }

    void tokenClassificationMatchesTransformers()
    {
        const fs::path dir = kCases / "token_cls";
        Case c = loadCase("token_cls");
        const auto& info = c.info;
        const auto& expected = c.expected;
        QVERIFY2(info.at("problems").empty(), info.at("problems").dump().c_str());
        auto& model = *c.loaded.model;
        QCOMPARE(model.config().classifierDropout, info.at("head_dropout").at("p").get<double>());
        const core::LoraConfig cfg = core::loadAdapter(model, (dir / "adapter").string());
        QVERIFY(cfg.taskType == core::TaskType::TokenCls);
        QVERIFY(cfg.classes.unit == core::ClassifiedUnit::Token);
        QCOMPARE(core::scoreHeadLabels(model), info.at("config").at("num_labels").get<int64_t>());
        model.eval(); // transformers' numbers are from eval(): the head's dropout is off

        const auto ids = expected->tensor("input_ids").clone();
        // Right padding: the real positions see only real tokens under causal attention, so they must match exactly;
        // the padded ones attend differently (transformers masks them) and carry no loss.
        const auto real = expected->tensor("attention_mask").to(torch::kBool);
        for (auto& p : model.parameters())
            p.mutable_grad() = torch::Tensor();
        const auto logits = core::tokenClassificationLogits(model, ids);
        QCOMPARE(logits.sizes().vec(), expected->tensor("logits_lora").sizes().vec());
        const double logitsDiff =
            maxAbsDiff(logits.detach().index({real}), expected->tensor("logits_lora").index({real}));
        QVERIFY2(logitsDiff < 1e-4, qPrintable(QString("logits differ by %1").arg(logitsDiff)));
        const auto loss = core::classificationLossSum(logits, expected->tensor("labels").clone(),
                                                      core::ProblemType::SingleLabel);
        const auto mean = loss.sum / static_cast<double>(loss.items);
        const double lossDiff = std::abs(mean.item<double>() - expected->tensor("loss").item<double>());
        QVERIFY2(lossDiff < 1e-5, qPrintable(QString("loss differs by %1").arg(lossDiff)));
        mean.backward();
        expectAdapterGradients(model, *expected, info);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(expected->contains("grad.base_model.model.score.bias")); // the token head has a bias, trained too

        // Adapter off: the LoRA layers silent and the head back to transformers' initial weight and bias.
        torch::NoGradGuard noGrad;
        for (auto& saved : model.savedParameters())
            saved.original.copy_(expected->tensor(saved.original.dim() == 2 ? "head_original.score.weight"
                                                                             : "head_original.score.bias"));
        core::setAdaptersEnabled(model, false);
        const double baseDiff = maxAbsDiff(core::tokenClassificationLogits(model, ids).index({real}),
                                           expected->tensor("logits_base").index({real}));
        QVERIFY2(baseDiff < 1e-4, qPrintable(QString("adapter-off logits differ by %1").arg(baseDiff)));
        // In training mode the head's dropout is on (p 0.1, transformers' default for Llama), so outputs change.
        model.train();
        torch::manual_seed(7);
        QVERIFY(maxAbsDiff(core::tokenClassificationLogits(model, ids), core::tokenClassificationLogits(model, ids)) > 0);
    }

    // Try it's search with a FEATURE_EXTRACTION adapter: the texts "t<id> …" of the fixture's rows (BOS added by the
    // tokenizer) ranked by the cosine of their mean-pooled embeddings — the values transformers' hidden states give,
    // nearest first, the query's own text at 1.
    void nearestTextsRankByTransformersEmbeddings()
    {
        Case c = loadCase("feature_extraction");
        core::loadAdapter(*c.loaded.model, (kCases / "feature_extraction" / "adapter").string());
        const auto ids = c.expected->tensor("input_ids");
        const auto lengths = c.expected->tensor("attention_mask").sum(1);
        const auto hidden = c.expected->tensor("last_hidden_state_lora").to(torch::kFloat64);
        std::vector<std::string> texts;
        std::vector<at::Tensor> pooled; // transformers' embeddings: mean over the real tokens, L2-normalised
        for (int64_t r = 0; r < ids.size(0); ++r) {
            const int64_t n = lengths[r].item<int64_t>();
            std::string text;
            for (int64_t t = 1; t < n; ++t)
                text += "t" + std::to_string(ids[r][t].item<int64_t>()) + " ";
            texts.push_back(text);
            const auto mean = hidden[r].narrow(0, 0, n).mean(0);
            pooled.push_back(mean / mean.norm());
        }
        const evaltest::WordTokenizer tok;
        core::EmbeddingOptions options;
        options.pooling = core::Pooling::Mean;
        options.batchSize = 2; // the corpus spans two batches, padded differently
        const std::vector<std::string> corpus = {texts[1], texts[2], texts[0]};
        const std::vector<core::NearText> near = core::nearestTexts(*c.loaded.model, tok, texts[0], corpus, options, 5);
        QCOMPARE(near.size(), size_t(3));
        QCOMPARE(near[0].text, texts[0]);
        QVERIFY(std::abs(near[0].cosine - 1.0) < 1e-5);
        for (const core::NearText& found : near) {
            const size_t row = std::find(texts.begin(), texts.end(), found.text) - texts.begin();
            const double want = pooled[0].dot(pooled[row]).item<double>();
            QVERIFY2(std::abs(found.cosine - want) < 1e-4,
                     qPrintable(QString("row %1: cosine %2 against transformers' %3").arg(row).arg(found.cosine).arg(want)));
        }
        QVERIFY(near[1].cosine >= near[2].cosine);
        QCOMPARE(core::nearestTexts(*c.loaded.model, tok, texts[0], corpus, options, 1).size(), size_t(1));
        QVERIFY_THROWS_EXCEPTION(core::Error, core::nearestTexts(*c.loaded.model, tok, texts[0], {}, options, 5));
        // A pairs file's documents: positives and negatives, each once, in first-seen order.
        core::RecordSet pairs;
        pairs.records = {{"q1", "n1", "p1"}, {"q2", "", "p2"}, {"q3", "p1", "n1"}};
        QCOMPARE(core::pairDocuments(pairs), (std::vector<std::string>{"p1", "n1", "p2"}));
    }

    void featureExtractionMatchesTransformers()
    {
        const fs::path dir = kCases / "feature_extraction";
        Case c = loadCase("feature_extraction");
        const auto& info = c.info;
        const auto& expected = c.expected;
        QVERIFY2(info.at("problems").empty(), info.at("problems").dump().c_str());
        auto& model = *c.loaded.model;
        const core::LoraConfig cfg = core::loadAdapter(model, (dir / "adapter").string());
        QVERIFY(cfg.taskType == core::TaskType::FeatureExtraction);
        model.eval();

        const auto ids = expected->tensor("input_ids").clone();
        const auto mask = expected->tensor("attention_mask").to(torch::kInt64);
        const auto real = mask.to(torch::kBool);
        for (auto& p : model.parameters())
            p.mutable_grad() = torch::Tensor();
        const auto hidden = model.hiddenStates(ids);
        const double hiddenDiff = maxAbsDiff(hidden.detach().index({real}),
                                             expected->tensor("last_hidden_state_lora").index({real}));
        QVERIFY2(hiddenDiff < 1e-4, qPrintable(QString("hidden states differ by %1").arg(hiddenDiff)));
        // The fixture's loss: mean over rows of normalize(h[b, L_b - 1]) . probe.
        const auto embeddings =
            core::sentenceEmbeddings(model, ids, mask.sum(1), core::Pooling::LastToken, /*normalize=*/true);
        QVERIFY(torch::allclose(embeddings.norm(2, -1), torch::ones({ids.size(0)}), 1e-5, 1e-6));
        const auto loss = (embeddings * expected->tensor("probe")).sum(-1).mean();
        const double lossDiff = std::abs(loss.item<double>() - expected->tensor("loss").item<double>());
        QVERIFY2(lossDiff < 1e-5, qPrintable(QString("loss differs by %1").arg(lossDiff)));
        loss.backward();
        expectAdapterGradients(model, *expected, info, "model.");
        if (QTest::currentTestFailed())
            return;

        // Saved again, the adapter has PEFT's keys for an AutoModel adapter (no "model." segment), every one of them.
        QTemporaryDir out;
        QVERIFY(out.isValid());
        core::saveAdapter(model, cfg, out.path().toStdString());
        const auto saved = core::SafetensorsFile::open(out.filePath("adapter_model.safetensors").toStdString());
        const auto original = core::SafetensorsFile::open((dir / "adapter" / "adapter_model.safetensors").string());
        QCOMPARE(saved->names(), original->names());

        torch::NoGradGuard noGrad;
        core::setAdaptersEnabled(model, false);
        const double baseDiff = maxAbsDiff(model.hiddenStates(ids).index({real}),
                                           expected->tensor("last_hidden_state_base").index({real}));
        QVERIFY2(baseDiff < 1e-4, qPrintable(QString("adapter-off hidden states differ by %1").arg(baseDiff)));
        // Mean pooling: the average of each row's real positions.
        const auto mean = core::sentenceEmbeddings(model, ids, mask.sum(1), core::Pooling::Mean, /*normalize=*/false);
        const auto h = model.hiddenStates(ids);
        QVERIFY(torch::allclose(mean[2], h[2].narrow(0, 0, 4).mean(0), 1e-5, 1e-6));
    }
    void questionAnsweringMatchesTransformers()
    {
        const fs::path dir = kCases / "question_ans";
        Case c = loadCase("question_ans");
        const auto& info = c.info;
        const auto& expected = c.expected;
        QVERIFY2(info.at("problems").empty(), info.at("problems").dump().c_str());
        QCOMPARE(info.at("backbone_prefix").get<std::string>() + ".",
                 core::peftBackboneOf(core::TaskType::QuestionAns, "llama"));
        auto& model = *c.loaded.model;
        const core::LoraConfig cfg = core::loadAdapter(model, (dir / "adapter").string());
        QVERIFY(cfg.taskType == core::TaskType::QuestionAns);
        QVERIFY(model.hasTaskHead(core::kQaHeadName));
        model.eval();

        const auto ids = expected->tensor("input_ids").clone();
        const auto mask = expected->tensor("attention_mask").to(torch::kInt64);
        const auto real = mask.to(torch::kBool);
        const auto starts = expected->tensor("start_positions"), ends = expected->tensor("end_positions");
        // Real positions see only real tokens under causal attention, so they match exactly; padded ones attend
        // differently (transformers masks padding keys) and are left out of the engine's loss.
        const core::SpanLogits logits = core::questionAnsweringLogits(model, ids);
        const double startDiff = maxAbsDiff(logits.start.detach().index({real}),
                                            expected->tensor("start_logits_lora").index({real}));
        const double endDiff =
            maxAbsDiff(logits.end.detach().index({real}), expected->tensor("end_logits_lora").index({real}));
        QVERIFY2(startDiff < 1e-4 && endDiff < 1e-4,
                 qPrintable(QString("start logits differ by %1, end logits by %2").arg(startDiff).arg(endDiff)));

        // transformers' loss from its own logits: targets clamped to [0, T], T ignored (end 12 of row 2), the two
        // sides averaged over their own kept rows.
        const core::SpanLoss hfLoss = core::spanLossSums(
            {expected->tensor("start_logits_lora"), expected->tensor("end_logits_lora")}, starts, ends);
        QCOMPARE(hfLoss.startItems, int64_t{3});
        QCOMPARE(hfLoss.endItems, int64_t{2});
        const double lossDiff = std::abs(hfLoss.mean().item<double>() - expected->tensor("loss").item<double>());
        QVERIFY2(lossDiff < 1e-6, qPrintable(QString("loss differs by %1").arg(lossDiff)));
        // Row 0 has no padding: the engine's masked loss on its own logits is transformers' number for it.
        const auto row0 = [](const at::Tensor& t) { return t.narrow(0, 0, 1); };
        const core::SpanLoss ours = core::spanLossSums({row0(logits.start), row0(logits.end)}, row0(starts),
                                                       row0(ends), row0(mask).sum(1));
        const core::SpanLoss theirs =
            core::spanLossSums({row0(expected->tensor("start_logits_lora")), row0(expected->tensor("end_logits_lora"))},
                               row0(starts), row0(ends));
        QVERIFY(std::abs(ours.mean().item<double>() - theirs.mean().item<double>()) < 1e-5);
        // On padded rows the engine's softmax leaves padding out, so its loss is not transformers' there.
        const core::SpanLoss masked = core::spanLossSums(logits, starts, ends, mask.sum(1));
        QVERIFY(std::isfinite(masked.mean().item<double>()));

        // Saved again, the adapter has PEFT's keys: the backbone under "transformer.", the head beside it.
        QTemporaryDir out;
        QVERIFY(out.isValid());
        core::saveAdapter(model, cfg, out.path().toStdString());
        const auto saved = core::SafetensorsFile::open(out.filePath("adapter_model.safetensors").toStdString());
        const auto original = core::SafetensorsFile::open((dir / "adapter" / "adapter_model.safetensors").string());
        QCOMPARE(saved->names(), original->names());
        QVERIFY(saved->contains("base_model.model.qa_outputs.bias"));
        QVERIFY(saved->contains("base_model.model.transformer.layers.0.self_attn.q_proj.lora_A.weight"));

        // Adapter off: the LoRA layers silent and the head back to transformers' initial weight and bias.
        torch::NoGradGuard noGrad;
        for (auto& savedParameter : model.savedParameters())
            savedParameter.original.copy_(expected->tensor(savedParameter.original.dim() == 2
                                                               ? "head_original.qa_outputs.weight"
                                                               : "head_original.qa_outputs.bias"));
        core::setAdaptersEnabled(model, false);
        const core::SpanLogits base = core::questionAnsweringLogits(model, ids);
        QVERIFY(maxAbsDiff(base.start.index({real}), expected->tensor("start_logits_base").index({real})) < 1e-4);
        QVERIFY(maxAbsDiff(base.end.index({real}), expected->tensor("end_logits_base").index({real})) < 1e-4);
    }

    // Which backbone segment PEFT's keys carry, per task type and architecture (transformers 5.24's
    // base_model_prefix of each *ForQuestionAnswering class); Phi-3 has none, and the message says what to use.
    void peftBackboneFollowsTransformers()
    {
        QCOMPARE(core::peftBackboneOf(core::TaskType::CausalLm, "llama"), std::string("model."));
        QCOMPARE(core::peftBackboneOf(core::TaskType::FeatureExtraction, "qwen2"), std::string());
        QCOMPARE(core::peftBackboneOf(core::TaskType::QuestionAns, "qwen3"), std::string("transformer."));
        QCOMPARE(core::peftBackboneOf(core::TaskType::QuestionAns, "mistral"), std::string("model."));
        QCOMPARE(core::peftKeyOf("model.layers.0.mlp.up_proj.lora_A.weight", "transformer."),
                 std::string("base_model.model.transformer.layers.0.mlp.up_proj.lora_A.weight"));
        QCOMPARE(core::modelNameOf("base_model.model.transformer.norm.weight", "transformer."),
                 std::string("model.norm.weight"));
        QCOMPARE(core::modelNameOf("base_model.model.qa_outputs.weight", "transformer."),
                 std::string("qa_outputs.weight"));
        try {
            core::peftBackboneOf(core::TaskType::QuestionAns, "phi3");
            QFAIL("phi3 has no question-answering class in transformers");
        } catch (const core::Error& e) {
            QVERIFY(std::string(e.what()).find("'phi3'") != std::string::npos);
            QVERIFY(std::string(e.what()).find("CAUSAL_LM") != std::string::npos);
        }
    }
};

QTEST_GUILESS_MAIN(TestTaskHeadsHf)
#include "test_task_heads_hf.moc"
