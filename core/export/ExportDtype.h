#pragma once
// The dtype an exported model is stored in: bf16 | f16 | f32 (also spelled bfloat16, float16, float32), or auto —
// the dtype config.json says the base was saved in (torch_dtype / dtype), float32 when it says nothing.
#include "core/model/ModelConfig.h"

#include <c10/core/ScalarType.h>

#include <string>

namespace core {

// core::Error naming `what` (the option or field) for an unknown name.
c10::ScalarType parseExportDtype(const std::string& name, const ModelConfig& base, const std::string& what);
// "bfloat16", "float16", "float32": how config.json spells it.
std::string configDtypeName(c10::ScalarType type);

} // namespace core
