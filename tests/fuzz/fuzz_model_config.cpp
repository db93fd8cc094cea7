// config.json of a model folder, read as ModelLoader reads it: every architecture, rope scaling, sliding window and
// head layout field checked, or a core::Error naming the field.
#include "FuzzSupport.h"
#include "core/io/JsonFile.h"
#include "core/model/ModelConfig.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string path = fuzz::writeInput(data, size, "config.json");
    fuzz::refusedClearlyOrRead([&] {
        const auto cfg = core::ModelConfig::fromJson(core::readJsonFile(path, "model config"), path);
        (void)cfg.toJson();
    });
    return 0;
}
