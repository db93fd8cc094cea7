#pragma once
// One row of a settings struct's field table: the key it has in the experiment file, what it holds, one line of
// documentation, how to reach it in the struct and how it is validated. Each settings struct (LoraConfig,
// DataConfig, TrainConfig, ForgettingProbeOptions, the experiment's own top level) has one table; reading and writing
// YAML, --set, "did you mean", the key reference (`lorawb settings`), the config diff's defaults and the GUI's
// tooltips all walk it, so that adding a setting means adding its row and the code that uses the value.
//
// Plain C++ with no YAML or Qt, so that the table lives beside its struct and the struct's validate() can run it.
#include "core/common/OrderedMapping.h"

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace core {

// A value spelled by a fixed set of names (an enum): bias, lr_scheduler, data.format, …
template <typename Config>
struct ChoiceAccess {
    std::function<std::string(const Config&)> get;
    // Throws core::Error naming `key` and the accepted names when `text` is not one of them.
    std::function<void(Config&, const std::string& text, const std::string& key)> set;
    std::vector<std::string> names; // every accepted spelling, in the order messages and the GUI list them
};

// A value with a shape of its own (target_modules: a list, a regex or "all-linear"; data.template: a mapping). Its
// YAML reading and writing are written once, in core/experiment/StructuredSettings.cpp; here only how it reads as
// one line of text, for the key reference, the GUI and the diff.
template <typename Config>
struct StructuredAccess {
    std::function<std::string(const Config&)> text;
    std::string shape;                // what it may be, for the key reference ("list | regex | all-linear")
    std::vector<std::string> subkeys; // a nested mapping's keys (data.template: with_input, without_input)
};

template <typename Config>
struct SettingField {
    using Access = std::variant<int Config::*, int64_t Config::*, uint64_t Config::*, double Config::*, bool Config::*,
                                std::string Config::*, std::vector<std::string> Config::*,
                                std::map<std::string, std::string> Config::*, OrderedMapping<int> Config::*,
                                OrderedMapping<double> Config::*, ChoiceAccess<Config>,
                                StructuredAccess<Config>>;

    std::string key; ///< the key inside its section, as in the file ("lora_dropout")
    std::string doc; ///< one line: what it does, its unit and range
    Access access;
    // Throws core::Error starting with the dotted key when the value (or its combination with others) is invalid;
    // empty = any value of the type is valid.
    std::function<void(const Config&)> check = {};
    // Whether the setting means anything for this configuration (data.chat_template only for chat data); a setting
    // that does not apply is not written. Empty = always applies.
    std::function<bool(const Config&)> applies = {};
};

template <typename Config>
using SettingTable = std::vector<SettingField<Config>>;

// Runs every row's check in table order: the struct's validate().
template <typename Config>
void checkSettings(const SettingTable<Config>& table, const Config& cfg)
{
    for (const auto& field : table)
        if (field.check)
            field.check(cfg);
}

// What a setting is, without its struct: for the key reference, "did you mean", the diff and the GUI.
struct SettingInfo {
    std::string key;          ///< dotted, as --set takes it ("lora.lora_dropout")
    std::string type;         ///< integer | number | boolean | text | list | mapping | choice | structured
    std::string shape;        ///< a structured value's forms ("list | regex | all-linear")
    std::string defaultText;  ///< the default as YAML flow text ("0.0", "[q_proj, v_proj]", "" for none)
    std::string doc;
    std::vector<std::string> choices; ///< the accepted names of a choice
    bool freeForm = false;    ///< a mapping whose keys are user data (rank_pattern, data.columns)
    std::vector<std::string> subkeys; ///< a structured mapping's keys
};

} // namespace core
