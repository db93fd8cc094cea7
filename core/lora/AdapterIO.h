#pragma once
// PEFT adapter folders: adapter_config.json + adapter_model.safetensors (+ README.md), exactly what
// peft.PeftModel.from_pretrained reads and save_pretrained writes.
#include "core/lora/LoraConfig.h"
#include "core/model/CausalLm.h"

#include <nlohmann/json_fwd.hpp>

#include <map>
#include <string>
#include <vector>

namespace core {

// What goes into the model card besides the LoRA settings.
struct AdapterCard {
    std::string title = "LoRA adapter";
    std::map<std::string, std::string> facts; ///< e.g. {"final train loss", "1.234"}, shown as a table
};

// The adapter_config.json PEFT writes for cfg, rank_pattern and alpha_pattern in cfg's order (PEFT tries them in the
// order of the file). targetNames: the short names actually adapted (PEFT stores the
// resolved list when the config said "all-linear").
nlohmann::ordered_json adapterConfigJson(const LoraConfig& cfg, const std::vector<std::string>& targetNames);
// The configuration of a PiSSA / OLoRA adapter written as plain LoRA on the original base: r and every rank_pattern
// entry doubled, lora_alpha and every alpha_pattern entry scaled to keep each layer's scaling (×2, or ×√2 with rsLoRA),
// init_lora_weights true.
LoraConfig asPlainLoraConfig(const LoraConfig& cfg);
// Parses adapter_config.json (path names the file in messages). Refuses non-LoRA, DoRA and fan_in_fan_out adapters.
LoraConfig loraConfigFromAdapterJson(const nlohmann::ordered_json& json, const std::string& path);

// The tensors PEFT saves: "base_model.model.<name>" for every LoRA weight, the biases that train under cfg.bias,
// and the modules_to_save weights (FEATURE_EXTRACTION: the backbone's names without "model.", as PEFT saves an
// adapter of AutoModel).
std::vector<std::pair<std::string, at::Tensor>> adapterTensors(CausalLm& model, const LoraConfig& cfg);

// Writes the folder atomically (a failure leaves an existing folder untouched). An adapter trained from PiSSA / OLoRA
// is written as plain LoRA on the original base (asPlainLoraConfig; the factors of LoraLinear::plainLoraFactors).
void saveAdapter(CausalLm& model, const LoraConfig& cfg, const std::string& dir, const AdapterCard& card = {});
// Reads a PEFT LoRA adapter folder, injects it into `model` and loads its weights. Every missing or misshaped key is a
// core::Error naming the file and the key, and leaves `model` as it was (no LoRA layers, same requires_grad flags).
// A model that already has LoRA layers is refused. Returns the adapter's config. An adapter saved by PEFT straight
// from PiSSA / OLoRA (init_lora_weights pissa, pissa_niter_N or olora) loads as PEFT loads it: the base given is taken
// for the original and rewritten to its residual under the loaded A and B.
LoraConfig loadAdapter(CausalLm& model, const std::string& dir);

} // namespace core
