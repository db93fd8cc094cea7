#include "core/experiment/ConfigDiff.h"

#include "core/common/Error.h"
#include "core/experiment/ExperimentSettings.h"
#include "core/experiment/YamlDocument.h"

#include <yaml-cpp/yaml.h>

#include <map>

namespace core {
namespace {

// Maps become dotted keys ("lora.r"); everything else is one value. An empty map stays visible as "{}", so that
// adding or removing one still shows.
void flatten(const YAML::Node& node, const std::string& prefix, std::map<std::string, std::string>& into)
{
    if (node.IsMap() && node.size() > 0) {
        for (const auto& entry : node) {
            const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : flowText(entry.first);
            flatten(entry.second, prefix.empty() ? key : prefix + "." + key, into);
        }
        return;
    }
    if (!node.IsDefined() || node.IsNull())
        into[prefix] = "null";
    else
        into[prefix] = flowText(node);
}

std::map<std::string, std::string> flattened(const std::string& text, const std::string& name)
{
    const YAML::Node root = loadYamlDocument(text, name);
    std::map<std::string, std::string> values;
    if (!root.IsDefined() || root.IsNull())
        return values; // an empty file: every key of the other one is "added" or "removed"
    LORAWB_CHECK(root.IsMap(), name, " is not an experiment file: it holds a YAML ",
                 root.IsSequence() ? "list" : "single value",
                 " where settings (key: value lines such as 'lora: {r: 8}') are expected");
    flatten(root, "", values);
    return values;
}

// The table's default of a scalar setting ("" for none, and for structured, list and free-form values, which have no
// one spelling to compare).
std::string scalarDefault(const std::string& key)
{
    const SettingInfo* info = findExperimentSetting(key);
    if (info == nullptr || info->type == "structured" || info->type == "mapping" || info->type == "list")
        return "";
    return info->defaultText;
}

} // namespace

std::vector<ConfigDifference> configDiff(const std::string& leftYaml, const std::string& rightYaml,
                                         const std::string& leftName, const std::string& rightName)
{
    const auto left = flattened(leftYaml, leftName);
    const auto right = flattened(rightYaml, rightName);
    std::vector<ConfigDifference> differences;
    // Both maps are sorted by key: one merge pass gives the differences in key order.
    auto l = left.begin();
    auto r = right.begin();
    while (l != left.end() || r != right.end()) {
        // A key only one file has is a difference unless it spells out the default, which the other file means.
        if (r == right.end() || (l != left.end() && l->first < r->first)) {
            const std::string fallback = scalarDefault(l->first);
            if (l->second != fallback)
                differences.push_back({l->first, l->second, "", fallback});
            ++l;
        } else if (l == left.end() || r->first < l->first) {
            const std::string fallback = scalarDefault(r->first);
            if (r->second != fallback)
                differences.push_back({r->first, "", r->second, fallback});
            ++r;
        } else {
            if (l->second != r->second)
                differences.push_back({l->first, l->second, r->second, scalarDefault(l->first)});
            ++l;
            ++r;
        }
    }
    return differences;
}

} // namespace core
