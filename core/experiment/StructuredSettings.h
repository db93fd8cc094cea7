#pragma once
// The YAML of the settings whose value has a shape of its own (StructuredAccess rows): lora.target_modules (a list,
// a regex or "all-linear"), lora.layers_to_transform (an index or a list), lora.exclude_modules (a list or a regex)
// and data.template (a mapping). SettingsYaml.h calls these for those rows; every other row is generic.
#include "core/data/DataConfig.h"
#include "core/experiment/YamlSection.h"
#include "core/lora/LoraConfig.h"

#include <yaml-cpp/yaml.h>

namespace core {

void readStructured(const YamlSection& section, const std::string& key, LoraConfig& cfg);
void readStructured(const YamlSection& section, const std::string& key, DataConfig& cfg);
YAML::Node structuredNode(const std::string& key, const LoraConfig& cfg);
YAML::Node structuredNode(const std::string& key, const DataConfig& cfg);

// A table of another struct with a structured row has no YAML for it yet: a programming error, caught by the tests
// that write and read every table.
template <typename Config> void readStructured(const YamlSection&, const std::string& key, Config&)
{
    throw std::logic_error("no YAML reader for the structured setting '" + key
                           + "' (core/experiment/StructuredSettings)");
}
template <typename Config> YAML::Node structuredNode(const std::string& key, const Config&)
{
    throw std::logic_error("no YAML writer for the structured setting '" + key
                           + "' (core/experiment/StructuredSettings)");
}

} // namespace core
