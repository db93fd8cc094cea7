// "What if r were smaller?": truncating a loaded adapter to rank k and re-evaluating it (k = r is the untruncated
// adapter, bit for bit; the adapter is restored afterwards, even after an error), and the parameter count of a
// configuration at rank r without surgery, checked against the real injection.
#include "core/eval/Perplexity.h"
#include "core/eval/TruncationCurve.h"
#include "core/lora/LoraInjector.h"
#include "core/lora/ParameterCount.h"
#include "core/lora/RankParameterCount.h"

#include "EvalFixture.h"
#include "common/ErrorCapture.h"

#include <torch/torch.h>

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using evaltest::WordTokenizer;

class TestTruncationCurve : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::string m_text, m_records;

    // A tiny model (256 positions: the Alpaca prompt is ~120 ids of the word tokenizer) with an adapter of rank r on
    // q/v/down whose lora_B is random, so that truncation changes the outputs.
    static std::shared_ptr<core::CausalLm> adaptedModel(int r, uint64_t seed = 11)
    {
        auto model = evaltest::tinyModel(/*maxPositions=*/256);
        core::LoraConfig cfg;
        cfg.r = r;
        cfg.loraAlpha = 2.0 * r;
        cfg.targetModules.names = {"q_proj", "v_proj", "down_proj"};
        core::injectLora(*model, cfg, seed);
        torch::NoGradGuard noGrad;
        auto gen = at::detail::createCPUGenerator(seed);
        for (const auto& [name, layer] : core::loraLayers(*model))
            layer->loraB().copy_(at::normal(0.0, 0.5, layer->loraB().sizes(), gen));
        return model;
    }

    static std::vector<at::Tensor> adapterWeights(core::CausalLm& model)
    {
        std::vector<at::Tensor> out;
        for (const auto& [name, layer] : core::loraLayers(model)) {
            out.push_back(layer->loraA().clone());
            out.push_back(layer->loraB().clone());
        }
        return out;
    }

    static bool bitwiseEqual(const std::vector<at::Tensor>& a, const std::vector<at::Tensor>& b)
    {
        if (a.size() != b.size())
            return false;
        for (size_t i = 0; i < a.size(); ++i)
            if (!torch::equal(a[i], b[i]))
                return false;
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_text = m_dir.filePath("retain.txt").toStdString();
        std::ofstream(m_text) << "the quick brown fox jumps over the lazy dog. t5 t9 t12 t40 t33 a stitch in time.\n";
        m_records = m_dir.filePath("task.jsonl").toStdString();
        std::ofstream out(m_records);
        out << R"({"instruction": "Say t7", "input": "", "output": "t7 t8"})" << "\n"
            << R"({"instruction": "Add", "input": "t3 t4", "output": "t9"})" << "\n"
            << R"({"instruction": "Copy", "input": "t10", "output": "t10"})" << "\n";
    }

    void fullRankPointEqualsTheUntruncatedAdapter()
    {
        auto model = adaptedModel(4);
        WordTokenizer tok;
        const double untruncatedText = core::textFilePerplexity(*model, tok, m_text).loss;
        const double untruncatedData = core::datasetPerplexity(*model, tok, m_records).loss;

        const auto text = core::truncationCurve(*model, tok, m_text);
        QCOMPARE(text.size(), size_t(3)); // default ks for r = 4: 1, 2, 4
        QCOMPARE(text.back().k, 4);
        QVERIFY2(text.back().loss == untruncatedText, qPrintable(QString("k = r loss %1 vs untruncated %2")
                                                                      .arg(text.back().loss, 0, 'g', 17)
                                                                      .arg(untruncatedText, 0, 'g', 17)));
        QCOMPARE(text.back().accuracy, -1.0); // text: no accuracy
        QVERIFY(text.front().loss != untruncatedText); // truncating a random rank-4 ΔW to 1 changes the outputs

        core::TruncationOptions options;
        options.ks = {4, 2};
        const auto data = core::truncationCurve(*model, tok, m_records, options);
        QCOMPARE(data.size(), size_t(2));
        QCOMPARE(data[0].k, 4);
        QVERIFY(data[0].loss == untruncatedData);
        QVERIFY(data[0].accuracy >= 0.0 && data[0].accuracy <= 1.0);
        QVERIFY(std::abs(data[0].perplexity - std::exp(data[0].loss)) < 1e-9 * data[0].perplexity);
    }

    void adapterIsRestoredBitwise()
    {
        auto model = adaptedModel(8);
        WordTokenizer tok;
        const auto before = adapterWeights(*model);
        core::TruncationOptions options;
        options.ks = {1, 3, 8};
        options.measureAccuracy = false;
        std::vector<std::pair<int64_t, int64_t>> progress;
        const auto points = core::truncationCurve(*model, tok, m_records, options,
                                                  [&](int64_t done, int64_t total) { progress.emplace_back(done, total); });
        QCOMPARE(points.size(), size_t(3));
        QCOMPARE(points[1].accuracy, -1.0); // switched off
        QVERIFY(bitwiseEqual(before, adapterWeights(*model)));
        QCOMPARE(progress.size(), size_t(4));
        QCOMPARE(progress.front(), (std::pair<int64_t, int64_t>(0, 3)));
        QCOMPARE(progress.back(), (std::pair<int64_t, int64_t>(3, 3)));
    }

    void adapterIsRestoredAfterAnError()
    {
        auto model = adaptedModel(4);
        WordTokenizer tok;
        const auto before = adapterWeights(*model);
        const std::string empty = m_dir.filePath("empty.txt").toStdString();
        std::ofstream{empty};
        core::TruncationOptions options;
        options.ks = {1};
        testutil::expectError([&] { core::truncationCurve(*model, tok, empty, options); }, {"empty.txt", "empty"});
        QVERIFY(bitwiseEqual(before, adapterWeights(*model)));
    }

    void badKIsNamed()
    {
        auto model = adaptedModel(4);
        WordTokenizer tok;
        const auto before = adapterWeights(*model);
        for (int bad : {0, 5, -2}) {
            core::TruncationOptions options;
            options.ks = {1, bad};
            testutil::expectError([&] { core::truncationCurve(*model, tok, m_text, options); },
                                  {QString("k = %1").arg(bad), "1..4"});
        }
        QVERIFY(bitwiseEqual(before, adapterWeights(*model)));
        auto base = evaltest::tinyModel();
        testutil::expectError([&] { core::truncationCurve(*base, tok, m_text); }, {"no LoRA adapter"});
    }

    void rankOneDeltaGivesTheSameLossForEveryK()
    {
        auto model = adaptedModel(6);
        {
            torch::NoGradGuard noGrad;
            for (const auto& [name, layer] : core::loraLayers(*model))
                layer->loraB().narrow(1, 1, 5).zero_(); // ΔW = scaling · b₀ a₀ᵀ: rank 1
        }
        WordTokenizer tok;
        const double full = core::textFilePerplexity(*model, tok, m_text).loss;
        core::TruncationOptions options;
        options.ks = {1, 2, 3, 4, 5, 6};
        const auto points = core::truncationCurve(*model, tok, m_text, options);
        for (const auto& p : points)
            QVERIFY2(std::abs(p.loss - full) < 1e-5 * std::max(1.0, full),
                     qPrintable(QString("k = %1: loss %2 vs %3").arg(p.k).arg(p.loss, 0, 'g', 12).arg(full, 0, 'g', 12)));
    }

    void defaultRanksArePowersOfTwoAndR()
    {
        QCOMPARE(core::defaultTruncationRanks(1), (std::vector<int>{1}));
        QCOMPARE(core::defaultTruncationRanks(8), (std::vector<int>{1, 2, 4, 8}));
        QCOMPARE(core::defaultTruncationRanks(12), (std::vector<int>{1, 2, 4, 8, 12}));
        QVERIFY(core::isAlpacaDatasetPath("a/b.JSONL") && core::isAlpacaDatasetPath("x.csv"));
        QVERIFY(!core::isAlpacaDatasetPath("retain.txt") && !core::isAlpacaDatasetPath("notes"));
    }

    void parametersPerKMatchAnAdapterTrainedAtK()
    {
        auto model = adaptedModel(8);
        WordTokenizer tok;
        core::TruncationOptions options;
        options.ks = {2, 5};
        const auto points = core::truncationCurve(*model, tok, m_text, options);
        for (const auto& p : points) {
            auto fresh = evaltest::tinyModel(256);
            core::LoraConfig cfg;
            cfg.r = p.k;
            cfg.targetModules.names = {"q_proj", "v_proj", "down_proj"};
            core::injectLora(*fresh, cfg, 1);
            QCOMPARE(p.parameters, core::countParameters(*fresh).trainable);
        }
    }

    void rankParameterCountEqualsInjection_data()
    {
        QTest::addColumn<int>("form");
        for (int form = 0; form < 4; ++form)
            QTest::addRow("form %d", form) << form;
    }

    void rankParameterCountEqualsInjection()
    {
        QFETCH(int, form);
        core::LoraConfig cfg;
        cfg.targetModules.names = {"q_proj", "v_proj"};
        switch (form) {
        case 0: break;
        case 1: cfg.targetModules.kind = core::TargetModules::Kind::AllLinear; break;
        case 2:
            cfg.targetModules.kind = core::TargetModules::Kind::Regex;
            cfg.targetModules.regex = R"(.*\.(k_proj|down_proj))";
            break;
        case 3:
            cfg.targetModules.names = {"q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"};
            cfg.excludeModules = {"o_proj"};
            cfg.layersToTransform = {1};
            break;
        }
        auto probe = evaltest::tinyModel();
        const std::vector<int> ranks{1, 2, 7, 16};
        const auto planned = core::parametersForRanks(*probe, cfg, ranks);
        QCOMPARE(planned.size(), ranks.size());
        for (size_t i = 0; i < ranks.size(); ++i) {
            auto model = evaltest::tinyModel();
            cfg.r = ranks[i];
            cfg.loraAlpha = ranks[i];
            core::injectLora(*model, cfg, 5);
            QCOMPARE(planned[i], core::countParameters(*model).trainable);
            QCOMPARE(planned[i], planned[0] * ranks[i]); // linear in r
        }
    }

    void rankParameterCountRefusesBadInput()
    {
        auto model = evaltest::tinyModel();
        core::LoraConfig cfg;
        cfg.targetModules.names = {"qproj"};
        testutil::expectError([&] { core::parametersForRanks(*model, cfg, {4}); }, {"qproj", "q_proj"});
        cfg.targetModules.names = {"q_proj"};
        testutil::expectError([&] { core::parametersForRanks(*model, cfg, {0}); }, {"r must be at least 1", "got 0"});
    }
};

QTEST_APPLESS_MAIN(TestTruncationCurve)
#include "test_truncation_curve.moc"
