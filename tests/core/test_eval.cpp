// core/eval: perplexity (windows, batching, labels, eval mode) and exact-match accuracy, on a tiny random model and a
// stand-in tokenizer.
#include "EvalFixture.h"

#include "common/ErrorCapture.h"
#include "core/data/PromptTemplate.h"
#include "core/eval/Generation.h"
#include "core/eval/Perplexity.h"
#include "core/eval/TaskAccuracy.h"
#include "core/lora/LoraInjector.h"

#include <QtTest>

#include <cmath>

using namespace evaltest;

class TestEval : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void textInOneWindowIsTransformersLoss()
    {
        auto model = tinyModel();
        WordTokenizer tok;
        const std::string text = "hello world, the quick brown fox";
        const auto result = core::textPerplexity(*model, tok, text, "inline");
        std::vector<int64_t> ids{1};
        for (int id : tok.encode(text))
            ids.push_back(id);
        torch::NoGradGuard noGrad;
        const double expected = model->meanLoss(row(ids), row(ids)).item<double>();
        QCOMPARE(result.tokens, static_cast<int64_t>(ids.size()) - 1);
        QCOMPARE(result.sequences, int64_t(1));
        QVERIFY(std::abs(result.loss - expected) < 1e-5);
        QVERIFY(std::abs(result.perplexity - std::exp(result.loss)) < 1e-9 * result.perplexity);
    }

    void windowsDoNotOverlapAndEveryPredictionCounts()
    {
        auto model = tinyModel(/*maxPositions=*/8);
        WordTokenizer tok;
        const std::string text = "abcdefghijklmnopqrstu"; // 21 ids + BOS = 22 → windows of 8, 8, 6
        const auto result = core::textPerplexity(*model, tok, text, "inline");
        std::vector<int64_t> ids{1};
        for (int id : tok.encode(text))
            ids.push_back(id);
        QCOMPARE(ids.size(), size_t(22));
        double sum = 0;
        int64_t tokens = 0;
        torch::NoGradGuard noGrad;
        for (size_t begin = 0; begin < ids.size(); begin += 8) {
            std::vector<int64_t> window(ids.begin() + begin, ids.begin() + std::min(ids.size(), begin + 8));
            const auto loss = model->lossSum(row(window), row(window));
            sum += loss.sum.item<double>();
            tokens += loss.tokens;
        }
        QCOMPARE(result.sequences, int64_t(3));
        QCOMPARE(result.tokens, int64_t(7 + 7 + 5));
        QCOMPARE(result.tokens, tokens);
        QVERIFY(std::abs(result.loss - sum / tokens) < 1e-5);
    }

    void emptyTextIsAnErrorNamingTheSource()
    {
        auto model = tinyModel();
        WordTokenizer tok;
        testutil::expectError([&] { core::textPerplexity(*model, tok, "   ", "notes.txt"); }, {"notes.txt", "empty"});
    }

    void batchingDoesNotChangeTheLossAndOnlyLabelsCount()
    {
        auto model = tinyModel();
        std::vector<core::Example> examples;
        double sum = 0;
        int64_t tokens = 0;
        torch::NoGradGuard noGrad;
        for (int i = 0; i < 5; ++i) {
            core::Example e;
            e.inputIds = randomIds(6 + 3 * i, 100 + i);
            e.labels = e.inputIds;
            for (int k = 0; k < 3 + i; ++k) // a prompt of varying length carries no loss
                e.labels[k] = core::kIgnoreIndex;
            const auto loss = model->lossSum(row(e.inputIds), row(e.labels));
            sum += loss.sum.item<double>();
            tokens += loss.tokens;
            examples.push_back(e);
        }
        core::PerplexityOptions one;
        one.batchSize = 1;
        core::PerplexityOptions many;
        many.batchSize = 4;
        std::vector<std::pair<int64_t, int64_t>> progress; // (done, total) after each pass and at the end
        many.onProgress = [&](int64_t done, int64_t total) { progress.emplace_back(done, total); };
        const auto a = core::examplesPerplexity(*model, examples, /*padId=*/0, one);
        const auto b = core::examplesPerplexity(*model, examples, /*padId=*/0, many);
        QCOMPARE(a.tokens, tokens);
        QCOMPARE(b.tokens, tokens);
        QCOMPARE(b.sequences, int64_t(5));
        // Two passes of at most 4 sequences: progress 0/5, 4/5, then 5/5 — rising, ending at the total.
        QCOMPARE(progress, (std::vector<std::pair<int64_t, int64_t>>{{0, 5}, {4, 5}, {5, 5}}));
        QVERIFY(std::abs(a.loss - sum / tokens) < 1e-5);
        QVERIFY(std::abs(b.loss - a.loss) < 1e-5);

        // Each example's own sum and count, in the examples' order, whatever the batching (longest first here).
        for (size_t i = 0; i < examples.size(); ++i) {
            const auto alone = model->lossSum(row(examples[i].inputIds), row(examples[i].labels));
            QCOMPARE(b.exampleTokens[i], alone.tokens);
            QVERIFY(std::abs(b.exampleLossSums[i] - alone.sum.item<double>()) < 1e-4);
        }
        // transformers' eval_loss: batches of 2 in order — (0, 1), (2, 3), (4) — each its token mean, weighted by
        // its record count.
        auto mean = [&](std::initializer_list<size_t> indices) {
            double s = 0;
            int64_t n = 0;
            for (size_t i : indices) {
                s += b.exampleLossSums[i];
                n += b.exampleTokens[i];
            }
            return s / static_cast<double>(n);
        };
        const double hf = (2 * mean({0, 1}) + 2 * mean({2, 3}) + mean({4})) / 5;
        QVERIFY(std::abs(core::batchMeanLoss(b, 2) - hf) < 1e-12);
        QVERIFY(std::abs(core::batchMeanLoss(b, 1) - (mean({0}) + mean({1}) + mean({2}) + mean({3}) + mean({4})) / 5) <
                1e-12);
        QVERIFY(std::abs(core::batchMeanLoss(b, 5) - b.loss) < 1e-6); // one batch: the token mean
        QVERIFY(std::abs(core::batchMeanLoss(b, 2) - b.loss) > 1e-4);  // different lengths: a different mean
    }

    void batchMeanLossLeavesOutBatchesWithoutTokens()
    {
        core::PerplexityResult r;
        r.loss = 2.2;
        r.exampleLossSums = {2, 6, 0, 0, 3};
        r.exampleTokens = {1, 3, 0, 0, 1};
        // (2 · 8/4 + [batch (2, 3) has no token: left out] + 1 · 3) / 3
        QVERIFY(std::abs(core::batchMeanLoss(r, 2) - 7.0 / 3.0) < 1e-12);
    }

    void evaluationTurnsDropoutOffAndRestoresTheMode()
    {
        auto model = tinyModel();
        core::LoraConfig lora;
        lora.targetModules.names = {"q_proj", "v_proj"};
        lora.loraDropout = 0.9;
        core::injectLora(*model, lora, /*seed=*/1);
        {
            torch::NoGradGuard noGrad;
            for (auto& [name, layer] : core::loraLayers(*model))
                layer->loraB().normal_(0, 1); // a non-zero update, so that dropout would show
        }
        model->train();
        WordTokenizer tok;
        const auto first = core::textPerplexity(*model, tok, "some text here", "inline");
        QVERIFY(model->is_training());
        const auto second = core::textPerplexity(*model, tok, "some text here", "inline");
        QCOMPARE(first.loss, second.loss);
    }

    void trimmingAndExactMatch()
    {
        QCOMPARE(QString::fromStdString(core::trimmed("  \n yes \t\n")), QString("yes"));
        QCOMPARE(QString::fromStdString(core::trimmed(" \n ")), QString());
        QVERIFY(core::exactMatch(" 42\n", "42"));
        QVERIFY(!core::exactMatch("42.", "42"));
        QVERIFY(!core::exactMatch("Yes", "yes"));
    }

    void accuracyCountsExactAnswers()
    {
        auto model = tinyModel(/*maxPositions=*/256); // the Alpaca prompt is ~120 ids of the word tokenizer
        const core::PromptTemplate prompts = core::PromptTemplate::alpaca();
        // What the model answers greedily to two prompts; one record expects exactly that, one something else.
        WordTokenizer probe(/*eos=*/-1);
        core::GenerationOptions three;
        three.maxNewTokens = 3;
        const std::string answer = core::generate(*model, probe, prompts.prompt("Say it."), three).text;
        QCOMPARE(probe.encode(answer).size(), size_t(3));
        std::vector<core::AlpacaRecord> records{{"Say it.", "", answer},
                                                {"Say it.", "", "t1 t1 t1"},
                                                {"Say it.", "", answer}};
        core::AccuracyOptions options;
        options.extraTokens = -1; // exactly the reference's length, so the answer cannot run on
        int64_t progressCalls = 0;
        const auto result = core::exactMatchAccuracy(*model, probe, records, prompts, options,
                                                     [&](int64_t done, int64_t total) {
                                                         ++progressCalls;
                                                         QCOMPARE(total, int64_t(3));
                                                         QCOMPARE(done, progressCalls);
                                                     });
        QCOMPARE(result.records, int64_t(3));
        QCOMPARE(result.correct, int64_t(2));
        QVERIFY(std::abs(result.accuracy - 2.0 / 3.0) < 1e-12);
        QVERIFY(result.verdicts[0].correct);
        QVERIFY(!result.verdicts[1].correct);
        QCOMPARE(QString::fromStdString(result.verdicts[1].generated), QString::fromStdString(answer));
        options.limit = 2;
        QCOMPARE(core::exactMatchAccuracy(*model, probe, records, prompts, options).records, int64_t(2));
        QVERIFY_THROWS_EXCEPTION(core::Error, core::exactMatchAccuracy(*model, probe, {}, prompts));
    }

    void anAnswerThatEndsWithEosMatchesAnEmptyOutput()
    {
        auto model = tinyModel(/*maxPositions=*/256);
        const core::PromptTemplate prompts = core::PromptTemplate::alpaca();
        WordTokenizer probe(/*eos=*/-1);
        core::GenerationOptions one;
        one.maxNewTokens = 1;
        const auto first = core::generate(*model, probe, prompts.prompt("Stop."), one).newIds;
        QCOMPARE(first.size(), size_t(1));
        // With that first token as EOS the model answers nothing at all, which matches an empty output.
        WordTokenizer tok(/*eos=*/static_cast<int>(first[0]));
        const auto result = core::exactMatchAccuracy(*model, tok, {{"Stop.", "", "  "}}, prompts);
        QCOMPARE(result.correct, int64_t(1));
    }
};

QTEST_APPLESS_MAIN(TestEval)
#include "test_eval.moc"
