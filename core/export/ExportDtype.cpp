#include "core/export/ExportDtype.h"

#include "core/common/Error.h"
#include "core/common/Text.h"

namespace core {

namespace {

std::optional<c10::ScalarType> dtypeNamed(const std::string& name)
{
    const std::string n = asciiLower(name);
    if (n == "bf16" || n == "bfloat16")
        return c10::kBFloat16;
    if (n == "f16" || n == "fp16" || n == "float16")
        return c10::kHalf;
    if (n == "f32" || n == "fp32" || n == "float32")
        return c10::kFloat;
    return std::nullopt;
}

} // namespace

c10::ScalarType parseExportDtype(const std::string& name, const ModelConfig& base, const std::string& what)
{
    if (asciiLower(name) == "auto") {
        const auto stored = dtypeNamed(base.torchDtype);
        return stored ? *stored : c10::kFloat;
    }
    const auto type = dtypeNamed(name);
    LORAWB_CHECK(type.has_value(), what, ": '", name, "' is not an export dtype; use bf16, f16, f32 or auto.");
    return *type;
}

std::string configDtypeName(c10::ScalarType type)
{
    switch (type) {
    case c10::kBFloat16:
        return "bfloat16";
    case c10::kHalf:
        return "float16";
    default:
        return "float32";
    }
}

} // namespace core
