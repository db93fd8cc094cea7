// The decoder (CausalLm and its parts) against properties and against a forward pass written here with plain torch
// ops in float64, following transformers' LlamaForCausalLM line by line.
#include "common/TensorDiff.h"
#include "common/TinyModels.h"
#include "core/model/CausalLm.h"
#include "core/model/ModelLoader.h"
#include "core/model/RmsNorm.h"
#include "core/model/RotaryEmbedding.h"

#include <torch/torch.h>

#include <QtTest>

#include <cmath>
#include <limits>

using testutil::maxAbsDiff;

namespace {

// The shared tiny Llama (4 query heads) with the key/value heads and depth a test asks for.
core::ModelConfig tinyConfig(int64_t kvHeads = 2, int64_t layers = 2)
{
    auto c = testutil::tinyConfig();
    c.numKeyValueHeads = kvHeads;
    c.numHiddenLayers = layers;
    return c;
}

// Larger weights so that logits are not all near zero.
std::shared_ptr<core::CausalLm> makeModel(const core::ModelConfig& cfg, uint64_t seed = 7)
{
    auto model = testutil::randomModel(cfg, seed, /*matrixScale=*/5.0);
    torch::NoGradGuard noGrad;
    // Norm weights and biases away from their 1/0 defaults, so that the reference checks they are applied.
    auto gen = at::detail::createCPUGenerator(seed + 1);
    for (auto& item : model->named_parameters()) {
        const auto& name = item.key();
        if (name.find("norm") != std::string::npos || name.find(".bias") != std::string::npos)
            item.value().copy_(at::normal(0.5, 0.2, item.value().sizes(), gen, torch::kFloat32));
    }
    return model;
}

torch::Tensor param(core::CausalLm& model, const std::string& name)
{
    const auto params = model.named_parameters();
    const auto* p = params.find(name);
    if (!p)
        throw std::runtime_error("no parameter " + name);
    return p->detach().to(torch::kFloat64);
}

torch::Tensor refLinear(core::CausalLm& model, const std::string& name, const torch::Tensor& x)
{
    auto y = torch::matmul(x, param(model, name + ".weight").t());
    const auto params = model.named_parameters();
    if (params.find(name + ".bias"))
        y = y + param(model, name + ".bias");
    return y;
}

torch::Tensor refRmsNorm(const torch::Tensor& x, const torch::Tensor& w, double eps)
{
    return w * (x * torch::rsqrt(x.pow(2).mean(-1, /*keepdim=*/true) + eps));
}

// transformers' rotate_half convention, angles computed in float64: position p rotates the pair (i, i + D/2) by
// p * theta^(-2i/D).
torch::Tensor refRope(const torch::Tensor& x, double theta) // x: [B, H, T, D]
{
    const int64_t t = x.size(2), d = x.size(3), half = d / 2;
    auto out = torch::empty_like(x);
    for (int64_t p = 0; p < t; ++p)
        for (int64_t i = 0; i < half; ++i) {
            const double angle = p * std::pow(theta, -2.0 * i / d);
            const auto a = x.select(2, p).select(-1, i), b = x.select(2, p).select(-1, i + half);
            out.select(2, p).select(-1, i).copy_(a * std::cos(angle) - b * std::sin(angle));
            out.select(2, p).select(-1, i + half).copy_(b * std::cos(angle) + a * std::sin(angle));
        }
    return out;
}

// The whole forward pass in float64: embedding, per layer RMSNorm → attention (GQA by index, causal and sliding-window
// mask) → residual → RMSNorm → SwiGLU → residual, final norm, lm_head.
torch::Tensor referenceLogits(core::CausalLm& model, const torch::Tensor& ids)
{
    const auto& cfg = model.config();
    const int64_t b = ids.size(0), t = ids.size(1), h = cfg.numAttentionHeads, kv = cfg.numKeyValueHeads;
    const int64_t d = cfg.headDim;
    auto x = param(model, "model.embed_tokens.weight").index({ids}); // [B, T, C]
    const auto kvIndex = torch::arange(h, torch::kInt64).div(h / kv, /*rounding_mode=*/"floor"); // query -> kv head
    auto mask = torch::ones({t, t}, torch::kBool).tril();
    if (cfg.slidingWindow > 0)
        mask = mask.logical_and(torch::ones({t, t}, torch::kBool).triu(-(cfg.slidingWindow - 1)));
    for (int64_t l = 0; l < cfg.numHiddenLayers; ++l) {
        const std::string pre = "model.layers." + std::to_string(l) + ".";
        auto n = refRmsNorm(x, param(model, pre + "input_layernorm.weight"), cfg.rmsNormEps);
        auto q = refLinear(model, pre + "self_attn.q_proj", n).view({b, t, h, d}).transpose(1, 2);
        auto k = refLinear(model, pre + "self_attn.k_proj", n).view({b, t, kv, d}).transpose(1, 2);
        auto v = refLinear(model, pre + "self_attn.v_proj", n).view({b, t, kv, d}).transpose(1, 2);
        q = refRope(q, cfg.ropeTheta);
        k = refRope(k, cfg.ropeTheta).index_select(1, kvIndex);
        v = v.index_select(1, kvIndex);
        auto scores = torch::matmul(q, k.transpose(2, 3)) / std::sqrt(double(d));
        scores = scores.masked_fill(mask.logical_not(), -std::numeric_limits<double>::infinity());
        auto attn = torch::matmul(torch::softmax(scores, -1), v).transpose(1, 2).reshape({b, t, h * d});
        x = x + refLinear(model, pre + "self_attn.o_proj", attn);
        n = refRmsNorm(x, param(model, pre + "post_attention_layernorm.weight"), cfg.rmsNormEps);
        const auto gate = refLinear(model, pre + "mlp.gate_proj", n);
        const auto act = gate * torch::sigmoid(gate);
        x = x + refLinear(model, pre + "mlp.down_proj", act * refLinear(model, pre + "mlp.up_proj", n));
    }
    x = refRmsNorm(x, param(model, "model.norm.weight"), cfg.rmsNormEps);
    const auto head = cfg.tieWordEmbeddings ? param(model, "model.embed_tokens.weight") : param(model, "lm_head.weight");
    return torch::matmul(x, head.t());
}

torch::Tensor randomIds(int64_t b, int64_t t, int64_t vocab, uint64_t seed)
{
    auto gen = at::detail::createCPUGenerator(seed);
    return at::randint(0, vocab, {b, t}, gen, torch::kInt64);
}

} // namespace

class TestDecoder : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parameterNamesMatchTransformers()
    {
        auto model = makeModel(tinyConfig());
        const auto params = model->named_parameters();
        for (const char* name :
             {"model.embed_tokens.weight", "model.layers.0.self_attn.q_proj.weight",
              "model.layers.1.self_attn.k_proj.weight", "model.layers.1.self_attn.v_proj.weight",
              "model.layers.1.self_attn.o_proj.weight", "model.layers.0.mlp.gate_proj.weight",
              "model.layers.0.mlp.up_proj.weight", "model.layers.0.mlp.down_proj.weight",
              "model.layers.0.input_layernorm.weight", "model.layers.0.post_attention_layernorm.weight",
              "model.norm.weight", "lm_head.weight"})
            QVERIFY2(params.find(name), name);
        QVERIFY(params.find("model.layers.0.self_attn.k_proj.weight")->sizes() == at::IntArrayRef({16, 32}));
        QVERIFY(params.find("model.layers.0.mlp.down_proj.weight")->sizes() == at::IntArrayRef({32, 48}));
        QVERIFY(!params.find("model.layers.0.self_attn.q_proj.bias"));
    }

    void logitsMatchReferenceForward()
    {
        auto model = makeModel(tinyConfig());
        const auto ids = randomIds(2, 11, 64, 1);
        torch::NoGradGuard noGrad;
        const auto logits = model->logits(ids);
        QVERIFY(logits.sizes() == at::IntArrayRef({2, 11, 64}));
        QVERIFY(logits.scalar_type() == torch::kFloat32);
        const auto ref = referenceLogits(*model, ids);
        QVERIFY(ref.abs().max().item<double>() > 0.5); // logits are not trivially small
        QVERIFY2(maxAbsDiff(logits, ref) < 1e-4, qPrintable(QString::number(maxAbsDiff(logits, ref))));
    }

    void biasesAndTiedEmbeddingsMatchReference()
    {
        auto cfg = tinyConfig();
        cfg.architecture = "Qwen2ForCausalLM";
        cfg.modelType = "qwen2";
        cfg.qkvBias = true;
        cfg.tieWordEmbeddings = true;
        auto model = makeModel(cfg);
        QVERIFY(model->named_parameters().find("model.layers.0.self_attn.q_proj.bias"));
        QVERIFY(!model->named_parameters().find("model.layers.0.self_attn.o_proj.bias"));
        // The head shares the embedding's storage.
        QCOMPARE(model->linear("lm_head")->baseWeight().data_ptr(), model->stack()->embedTokens->weight.data_ptr());
        const auto ids = randomIds(1, 9, 64, 2);
        torch::NoGradGuard noGrad;
        QVERIFY(maxAbsDiff(model->logits(ids), referenceLogits(*model, ids)) < 1e-4);
    }

    void causality()
    {
        auto model = makeModel(tinyConfig());
        torch::NoGradGuard noGrad;
        const auto ids = randomIds(2, 12, 64, 3);
        const auto before = model->logits(ids);
        for (int64_t t : {0, 5, 11}) {
            auto changed = ids.clone();
            changed.index_put_({torch::indexing::Slice(), t}, (ids.index({torch::indexing::Slice(), t}) + 1) % 64);
            const auto after = model->logits(changed);
            if (t > 0)
                QVERIFY(torch::allclose(before.narrow(1, 0, t), after.narrow(1, 0, t), 0.0, 1e-6));
            // The changed position and every later one see the new token.
            for (int64_t p = t; p < 12; ++p)
                QVERIFY(maxAbsDiff(before.select(1, p), after.select(1, p)) > 1e-4);
        }
    }

    void kvCacheEqualsFullSequence()
    {
        for (int64_t kv : {4, 2, 1}) {
            auto model = makeModel(tinyConfig(kv));
            torch::NoGradGuard noGrad;
            const auto ids = randomIds(2, 10, 64, 4);
            const auto full = model->logits(ids);
            core::KvCache cache;
            std::vector<torch::Tensor> parts;
            parts.push_back(model->logits(ids.narrow(1, 0, 4), &cache)); // prompt
            parts.push_back(model->logits(ids.narrow(1, 4, 3), &cache)); // a chunk
            for (int64_t t = 7; t < 10; ++t)                            // one token at a time
                parts.push_back(model->logits(ids.narrow(1, t, 1), &cache));
            QCOMPARE(cache.size(), size_t(2));
            QVERIFY(cache[0].keys.sizes() == at::IntArrayRef({2, kv, 10, 8}));
            const auto incremental = torch::cat(parts, 1);
            QVERIFY2(maxAbsDiff(full, incremental) < 1e-5, qPrintable(QString::number(maxAbsDiff(full, incremental))));
        }
    }

    void gqaEqualsMhaWithRepeatedKeyValueWeights()
    {
        auto gqa = makeModel(tinyConfig(/*kvHeads=*/2));
        auto mha = std::make_shared<core::CausalLm>(tinyConfig(/*kvHeads=*/4));
        mha->eval();
        const int64_t groups = 2, d = 8, c = 32;
        {
            torch::NoGradGuard noGrad;
            const auto src = gqa->named_parameters();
            for (auto& item : mha->named_parameters()) {
                auto w = src.find(item.key())->detach();
                if (item.key().find("k_proj") != std::string::npos || item.key().find("v_proj") != std::string::npos) {
                    // kv head j serves query heads j*groups … j*groups+groups-1: repeat each head's rows per group.
                    QCOMPARE(w.size(0), 2 * d);
                    w = w.view({2, 1, d, c}).expand({2, groups, d, c}).reshape({4 * d, c});
                }
                item.value().copy_(w);
            }
        }
        torch::NoGradGuard noGrad;
        const auto ids = randomIds(2, 9, 64, 5);
        const auto a = gqa->logits(ids), b = mha->logits(ids);
        QVERIFY2(maxAbsDiff(a, b) < 1e-5, qPrintable(QString::number(maxAbsDiff(a, b))));
        QVERIFY(maxAbsDiff(a, referenceLogits(*gqa, ids)) < 1e-4);
    }

    void defaultAndLinearInverseFrequencies()
    {
        auto cfg = tinyConfig();
        cfg.headDim = 16;
        cfg.ropeTheta = 500000.0;
        const auto plain = core::RotaryEmbedding(cfg).inverseFrequencies();
        QCOMPARE(plain.numel(), int64_t(8));
        QVERIFY(plain.scalar_type() == torch::kFloat32);
        for (int64_t i = 0; i < 8; ++i)
            QVERIFY(std::abs(plain[i].item<double>() - std::pow(500000.0, -2.0 * i / 16)) <
                    1e-6 * std::pow(500000.0, -2.0 * i / 16));
        cfg.ropeScaling = core::RopeScaling{"linear", 4.0};
        const auto linear = core::RotaryEmbedding(cfg).inverseFrequencies();
        for (int64_t i = 0; i < 8; ++i)
            QVERIFY(std::abs(linear[i].item<double>() - std::pow(500000.0, -2.0 * i / 16) / 4.0) <
                    1e-6 * std::pow(500000.0, -2.0 * i / 16));
    }

    void llama3InverseFrequencies()
    {
        auto cfg = tinyConfig();
        cfg.headDim = 32;
        cfg.ropeTheta = 10000.0;
        core::RopeScaling rs;
        rs.type = "llama3";
        rs.factor = 8.0;
        rs.lowFreqFactor = 1.0;
        rs.highFreqFactor = 4.0;
        rs.originalMaxPositionEmbeddings = 256;
        cfg.ropeScaling = rs;
        const auto invFreq = core::RotaryEmbedding(cfg).inverseFrequencies();
        QCOMPARE(invFreq.numel(), int64_t(16));

        // transformers' _compute_llama3_parameters, in doubles.
        const double lowWavelen = 256 / 1.0, highWavelen = 256 / 4.0;
        int low = 0, medium = 0, high = 0;
        for (int64_t i = 0; i < 16; ++i) {
            const double base = 1.0 / std::pow(10000.0, 2.0 * i / 32);
            const double wavelen = 2 * M_PI / base;
            double expected;
            if (wavelen < highWavelen) {
                expected = base;
                ++high;
            } else if (wavelen > lowWavelen) {
                expected = base / 8.0;
                ++low;
            } else {
                const double smooth = (256 / wavelen - 1.0) / (4.0 - 1.0);
                expected = (1 - smooth) * base / 8.0 + smooth * base;
                ++medium;
            }
            const double got = invFreq[i].item<double>();
            QVERIFY2(std::abs(got - expected) <= 2e-6 * expected,
                     qPrintable(QString("i=%1 got %2 expected %3").arg(i).arg(got, 0, 'g', 10).arg(expected, 0, 'g', 10)));
        }
        // The test covers all three bands.
        QVERIFY(low > 0 && medium > 0 && high > 0);
    }

    void rmsNormMatchesFormula()
    {
        core::RmsNorm norm(32, 1e-5);
        auto gen = at::detail::createCPUGenerator(9);
        {
            torch::NoGradGuard noGrad;
            norm.named_parameters()["weight"].copy_(at::normal(1.0, 0.5, {32}, gen, torch::kFloat32));
        }
        const auto w = norm.named_parameters()["weight"].detach().to(torch::kFloat64);
        const auto x = at::normal(0.0, 3.0, {2, 5, 32}, gen, torch::kFloat32);
        torch::NoGradGuard noGrad;
        const auto y = norm.forward(x);
        QVERIFY(y.scalar_type() == torch::kFloat32);
        // y_i = w_i * x_i / sqrt(mean_j x_j^2 + eps), by hand for one row too.
        const auto xd = x.to(torch::kFloat64);
        const auto expected = w * xd / torch::sqrt(xd.pow(2).mean(-1, true) + 1e-5);
        QVERIFY(maxAbsDiff(y, expected) < 1e-5);
        double sumSquares = 0;
        for (int64_t i = 0; i < 32; ++i)
            sumSquares += std::pow(x[1][3][i].item<double>(), 2);
        const double rms = std::sqrt(sumSquares / 32 + 1e-5);
        QVERIFY(std::abs(y[1][3][7].item<double>() - w[7].item<double>() * x[1][3][7].item<double>() / rms) < 1e-5);

        // A bf16 model: bf16 in, bf16 out (computed in float32 inside, as transformers does).
        norm.to(torch::kBFloat16);
        const auto yb = norm.forward(x.to(torch::kBFloat16));
        QVERIFY(yb.scalar_type() == torch::kBFloat16);
        QVERIFY(maxAbsDiff(yb, expected) < 0.05 * expected.abs().max().item<double>());
    }

    void lossMatchesCrossEntropyOverShiftedLogits()
    {
        auto model = makeModel(tinyConfig());
        auto ids = randomIds(3, 8, 64, 6);
        auto labels = ids.clone();
        // Row 0: a prompt masked out (loss on the response only).
        labels.index_put_({0, torch::indexing::Slice(0, 3)}, -100);
        // Row 1: nothing carries loss.
        labels.index_put_({1}, -100);
        // Row 2: right padding (pad id 0, label -100).
        ids.index_put_({2, torch::indexing::Slice(5, 8)}, 0);
        labels.index_put_({2, torch::indexing::Slice(5, 8)}, -100);

        torch::NoGradGuard noGrad;
        const auto logits = model->logits(ids).to(torch::kFloat64);
        // cross_entropy(logits[:, :-1], labels[:, 1:], ignore_index=-100), written out.
        const auto logProbs = torch::log_softmax(logits, -1);
        double sum = 0;
        int64_t count = 0;
        for (int64_t b = 0; b < 3; ++b)
            for (int64_t t = 0; t + 1 < 8; ++t) {
                const int64_t target = labels[b][t + 1].item<int64_t>();
                if (target == -100)
                    continue;
                sum -= logProbs[b][t][target].item<double>();
                ++count;
            }
        QCOMPARE(count, int64_t(5 + 0 + 4)); // row 0: targets 3..7; row 2: targets 1..4
        const auto loss = model->lossSum(ids, labels);
        QCOMPARE(loss.tokens, count);
        QVERIFY(loss.sum.scalar_type() == torch::kFloat32);
        QVERIFY2(std::abs(loss.sum.item<double>() - sum) < 1e-4 * sum,
                 qPrintable(QString("%1 vs %2").arg(loss.sum.item<double>()).arg(sum)));
        const double mean = model->meanLoss(ids, labels).item<double>();
        QVERIFY(std::abs(mean - sum / count) < 1e-4 * (sum / count));

        // Right padding does not change the loss of the real tokens: row 2 alone, unpadded.
        const auto alone = model->lossSum(ids.index({torch::indexing::Slice(2, 3), torch::indexing::Slice(0, 5)}),
                                          labels.index({torch::indexing::Slice(2, 3), torch::indexing::Slice(0, 5)}));
        QCOMPARE(alone.tokens, int64_t(4));
        double rowSum = 0;
        for (int64_t t = 0; t < 4; ++t)
            rowSum -= logProbs[2][t][labels[2][t + 1].item<int64_t>()].item<double>();
        QVERIFY(std::abs(alone.sum.item<double>() - rowSum) < 1e-4 * rowSum);
    }

    void lossWithNothingToPredictIsZeroAndConnected()
    {
        auto model = makeModel(tinyConfig());
        const auto ids = randomIds(2, 5, 64, 8);
        const auto labels = torch::full({2, 5}, -100, torch::kInt64);
        const auto loss = model->lossSum(ids, labels);
        QCOMPARE(loss.tokens, int64_t(0));
        QCOMPARE(loss.sum.item<double>(), 0.0);
        QVERIFY(std::isfinite(model->meanLoss(ids, labels).item<double>()));
    }

    void lossGradientMatchesFullLogitsGradient()
    {
        // Computing logits only where labels carry loss must not change gradients either.
        auto model = makeModel(tinyConfig());
        auto ids = randomIds(2, 7, 64, 10);
        auto labels = ids.clone();
        labels.index_put_({0, torch::indexing::Slice(0, 4)}, -100);
        const auto head = model->linear("lm_head")->baseWeight();
        model->zero_grad();
        model->meanLoss(ids, labels).backward();
        const auto grad = head.grad().clone();
        model->zero_grad();
        const auto logits = model->logits(ids);
        const auto ref = torch::nn::functional::cross_entropy(
            logits.narrow(1, 0, 6).reshape({-1, 64}), labels.narrow(1, 1, 6).reshape({-1}),
            torch::nn::functional::CrossEntropyFuncOptions().ignore_index(-100));
        ref.backward();
        QVERIFY(maxAbsDiff(grad, head.grad()) < 1e-6);
        QVERIFY(grad.abs().max().item<double>() > 0);
    }

    void slidingWindowMasksFarTokens()
    {
        auto cfg = tinyConfig(2, /*layers=*/1);
        cfg.architecture = "MistralForCausalLM";
        cfg.modelType = "mistral";
        cfg.slidingWindow = 4;
        auto model = makeModel(cfg);
        torch::NoGradGuard noGrad;
        const auto ids = randomIds(1, 10, 64, 11);
        const auto before = model->logits(ids);
        QVERIFY(maxAbsDiff(before, referenceLogits(*model, ids)) < 1e-4);
        auto changed = ids.clone();
        changed[0][0] = (ids[0][0].item<int64_t>() + 1) % 64;
        const auto after = model->logits(changed);
        // One layer with window 4: position p sees p-3 … p, so token 0 reaches positions 0..3 only.
        for (int64_t p = 0; p < 4; ++p)
            QVERIFY(maxAbsDiff(before.select(1, p), after.select(1, p)) > 1e-4);
        QVERIFY(torch::allclose(before.narrow(1, 4, 6), after.narrow(1, 4, 6), 0.0, 1e-6));

        // The same weights without the window attend to everything.
        auto full = std::make_shared<core::CausalLm>(tinyConfig(2, 1));
        full->eval();
        {
            const auto src = model->named_parameters();
            for (auto& item : full->named_parameters())
                item.value().copy_(*src.find(item.key()));
        }
        const auto unwindowed = full->logits(ids);
        QVERIFY(torch::allclose(before.narrow(1, 0, 4), unwindowed.narrow(1, 0, 4), 0.0, 1e-5));
        QVERIFY(maxAbsDiff(before.narrow(1, 4, 6), unwindowed.narrow(1, 4, 6)) > 1e-4);

        // Incremental decoding keeps the window.
        core::KvCache cache;
        std::vector<torch::Tensor> parts{model->logits(ids.narrow(1, 0, 6), &cache)};
        for (int64_t t = 6; t < 10; ++t)
            parts.push_back(model->logits(ids.narrow(1, t, 1), &cache));
        QVERIFY(maxAbsDiff(torch::cat(parts, 1), before) < 1e-5);
    }

    void slidingWindowTwoLayersMatchesReference()
    {
        auto cfg = tinyConfig(1, 2);
        cfg.slidingWindow = 3;
        auto model = makeModel(cfg);
        torch::NoGradGuard noGrad;
        const auto ids = randomIds(2, 9, 64, 12);
        QVERIFY(maxAbsDiff(model->logits(ids), referenceLogits(*model, ids)) < 1e-4);
    }

    void bfloat16ModelRunsAndStaysClose()
    {
        auto model = makeModel(tinyConfig());
        const auto ids = randomIds(1, 6, 64, 13);
        torch::NoGradGuard noGrad;
        const auto fp32 = model->logits(ids);
        model->to(torch::kBFloat16);
        const auto bf16 = model->logits(ids);
        QVERIFY(bf16.scalar_type() == torch::kFloat32); // logits always come back as float32
        QVERIFY(maxAbsDiff(fp32, bf16) < 0.1 * fp32.abs().max().item<double>());
    }
};

QTEST_APPLESS_MAIN(TestDecoder)
#include "test_decoder.moc"
