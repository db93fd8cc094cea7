#pragma once
// How PEFT names an adapter's tensors: base_model.model.<the tensor's path in the model PEFT wrapped>. The engine
// always holds a causal-LM-shaped model (backbone under "model.", heads beside it), but the model PEFT wraps depends
// on the task type and, for QUESTION_ANS, on the architecture:
//   FEATURE_EXTRACTION  the bare backbone (AutoModel): layers.0…, norm            backbone ""
//   QUESTION_ANS        Llama/Qwen2/Qwen3ForQuestionAnswering keep it under "transformer." (transformers'
//                       base_model_prefix, "for backward compatibility"); MistralForQuestionAnswering under "model."
//   every other type    "model."
#include "core/lora/LoraConfig.h"

#include <string>

namespace core {

// What stands for the engine's "model." in PEFT's keys: "", "model." or "transformer.". Throws core::Error for
// QUESTION_ANS on an architecture transformers has no question-answering class for (PEFT could not load the adapter).
std::string peftBackboneOf(TaskType taskType, const std::string& modelType);

// The engine's parameter name ↔ PEFT's key (with the base_model.model. prefix).
std::string peftKeyOf(const std::string& name, const std::string& backbone);
std::string modelNameOf(const std::string& key, const std::string& backbone);

} // namespace core
