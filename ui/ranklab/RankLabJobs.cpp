#include "ui/ranklab/RankLabJobs.h"

#include "core/lora/AdapterIO.h"
#include "core/model/ModelLoader.h"

namespace ui {

std::vector<core::LinearModuleInfo> readModelStructure(const std::string& directory)
{
    // The layer shapes are all a parameter count needs: the model is built from config.json, no checkpoint is read.
    auto model = std::make_shared<core::CausalLm>(core::loadModelConfig(directory)); // libtorch wants modules shared
    return core::discoverLinearModules(*model);
}

std::vector<core::ModuleSpectrum> computeAdapterSpectra(const std::string& model, const std::string& adapter)
{
    core::LoadOptions options;
    options.device = "cpu"; // SVDs of small matrices, no forward pass: nothing a GPU would speed up
    options.dtype = "float32";
    options.loadTokenizer = false;
    core::LoadedModel loaded = core::loadModel(model, options);
    core::loadAdapter(*loaded.model, adapter);
    return core::adapterSpectra(*loaded.model);
}

std::vector<core::TruncationPoint> computeTruncation(const std::string& model, const std::string& adapter,
                                                     const std::string& data, const core::TruncationOptions& options,
                                                     const std::function<void(int64_t, int64_t)>& onProgress)
{
    core::LoadOptions load;
    load.device = "auto"; // forward passes and generation: a GPU helps when there is one
    core::LoadedModel loaded = core::loadModel(model, load);
    core::loadAdapter(*loaded.model, adapter);
    return core::truncationCurve(*loaded.model, *loaded.tokenizer, data, options, onProgress);
}

} // namespace ui
