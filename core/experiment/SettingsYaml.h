#pragma once
// A field table (core/common/SettingField.h) read from and written to one YAML section, and described as
// SettingInfo rows. Written once for every settings struct; the rows with a shape of their own (target_modules,
// data.template, …) go through StructuredSettings.h.
#include "core/common/SettingField.h"
#include "core/experiment/NumberText.h"
#include "core/experiment/StructuredSettings.h"
#include "core/experiment/YamlDocument.h"
#include "core/experiment/YamlSection.h"

#include <yaml-cpp/yaml.h>

#include <type_traits>

namespace core {

namespace detail {

// The settings whose value is a mapping of user keys (data.columns, rank_pattern, alpha_pattern).
template <typename T> struct IsMapping : std::false_type {
};
template <> struct IsMapping<std::map<std::string, std::string>> : std::true_type {
};
template <typename T> struct IsMapping<OrderedMapping<T>> : std::true_type {
};

template <typename T> YAML::Node scalarNode(const T& value)
{
    if constexpr (std::is_same_v<T, double>)
        return YAML::Node(formatDouble(value)); // short and exact: 0.0002, not 0.00020000000000000001
    else if constexpr (std::is_same_v<T, bool>)
        return YAML::Node(std::string(value ? "true" : "false"));
    else if constexpr (std::is_same_v<T, std::string>)
        return YAML::Node(value);
    else
        return YAML::Node(std::to_string(value));
}

template <typename T> YAML::Node valueNode(const T& value)
{
    if constexpr (std::is_same_v<T, std::vector<std::string>>) {
        YAML::Node list(YAML::NodeType::Sequence);
        for (const auto& item : value)
            list.push_back(item);
        list.SetStyle(YAML::EmitterStyle::Flow);
        return value.empty() ? YAML::Node() : list; // an empty list is not written
    } else if constexpr (
        IsMapping<T>::value) {
        YAML::Node map(YAML::NodeType::Map);
        for (const auto& [key, item] : value)
            map[key] = scalarNode(item);
        map.SetStyle(YAML::EmitterStyle::Flow);
        return value.empty() ? YAML::Node() : map;
    } else if constexpr (std::is_same_v<T, std::string>) {
        return value.empty() ? YAML::Node() : YAML::Node(value); // an unset path or name is not written
    } else {
        return scalarNode(value);
    }
}

template <typename T> const char* typeName()
{
    if constexpr (std::is_same_v<T, double>)
        return "number";
    else if constexpr (std::is_same_v<T, bool>)
        return "boolean";
    else if constexpr (std::is_same_v<T, std::string>)
        return "text";
    else if constexpr (std::is_same_v<T, std::vector<std::string>>)
        return "list";
    else if constexpr (
        IsMapping<T>::value)
        return "mapping";
    else
        return "integer";
}

template <typename T> struct IsMemberPointer : std::false_type {
};
template <typename Config, typename T> struct IsMemberPointer<T Config::*> : std::true_type {
    using Value = T;
};

} // namespace detail

// The row's value as the node the file holds; a null node when nothing is written (an empty list, map or text).
template <typename Config> YAML::Node settingNode(const SettingField<Config>& field, const Config& cfg)
{
    return std::visit(
        [&](const auto& access) -> YAML::Node {
            using Access = std::decay_t<decltype(access)>;
            if constexpr (detail::IsMemberPointer<Access>::value)
                return detail::valueNode(cfg.*access);
            else if constexpr (std::is_same_v<Access, ChoiceAccess<Config>>)
                return YAML::Node(access.get(cfg));
            else
                return structuredNode(field.key, cfg);
        },
        field.access);
}

// Reads every row present in `section` into `cfg`; absent and null keys keep cfg's values.
template <typename Config> void readSettings(const YamlSection& section, const SettingTable<Config>& table, Config& cfg)
{
    for (const auto& field : table) {
        std::visit(
            [&](const auto& access) {
                using Access = std::decay_t<decltype(access)>;
                if constexpr (detail::IsMemberPointer<Access>::value) {
                    section.read(field.key, cfg.*access);
                } else if constexpr (std::is_same_v<Access, ChoiceAccess<Config>>) {
                    std::string text;
                    section.readWith(field.key, text, [&](const std::string& value, const std::string& key) {
                        access.set(cfg, value, key);
                        return value;
                    });
                } else {
                    readStructured(section, field.key, cfg);
                }
            },
            field.access);
    }
}

// The rows that apply and hold something, in table order, as one YAML mapping; a null node when none does.
template <typename Config> YAML::Node settingsNode(const SettingTable<Config>& table, const Config& cfg)
{
    YAML::Node map(YAML::NodeType::Map);
    for (const auto& field : table) {
        if (field.applies && !field.applies(cfg))
            continue;
        const YAML::Node node = settingNode(field, cfg);
        if (node.IsDefined() && !node.IsNull())
            map[field.key] = node;
    }
    return map.size() == 0 ? YAML::Node() : map;
}

// The rows as SettingInfo, keys prefixed with `section` ("lora" → "lora.r"), defaults taken from `defaults`.
template <typename Config>
void describeSettings(const std::string& section, const SettingTable<Config>& table, const Config& defaults,
                      std::vector<SettingInfo>& into)
{
    for (const auto& field : table) {
        SettingInfo info;
        info.key = section.empty() ? field.key : section + "." + field.key;
        info.doc = field.doc;
        const YAML::Node node = settingNode(field, defaults);
        info.defaultText = node.IsDefined() && !node.IsNull() ? flowText(node) : "";
        std::visit(
            [&](const auto& access) {
                using Access = std::decay_t<decltype(access)>;
                if constexpr (detail::IsMemberPointer<Access>::value) {
                    using Value = typename detail::IsMemberPointer<Access>::Value;
                    info.type = detail::typeName<Value>();
                    info.freeForm = info.type == "mapping";
                } else if constexpr (std::is_same_v<Access, ChoiceAccess<Config>>) {
                    info.type = "choice";
                    info.choices = access.names;
                } else {
                    info.type = "structured";
                    info.subkeys = access.subkeys;
                    info.shape = access.shape;
                    info.defaultText = access.text(defaults);
                }
            },
            field.access);
        into.push_back(std::move(info));
    }
}

} // namespace core
