#include "core/export/GgmlType.h"

#include "core/common/Error.h"

#include <c10/util/BFloat16.h>
#include <c10/util/Half.h>

#include <cmath>
#include <cstring>

namespace core {

const char* ggmlTypeName(GgmlType type)
{
    switch (type) {
    case GgmlType::F32: return "F32";
    case GgmlType::F16: return "F16";
    case GgmlType::BF16: return "BF16";
    case GgmlType::Q8_0: return "Q8_0";
    case GgmlType::Q4_0: return "Q4_0";
    }
    return "?";
}

int64_t ggmlBlockSize(GgmlType type) { return type == GgmlType::Q8_0 || type == GgmlType::Q4_0 ? 32 : 1; }

int64_t ggmlBlockBytes(GgmlType type)
{
    switch (type) {
    case GgmlType::F32: return 4;
    case GgmlType::F16:
    case GgmlType::BF16: return 2;
    case GgmlType::Q8_0: return 2 + 32;
    case GgmlType::Q4_0: return 2 + 16;
    }
    return 0;
}

uint64_t ggmlRowBytes(GgmlType type, int64_t n)
{
    LORAWB_ASSERT(n % ggmlBlockSize(type) == 0, "a row of ", n, " values cannot be stored as ", ggmlTypeName(type));
    return uint64_t(n / ggmlBlockSize(type)) * uint64_t(ggmlBlockBytes(type));
}

namespace {

void putHalf(char* out, float value)
{
    const c10::Half h(value); // round to nearest even, as ggml's GGML_FP32_TO_FP16
    std::memcpy(out, &h.x, 2);
}

void quantizeQ8_0(const float* x, char* out)
{
    float amax = 0;
    for (int j = 0; j < 32; ++j)
        amax = std::max(amax, std::fabs(x[j]));
    const float d = amax / 127.0f;
    const float id = d != 0 ? 1.0f / d : 0.0f;
    putHalf(out, d);
    for (int j = 0; j < 32; ++j)
        out[2 + j] = static_cast<char>(static_cast<int8_t>(std::round(x[j] * id))); // roundf: half away from zero
}

void quantizeQ4_0(const float* x, char* out)
{
    float amax = 0, max = 0;
    for (int j = 0; j < 32; ++j)
        if (amax < std::fabs(x[j])) {
            amax = std::fabs(x[j]);
            max = x[j];
        }
    const float d = max / -8.0f;
    const float id = d != 0 ? 1.0f / d : 0.0f;
    putHalf(out, d);
    for (int j = 0; j < 16; ++j) {
        const int lo = std::min(15, static_cast<int>(static_cast<int8_t>(x[j] * id + 8.5f)));
        const int hi = std::min(15, static_cast<int>(static_cast<int8_t>(x[16 + j] * id + 8.5f)));
        out[2 + j] = static_cast<char>(static_cast<uint8_t>(lo | (hi << 4)));
    }
}

} // namespace

std::string encodeGgmlRows(const at::Tensor& rows, GgmlType type)
{
    LORAWB_ASSERT(rows.scalar_type() == at::kFloat && rows.is_contiguous() && rows.dim() >= 1,
                  "encodeGgmlRows needs contiguous float32 rows");
    const int64_t n = rows.size(-1);
    const int64_t count = rows.numel() / std::max<int64_t>(n, 1);
    const float* x = rows.data_ptr<float>();
    std::string out(count * ggmlRowBytes(type, n), '\0');
    char* dst = out.data();
    const int64_t values = rows.numel();
    switch (type) {
    case GgmlType::F32:
        std::memcpy(dst, x, size_t(values) * 4);
        break;
    case GgmlType::F16:
        for (int64_t i = 0; i < values; ++i)
            putHalf(dst + 2 * i, x[i]);
        break;
    case GgmlType::BF16:
        for (int64_t i = 0; i < values; ++i) {
            const c10::BFloat16 b(x[i]); // round to nearest even, as ggml's GGML_FP32_TO_BF16
            std::memcpy(dst + 2 * i, &b.x, 2);
        }
        break;
    case GgmlType::Q8_0:
        for (int64_t b = 0; b < values / 32; ++b)
            quantizeQ8_0(x + 32 * b, dst + 34 * b);
        break;
    case GgmlType::Q4_0:
        for (int64_t b = 0; b < values / 32; ++b)
            quantizeQ4_0(x + 32 * b, dst + 18 * b);
        break;
    }
    return out;
}

} // namespace core
