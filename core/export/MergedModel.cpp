#include "core/export/MergedModel.h"

#include "core/common/Error.h"
#include "core/lora/AdapterConfigFields.h"
#include "core/lora/AdapterIO.h"
#include "core/lora/LoraInjector.h"

namespace core {

void refuseTaskHeadExport(const LoraConfig& adapter, const std::string& adapterDir)
{
    if (adapter.taskType == TaskType::CausalLm)
        return;
    const bool span = adapter.taskType == TaskType::QuestionAns;
    const char* autoClass = span ? "AutoModelForQuestionAnswering"
                            : adapter.taskType == TaskType::TokenCls ? "AutoModelForTokenClassification"
                                                                     : "AutoModelForSequenceClassification";
    LORAWB_FAIL(adapterDir, "/adapter_config.json: task_type ", toString(adapter.taskType), ": this adapter trained a ",
                span ? "qa_outputs " : adapter.classes.numLabels > 0 ? "score " : "",
                "head that a merged language model (Hugging Face folder or GGUF) has no place for, so exporting it "
                "would silently drop what the adapter learned. Use the adapter as it is: lorawb eval --adapter, or "
                "in Python ", autoClass,
                span ? ".from_pretrained(base) + PeftModel.from_pretrained(model, adapter)."
                     : ".from_pretrained(base, num_labels=…, id2label=…, pad_token_id=…) + "
                       "PeftModel.from_pretrained(model, adapter) (adapter_config.json holds those values).");
}

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
        refuseTaskHeadExport(*merged.adapter, adapterDir);
        mergeAndUnloadLora(*merged.base.model);
    }
    return merged;
}

} // namespace core
