#pragma once
// JSON files (HF config.json, adapter_config.json, safetensors indexes, ...) with errors that point at the spot.
#include "core/common/Error.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <exception>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

namespace core {

// `what` names the file's role in messages, e.g. "model config". core::Error naming the path if the file is missing
// or unreadable, and the line and column of a parse error.
nlohmann::json readJsonFile(const std::string& path, const std::string& what);
// The same with objects kept in the file's key order (adapter_config.json: PEFT tries rank_pattern keys in that order).
nlohmann::ordered_json readOrderedJsonFile(const std::string& path, const std::string& what);

// Pretty (indent 2) with a trailing newline, written atomically (see AtomicFile.h).
void writeJsonFileAtomically(const std::string& path, const nlohmann::json& value);
void writeOrderedJsonFileAtomically(const std::string& path, const nlohmann::ordered_json& value);

// An optional field of a JSON object (config.json, adapter_config.json): `fallback` when absent or null; a value of
// the wrong type is a core::Error naming `path` and the field.
// A whole number of type T from a user's JSON. nlohmann's get<int>() on a float converts with a plain cast, which is
// undefined behaviour for a value outside T's range (4e50 as a step count): every integer read from a user's file goes
// through here. Takes an integer, or a float with a whole value, within T's range; else core::Error "<what> must be a
// whole number ..., got <value>".
template <typename T, typename Json>
T jsonWholeNumber(const Json& value, const std::string& what)
{
    static_assert(std::is_integral_v<T> && !std::is_same_v<T, bool>);
    using Limits = std::numeric_limits<T>;
    if (value.is_number_unsigned()) {
        const auto v = value.template get<uint64_t>();
        if (v <= static_cast<uint64_t>(Limits::max()))
            return static_cast<T>(v);
    } else if (value.is_number_integer()) {
        const auto v = value.template get<int64_t>();
        if (v >= static_cast<int64_t>(Limits::min()) && static_cast<uint64_t>(std::max<int64_t>(v, 0)) <=
                                                             static_cast<uint64_t>(Limits::max()))
            return static_cast<T>(v);
    } else if (value.is_number_float()) {
        const double v = value.template get<double>();
        // Compared as doubles; 2^63 itself is not an int64, hence < on the upper end.
        if (std::isfinite(v) && v == std::floor(v) && v >= static_cast<double>(Limits::min()) &&
            v < std::ldexp(1.0, Limits::digits))
            return static_cast<T>(v);
    }
    LORAWB_FAIL(what, " must be a whole number from ", +Limits::min(), " to ", +Limits::max(), ", got ",
                value.dump());
}

template <typename T>
struct IsIntegerVector : std::false_type {
};
template <typename E>
struct IsIntegerVector<std::vector<E>> : std::bool_constant<std::is_integral_v<E> && !std::is_same_v<E, bool>> {
};

template <typename T, typename Json>
T optionalJsonField(const Json& j, const char* key, T fallback, const std::string& path)
{
    if (!j.contains(key) || j.at(key).is_null())
        return fallback;
    const Json& value = j.at(key);
    const std::string what = path + ": field \"" + key + "\"";
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
        return jsonWholeNumber<T>(value, what);
    } else if constexpr (IsIntegerVector<T>::value) {
        LORAWB_CHECK(value.is_array(), what, " must be a list of whole numbers, got ", value.dump());
        T out;
        for (const auto& item : value)
            out.push_back(jsonWholeNumber<typename T::value_type>(item, what + " entry"));
        return out;
    } else {
        try {
            return value.template get<T>();
        } catch (const nlohmann::json::exception&) {
            LORAWB_FAIL(what, " has the wrong type (", value.dump(), ")");
        }
    }
}

// nlohmann's message without its "[json.exception.parse_error.101] " prefix, for messages meant for users.
std::string jsonErrorText(const std::exception& error);

} // namespace core
