// LoraLinear: PEFT's lora.Linear, checked against y = W x + b + scaling · B(A(dropout(x))) written out here.
#include "common/TensorDiff.h"
#include "core/lora/LoraLinear.h"

#include <torch/torch.h>

#include <QtTest>

#include <cmath>

using testutil::maxAbsDiff;

namespace {

std::shared_ptr<core::DenseLinear> randomDense(int64_t in, int64_t out, bool bias, uint64_t seed)
{
    auto layer = std::make_shared<core::DenseLinear>(in, out, bias);
    auto gen = at::detail::createCPUGenerator(seed);
    torch::NoGradGuard noGrad;
    for (auto& p : layer->parameters()) {
        p.copy_(at::normal(0.0, 0.3, p.sizes(), gen, torch::kFloat32));
        p.set_requires_grad(false); // a frozen base, as the injector leaves it
    }
    return layer;
}

core::LoraLayerOptions options(int r, double alpha, bool rslora = false, double dropout = 0.0)
{
    core::LoraLayerOptions o;
    o.r = r;
    o.loraAlpha = alpha;
    o.useRslora = rslora;
    o.dropout = dropout;
    return o;
}

at::Generator generator(uint64_t seed) { return at::detail::createCPUGenerator(seed); }

// A trained-looking adapter: B is not zero.
void randomizeB(core::LoraLinear& layer, uint64_t seed)
{
    torch::NoGradGuard noGrad;
    auto gen = at::detail::createCPUGenerator(seed);
    layer.loraB().copy_(at::normal(0.0, 0.5, layer.loraB().sizes(), gen, torch::kFloat32));
}

torch::Tensor input(std::vector<int64_t> shape, uint64_t seed)
{
    auto gen = at::detail::createCPUGenerator(seed);
    return at::normal(0.0, 1.0, shape, gen, torch::kFloat32);
}

// W x + b + scaling · B (A x), in float64.
torch::Tensor byHand(const torch::Tensor& x, const torch::Tensor& w, const torch::Tensor& b, const torch::Tensor& a,
                     const torch::Tensor& bb, double scaling)
{
    const auto xd = x.to(torch::kFloat64);
    auto y = torch::matmul(xd, w.to(torch::kFloat64).t());
    if (b.defined())
        y = y + b.to(torch::kFloat64);
    return y + scaling * torch::matmul(torch::matmul(xd, a.to(torch::kFloat64).t()), bb.to(torch::kFloat64).t());
}

} // namespace

class TestLoraLinear : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void namesAndShapesArePefts()
    {
        auto base = randomDense(20, 12, /*bias=*/true, 1);
        core::LoraLinear lora(base, options(4, 8), generator(0));
        const auto params = lora.named_parameters();
        QVERIFY(params.find("base_layer.weight"));
        QVERIFY(params.find("base_layer.bias"));
        QVERIFY(params.find("lora_A.weight"));
        QVERIFY(params.find("lora_B.weight"));
        QCOMPARE(params.size(), size_t(4)); // lora_A and lora_B have no bias
        QVERIFY(lora.loraA().sizes() == at::IntArrayRef({4, 20})); // [r, in]
        QVERIFY(lora.loraB().sizes() == at::IntArrayRef({12, 4})); // [out, r]
        QVERIFY(lora.loraA().scalar_type() == torch::kFloat);
        QCOMPARE(lora.inFeatures(), int64_t(20));
        QCOMPARE(lora.outFeatures(), int64_t(12));
        QCOMPARE(lora.rank(), 4);
        QVERIFY(lora.baseWeight().is_same(base->baseWeight()));
    }

    void forwardMatchesFormula()
    {
        for (bool bias : {false, true}) {
            auto base = randomDense(16, 10, bias, 2);
            core::LoraLinear lora(base, options(4, 12), generator(3));
            randomizeB(lora, 4);
            lora.eval();
            const auto x = input({3, 5, 16}, 5);
            torch::NoGradGuard noGrad;
            const auto y = lora.forward(x);
            QVERIFY(y.sizes() == at::IntArrayRef({3, 5, 10}));
            const auto expected = byHand(x, base->baseWeight(), base->baseBias(), lora.loraA(), lora.loraB(), 12.0 / 4);
            QVERIFY2(maxAbsDiff(y, expected) < 1e-5, qPrintable(QString::number(maxAbsDiff(y, expected))));
            // The adapter really contributes.
            QVERIFY(maxAbsDiff(y, base->forward(x)) > 1e-2);
        }
    }

    void scalingAlphaOverROrSqrtR()
    {
        QCOMPARE(core::loraScaling(16, 4, false), 4.0);
        QCOMPARE(core::loraScaling(16, 4, true), 8.0);
        QCOMPARE(core::loraScaling(8, 16, true), 2.0);
        QCOMPARE(core::loraScaling(32, 8, false), 4.0);

        auto base = randomDense(16, 8, false, 6);
        core::LoraLinear plain(base, options(9, 6), generator(7));
        core::LoraLinear rs(base, options(9, 6, /*rslora=*/true), generator(7));
        QCOMPARE(plain.scaling(), 6.0 / 9);
        QCOMPARE(rs.scaling(), 6.0 / 3);
        randomizeB(plain, 8);
        randomizeB(rs, 8);
        QVERIFY(torch::equal(plain.loraA(), rs.loraA())); // same seed, same init
        const auto x = input({4, 16}, 9);
        torch::NoGradGuard noGrad;
        const auto basePart = base->forward(x).to(torch::kFloat64);
        const auto deltaPlain = plain.forward(x).to(torch::kFloat64) - basePart;
        const auto deltaRs = rs.forward(x).to(torch::kFloat64) - basePart;
        // Same A and B: the adapter paths differ exactly by the ratio of the scalings, (6/3) / (6/9) = 3.
        QVERIFY(maxAbsDiff(deltaRs, deltaPlain * 3.0) < 1e-5);
        QVERIFY(maxAbsDiff(rs.forward(x), byHand(x, base->baseWeight(), {}, rs.loraA(), rs.loraB(), 2.0)) < 1e-5);
    }

    void defaultInitIsKaimingUniformAndZeroB()
    {
        const int64_t in = 256;
        auto base = randomDense(in, 64, true, 10);
        core::LoraLinear lora(base, options(16, 32), generator(11));
        QVERIFY(torch::equal(lora.loraB(), torch::zeros({64, 16})));
        const double bound = 1.0 / std::sqrt(double(in));
        const auto a = lora.loraA();
        QVERIFY(a.abs().max().item<double>() <= bound);
        QVERIFY(a.abs().max().item<double>() > 0.95 * bound); // uses the whole range
        // U(-bound, bound) has mean 0 and std bound / sqrt(3); 4096 samples.
        QVERIFY(std::abs(a.mean().item<double>()) < 0.05 * bound);
        QVERIFY(std::abs(a.std().item<double>() - bound / std::sqrt(3.0)) < 0.05 * bound / std::sqrt(3.0));

        // A fresh adapter changes nothing, bit for bit.
        const auto x = input({2, 3, in}, 12);
        torch::NoGradGuard noGrad;
        QVERIFY(torch::equal(lora.forward(x), base->forward(x)));
    }

    void gaussianInitStdIsOneOverR()
    {
        auto base = randomDense(1024, 8, false, 13);
        auto o = options(4, 8);
        o.init = core::LoraInit::Gaussian;
        core::LoraLinear lora(base, o, generator(14));
        const auto a = lora.loraA(); // 4096 samples of N(0, 1/4)
        QVERIFY(std::abs(a.std().item<double>() - 0.25) < 0.03 * 0.25);
        QVERIFY(std::abs(a.mean().item<double>()) < 0.02);
        QVERIFY(a.abs().max().item<double>() > 0.5); // not uniform within ±1/sqrt(in) = ±0.03
        QVERIFY(torch::equal(lora.loraB(), torch::zeros({8, 4})));
    }

    void initFollowsTheSeed()
    {
        auto base = randomDense(32, 16, false, 15);
        core::LoraLinear a1(base, options(4, 8), generator(42));
        core::LoraLinear a2(base, options(4, 8), generator(42));
        core::LoraLinear a3(base, options(4, 8), generator(43));
        QVERIFY(torch::equal(a1.loraA(), a2.loraA()));
        QVERIFY(!torch::equal(a1.loraA(), a3.loraA()));
    }

    void dropoutOnlyOnAdapterPath()
    {
        // A = I, B = I, scaling 1: the adapter path is dropout(x) itself, so y - W x - b must be, element by element,
        // either 0 or x / (1 - p); the base part never sees the dropout.
        const int64_t n = 64;
        auto base = randomDense(n, n, true, 16);
        core::LoraLinear lora(base, options(int(n), double(n), false, /*dropout=*/0.5), generator(17));
        {
            torch::NoGradGuard noGrad;
            lora.loraA().copy_(torch::eye(n));
            lora.loraB().copy_(torch::eye(n));
        }
        QCOMPARE(lora.scaling(), 1.0);
        const auto x = input({8, n}, 18) + 3.0; // away from 0, so a dropped element is told apart
        torch::NoGradGuard noGrad;
        const auto basePart = base->forward(x);

        lora.train();
        torch::manual_seed(19);
        const auto delta = lora.forward(x) - basePart;
        const auto dropped = delta.abs().lt(1e-4);
        const auto kept = (delta - 2.0 * x).abs().lt(1e-4);
        QVERIFY(dropped.logical_or(kept).all().item<bool>());
        const double keptFraction = kept.to(torch::kFloat64).mean().item<double>();
        QVERIFY2(keptFraction > 0.35 && keptFraction < 0.65, qPrintable(QString::number(keptFraction)));

        // Two training passes draw different masks.
        const auto delta2 = lora.forward(x) - basePart;
        QVERIFY(!torch::allclose(delta, delta2));

        // Eval mode: no dropout at all.
        lora.eval();
        QVERIFY(maxAbsDiff(lora.forward(x) - basePart, x) < 1e-5);
    }

    void dropoutWithZeroBChangesNothingInTraining()
    {
        auto base = randomDense(16, 8, true, 20);
        core::LoraLinear lora(base, options(4, 8, false, 0.3), generator(21));
        lora.train();
        const auto x = input({5, 16}, 22);
        torch::NoGradGuard noGrad;
        QVERIFY(torch::equal(lora.forward(x), base->forward(x)));
    }

    void mergeMatchesUnmergedAndUnmergeRestores()
    {
        auto base = randomDense(24, 20, true, 23);
        core::LoraLinear lora(base, options(4, 16), generator(24));
        randomizeB(lora, 25);
        lora.eval();
        const auto w0 = base->baseWeight().clone();
        const auto x = input({6, 24}, 26);
        torch::NoGradGuard noGrad;
        const auto unmerged = lora.forward(x);

        // ΔW = scaling · B A, [out, in]
        const auto delta = lora.deltaWeight();
        QVERIFY(delta.sizes() == at::IntArrayRef({20, 24}));
        const auto expectedDelta =
            4.0 * torch::matmul(lora.loraB().to(torch::kFloat64), lora.loraA().to(torch::kFloat64));
        QVERIFY(maxAbsDiff(delta, expectedDelta) < 1e-6);

        lora.merge();
        QVERIFY(lora.merged());
        QVERIFY(maxAbsDiff(base->baseWeight(), w0.to(torch::kFloat64) + expectedDelta) < 1e-6);
        const auto merged = lora.forward(x);
        QVERIFY2(maxAbsDiff(merged, unmerged) < 1e-5, qPrintable(QString::number(maxAbsDiff(merged, unmerged))));
        lora.merge(); // merging twice is a no-op
        QVERIFY(maxAbsDiff(lora.forward(x), unmerged) < 1e-5);

        lora.unmerge();
        QVERIFY(!lora.merged());
        QVERIFY2(maxAbsDiff(base->baseWeight(), w0) < 1e-6,
                 qPrintable(QString::number(maxAbsDiff(base->baseWeight(), w0))));
        QVERIFY(maxAbsDiff(lora.forward(x), unmerged) < 1e-5);
        lora.unmerge(); // unmerging an unmerged layer is a no-op
        QVERIFY(maxAbsDiff(base->baseWeight(), w0) < 1e-6);
    }

    // DoRA: the magnitude starts at each output row's norm of W (B is zero), so a fresh DoRA layer is the base layer;
    // once trained, the layer is W' = (m / ||W + ΔW||) (W + ΔW) with the bias added after, merged or not; unmerging
    // restores W. (PEFT's numbers for the same formula: test_reference_hf, mistral/dora.)
    void doraIsARowRescaledWeightMergedOrNot()
    {
        auto base = randomDense(24, 20, true, 27);
        auto o = options(4, 8);
        o.useDora = true;
        core::LoraLinear lora(base, o, generator(28));
        lora.eval();
        QVERIFY(lora.magnitude().defined());
        const auto w0 = base->baseWeight().clone();
        QVERIFY(maxAbsDiff(lora.magnitude(), w0.to(torch::kFloat64).norm(2, {1})) < 1e-6);
        const auto x = input({5, 24}, 29);
        torch::NoGradGuard noGrad;
        QVERIFY(maxAbsDiff(lora.forward(x), base->forward(x)) < 1e-5);

        randomizeB(lora, 30);
        lora.magnitude().mul_(1.3); // a trained magnitude differs from the norm
        const auto merged = (w0.to(torch::kFloat64) + lora.deltaWeight().to(torch::kFloat64));
        const auto scale = lora.magnitude().to(torch::kFloat64) / merged.norm(2, {1});
        const auto expected = torch::matmul(x.to(torch::kFloat64), (scale.view({-1, 1}) * merged).t()) +
                              base->baseBias().to(torch::kFloat64);
        const auto unmergedOut = lora.forward(x);
        QVERIFY2(maxAbsDiff(unmergedOut, expected) < 1e-5, qPrintable(QString::number(maxAbsDiff(unmergedOut, expected))));
        lora.merge();
        QVERIFY(maxAbsDiff(lora.forward(x), expected) < 1e-5);
        lora.unmerge();
        QVERIFY(maxAbsDiff(base->baseWeight(), w0) < 1e-5);
    }

    void disabledAdapterIsTheBaseLayer()
    {
        auto base = randomDense(16, 12, true, 27);
        core::LoraLinear lora(base, options(4, 8), generator(28));
        randomizeB(lora, 29);
        const auto x = input({3, 2, 16}, 30);
        torch::NoGradGuard noGrad;
        const auto adapted = lora.forward(x);
        QVERIFY(!torch::equal(adapted, base->forward(x)));

        lora.setEnabled(false);
        QVERIFY(!lora.enabled());
        QVERIFY(torch::equal(lora.forward(x), base->forward(x)));
        lora.train(); // also in training mode
        QVERIFY(torch::equal(lora.forward(x), base->forward(x)));
        lora.eval();

        lora.setEnabled(true);
        QVERIFY(torch::equal(lora.forward(x), adapted));
    }

    void disablingAMergedAdapterUnmerges()
    {
        auto base = randomDense(16, 12, false, 31);
        const auto w0 = base->baseWeight().clone();
        core::LoraLinear lora(base, options(4, 8), generator(32));
        randomizeB(lora, 33);
        const auto x = input({4, 16}, 34);
        torch::NoGradGuard noGrad;
        const auto baseOut = base->forward(x);
        lora.merge();
        lora.setEnabled(false);
        QVERIFY(!lora.merged());
        QVERIFY(maxAbsDiff(base->baseWeight(), w0) < 1e-6);
        QVERIFY(maxAbsDiff(lora.forward(x), baseOut) < 1e-5);

        // Merging while disabled must not leak the adapter into a disabled layer's output (PEFT unmerges then).
        lora.merge();
        QVERIFY(maxAbsDiff(lora.forward(x), baseOut) < 1e-5);
        QVERIFY(maxAbsDiff(base->baseWeight(), w0) < 1e-6);
    }

    void gradientsReachOnlyTheAdapter()
    {
        auto base = randomDense(16, 8, true, 35);
        core::LoraLinear lora(base, options(4, 8), generator(36));
        randomizeB(lora, 37);
        const auto x = input({5, 16}, 38);
        lora.forward(x).pow(2).sum().backward();
        QVERIFY(lora.loraA().grad().defined());
        QVERIFY(lora.loraB().grad().defined());
        QVERIFY(!base->baseWeight().grad().defined());
        QVERIFY(!base->baseBias().grad().defined());
        // d/dB of sum((W x + b + s B A x)^2) = 2 s · y^T (A x), by hand.
        torch::NoGradGuard noGrad;
        const auto y = lora.forward(x).to(torch::kFloat64);
        const auto ax = torch::matmul(x.to(torch::kFloat64), lora.loraA().to(torch::kFloat64).t()); // [5, r]
        const auto expected = 2.0 * lora.scaling() * torch::matmul(y.t(), ax);                     // [out, r]
        QVERIFY(maxAbsDiff(lora.loraB().grad(), expected) < 1e-4);
    }

    void bfloat16BaseKeepsFloat32Adapter()
    {
        auto base = randomDense(32, 16, true, 39);
        base->to(torch::kBFloat16);
        core::LoraLinear lora(base, options(4, 8), generator(40));
        randomizeB(lora, 41);
        QVERIFY(lora.loraA().scalar_type() == torch::kFloat);
        QVERIFY(lora.loraB().scalar_type() == torch::kFloat);
        const auto x = input({3, 32}, 42).to(torch::kBFloat16);
        torch::NoGradGuard noGrad;
        const auto y = lora.forward(x);
        QVERIFY(y.scalar_type() == torch::kBFloat16);
        const auto expected = byHand(x, base->baseWeight(), base->baseBias(), lora.loraA(), lora.loraB(), 2.0);
        QVERIFY(maxAbsDiff(y, expected) < 0.02 * expected.abs().max().item<double>());
        // Rounded once, as PEFT's result.to(dtype) after a float32 add: the bf16 base output plus the float32 adapter
        // output, then bf16 — not the adapter output rounded to bf16 first.
        const auto baseOut = base->forward(x);
        const auto delta = torch::matmul(torch::matmul(x.to(torch::kFloat), lora.loraA().t()), lora.loraB().t()) * 2.0;
        QVERIFY(torch::equal(y, (baseOut.to(torch::kFloat) + delta).to(torch::kBFloat16)));
    }
};

QTEST_APPLESS_MAIN(TestLoraLinear)
#include "test_lora_linear.moc"
