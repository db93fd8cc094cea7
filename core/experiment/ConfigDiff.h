#pragma once
// What differs between two experiment files: both YAML texts flattened to dotted keys ("lora.r", "train.seed"),
// lists and flow values compared as written in flow style ("[q_proj, v_proj]"). The history view's config diff and
// `lorawb runs diff` show this.
#include <string>
#include <vector>

namespace core {

struct ConfigDifference {
    std::string key;     ///< "lora.r"
    std::string left;    ///< value in the first file; "" when the key is absent there
    std::string right;
};

// Sorted by key. Throws core::Error naming `leftName`/`rightName` when a text is not YAML.
std::vector<ConfigDifference> configDiff(const std::string& leftYaml, const std::string& rightYaml,
                                         const std::string& leftName = "first", const std::string& rightName = "second");

} // namespace core
