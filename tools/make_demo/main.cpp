// lorawb-make-demo: regenerates the bundled demo (resources/demo/) from its committed recipe. Run from the repository
// root. See resources/demo/README.md for the full sequence and the numbers it produced.
#include "DemoMetrics.h"
#include "DemoRecipe.h"
#include "LoraDemoRun.h"
#include "Pretrain.h"

#include "core/common/Error.h"

#include <c10/util/Exception.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace {

constexpr const char* kUsage =
    "usage: lorawb-make-demo COMMAND [options]\n"
    "  corpus    [--recipe FILE]            KJV → work_dir/pretrain.txt + the retain text\n"
    "  tokenizer [--recipe FILE]            sentencepiece tokenizer on the pretraining text\n"
    "  pretrain  [--recipe FILE] [--resume] [--max-steps N] [--threads N] [--no-eval]\n"
    "                                       full pretraining from random init (checkpoints; --resume continues);\n"
    "                                       --max-steps/--threads override the recipe (to measure tokens/s first)\n"
    "  export    [--recipe FILE]            work_dir/run/model → output_dir (save_dtype) + tokenizer\n"
    "  snapshot  DIR [--recipe FILE]        the newest pretraining checkpoint → DIR (float32), to try it early\n"
    "  metrics   [--recipe FILE]            held-out perplexity, unigram baseline, samples → demo_metrics.json\n"
    "  all       [--recipe FILE] [--resume] every step above in order\n"
    "  lora-run  EXPERIMENT.yaml [--set key=value]... [--test FILE]... [--retain FILE] [--limit N]\n"
    "                                       trains an experiment, measuring exact-match accuracy on each --test file\n"
    "                                       and retain perplexity before and after, and the loss at 30 s\n"
    "The recipe defaults to resources/demo/pretrain.yaml.\n";

struct Options {
    std::string command;
    std::string recipe = "resources/demo/pretrain.yaml";
    std::string experiment;
    bool noEval = false;
    int threads = 0;
    std::string retain;
    bool resume = false;
    long long maxSteps = 0;
    long long limit = 0;
    std::vector<std::string> sets, tests;
};

Options parse(int argc, char** argv)
{
    Options o;
    LORAWB_CHECK(argc >= 2, kUsage);
    o.command = argv[1];
    for (int i = 2; i < argc; ++i) {
        const std::string a = argv[i];
        const auto value = [&]() -> std::string {
            LORAWB_CHECK(i + 1 < argc, a, " needs a value.\n", kUsage);
            return argv[++i];
        };
        if (a == "--recipe")
            o.recipe = value();
        else if (a == "--resume")
            o.resume = true;
        else if (a == "--max-steps")
            o.maxSteps = std::stoll(value());
        else if (a == "--threads")
            o.threads = std::stoi(value());
        else if (a == "--no-eval")
            o.noEval = true;
        else if (a == "--set")
            o.sets.push_back(value());
        else if (a == "--test")
            o.tests.push_back(value());
        else if (a == "--retain")
            o.retain = value();
        else if (a == "--limit")
            o.limit = std::stoll(value());
        else if ((o.command == "lora-run" || o.command == "snapshot") && o.experiment.empty() && a[0] != '-')
            o.experiment = a;
        else
            LORAWB_FAIL("unknown argument '", a, "'.\n", kUsage);
    }
    return o;
}

int run(const Options& o)
{
    if (o.command == "lora-run") {
        LORAWB_CHECK(!o.experiment.empty(), "lora-run needs an experiment file.\n", kUsage);
        demo::LoraRunOptions options;
        options.experiment = o.experiment;
        options.overrides = o.sets;
        options.testFiles = o.tests;
        options.retainPath = o.retain;
        options.limit = o.limit;
        demo::runLoraDemo(options);
        return 0;
    }
    demo::DemoRecipe recipe = demo::loadDemoRecipe(o.recipe);
    if (o.threads > 0)
        recipe.train.threads = o.threads;
    if (o.maxSteps > 0)
        recipe.train.maxSteps = o.maxSteps;
    const bool all = o.command == "all";
    bool known = false;
    if (all || o.command == "corpus")
        known = true, demo::writeCorpus(recipe);
    if (all || o.command == "tokenizer")
        known = true, demo::trainTokenizer(recipe);
    if (all || o.command == "pretrain")
        known = true, demo::pretrain(recipe, o.resume, !o.noEval);
    if (all || o.command == "export")
        known = true, demo::exportModel(recipe);
    if (o.command == "snapshot") {
        LORAWB_CHECK(!o.experiment.empty(), "snapshot needs a target directory.\n", kUsage);
        known = true, demo::exportSnapshot(recipe, o.experiment);
    }
    if (all || o.command == "metrics")
        known = true, demo::writeMetrics(recipe);
    LORAWB_CHECK(known, "unknown command '", o.command, "'.\n", kUsage);
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    try {
        return run(parse(argc, argv));
    } catch (const core::Error& e) {
        std::fprintf(stderr, "lorawb-make-demo: %s\n", e.what());
        return 2;
    } catch (const c10::Error& e) {
        std::fprintf(stderr, "lorawb-make-demo: %s\n", e.what_without_backtrace());
        return 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "lorawb-make-demo: %s\n", e.what());
        return 1;
    }
}
