#include "core/export/ShardPlan.h"

#include "core/common/Error.h"
#include "core/common/Text.h"

#include <c10/core/ScalarType.h>

#include <cctype>
#include <cstdio>

namespace core {

uint64_t parseShardSize(const std::string& text, const std::string& what)
{
    size_t digits = 0;
    while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits])))
        ++digits;
    const std::string unit = asciiLower(text.substr(digits));
    uint64_t scale = 0;
    if (unit.empty() || unit == "b")
        scale = 1;
    else if (unit == "kb")
        scale = 1000;
    else if (unit == "mb")
        scale = 1000'000;
    else if (unit == "gb")
        scale = 1000'000'000;
    else if (unit == "kib")
        scale = 1ull << 10;
    else if (unit == "mib")
        scale = 1ull << 20;
    else if (unit == "gib")
        scale = 1ull << 30;
    LORAWB_CHECK(digits > 0 && digits <= 12 && scale != 0, what, ": '", text,
                 "' is not a size; write it like 5GB, 500MB, 2GiB or a number of bytes.");
    const uint64_t value = std::stoull(text.substr(0, digits)) * scale;
    LORAWB_CHECK(value > 0, what, ": the shard size must be more than 0.");
    return value;
}

uint64_t tensorBytes(const SafetensorsTensorSpec& spec)
{
    uint64_t numel = 1;
    for (int64_t d : spec.shape)
        numel *= uint64_t(d);
    return numel * uint64_t(c10::elementSize(spec.dtype));
}

std::vector<Shard> planShards(const std::vector<SafetensorsTensorSpec>& tensors, uint64_t maxShardBytes)
{
    std::vector<Shard> shards;
    for (const auto& spec : tensors) {
        const uint64_t bytes = tensorBytes(spec);
        if (shards.empty() || (shards.back().bytes > 0 && shards.back().bytes + bytes > maxShardBytes))
            shards.emplace_back();
        shards.back().tensors.push_back(spec);
        shards.back().bytes += bytes;
    }
    if (shards.size() == 1) {
        shards[0].fileName = "model.safetensors";
        return shards;
    }
    for (size_t i = 0; i < shards.size(); ++i) {
        char name[64];
        std::snprintf(name, sizeof name, "model-%05zu-of-%05zu.safetensors", i + 1, shards.size());
        shards[i].fileName = name;
    }
    return shards;
}

} // namespace core
