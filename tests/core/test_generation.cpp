// core/eval generation: the KV cache against full recomputation, greedy and seeded sampling (top-k, top-p), stopping
// at EOS, at max_new_tokens and at the last position, and option checks.
#include "EvalFixture.h"

#include "common/ErrorCapture.h"
#include "core/eval/Generation.h"

#include <QtTest>

using namespace evaltest;

namespace {

// Greedy continuation by recomputing the whole sequence each step (no cache): the reference for the KV cache.
std::vector<int64_t> greedyWithoutCache(core::CausalLm& model, std::vector<int64_t> ids, int64_t steps)
{
    torch::NoGradGuard noGrad;
    std::vector<int64_t> out;
    for (int64_t i = 0; i < steps; ++i) {
        const auto logits = model.logits(row(ids));
        const int64_t next = logits[0][logits.size(1) - 1].argmax().item<int64_t>();
        out.push_back(next);
        ids.push_back(next);
    }
    return out;
}

} // namespace

class TestGeneration : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void greedyWithCacheEqualsFullRecomputation()
    {
        auto model = tinyModel();
        const auto prompt = randomIds(5, 3);
        core::GenerationOptions options;
        options.maxNewTokens = 12;
        core::StopReason reason;
        const auto ids = core::generateIds(*model, prompt, options, /*eosId=*/-1, &reason);
        QCOMPARE(ids, greedyWithoutCache(*model, prompt, 12));
        QVERIFY(reason == core::StopReason::MaxNewTokens);
    }

    void stopsAtEosWithoutIncludingIt()
    {
        auto model = tinyModel();
        const auto prompt = randomIds(5, 3);
        const auto greedy = greedyWithoutCache(*model, prompt, 4);
        core::GenerationOptions options;
        options.maxNewTokens = 10;
        core::StopReason reason;
        // Declare the fourth greedy token EOS: generation must stop right before it (unless it occurred earlier).
        const auto ids = core::generateIds(*model, prompt, options, greedy[3], &reason);
        QVERIFY(reason == core::StopReason::Eos);
        const auto firstEos = std::find(greedy.begin(), greedy.end(), greedy[3]) - greedy.begin();
        QCOMPARE(ids, std::vector<int64_t>(greedy.begin(), greedy.begin() + firstEos));
    }

    void stopsAtTheLastPosition()
    {
        auto model = tinyModel(/*maxPositions=*/16);
        core::GenerationOptions options;
        options.maxNewTokens = 100;
        core::StopReason reason;
        const auto ids = core::generateIds(*model, randomIds(10, 4), options, -1, &reason);
        QVERIFY(reason == core::StopReason::MaxPositions);
        QCOMPARE(ids.size(), size_t(16 - 10 + 1)); // the last token is predicted at position 15 and never fed
        QVERIFY_THROWS_EXCEPTION(core::Error, core::generateIds(*model, randomIds(17, 4), options, -1));
    }

    void samplingIsSeededAndTopKOneIsGreedy()
    {
        auto model = tinyModel();
        const auto prompt = randomIds(4, 5);
        core::GenerationOptions options;
        options.maxNewTokens = 16;
        options.temperature = 5.0; // flat enough that two seeds disagree
        options.seed = 1;
        const auto a = core::generateIds(*model, prompt, options, -1);
        const auto b = core::generateIds(*model, prompt, options, -1);
        options.seed = 2;
        const auto c = core::generateIds(*model, prompt, options, -1);
        QCOMPARE(a, b);
        QVERIFY(a != c);
        options.topK = 1;
        QCOMPARE(core::generateIds(*model, prompt, options, -1), greedyWithoutCache(*model, prompt, 16));
        options.topK = 0;
        options.topP = 1e-9; // only the most likely token survives
        QCOMPARE(core::generateIds(*model, prompt, options, -1), greedyWithoutCache(*model, prompt, 16));
    }

    void badOptionsNameTheFlag()
    {
        auto model = tinyModel();
        core::GenerationOptions options;
        options.temperature = -1;
        testutil::expectError([&] { core::generateIds(*model, {1}, options, -1); }, {"--temperature"});
        options = {};
        options.maxNewTokens = 0;
        QVERIFY_THROWS_EXCEPTION(core::Error, core::generateIds(*model, {1}, options, -1));
        options = {};
        options.topP = 0;
        QVERIFY_THROWS_EXCEPTION(core::Error, core::generateIds(*model, {1}, options, -1));
    }
};

QTEST_APPLESS_MAIN(TestGeneration)
#include "test_generation.moc"
