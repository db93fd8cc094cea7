// PiSSA and OLoRA (core/lora/BaseRewritingInit.h, LoraLinear): checked against what the two methods promise, computed
// here in float64 — the model is unchanged at step 0, scaling·B₀A₀ is W's best rank-r part (PiSSA) or its QR's first r
// terms (OLoRA), switching the adapter off gives W back, and the plain-LoRA factors carry the same change. That the
// numbers equal PEFT's own is test_reference_hf's job (tests/data/reference/llama_head_dim/{pissa,olora}).
#include "common/TensorDiff.h"
#include "common/ErrorCapture.h"
#include "core/common/Error.h"
#include "core/lora/BaseRewritingInit.h"
#include "core/lora/LoraLinear.h"

#include <torch/torch.h>

#include <QtTest>

using testutil::maxAbsDiff;

namespace {

// out × in with singular values 2·0.7^i (distinct and well separated, as trained weights' are) and random directions.
torch::Tensor decayingWeight(int64_t out, int64_t in, uint64_t seed)
{
    auto gen = at::detail::createCPUGenerator(seed);
    const auto opts = torch::TensorOptions(torch::kFloat64);
    const auto u = std::get<0>(torch::linalg_qr(at::normal(0.0, 1.0, {out, std::min(out, in)}, gen, opts)));
    const auto v = std::get<0>(torch::linalg_qr(at::normal(0.0, 1.0, {in, std::min(out, in)}, gen, opts)));
    const auto s = 2.0 * torch::pow(0.7, torch::arange(std::min(out, in), opts));
    return torch::matmul(u * s, v.t()).to(torch::kFloat32);
}

std::shared_ptr<core::DenseLinear> denseWith(const torch::Tensor& weight, bool bias = true)
{
    auto layer = std::make_shared<core::DenseLinear>(weight.size(1), weight.size(0), bias);
    torch::NoGradGuard noGrad;
    layer->baseWeight().copy_(weight);
    if (bias)
        layer->baseBias().copy_(torch::linspace(-0.5, 0.5, weight.size(0)));
    for (auto& p : layer->parameters())
        p.set_requires_grad(false);
    return layer;
}

core::LoraLayerOptions options(core::LoraInit init, int r = 4, double alpha = 8, int niter = 4)
{
    core::LoraLayerOptions o;
    o.r = r;
    o.loraAlpha = alpha;
    o.init = init;
    o.initNiter = niter;
    return o;
}

at::Generator generator(uint64_t seed) { return at::detail::createCPUGenerator(seed); }

torch::Tensor input(uint64_t seed, int64_t in)
{
    return at::normal(0.0, 1.0, {3, 5, in}, generator(seed), torch::TensorOptions(torch::kFloat32));
}

// W's best rank-r approximation, float64.
torch::Tensor bestRankR(const torch::Tensor& w, int r)
{
    auto [u, s, vh] = torch::linalg_svd(w.to(torch::kFloat64), false);
    return torch::matmul(u.narrow(1, 0, r) * s.narrow(0, 0, r), vh.narrow(0, 0, r));
}

torch::Tensor scaledProduct(const core::LoraLinear& layer)
{
    return torch::matmul(layer.loraB().to(torch::kFloat64), layer.loraA().to(torch::kFloat64)) * layer.scaling();
}

void nudge(core::LoraLinear& layer, uint64_t seed)
{
    torch::NoGradGuard noGrad;
    auto gen = generator(seed);
    layer.loraA().add_(at::normal(0.0, 0.05, layer.loraA().sizes(), gen, torch::kFloat32));
    layer.loraB().add_(at::normal(0.0, 0.05, layer.loraB().sizes(), gen, torch::kFloat32));
}

} // namespace

class TestBaseRewritingInit : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void pissaTakesTheTopSingularDirectionsAndLeavesTheModelUnchanged()
    {
        const auto w = decayingWeight(12, 16, 1);
        auto base = denseWith(w);
        const auto x = input(2, 16);
        torch::NoGradGuard noGrad;
        const auto before = base->forward(x);
        core::LoraLinear lora(base, options(core::LoraInit::Pissa), generator(3));
        QVERIFY(lora.rewroteBase());
        QVERIFY2(maxAbsDiff(lora.forward(x), before) < 1e-5, "the model changed at step 0");
        QVERIFY(maxAbsDiff(scaledProduct(lora), bestRankR(w, 4)) < 1e-5);
        // The base keeps the rest: its singular values are W's from the fifth on.
        const auto residual = torch::linalg_svdvals(base->baseWeight().to(torch::kFloat64));
        const auto all = torch::linalg_svdvals(w.to(torch::kFloat64));
        QVERIFY(maxAbsDiff(residual.narrow(0, 0, 8), all.narrow(0, 4, 8)) < 1e-5);
        // A = √(S/scaling)·Vᵀ: its rows are orthogonal, with squared norms S_i / scaling.
        const auto gram = torch::matmul(lora.loraA(), lora.loraA().t()).to(torch::kFloat64);
        QVERIFY(maxAbsDiff(gram, torch::diag(all.narrow(0, 0, 4) / lora.scaling())) < 1e-5);
    }

    void pissaNiterApproximatesTheExactSvdAndFollowsItsSeed()
    {
        const auto w = decayingWeight(20, 24, 4);
        auto run = [&](uint64_t seed, int niter) {
            auto base = denseWith(w);
            core::LoraLinear lora(base, options(core::LoraInit::PissaNiter, 4, 8, niter), generator(seed));
            return std::make_pair(scaledProduct(lora), base->baseWeight().clone());
        };
        const auto exact = bestRankR(w, 4);
        auto error = [&](int niter) {
            return (run(5, niter).first - exact).norm().item<double>() / exact.norm().item<double>();
        };
        // With no oversampling (torch.svd_lowrank's q = r, as PEFT calls it) the error shrinks like
        // (σ₅/σ₄)^(2·niter+1) = 0.7^(2·niter+1): about 2e-3 after 8 iterations, 8e-6 after 16.
        const double after2 = error(2), after8 = error(8), after16 = error(16);
        QVERIFY2(after16 < after8 && after8 < after2, qPrintable(QString("%1 %2 %3").arg(after2).arg(after8).arg(after16)));
        QVERIFY2(after8 < 1e-2 && after16 < 1e-4, qPrintable(QString("%1 %2").arg(after8).arg(after16)));
        const auto residual = run(5, 8).second;
        QVERIFY(torch::equal(run(5, 8).second, residual));  // one seed, one residual (a resumed run needs it)
        QVERIFY(!torch::equal(run(6, 8).second, residual)); // another seed, another draw
    }

    void randomizedSvdIsExactWhenTheRankFits()
    {
        auto gen = generator(7);
        const auto opts = torch::TensorOptions(torch::kFloat64);
        const auto m = torch::matmul(at::normal(0.0, 1.0, {10, 3}, gen, opts), at::normal(0.0, 1.0, {3, 9}, gen, opts));
        const auto low = core::randomizedSvd(m, 5, 0, generator(8));
        QCOMPARE(low.u.sizes(), (at::IntArrayRef{10, 5}));
        QCOMPARE(low.v.sizes(), (at::IntArrayRef{9, 5}));
        QVERIFY(maxAbsDiff(torch::matmul(low.u * low.s, low.v.t()), m) < 1e-10);
    }

    void oloraIsTheFirstTermsOfAQr()
    {
        const auto w = decayingWeight(16, 12, 9); // tall: Q is 16 × 12
        auto base = denseWith(w, /*bias=*/false);
        const auto x = input(10, 12);
        torch::NoGradGuard noGrad;
        const auto before = base->forward(x);
        core::LoraLinear lora(base, options(core::LoraInit::Olora, 4, 8), generator(11));
        QVERIFY(maxAbsDiff(lora.forward(x), before) < 1e-5);
        // B has orthonormal columns, A is upper triangular, and B·A reproduces W's first r columns exactly.
        QVERIFY(maxAbsDiff(torch::matmul(lora.loraB().t(), lora.loraB()), torch::eye(4)) < 1e-5);
        QVERIFY(torch::equal(torch::tril(lora.loraA(), -1), torch::zeros_like(lora.loraA())));
        const auto product = torch::matmul(lora.loraB(), lora.loraA());
        QVERIFY(maxAbsDiff(product.narrow(1, 0, 4), w.narrow(1, 0, 4)) < 1e-5);
        // Not divided by the scaling (as PEFT): the residual is W − scaling·B·A.
        QVERIFY(maxAbsDiff(base->baseWeight(), w - lora.scaling() * product) < 1e-5);
    }

    void offAndRemovedGiveTheOriginalWeightBack()
    {
        for (const auto init : {core::LoraInit::Pissa, core::LoraInit::Olora}) {
            const auto w = decayingWeight(12, 16, 12);
            auto base = denseWith(w);
            const auto x = input(13, 16);
            torch::NoGradGuard noGrad;
            const auto original = base->forward(x);
            core::LoraLinear lora(base, options(init), generator(14));
            nudge(lora, 15); // trained
            QVERIFY(maxAbsDiff(lora.forward(x), original) > 1e-2);
            lora.setEnabled(false);
            QVERIFY2(maxAbsDiff(lora.forward(x), original) < 1e-5, "off is not the original layer");
            lora.setEnabled(true);
            lora.merge();
            lora.setEnabled(false); // unmerges first
            QVERIFY(maxAbsDiff(lora.forward(x), original) < 1e-5);
            lora.restoreBaseWeight();
            QVERIFY(!lora.rewroteBase());
            QVERIFY(maxAbsDiff(base->baseWeight(), w) < 1e-6);
        }
    }

    void plainFactorsCarryTheTrainedChangeAtTwiceTheRank()
    {
        const auto w = decayingWeight(12, 16, 16);
        auto base = denseWith(w);
        const auto x = input(17, 16);
        core::LoraLinear lora(base, options(core::LoraInit::Pissa, 4, 16), generator(18));
        nudge(lora, 19);
        torch::NoGradGuard noGrad;
        const auto trained = lora.forward(x);
        const auto [a, b] = lora.plainLoraFactors();
        QCOMPARE(a.sizes(), (at::IntArrayRef{8, 16}));
        QCOMPARE(b.sizes(), (at::IntArrayRef{12, 8}));
        // On the original W, scaling·[B, −B₀][A; A₀] gives what the residual + scaling·B·A gives.
        const auto plain = torch::matmul(x, (w + lora.scaling() * torch::matmul(b, a)).t()) + base->baseBias();
        QVERIFY(maxAbsDiff(plain, trained) < 1e-5);
    }

    void bfloat16BaseKeepsAFloat32Start()
    {
        const auto w = decayingWeight(12, 16, 20);
        auto base = denseWith(w);
        base->to(torch::kBFloat16);
        const auto x = input(21, 16).to(torch::kBFloat16);
        torch::NoGradGuard noGrad;
        const auto before = base->forward(x).to(torch::kFloat32);
        core::LoraLinear lora(base, options(core::LoraInit::Pissa), generator(22));
        QCOMPARE(base->baseWeight().scalar_type(), torch::kBFloat16);
        QCOMPARE(lora.loraA().scalar_type(), torch::kFloat32);
        QVERIFY(maxAbsDiff(lora.forward(x).to(torch::kFloat32), before) < 0.05); // bf16 keeps ~3 digits
    }

    void rankAboveTheSmallerSideIsRefused()
    {
        auto base = denseWith(decayingWeight(6, 16, 23));
        const QString message =
            testutil::errorOf([&] { core::LoraLinear(base, options(core::LoraInit::Pissa, 8), generator(24)); });
        QVERIFY2(message.contains("r is 8") && message.contains("at most 6") && message.contains("6×16"), qPrintable(message));
    }
};

QTEST_APPLESS_MAIN(TestBaseRewritingInit)
#include "test_base_rewriting_init.moc"
