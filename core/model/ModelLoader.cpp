#include "core/model/ModelLoader.h"

#include "core/common/Error.h"
#include "core/io/AtomicFile.h"
#include "core/io/JsonFile.h"
#include "core/io/Safetensors.h"
#include "core/io/WeightStore.h"
#include "core/model/DeviceSelection.h"
#include "core/model/ParameterNames.h"
#include "core/tokenizer/TokenizerLoader.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <filesystem>
#include <set>

namespace fs = std::filesystem;

namespace core {
namespace {

std::string shapeText(at::IntArrayRef shape)
{
    std::string out = "[";
    for (size_t i = 0; i < shape.size(); ++i)
        out += (i ? ", " : "") + std::to_string(shape[i]);
    return out + "]";
}

void copyWeights(CausalLm& model, const WeightStore& store, const std::string& directory)
{
    checkCheckpointMatches(model, store, directory);
    torch::NoGradGuard noGrad;
    for (auto& item : model.named_parameters(/*recurse=*/true)) {
        const std::string name = withoutBaseLayer(item.key());
        if (!isLoraParameterName(name) && store.contains(name)) {
            // Read from the file, not through the mapping: a file truncated meanwhile by another program (a download
            // still running) is a clear error instead of SIGBUS, and no mapped pages pile up, so loading costs one
            // model of memory (an 8B bf16 load ~16 GB, not model + file).
            at::Tensor parameter = item.value();
            store.readInto(name, parameter);
        }
    }
}

} // namespace

void checkCheckpointMatches(CausalLm& model, const WeightStore& store, const std::string& directory)
{
    const bool tied = model.config().tieWordEmbeddings;
    for (const auto& item : model.named_parameters(/*recurse=*/true)) {
        const std::string name = withoutBaseLayer(item.key());
        if (isLoraParameterName(name))
            continue;
        if (!store.contains(name)) {
            if (tied && name == "lm_head.weight")
                continue; // shares model.embed_tokens.weight
            LORAWB_FAIL(directory, ": tensor \"", name, "\" is missing from the checkpoint. The weights do not match ",
                        "config.json (check num_hidden_layers, tie_word_embeddings and the architecture), or a shard ",
                        "is incomplete.");
        }
        const auto& entry = store.entry(name);
        const at::IntArrayRef expected = item.value().sizes();
        LORAWB_CHECK(at::IntArrayRef(entry.shape) == expected, store.fileOf(name), ": tensor \"", name,
                     "\" has shape ", shapeText(entry.shape), " but config.json implies ", shapeText(expected),
                     ". config.json and the weights do not belong together.");
        LORAWB_CHECK(entry.dtype == "F32" || entry.dtype == "F16" || entry.dtype == "BF16", store.fileOf(name),
                     ": tensor \"", name, "\" has dtype ", entry.dtype, "; model weights must be F32, F16 or BF16.");
    }
}

ModelConfig loadModelConfig(const std::string& directory)
{
    LORAWB_CHECK(fs::is_directory(directory), directory,
                 ": model directory not found. Give a Hugging Face model directory (config.json, *.safetensors, "
                 "tokenizer.json or tokenizer.model).");
    const std::string configPath = (fs::path(directory) / "config.json").string();
    LORAWB_CHECK(fs::is_regular_file(configPath), configPath,
                 ": not found. A Hugging Face model directory has a config.json next to its weights.");
    return ModelConfig::fromFile(configPath);
}

LoadedModel loadModel(const std::string& directory, const LoadOptions& options)
{
    LoadedModel loaded;
    loaded.directory = directory;
    const ModelConfig cfg = loadModelConfig(directory);
    loaded.device = resolveDevice(options.device, "device");
    loaded.dtype = resolveDtype(options.dtype, loaded.device, "dtype");
    // The tokenizer first: it is cheap, and a missing tokenizer should not cost a weight load.
    if (options.loadTokenizer)
        loaded.tokenizer = loadTokenizer(directory);
    const WeightStore store = WeightStore::openDirectory(directory);

    auto model = std::make_shared<CausalLm>(cfg);
    model->to(loaded.dtype); // convert before filling so the full-precision copy never exists for bf16 loads
    copyWeights(*model, store, directory);
    for (auto& p : model->parameters())
        p.set_requires_grad(false);
    model->to(loaded.device);
    model->eval();
    loaded.model = model;
    if (loaded.tokenizer)
        checkTokenizerFits(*loaded.tokenizer, cfg, directory);
    return loaded;
}

void checkTokenizerFits(const Tokenizer& tok, const ModelConfig& cfg, const std::string& directory)
{
    LORAWB_CHECK(tok.vocabSize() <= cfg.vocabSize, directory, ": ", tokenizerFileName(directory), " has ",
                 tok.vocabSize(), " tokens but config.json's vocab_size is ", cfg.vocabSize,
                 " (the embedding rows); the tokenizer does not belong to this model.");
}

void initializeRandomWeights(CausalLm& model, uint64_t seed)
{
    torch::NoGradGuard noGrad;
    auto generator = at::detail::createCPUGenerator(seed);
    for (auto& item : model.named_parameters(/*recurse=*/true)) {
        auto& p = item.value();
        const std::string& name = item.key();
        if (name.find("norm") != std::string::npos)
            p.fill_(1.0);
        else if (name.size() >= 5 && name.compare(name.size() - 5, 5, ".bias") == 0)
            p.zero_();
        else
            p.copy_(at::normal(0.0, 0.02, p.sizes(), generator, torch::TensorOptions(torch::kFloat32)));
    }
}

std::vector<std::pair<std::string, at::Tensor>> checkpointTensors(const CausalLm& model)
{
    std::vector<std::pair<std::string, at::Tensor>> tensors;
    std::set<std::string> seen;
    const bool tied = model.lmHeadTied();
    for (const auto& item : model.named_parameters(/*recurse=*/true)) {
        const std::string name = withoutBaseLayer(item.key());
        if (isLoraParameterName(name) || (tied && name == "lm_head.weight") || !seen.insert(name).second)
            continue;
        tensors.emplace_back(name, item.value().detach());
    }
    return tensors;
}

void saveModelDirectory(const CausalLm& model, const std::string& directory)
{
    ensureDirectory(directory);
    saveSafetensors((fs::path(directory) / "model.safetensors").string(), checkpointTensors(model), {{"format", "pt"}});
    auto config = model.config().toJson();
    config["tie_word_embeddings"] = model.lmHeadTied();
    writeJsonFileAtomically((fs::path(directory) / "config.json").string(), config);
}

} // namespace core
