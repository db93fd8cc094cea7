// Rank made visible: the playground's examples, the spectrum of a ΔW of known rank, and SVD truncation of an adapter.
#include "core/eval/RankAnalysis.h"
#include "core/lora/LoraInjector.h"

#include "common/ErrorCapture.h"
#include "common/TinyModels.h"

#include <torch/torch.h>

#include <QtTest>

class TestRankAnalysis : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void thirdColumnIsFirstMinusSecond()
    {
        // columns c0, c1, c2 = c0 - c1: rank 2, basis {c0, c1}, c2 = 1·c0 + (-1)·c1
        const auto m = torch::tensor({{1.0, 2.0, -1.0}, {0.0, 1.0, -1.0}, {3.0, 1.0, 2.0}, {4.0, 0.0, 4.0}});
        const auto result = core::matrixRank(m);
        QCOMPARE(result.rank, int64_t(2));
        QCOMPARE(result.basisColumns, (std::vector<int64_t>{0, 1}));
        QCOMPARE(result.dependencies.size(), size_t(1));
        QCOMPARE(result.dependencies[0].first, int64_t(2));
        QVERIFY(std::abs(result.dependencies[0].second[0] - 1.0) < 1e-12);
        QVERIFY(std::abs(result.dependencies[0].second[1] + 1.0) < 1e-12);
        QVERIFY(result.singularValues[2] <= result.tolerance);
    }

    void multiplesOfOneColumnAndAZeroColumn()
    {
        const auto m = torch::tensor({{1.0, 2.0, 0.0, -3.0}, {2.0, 4.0, 0.0, -6.0}, {-1.0, -2.0, 0.0, 3.0}});
        const auto result = core::matrixRank(m);
        QCOMPARE(result.rank, int64_t(1));
        QCOMPARE(result.basisColumns, (std::vector<int64_t>{0}));
        QCOMPARE(result.dependencies.size(), size_t(3));
        QVERIFY(std::abs(result.dependencies[0].second[0] - 2.0) < 1e-12);  // c1 = 2·c0
        QVERIFY(std::abs(result.dependencies[1].second[0]) < 1e-12);        // c2 = 0·c0
        QVERIFY(std::abs(result.dependencies[2].second[0] + 3.0) < 1e-12); // c3 = -3·c0
    }

    void fullRankIdentity()
    {
        const auto result = core::matrixRank(torch::eye(4, torch::kFloat64));
        QCOMPARE(result.rank, int64_t(4));
        QVERIFY(result.dependencies.empty());
    }

    void emptyMatrixIsRefused()
    {
        testutil::expectError([] { core::matrixRank(torch::zeros({0, 3})); }, {"non-empty 2-D"});
    }

    void spectrumOfAConstructedDeltaHasItsRank()
    {
        auto model = testutil::randomModel(testutil::tinyConfig(), 3);
        core::LoraConfig cfg;
        cfg.r = 6;
        cfg.loraAlpha = 12;
        cfg.targetModules.names = {"q_proj"};
        core::injectLora(*model, cfg, 1);
        const auto layers = core::loraLayers(*model);
        torch::NoGradGuard noGrad;
        // B with only 3 non-zero columns: ΔW = scaling · B·A has rank exactly 3.
        auto gen = at::detail::createCPUGenerator(5);
        for (const auto& [name, layer] : layers) {
            auto b = at::normal(0.0, 1.0, layer->loraB().sizes(), gen);
            b.narrow(1, 3, 3).zero_();
            layer->loraB().copy_(b);
        }
        const auto spectra = core::adapterSpectra(*model);
        QCOMPARE(spectra.size(), layers.size());
        for (const auto& s : spectra) {
            QCOMPARE(s.kind, std::string("q_proj"));
            QCOMPARE(s.singularValues.size(), size_t(6));
            QCOMPARE(s.effectiveRank, int64_t(3));
            QVERIFY(std::abs(s.energy[2] - 1.0) < 1e-9);
            QVERIFY(s.energy[0] < 1.0);
        }
        // ‖ΔW‖_F from the spectrum equals the Frobenius norm computed directly.
        const double direct = layers[0].second->deltaWeight().to(torch::kFloat64).norm().item<double>();
        QVERIFY(std::abs(spectra[0].frobeniusNorm - direct) < 1e-6 * direct);
    }

    void truncationToFullRankKeepsDeltaAndToOneKeepsTheTopDirection()
    {
        auto model = testutil::randomModel(testutil::tinyConfig(), 3);
        core::LoraConfig cfg;
        cfg.r = 4;
        cfg.loraAlpha = 8;
        cfg.targetModules.names = {"v_proj"};
        core::injectLora(*model, cfg, 1);
        auto layer = core::loraLayers(*model)[0].second;
        torch::NoGradGuard noGrad;
        layer->loraB().normal_(0.0, 0.5);
        const auto original = layer->deltaWeight().to(torch::kFloat64);
        const auto singular = at::linalg_svdvals(original);

        core::truncateAdapterRank(*layer, 4);
        QVERIFY((layer->deltaWeight().to(torch::kFloat64) - original).abs().max().item<double>() < 1e-5);

        core::truncateAdapterRank(*layer, 1);
        const auto truncated = layer->deltaWeight().to(torch::kFloat64);
        // Eckart–Young: the error of the best rank-1 approximation is sqrt(σ2² + σ3² + σ4²).
        const double expected = singular.narrow(0, 1, singular.size(0) - 1).pow(2).sum().sqrt().item<double>();
        QVERIFY(std::abs((original - truncated).norm().item<double>() - expected) < 1e-4 * std::max(1.0, expected));
        QCOMPARE(core::matrixRank(layer->deltaWeight()).rank, int64_t(1)); // float32, judged with float32 eps
    }
};

QTEST_APPLESS_MAIN(TestRankAnalysis)
#include "test_rank_analysis.moc"
