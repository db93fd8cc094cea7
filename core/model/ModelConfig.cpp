#include "core/model/ModelConfig.h"

#include "core/common/Error.h"
#include "core/io/JsonFile.h"
#include "core/model/ArchitectureRegistry.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace core {
namespace {

using nlohmann::json;

// A required positive integer field.
int64_t positiveInt(const json& j, const char* key, const std::string& path)
{
    LORAWB_CHECK(j.contains(key), path, ": field \"", key, "\" is missing; a Hugging Face config.json of this "
                 "architecture always has it — is this the right file?");
    const auto& v = j.at(key);
    LORAWB_CHECK(v.is_number_integer(), path, ": field \"", key, "\" must be an integer, got ", v.dump());
    LORAWB_CHECK(v.get<int64_t>() > 0, path, ": field \"", key, "\" must be positive, got ", v.dump());
    return v.get<int64_t>();
}


// eos_token_id may be an int or a list of ints (Llama 3): the first one is the one appended to training data.
int64_t tokenId(const json& j, const char* key, const std::string& path)
{
    if (!j.contains(key) || j.at(key).is_null())
        return -1;
    const auto& v = j.at(key);
    if (v.is_array() && !v.empty() && v[0].is_number_integer())
        return v[0].get<int64_t>();
    LORAWB_CHECK(v.is_number_integer(), path, ": field \"", key, "\" must be an integer or a list of integers");
    return v.get<int64_t>();
}

// longrope's per-frequency factors: one number per rotating pair of dims.
std::vector<double> ropeFactors(const json& scaling, const char* key, size_t count, const std::string& path)
{
    LORAWB_CHECK(scaling.contains(key) && scaling.at(key).is_array(), path, ": longrope scaling needs \"", key,
                 "\", a list of ", count, " numbers (one per rotating pair of head dims)");
    std::vector<double> factors;
    for (const auto& v : scaling.at(key)) {
        LORAWB_CHECK(v.is_number() && v.get<double>() > 0, path, ": rope scaling \"", key,
                     "\" must hold positive numbers, got ", v.dump());
        factors.push_back(v.get<double>());
    }
    LORAWB_CHECK(factors.size() == count, path, ": rope scaling \"", key, "\" has ", factors.size(),
                 " numbers; this model rotates ", 2 * count, " dims of each head, so it needs ", count);
    return factors;
}

// The share of each head's dims that rotate (Phi-3's and Phi-4-mini's partial_rotary_factor), at the top or in
// rope_parameters.
void readRotaryDim(const json& j, ModelConfig& cfg, const std::string& path)
{
    double factor = optionalJsonField<double>(j, "partial_rotary_factor", 1.0, path);
    if (j.contains("rope_parameters") && j.at("rope_parameters").is_object())
        factor = optionalJsonField<double>(j.at("rope_parameters"), "partial_rotary_factor", factor, path);
    LORAWB_CHECK(factor > 0 && factor <= 1, path, ": partial_rotary_factor must be in (0, 1], got ", factor);
    cfg.rotaryDim = static_cast<int64_t>(static_cast<double>(cfg.headDim) * factor);
    LORAWB_CHECK(cfg.rotaryDim >= 2 && cfg.rotaryDim % 2 == 0, path, ": partial_rotary_factor ", factor,
                 " rotates ", cfg.rotaryDim, " of head_dim ", cfg.headDim, " dims; rotary embeddings need an even "
                 "number of at least 2");
}

// transformers < 5 keeps rope_theta and rope_scaling at the top; 5.x may use rope_parameters {rope_type, rope_theta, …}.
void readRope(const json& j, ModelConfig& cfg, const std::string& path)
{
    cfg.ropeTheta = optionalJsonField<double>(j, "rope_theta", 10000.0, path);
    const json* scaling = nullptr;
    if (j.contains("rope_scaling") && j.at("rope_scaling").is_object())
        scaling = &j.at("rope_scaling");
    if (j.contains("rope_parameters") && j.at("rope_parameters").is_object()) {
        scaling = &j.at("rope_parameters");
        cfg.ropeTheta = optionalJsonField<double>(*scaling, "rope_theta", cfg.ropeTheta, path);
    }
    if (!scaling)
        return;
    std::string type = optionalJsonField<std::string>(*scaling, "rope_type", "", path);
    if (type.empty())
        type = optionalJsonField<std::string>(*scaling, "type", "default", path);
    if (type == "default")
        return;
    if (cfg.architecture == "Phi3ForCausalLM" && (type == "su" || type == "yarn"))
        type = "longrope"; // Phi-3's older names for it, renamed by transformers' Phi3Config
    LORAWB_CHECK(type == "linear" || type == "llama3" || type == "longrope", path, ": rope scaling type \"", type,
                 "\" is not supported (supported: default, linear, llama3, longrope).");
    RopeScaling rs;
    rs.type = type;
    rs.factor = optionalJsonField<double>(*scaling, "factor", 1.0, path);
    if (type == "longrope") {
        // The pretraining length: Phi-3 keeps it at the top, which transformers prefers; then the scaling's; then
        // max_position_embeddings. Without an explicit factor, the ratio of the two lengths.
        rs.originalMaxPositionEmbeddings = optionalJsonField<int64_t>(
            j, "original_max_position_embeddings",
            optionalJsonField<int64_t>(*scaling, "original_max_position_embeddings", cfg.maxPositionEmbeddings, path),
            path);
        LORAWB_CHECK(rs.originalMaxPositionEmbeddings > 1, path, ": original_max_position_embeddings must be above 1");
        if (!scaling->contains("factor") || scaling->at("factor").is_null())
            rs.factor = static_cast<double>(cfg.maxPositionEmbeddings) /
                        static_cast<double>(rs.originalMaxPositionEmbeddings);
        const size_t pairs = static_cast<size_t>((cfg.rotaryDim > 0 ? cfg.rotaryDim : cfg.headDim) / 2);
        rs.shortFactor = ropeFactors(*scaling, "short_factor", pairs, path);
        rs.longFactor = ropeFactors(*scaling, "long_factor", pairs, path);
        if (scaling->contains("attention_factor") && !scaling->at("attention_factor").is_null())
            rs.attentionFactor = optionalJsonField<double>(*scaling, "attention_factor", 1.0, path);
    }
    LORAWB_CHECK(rs.factor > 0, path, ": rope scaling factor must be positive, got ", rs.factor,
                 "; fix rope_scaling.factor (e.g. 8.0 for Llama 3.1).");
    rs.lowFreqFactor = optionalJsonField<double>(*scaling, "low_freq_factor", 1.0, path);
    rs.highFreqFactor = optionalJsonField<double>(*scaling, "high_freq_factor", 4.0, path);
    if (type == "llama3")
        rs.originalMaxPositionEmbeddings =
            optionalJsonField<int64_t>(*scaling, "original_max_position_embeddings", 8192, path);
    if (type == "llama3")
        LORAWB_CHECK(rs.highFreqFactor > rs.lowFreqFactor, path,
                     ": llama3 rope scaling needs high_freq_factor > low_freq_factor");
    cfg.ropeScaling = rs;
}

} // namespace

ModelConfig ModelConfig::fromJson(const json& j, const std::string& path)
{
    LORAWB_CHECK(j.is_object(), path, ": expected a JSON object (a Hugging Face config.json)");
    ModelConfig cfg;
    LORAWB_CHECK(j.contains("architectures") && j.at("architectures").is_array() && !j.at("architectures").empty() &&
                     j.at("architectures")[0].is_string(),
                 path, ": field \"architectures\" is missing or empty; expected e.g. [\"LlamaForCausalLM\"]. Supported: ",
                 supportedArchitectureList());
    cfg.architecture = j.at("architectures")[0].get<std::string>();
    const auto& arch = architectureByHfName(cfg.architecture, path);
    cfg.modelType = optionalJsonField<std::string>(j, "model_type", arch.modelType, path);

    cfg.vocabSize = positiveInt(j, "vocab_size", path);
    cfg.hiddenSize = positiveInt(j, "hidden_size", path);
    cfg.intermediateSize = positiveInt(j, "intermediate_size", path);
    cfg.numHiddenLayers = positiveInt(j, "num_hidden_layers", path);
    cfg.numAttentionHeads = positiveInt(j, "num_attention_heads", path);
    cfg.numKeyValueHeads = j.contains("num_key_value_heads") && !j.at("num_key_value_heads").is_null()
                               ? positiveInt(j, "num_key_value_heads", path)
                               : cfg.numAttentionHeads;
    cfg.headDim = j.contains("head_dim") && !j.at("head_dim").is_null() ? positiveInt(j, "head_dim", path) : 0;
    if (cfg.headDim == 0) {
        LORAWB_CHECK(cfg.hiddenSize % cfg.numAttentionHeads == 0, path, ": hidden_size (", cfg.hiddenSize,
                     ") is not divisible by num_attention_heads (", cfg.numAttentionHeads,
                     "); fix one of them or give head_dim explicitly.");
        cfg.headDim = cfg.hiddenSize / cfg.numAttentionHeads;
    }
    LORAWB_CHECK(cfg.numAttentionHeads % cfg.numKeyValueHeads == 0, path, ": num_attention_heads (",
                 cfg.numAttentionHeads, ") is not a multiple of num_key_value_heads (", cfg.numKeyValueHeads,
                 "); grouped-query attention needs each key/value head to serve the same number of query heads.");
    LORAWB_CHECK(cfg.headDim % 2 == 0, path, ": head_dim (", cfg.headDim, ") must be even for rotary embeddings.");

    cfg.maxPositionEmbeddings = j.contains("max_position_embeddings") ? positiveInt(j, "max_position_embeddings", path)
                                                                     : 2048;
    cfg.rmsNormEps = optionalJsonField<double>(j, "rms_norm_eps", 1e-6, path);
    cfg.rotaryDim = cfg.headDim;
    if (arch.architecture == Architecture::Phi3)
        readRotaryDim(j, cfg, path);
    readRope(j, cfg, path);
    cfg.tieWordEmbeddings = optionalJsonField<bool>(j, "tie_word_embeddings", false, path);
    const std::string act = optionalJsonField<std::string>(j, "hidden_act", "silu", path);
    LORAWB_CHECK(act == "silu", path, ": hidden_act \"", act, "\" is not supported (LLaMA-family models use silu).");

    const bool attentionBias = optionalJsonField<bool>(j, "attention_bias", false, path);
    switch (arch.architecture) {
    case Architecture::Qwen2:
        cfg.qkvBias = true; // Qwen2's q/k/v projections always carry a bias, o_proj never does
        cfg.oBias = false;
        break;
    case Architecture::Llama:
        cfg.qkvBias = cfg.oBias = attentionBias;
        cfg.mlpBias = optionalJsonField<bool>(j, "mlp_bias", false, path);
        break;
    case Architecture::Qwen3:
        // Qwen3 dropped Qwen2's q/k/v biases (attention_bias, default false) and normalizes each head of q and k.
        cfg.qkvBias = cfg.oBias = attentionBias;
        cfg.qkNorm = true;
        break;
    case Architecture::Mistral:
        break;
    case Architecture::Phi3:
        // One qkv_proj and one gate_up_proj, no biases; dropout on each block's output while training.
        cfg.fusedProjections = true;
        cfg.residualDropout = optionalJsonField<double>(j, "resid_pdrop", 0.0, path);
        LORAWB_CHECK(cfg.residualDropout >= 0 && cfg.residualDropout < 1, path, ": resid_pdrop must be in [0, 1), got ",
                     cfg.residualDropout);
        break;
    }
    for (const char* key : {"hidden_dropout", "classifier_dropout"}) // the later one wins, as in transformers
        if (j.contains(key) && !j.at(key).is_null()) {
            cfg.classifierDropout = optionalJsonField<double>(j, key, 0.1, path);
            LORAWB_CHECK(cfg.classifierDropout >= 0 && cfg.classifierDropout < 1, path, ": ", key,
                         " must be in [0, 1), got ", cfg.classifierDropout);
        }
    cfg.attentionDropout = optionalJsonField<double>(j, "attention_dropout", 0.0, path);
    LORAWB_CHECK(cfg.attentionDropout >= 0 && cfg.attentionDropout < 1, path,
                 ": attention_dropout must be in [0, 1), got ", cfg.attentionDropout);
    // Qwen2 and Qwen3 configs carry sliding_window but only use it with use_sliding_window: true. A Mistral config
    // without the key gets MistralConfig's default, 4096 (null: none).
    const bool qwen = arch.architecture == Architecture::Qwen2 || arch.architecture == Architecture::Qwen3;
    const bool slidingUsed = !qwen || optionalJsonField<bool>(j, "use_sliding_window", false, path);
    const int64_t defaultWindow = arch.architecture == Architecture::Mistral && !j.contains("sliding_window") ? 4096 : 0;
    if (slidingUsed)
        cfg.slidingWindow = optionalJsonField<int64_t>(j, "sliding_window", defaultWindow, path);
    LORAWB_CHECK(cfg.slidingWindow >= 0, path, ": sliding_window must be a positive number of positions or null, got ",
                 cfg.slidingWindow);
    if (cfg.slidingWindow > 0) {
        if (j.contains("layer_types") && !j.at("layer_types").is_null()) {
            const auto types = optionalJsonField<std::vector<std::string>>(j, "layer_types", {}, path);
            LORAWB_CHECK(static_cast<int64_t>(types.size()) == cfg.numHiddenLayers, path, ": layer_types has ",
                         types.size(), " entries for ", cfg.numHiddenLayers, " layers (num_hidden_layers).");
            for (const auto& type : types) {
                LORAWB_CHECK(type == "sliding_attention" || type == "full_attention", path, ": layer_types entry \"",
                             type, "\" is neither sliding_attention nor full_attention.");
                cfg.slidingLayers.push_back(type == "sliding_attention");
            }
        } else if (qwen) { // transformers: layer i slides when i >= max_window_layers (default 28)
            const int64_t full = optionalJsonField<int64_t>(j, "max_window_layers", 28, path);
            for (int64_t i = 0; i < cfg.numHiddenLayers; ++i)
                cfg.slidingLayers.push_back(i >= full);
        }
        if (std::all_of(cfg.slidingLayers.begin(), cfg.slidingLayers.end(), [](bool s) { return s; }))
            cfg.slidingLayers.clear(); // every layer slides: the plain case
    }
    cfg.torchDtype = optionalJsonField<std::string>(j, "torch_dtype", optionalJsonField<std::string>(j, "dtype", "", path), path);
    cfg.bosTokenId = tokenId(j, "bos_token_id", path);
    cfg.eosTokenId = tokenId(j, "eos_token_id", path);
    cfg.padTokenId = tokenId(j, "pad_token_id", path);
    return cfg;
}

ModelConfig ModelConfig::fromFile(const std::string& path)
{
    return fromJson(readJsonFile(path, "model config"), path);
}

json ModelConfig::toJson() const
{
    json j;
    j["architectures"] = {architecture};
    j["model_type"] = modelType;
    j["vocab_size"] = vocabSize;
    j["hidden_size"] = hiddenSize;
    j["intermediate_size"] = intermediateSize;
    j["num_hidden_layers"] = numHiddenLayers;
    j["num_attention_heads"] = numAttentionHeads;
    j["num_key_value_heads"] = numKeyValueHeads;
    j["head_dim"] = headDim;
    j["max_position_embeddings"] = maxPositionEmbeddings;
    j["rms_norm_eps"] = rmsNormEps;
    j["rope_theta"] = ropeTheta;
    if (ropeScaling) {
        j["rope_scaling"] = {{"rope_type", ropeScaling->type}, {"factor", ropeScaling->factor}};
        if (ropeScaling->type == "longrope") {
            j["rope_scaling"]["short_factor"] = ropeScaling->shortFactor;
            j["rope_scaling"]["long_factor"] = ropeScaling->longFactor;
            if (ropeScaling->attentionFactor)
                j["rope_scaling"]["attention_factor"] = *ropeScaling->attentionFactor;
            j["original_max_position_embeddings"] = ropeScaling->originalMaxPositionEmbeddings;
        }
        if (ropeScaling->type == "llama3") {
            j["rope_scaling"]["low_freq_factor"] = ropeScaling->lowFreqFactor;
            j["rope_scaling"]["high_freq_factor"] = ropeScaling->highFreqFactor;
            j["rope_scaling"]["original_max_position_embeddings"] = ropeScaling->originalMaxPositionEmbeddings;
        }
    } else {
        j["rope_scaling"] = nullptr;
    }
    j["tie_word_embeddings"] = tieWordEmbeddings;
    j["hidden_act"] = "silu";
    if (modelType == "llama") {
        j["attention_bias"] = qkvBias;
        j["mlp_bias"] = mlpBias;
    }
    if (modelType == "qwen3")
        j["attention_bias"] = qkvBias;
    if (rotaryDim > 0 && rotaryDim != headDim)
        j["partial_rotary_factor"] = static_cast<double>(rotaryDim) / static_cast<double>(headDim);
    if (attentionDropout > 0)
        j["attention_dropout"] = attentionDropout;
    if (modelType == "phi3")
        j["resid_pdrop"] = residualDropout;
    if (slidingWindow > 0) {
        j["sliding_window"] = slidingWindow;
        if (modelType == "qwen2" || modelType == "qwen3")
            j["use_sliding_window"] = true; // Qwen2 ignores sliding_window without it
        if (!slidingLayers.empty()) {
            std::vector<std::string> types;
            for (bool sliding : slidingLayers)
                types.push_back(sliding ? "sliding_attention" : "full_attention");
            j["layer_types"] = types;
        }
    } else if (modelType == "mistral") {
        j["sliding_window"] = nullptr; // absent would read as MistralConfig's 4096
    }
    if (!torchDtype.empty())
        j["torch_dtype"] = torchDtype;
    if (bosTokenId >= 0)
        j["bos_token_id"] = bosTokenId;
    if (eosTokenId >= 0)
        j["eos_token_id"] = eosTokenId;
    if (padTokenId >= 0)
        j["pad_token_id"] = padTokenId;
    return j;
}

int64_t ModelConfig::slidingWindowOf(int64_t index) const
{
    if (slidingLayers.empty())
        return slidingWindow;
    return index >= 0 && index < static_cast<int64_t>(slidingLayers.size()) && slidingLayers[static_cast<size_t>(index)]
               ? slidingWindow
               : 0;
}

} // namespace core
