#include "core/export/MergedModel.h"

#include "core/lora/AdapterConfigFields.h"
#include "core/lora/AdapterIO.h"
#include "core/lora/LoraInjector.h"

namespace core {

MergedModel loadMergedModel(const std::string& modelDir, const std::string& adapterDir, c10::ScalarType dtype)
{
    LoadOptions options;
    options.device = "cpu";
    // float16 weights load as float32: libtorch has no float16 arithmetic on the CPU (the merge adds in float32).
    options.dtype = dtype == c10::kBFloat16 ? "bfloat16" : "float32";
    options.loadTokenizer = false;
    MergedModel merged;
    merged.base = loadModel(modelDir, options);
    if (!adapterDir.empty()) {
        merged.adapterWarning = adapterConfigWarning(adapterDir);
        merged.adapter = loadAdapter(*merged.base.model, adapterDir);
        mergeAndUnloadLora(*merged.base.model);
    }
    return merged;
}

} // namespace core
