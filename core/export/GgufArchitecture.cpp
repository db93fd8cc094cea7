#include "core/export/GgufArchitecture.h"

#include "core/common/Error.h"

#include <regex>

namespace core {

GgufArchitecture ggufArchitectureOf(const ModelConfig& cfg, const std::string& configPath)
{
    if (cfg.modelType == "llama" || cfg.modelType == "mistral")
        return {"llama", /*permuteQk=*/true};
    if (cfg.modelType == "qwen2")
        return {"qwen2", /*permuteQk=*/false};
    if (cfg.modelType == "qwen3")
        return {"qwen3", /*permuteQk=*/false};
    if (cfg.modelType == "phi3") // fused qkv_proj and gate_up_proj are llama.cpp's attn_qkv and ffn_up as they are
        return {"phi3", /*permuteQk=*/false};
    LORAWB_FAIL(configPath, ": model_type \"", cfg.modelType,
                "\" has no GGUF mapping here (llama, mistral, qwen2, qwen3 and phi3 do); export a merged Hugging Face "
                "model and convert it with llama.cpp's convert_hf_to_gguf.py.");
}

std::string ggufTensorName(const std::string& hfName)
{
    static const std::pair<const char*, const char*> kFixed[] = {
        {"model.embed_tokens.weight", "token_embd.weight"},
        {"model.norm.weight", "output_norm.weight"},
        {"lm_head.weight", "output.weight"},
    };
    for (const auto& [from, to] : kFixed)
        if (hfName == from)
            return to;
    static const std::pair<const char*, const char*> kInLayer[] = {
        {"input_layernorm", "attn_norm"},     {"post_attention_layernorm", "ffn_norm"},
        {"self_attn.q_proj", "attn_q"},       {"self_attn.k_proj", "attn_k"},
        {"self_attn.v_proj", "attn_v"},       {"self_attn.o_proj", "attn_output"},
        {"mlp.gate_proj", "ffn_gate"},        {"mlp.up_proj", "ffn_up"},
        {"mlp.down_proj", "ffn_down"},        {"self_attn.q_norm", "attn_q_norm"},
        {"self_attn.k_norm", "attn_k_norm"},  {"self_attn.qkv_proj", "attn_qkv"},
        {"mlp.gate_up_proj", "ffn_up"},
    };
    static const std::regex layer(R"(model\.layers\.(\d+)\.(.+)\.(weight|bias))");
    std::smatch match;
    if (!std::regex_match(hfName, match, layer))
        return "";
    for (const auto& [from, to] : kInLayer)
        if (match[2] == from)
            return "blk." + match[1].str() + "." + to + "." + match[3].str();
    return "";
}

at::Tensor toGgufLayout(const at::Tensor& t, const std::string& hfName, const ModelConfig& cfg,
                        const GgufArchitecture& arch)
{
    const bool q = hfName.find("self_attn.q_proj.") != std::string::npos;
    const bool k = hfName.find("self_attn.k_proj.") != std::string::npos;
    if (!arch.permuteQk || (!q && !k))
        return t;
    // llama.cpp's LlamaModel.permute: rows [heads, 2, half, …] → [heads, half, 2, …].
    const int64_t heads = q ? cfg.numAttentionHeads : cfg.numKeyValueHeads;
    std::vector<int64_t> split = {heads, 2, t.size(0) / heads / 2};
    for (int64_t d = 1; d < t.dim(); ++d)
        split.push_back(t.size(d));
    return t.reshape(split).transpose(1, 2).reshape(t.sizes()).contiguous();
}

} // namespace core
