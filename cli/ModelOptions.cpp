#include "cli/ModelOptions.h"

#include "cli/ArgParser.h"
#include "core/lora/AdapterConfigFields.h"
#include "core/lora/AdapterIO.h"
#include "core/model/DeviceSelection.h"

#include <iostream>

namespace core::cli {

const char* const kModelOptionsHelp =
    "  --model DIR        Hugging Face model directory (config.json, *.safetensors, tokenizer.model)\n"
    "  --adapter DIR      a PEFT LoRA adapter directory to apply (adapter_config.json, adapter_model.safetensors)\n"
    "  --device D         auto (default: CUDA when available), cpu, cuda or cuda:N\n"
    "  --dtype T          auto (default: float32 on CPU, bfloat16 on CUDA), float32, bfloat16 or float16\n";

void addModelOptions(ArgParser& parser)
{
    parser.addOption("--model", "DIR");
    parser.addOption("--adapter", "DIR");
    parser.addOption("--device", "D");
    parser.addOption("--dtype", "T");
}

LoadedModel loadModelFromOptions(const ArgParser& parser, LoraConfig* adapter)
{
    parser.require("--model");
    LoadOptions options;
    options.device = parser.value("--device", "auto");
    options.dtype = parser.value("--dtype", "auto");
    // Resolved here first so that a message names the option the user typed.
    const c10::Device device = resolveDevice(options.device, "--device");
    (void)resolveDtype(options.dtype, device, "--dtype");
    LoadedModel loaded = loadModel(parser.value("--model"), options);
    if (parser.has("--adapter")) {
        LoraConfig cfg = loadAdapterTellingWhy(*loaded.model, parser.value("--adapter"));
        if (adapter)
            *adapter = std::move(cfg);
    }
    return loaded;
}

LoraConfig loadAdapterTellingWhy(CausalLm& model, const std::string& dir)
{
    LoraConfig cfg = loadAdapter(model, dir);
    const std::string warning = adapterConfigWarning(dir);
    if (!warning.empty())
        std::cerr << "warning: " << warning << "\n";
    return cfg;
}

} // namespace core::cli
