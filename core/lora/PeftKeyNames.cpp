#include "core/lora/PeftKeyNames.h"

#include "core/common/Error.h"

namespace core {

namespace {

const std::string kPrefix = "base_model.model.";
const std::string kEngineBackbone = "model.";

bool startsWith(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

} // namespace

std::string peftBackboneOf(TaskType taskType, const std::string& modelType)
{
    if (taskType == TaskType::FeatureExtraction)
        return "";
    if (taskType != TaskType::QuestionAns)
        return kEngineBackbone;
    if (modelType == "llama" || modelType == "qwen2" || modelType == "qwen3")
        return "transformer.";
    if (modelType == "mistral")
        return kEngineBackbone;
    LORAWB_FAIL("QUESTION_ANS: transformers has no question-answering model for model_type '", modelType,
                "' (AutoModelForQuestionAnswering knows Llama, Mistral, Qwen2 and Qwen3 among the families LoRA "
                "Workbench loads), so PEFT could not load such an adapter. Use CAUSAL_LM with the question as "
                "instruction and the answer as output.");
}

std::string peftKeyOf(const std::string& name, const std::string& backbone)
{
    if (startsWith(name, kEngineBackbone))
        return kPrefix + backbone + name.substr(kEngineBackbone.size());
    return kPrefix + name;
}

std::string modelNameOf(const std::string& key, const std::string& backbone)
{
    const std::string rest = key.substr(kPrefix.size());
    if (backbone.empty()) // the bare backbone: everything but a head beside it is the backbone's
        return startsWith(rest, "lm_head") ? rest : kEngineBackbone + rest;
    if (startsWith(rest, backbone))
        return kEngineBackbone + rest.substr(backbone.size());
    return rest;
}

} // namespace core
