// lorawb info MODEL_DIR [--json]: what a model directory holds, read from config.json and the safetensors headers
// (shapes and dtypes are checked, the weights themselves are not read, so this is quick even for an 8B model).
#include "cli/ArgParser.h"
#include "core/common/Text.h"
#include "cli/Commands.h"
#include "cli/JsonOutput.h"
#include "core/io/WeightStore.h"
#include "core/lora/LoraInjector.h"
#include "core/lora/ParameterCount.h"
#include "core/model/CausalLm.h"
#include "core/model/ModelLoader.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <iomanip>
#include <iostream>
#include <set>

namespace core::cli {
namespace {

const char* const kHelp =
    "usage: lorawb info MODEL_DIR [--json]\n"
    "\n"
    "Shows a Hugging Face model directory: architecture, layers, sizes, heads, vocabulary, maximum positions,\n"
    "parameter count, the dtype the weights are stored in, and every linear module (name, in, out) — the names\n"
    "lora.target_modules can use. Reads config.json and the safetensors headers (checked against config.json);\n"
    "neither the weights nor the tokenizer are loaded.\n"
    "\n"
    "  --json   one JSON object on stdout\n";

std::string dtypeOfSafetensors(const std::string& dtype)
{
    if (dtype == "F32")
        return "float32";
    if (dtype == "BF16")
        return "bfloat16";
    if (dtype == "F16")
        return "float16";
    return dtype;
}

// The stored dtype ("bfloat16", or "mixed: …"), after the loader's own check that the checkpoint fits config.json.
std::string checkWeights(CausalLm& model, const WeightStore& store, const std::string& dir)
{
    checkCheckpointMatches(model, store, dir);
    std::set<std::string> dtypes;
    for (const auto& name : store.names())
        dtypes.insert(dtypeOfSafetensors(store.entry(name).dtype));
    if (dtypes.size() == 1)
        return *dtypes.begin();
    std::string mixed = "mixed:";
    for (const auto& d : dtypes)
        mixed += " " + d;
    return mixed;
}

} // namespace

int runInfo(const std::vector<std::string>& args)
{
    ArgParser parser("info", kHelp);
    parser.addPositional("MODEL_DIR");
    parser.addFlag("--json");
    if (!parser.parse(args))
        return 0;
    const std::string dir = parser.value("MODEL_DIR");
    const ModelConfig cfg = loadModelConfig(dir);
    const WeightStore store = WeightStore::openDirectory(dir);
    // The module tree of this config. Its weights are allocated but never written (untouched pages cost no memory),
    // except the embedding's initialisation.
    const auto model = std::make_shared<CausalLm>(cfg); // shared: module discovery walks it with named_modules
    const std::string dtype = checkWeights(*model, store, dir);
    const ParameterCount count = countParameters(*model);
    const auto modules = discoverLinearModules(*model);
    const auto targets = availableTargetNames(*model);

    if (parser.has("--json")) {
        nlohmann::json linear = nlohmann::json::array();
        for (const auto& m : modules)
            linear.push_back({{"name", m.name}, {"in", m.in}, {"out", m.out}, {"bias", m.hasBias}, {"layer", m.layer}});
        printJson({{"directory", dir},
                   {"architecture", cfg.architecture},
                   {"model_type", cfg.modelType},
                   {"layers", cfg.numHiddenLayers},
                   {"hidden_size", cfg.hiddenSize},
                   {"intermediate_size", cfg.intermediateSize},
                   {"attention_heads", cfg.numAttentionHeads},
                   {"key_value_heads", cfg.numKeyValueHeads},
                   {"head_dim", cfg.headDim},
                   {"vocab_size", cfg.vocabSize},
                   {"max_position_embeddings", cfg.maxPositionEmbeddings},
                   {"rope_theta", cfg.ropeTheta},
                   {"tie_word_embeddings", cfg.tieWordEmbeddings},
                   {"parameters", count.all},
                   {"dtype", dtype},
                   {"linear_modules", linear},
                   {"target_names", targets}});
        return 0;
    }
    const std::string targetList = joinedWithCommas(targets);
    std::cout << "model:           " << dir << "\n"
              << "architecture:    " << cfg.architecture << " (" << cfg.modelType << ")\n"
              << "layers:          " << cfg.numHiddenLayers << "\n"
              << "hidden size:     " << cfg.hiddenSize << " (intermediate " << cfg.intermediateSize << ")\n"
              << "heads:           " << cfg.numAttentionHeads << " attention, " << cfg.numKeyValueHeads
              << " key/value, head_dim " << cfg.headDim << "\n"
              << "vocabulary:      " << cfg.vocabSize << "\n"
              << "max positions:   " << cfg.maxPositionEmbeddings << "\n"
              << "rope theta:      " << cfg.ropeTheta << (cfg.ropeScaling ? " (scaling: " + cfg.ropeScaling->type + ")" : "")
              << "\n"
              << "tied embeddings: " << (cfg.tieWordEmbeddings ? "yes" : "no") << "\n"
              << "parameters:      " << withThousandsSeparators(count.all) << "\n"
              << "dtype:           " << dtype << " (as stored)\n"
              << "target names:    " << targetList << "\n"
              << "linear modules (" << modules.size() << "):\n";
    size_t width = 0;
    for (const auto& m : modules)
        width = std::max(width, m.name.size());
    for (const auto& m : modules)
        std::cout << "  " << std::left << std::setw(static_cast<int>(width)) << m.name << std::right << "  "
                  << std::setw(6) << m.in << " -> " << std::setw(6) << m.out << (m.hasBias ? "  (bias)" : "") << "\n";
    return 0;
}

} // namespace core::cli
