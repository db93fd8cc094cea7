#include "DemoMetrics.h"

#include "UnigramBaseline.h"

#include "core/data/DatasetReader.h"
#include "core/eval/Generation.h"
#include "core/eval/Perplexity.h"
#include "core/io/JsonFile.h"
#include "core/lora/ParameterCount.h"
#include "core/model/ModelLoader.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>

namespace demo {

namespace {

struct SamplePrompt {
    const char* prompt;
    double temperature;
};

// Prompts in the corpus's own shape (chapter heading, numbered verse) and free ones.
const SamplePrompt kSamples[] = {
    {"Genesis 1\n1 In the beginning", 0.0},
    {"And Jesus said unto them,", 0.0},
    {"Psalms 23\n1 The LORD is my shepherd;", 0.0},
    {"And the king", 0.8},
    {"Proverbs 3\n5 Trust in the LORD", 0.8},
    {"Blessed are", 0.8},
};

} // namespace

void writeMetrics(const DemoRecipe& recipe)
{
    core::LoadOptions options;
    options.device = "cpu";
    options.dtype = "float32";
    core::LoadedModel loaded = core::loadModel(recipe.outputDir, options);
    const core::Tokenizer& tok = *loaded.tokenizer;

    const auto start = std::chrono::steady_clock::now();
    const core::PerplexityResult held = core::textFilePerplexity(*loaded.model, tok, recipe.retainPath);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    const std::vector<int> fitIds = tok.encode(core::readTextFile(recipe.pretrainTextPath()));
    const UnigramBaseline unigram(fitIds, tok.vocabSize());
    const UnigramResult base = unigram.evaluate(tok.encode(core::readTextFile(recipe.retainPath)));

    std::printf("retain perplexity %.3f (loss %.4f, %lld tokens, %.1f s); unigram baseline %.3f (loss %.4f, %lld "
                "tokens; fitted on %zu pretraining tokens)\n",
                held.perplexity, held.loss, static_cast<long long>(held.tokens), seconds, base.perplexity, base.loss,
                static_cast<long long>(base.tokens), fitIds.size());

    nlohmann::json samples = nlohmann::json::array();
    for (const SamplePrompt& s : kSamples) {
        core::GenerationOptions g;
        g.maxNewTokens = 48;
        g.temperature = s.temperature;
        g.seed = 7;
        g.stopAtEos = true;
        const core::Generation out = core::generate(*loaded.model, tok, s.prompt, g);
        // Prompt and continuation decoded together: decoding the continuation alone would drop the space that starts
        // its first piece ("▁of" → "of").
        std::vector<int> ids(out.promptIds.begin() + (tok.bosId() >= 0 ? 1 : 0), out.promptIds.end());
        ids.insert(ids.end(), out.newIds.begin(), out.newIds.end());
        const std::string text = tok.decode(ids);
        std::printf("--- temperature %.1f, stop: %s\n%s\n", s.temperature, core::toString(out.stopReason).c_str(),
                    text.c_str());
        samples.push_back({{"prompt", s.prompt}, {"temperature", s.temperature}, {"seed", g.seed},
                           {"max_new_tokens", g.maxNewTokens}, {"text", text},
                           {"stop", core::toString(out.stopReason)}});
    }
    const int64_t parameters = core::countParameters(*loaded.model).all;
    nlohmann::json metrics = {
        {"retain_text", recipe.retainPath},
        {"retain_loss", held.loss},
        {"retain_perplexity", held.perplexity},
        {"retain_tokens", held.tokens},
        {"window", loaded.model->config().maxPositionEmbeddings},
        {"unigram_loss", base.loss},
        {"unigram_perplexity", base.perplexity},
        {"unigram_fit_tokens", static_cast<int64_t>(fitIds.size())},
        {"parameters", parameters},
        {"samples", samples},
    };
    core::writeJsonFileAtomically(recipe.metricsPath(), metrics);
    std::printf("wrote %s\n", recipe.metricsPath().c_str());
}

} // namespace demo
