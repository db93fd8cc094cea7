// adapter_config.json of a PEFT adapter folder: the fields, the variants refused, the warnings, and the LoRA settings
// it gives (validated as the experiment file's are).
#include "FuzzSupport.h"
#include "core/io/JsonFile.h"
#include "core/lora/AdapterConfigFields.h"
#include "core/lora/AdapterIO.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string path = fuzz::writeInput(data, size, "adapter_config.json");
    fuzz::refusedClearlyOrRead([&] {
        (void)core::adapterConfigWarning(fuzz::workFolder().string());
        const auto json = core::readOrderedJsonFile(path, "adapter config");
        (void)core::unknownAdapterFields(json);
        const core::LoraConfig cfg = core::loraConfigFromAdapterJson(json, path);
        cfg.validate();
    });
    return 0;
}
