// FEATURE_EXTRACTION training's loss against Hugging Face transformers + PEFT: tests/data/reference/contrastive (made
// by tests/reference/make_contrastive_reference.py) holds a PEFT adapter of the bare Llama backbone and, for four
// pairs of queries and positives (and hard negatives), the in-batch contrastive loss of sentence-transformers'
// MultipleNegativesRankingLoss (temperature 0.05) with mean and last-token pooling, its score matrix and its
// gradients for every adapter tensor. Here the same batch goes through the engine's training path
// (embedPairBatch + pairLoss, as TaskObjective calls them).
#include "common/TensorDiff.h"
#include "core/data/Collator.h"
#include "core/eval/PairEmbeddings.h"
#include "core/io/JsonFile.h"
#include "core/io/Safetensors.h"
#include "core/lora/AdapterIO.h"
#include "core/model/ModelLoader.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <QtTest>

#include <filesystem>
#include <map>

namespace fs = std::filesystem;
using testutil::maxAbsDiff;

namespace {

const fs::path kCase = fs::path(LORAWB_TEST_DATA_DIR) / "reference" / "contrastive";
const fs::path kRepo = fs::path(LORAWB_TEST_DATA_DIR).parent_path().parent_path();

} // namespace

class TestContrastiveHf : public QObject {
    Q_OBJECT
    nlohmann::json m_info;
    std::shared_ptr<core::SafetensorsFile> m_expected;
    core::LoadedModel m_loaded;
    core::LoraConfig m_adapter;

    // The fixture's batch as the collator lays it out: queries in inputIds, positives and negatives beside them.
    core::Batch batch(bool triplets) const
    {
        core::Batch b;
        b.inputIds = m_expected->tensor("query_ids").clone();
        b.attentionMask = m_expected->tensor("query_mask").to(torch::kInt64);
        b.positiveIds = m_expected->tensor("positive_ids").clone();
        b.positiveLengths = m_expected->tensor("positive_mask").to(torch::kInt64).sum(1);
        if (triplets) {
            b.negativeIds = m_expected->tensor("negative_ids").clone();
            b.negativeLengths = m_expected->tensor("negative_mask").to(torch::kInt64).sum(1);
        }
        return b;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_info = core::readJsonFile((kCase / "expected.json").string(), "fixture");
        QVERIFY2(m_info.at("problems").empty(), m_info.at("problems").dump().c_str());
        m_expected = core::SafetensorsFile::open((kCase / "expected.safetensors").string());
        core::LoadOptions options;
        options.device = "cpu";
        options.dtype = "float32";
        options.loadTokenizer = false;
        m_loaded = core::loadModel((kRepo / m_info.at("base_model").get<std::string>()).string(), options);
        m_adapter = core::loadAdapter(*m_loaded.model, (kCase / "adapter").string());
        QVERIFY(m_adapter.taskType == core::TaskType::FeatureExtraction);
        QVERIFY(!m_adapter.contrastive); // PEFT wrote it: no pooling recorded
        m_loaded.model->eval();
    }

    void lossAndScoresMatchSentenceTransformersDefinition_data()
    {
        QTest::addColumn<QString>("variant");
        for (const char* v : {"mean_pairs", "mean_triplets", "last_pairs", "last_triplets"})
            QTest::newRow(v) << QString(v);
    }

    void lossAndScoresMatchSentenceTransformersDefinition()
    {
        QFETCH(QString, variant);
        const std::string v = variant.toStdString();
        const auto& info = m_info.at("variants").at(v);
        const core::Pooling pooling = core::parsePooling(info.at("pooling").get<std::string>(), "pooling");
        const bool triplets = info.at("candidates").get<std::string>() == "triplets";
        auto& model = *m_loaded.model;
        for (auto& p : model.parameters())
            p.mutable_grad() = torch::Tensor();
        const core::PairEmbeddings embeddings = core::embedPairBatch(model, batch(triplets), pooling);
        QVERIFY(torch::allclose(embeddings.queries.norm(2, -1), torch::ones({4}), 1e-5, 1e-6));
        const core::ContrastiveLoss loss = core::pairLoss(embeddings, m_info.at("temperature").get<double>());
        QCOMPARE(loss.items, int64_t(4));
        const double mean = loss.sum.item<double>() / 4;
        const double want = m_expected->tensor("loss." + v).item<double>();
        QVERIFY2(std::abs(mean - want) < 1e-5, qPrintable(QString("loss %1, HF %2").arg(mean).arg(want)));
        const double scoreDiff = maxAbsDiff(loss.scores.detach(), m_expected->tensor("scores." + v));
        QVERIFY2(scoreDiff < 1e-4, qPrintable(QString("scores differ by %1").arg(scoreDiff)));

        const auto& gradVariants = m_info.at("grad_variants");
        if (std::find(gradVariants.begin(), gradVariants.end(), v) == gradVariants.end())
            return;
        (loss.sum / 4).backward();
        std::map<std::string, at::Tensor> params;
        for (const auto& item : model.named_parameters())
            params[item.key()] = item.value();
        int grads = 0;
        const std::string prefix = "grad." + v + ".base_model.model.";
        for (const auto& key : m_expected->names()) {
            if (key.rfind(prefix, 0) != 0)
                continue;
            // PEFT saved the bare backbone (no "model." in its keys); the engine's parameters sit under model.
            const std::string ours = "model." + key.substr(prefix.size());
            QVERIFY2(params.count(ours) && params[ours].grad().defined(), ("no gradient for " + ours).c_str());
            const auto wantGrad = m_expected->tensor(key);
            const double rel =
                maxAbsDiff(params[ours].grad(), wantGrad) / std::max(wantGrad.abs().max().item<double>(), 1e-12);
            QVERIFY2(rel < 1e-4, qPrintable(QString("%1: gradient differs, relative %2").arg(ours.c_str()).arg(rel)));
            ++grads;
        }
        QCOMPARE(grads, static_cast<int>(m_info.at("adapter_tensors").size()));
    }

    // The collator builds the same batch from examples (mixed: only some pairs have a negative).
    void collatorLaysPairsOutAsTheLossReadsThem()
    {
        std::vector<core::Example> examples(3);
        examples[0].inputIds = {1, 5, 6};
        examples[0].positiveIds = {1, 7};
        examples[1].inputIds = {1, 8};
        examples[1].positiveIds = {1, 9, 10, 11};
        examples[1].negativeIds = {1, 12};
        examples[2].inputIds = {1, 13, 14, 15};
        examples[2].positiveIds = {1, 16};
        for (auto& e : examples)
            e.labels.assign(e.inputIds.size(), core::kIgnoreIndex);
        const core::Batch b = core::collate(examples, {0, 1, 2}, /*padId=*/0);
        QCOMPARE(b.inputIds.sizes(), (c10::IntArrayRef{3, 4}));
        QCOMPARE(b.positiveIds.sizes(), (c10::IntArrayRef{3, 4}));
        QCOMPARE(b.positiveLengths[1].item<int64_t>(), int64_t(4));
        QCOMPARE(b.negativeIds.sizes(), (c10::IntArrayRef{1, 2})); // only the second pair brings one
        QCOMPARE(b.negativeIds[0][1].item<int64_t>(), int64_t(12));
        QCOMPARE(b.positiveIds[0][2].item<int64_t>(), int64_t(0)); // padded
        QCOMPARE(b.tokens, int64_t(9 + 8 + 2));
        const core::Batch none = core::collate(examples, {0, 2}, 0);
        QVERIFY(!none.negativeIds.defined());
    }
};

QTEST_GUILESS_MAIN(TestContrastiveHf)
#include "test_contrastive_hf.moc"
