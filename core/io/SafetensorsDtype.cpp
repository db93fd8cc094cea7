#include "core/io/SafetensorsDtype.h"

namespace core {
namespace {

struct DtypeRow {
    const char* name;
    c10::ScalarType type;
    std::int64_t itemSize;
};

// The order is the one error messages list them in.
constexpr DtypeRow kDtypes[] = {
    {"F64", c10::ScalarType::Double, 8},  {"F32", c10::ScalarType::Float, 4}, {"F16", c10::ScalarType::Half, 2},
    {"BF16", c10::ScalarType::BFloat16, 2}, {"I64", c10::ScalarType::Long, 8}, {"I32", c10::ScalarType::Int, 4},
    {"I16", c10::ScalarType::Short, 2},   {"I8", c10::ScalarType::Char, 1},   {"U8", c10::ScalarType::Byte, 1},
    {"BOOL", c10::ScalarType::Bool, 1},
};

const DtypeRow* findByName(const std::string& dtype)
{
    for (const auto& row : kDtypes)
        if (dtype == row.name)
            return &row;
    return nullptr;
}

} // namespace

std::optional<c10::ScalarType> scalarTypeOfSafetensorsDtype(const std::string& dtype)
{
    if (const DtypeRow* row = findByName(dtype))
        return row->type;
    return std::nullopt;
}

std::optional<std::string> safetensorsDtypeOf(c10::ScalarType type)
{
    for (const auto& row : kDtypes)
        if (row.type == type)
            return std::string(row.name);
    return std::nullopt;
}

std::int64_t safetensorsItemSize(const std::string& dtype)
{
    const DtypeRow* row = findByName(dtype);
    return row ? row->itemSize : 0;
}

const std::string& supportedSafetensorsDtypes()
{
    static const std::string list = [] {
        std::string out;
        for (const auto& row : kDtypes)
            out += (out.empty() ? "" : ", ") + std::string(row.name);
        return out;
    }();
    return list;
}

} // namespace core
