#include "core/export/MergedModelExport.h"

#include "core/common/Error.h"
#include "core/export/ExportDtype.h"
#include "core/export/MergedModel.h"
#include "core/export/MergedModelCard.h"
#include "core/export/ShardPlan.h"
#include "core/io/AtomicFile.h"
#include "core/io/JsonFile.h"
#include "core/io/StagedDirectory.h"

#include <nlohmann/json.hpp>

#include <filesystem>

namespace fs = std::filesystem;

namespace core {

namespace {

// What a model folder needs besides its weights to be used: the tokenizer in every spelling transformers reads.
const char* const kTokenizerFiles[] = {"tokenizer.model",     "tokenizer.json",     "tokenizer_config.json",
                                       "special_tokens_map.json", "added_tokens.json", "chat_template.jinja",
                                       "chat_template.json"};

// The base's config.json as it is (fields this engine does not model survive), with the dtype and the tie as written.
nlohmann::json mergedConfig(const std::string& modelDir, c10::ScalarType dtype, bool tied)
{
    auto config = readJsonFile((fs::path(modelDir) / "config.json").string(), "model config");
    config["torch_dtype"] = configDtypeName(dtype);
    if (config.contains("dtype")) // transformers 5 spells it so
        config["dtype"] = configDtypeName(dtype);
    config["tie_word_embeddings"] = tied;
    return config;
}

// The base's generation_config.json, or the one transformers derives from config.json when there is none.
nlohmann::json generationConfig(const std::string& modelDir, const ModelConfig& cfg)
{
    const fs::path own = fs::path(modelDir) / "generation_config.json";
    if (fs::is_regular_file(own))
        return readJsonFile(own.string(), "generation config");
    nlohmann::json json = {{"_from_model_config", true}};
    if (cfg.bosTokenId >= 0)
        json["bos_token_id"] = cfg.bosTokenId;
    if (cfg.eosTokenId >= 0)
        json["eos_token_id"] = cfg.eosTokenId;
    if (cfg.padTokenId >= 0)
        json["pad_token_id"] = cfg.padTokenId;
    return json;
}

} // namespace

ExportReport exportMergedModel(const std::string& modelDir, const std::string& adapterDir,
                               const std::string& outputDir, const MergedExportOptions& options,
                               const ExportControl& control)
{
    checkOutputFolder(outputDir, options.overwrite);
    const ModelConfig baseConfig = loadModelConfig(modelDir);
    const c10::ScalarType outDtype = parseExportDtype(options.dtype, baseConfig, "--dtype");
    const auto stored = parseExportDtype("auto", baseConfig, "torch_dtype");
    MergedModel merged = loadMergedModel(modelDir, adapterDir, outDtype == c10::kFloat ? c10::kFloat : stored);
    throwIfCancelled(control, "the merged export");

    const auto tensors = checkpointTensors(*merged.base.model);
    std::vector<SafetensorsTensorSpec> specs;
    for (const auto& [name, tensor] : tensors)
        specs.push_back({name, outDtype, tensor.sizes().vec()});
    const std::vector<Shard> shards = planShards(specs, options.maxShardBytes);
    uint64_t total = 0;
    for (const auto& shard : shards)
        total += shard.bytes;
    checkFreeSpace(outputDir, total);

    std::map<std::string, const at::Tensor*> byName;
    for (const auto& [name, tensor] : tensors)
        byName[name] = &tensor;
    explainingCleanup(outputDir, [&] { writeDirectoryAtomically(outputDir, [&](const std::string& staging) {
        std::vector<std::string> written;
        nlohmann::json weightMap = nlohmann::json::object();
        uint64_t done = 0;
        for (const auto& shard : shards) {
            SafetensorsStreamWriter out((fs::path(staging) / shard.fileName).string(), shard.tensors,
                                        {{"format", "pt"}});
            for (const std::string& name : out.order()) {
                throwIfCancelled(control, "the merged export");
                if (control.onProgress)
                    control.onProgress({total ? double(done) / double(total) : 0.0, name});
                out.write(name, *byName.at(name));
                weightMap[name] = shard.fileName;
                done += tensorBytes({name, outDtype, byName.at(name)->sizes().vec()});
            }
            out.commit();
            written.push_back(shard.fileName);
        }
        if (shards.size() > 1) {
            writeJsonFileAtomically((fs::path(staging) / "model.safetensors.index.json").string(),
                                    {{"metadata", {{"total_size", total}}}, {"weight_map", weightMap}});
            written.push_back("model.safetensors.index.json");
        }
        const CausalLm& model = *merged.base.model;
        writeJsonFileAtomically((fs::path(staging) / "config.json").string(),
                                mergedConfig(modelDir, outDtype, model.lmHeadTied()));
        writeJsonFileAtomically((fs::path(staging) / "generation_config.json").string(),
                                generationConfig(modelDir, baseConfig));
        written.insert(written.end(), {"config.json", "generation_config.json"});
        for (const char* file : kTokenizerFiles) {
            const fs::path from = fs::path(modelDir) / file;
            if (fs::is_regular_file(from)) {
                writeFileAtomically((fs::path(staging) / file).string(), readWholeFile(from.string(), "tokenizer file"));
                written.push_back(file);
            }
        }
        writeFileAtomically((fs::path(staging) / "README.md").string(),
                            mergedModelCard({modelDir, adapterDir, configDtypeName(outDtype), shards.size()}));
        written.push_back("README.md");
        writeExportManifest(staging, "merged", written);
        if (control.onProgress)
            control.onProgress({1.0, "done"});
    }); });

    ExportReport report;
    report.kind = "merged";
    report.output = outputDir;
    report.files = listExportedFiles(outputDir);
    if (!merged.adapterWarning.empty())
        report.warnings.push_back(merged.adapterWarning);
    return report;
}

} // namespace core
