#pragma once
// What differs between two experiment files: both YAML texts flattened to dotted keys ("lora.r", "train.seed"),
// lists and flow values compared as written in flow style ("[q_proj, v_proj]"). The history view's config diff and
// `lorawb runs diff` show this. A setting that one file leaves out means its default (the field tables,
// ExperimentSettings.h): spelling the default out is no difference, and each difference carries the default so that
// a view can say what an absent key means.
#include <string>
#include <vector>

namespace core {

struct ConfigDifference {
    std::string key;     ///< "lora.r"
    std::string left;    ///< value in the first file; "" when the key is absent there
    std::string right;
    std::string defaultValue; ///< what an absent side means: the setting's default ("" when it has none, or the key
                              ///< is not a setting, e.g. inside rank_pattern)
};

// Sorted by key. Throws core::Error naming `leftName`/`rightName` when a text is not YAML.
std::vector<ConfigDifference> configDiff(const std::string& leftYaml, const std::string& rightYaml,
                                         const std::string& leftName = "first", const std::string& rightName = "second");

} // namespace core
