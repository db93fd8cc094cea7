#pragma once
// Typed, strict reading of one mapping of a YAML settings file. Every failure is a core::Error that names the file,
// the line and column (or the --set override the value came from), the full dotted key, and what was expected.
#include <yaml-cpp/yaml.h>

#include "core/common/OrderedMapping.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace core {

// Known keys per section: dotted section path ("" = the top level) → its keys. A section that is absent from the
// schema (e.g. "data.columns") is a free-form mapping whose keys are user data.
using YamlSchema = std::map<std::string, std::vector<std::string>>;

// What every section of one document shares.
struct YamlContext {
    std::string source;                 ///< the file name used in messages
    const YamlSchema* schema = nullptr; ///< must outlive the sections
    std::map<std::string, std::string> overridden; ///< dotted key set by --set → the assignment as given (such a
                                                   ///< value has no line in the file)
    const std::map<std::string, std::string>* aliases = nullptr; ///< other tools' names → our dotted key, for hints
};

class YamlSection {
public:
    // `node` must be a mapping (null counts as an empty one). Throws on unknown and duplicate keys, suggesting the
    // nearest known key ("did you mean …?") or the section a misplaced key belongs to.
    YamlSection(const YAML::Node& node, std::string path, const YamlContext& context);
    YamlSection(const YamlSection&) = default;
    // YAML::Node's assignment writes into the document it refers to, so a section is never reassigned.
    YamlSection& operator=(const YamlSection&) = delete;

    const std::string& path() const { return m_path; }
    // Present and not null ("key:" or "key: ~" mean "use the default").
    bool has(const std::string& key) const;
    YAML::Node node(const std::string& key) const;
    YamlSection section(const std::string& key) const;
    // The keys present, in file order (for free-form sections).
    std::vector<std::string> keys() const;

    // Each read leaves `value` unchanged when the key is absent or null, and throws when it has the wrong type.
    void read(const std::string& key, int& value) const;
    void read(const std::string& key, int64_t& value) const;
    void read(const std::string& key, uint64_t& value) const;
    void read(const std::string& key, double& value) const;
    void read(const std::string& key, bool& value) const;
    void read(const std::string& key, std::string& value) const;
    void read(const std::string& key, std::vector<std::string>& value) const; // a list of strings
    void read(const std::string& key, std::map<std::string, std::string>& value) const;
    // In the file's order: PEFT tries rank_pattern / alpha_pattern keys in that order (see OrderedMapping.h).
    void read(const std::string& key, OrderedMapping<int>& value) const;
    void read(const std::string& key, OrderedMapping<double>& value) const;

    // Reads a scalar and converts it with `parse(text, dottedKey)`, adding the location to its error.
    template <typename T, typename Parse>
    void readWith(const std::string& key, T& value, Parse parse) const
    {
        if (!has(key))
            return;
        const std::string text = scalar(key, "a string");
        try {
            value = parse(text, dotted(key));
        } catch (const std::exception& e) {
            rethrowWithLocation(key, e);
        }
    }

    std::string dotted(const std::string& key) const;
    // "file:line:column" of the key's value, or "--set key=value" when an override supplied it.
    std::string where(const std::string& key) const;
    std::string where(const std::string& key, const YAML::Node& valueNode) const;
    [[noreturn]] void fail(const std::string& key, const std::string& message) const;
    [[noreturn]] void failAt(const std::string& key, const YAML::Node& valueNode, const std::string& message) const;

    // The scalar text of `key`, or a type error naming `expected` ("an integer").
    std::string scalar(const std::string& key, const char* expected) const;

private:
    [[noreturn]] void rethrowWithLocation(const std::string& key, const std::exception& e) const;

    YAML::Node m_node;
    std::string m_path;
    const YamlContext* m_context;
};

// " (did you mean 'lora.r'?)" for an unknown key in section `path`: another tool's name for one of ours, a typo of a
// sibling, or a key of another section written in the wrong place; "" when nothing is close.
std::string unknownKeySuggestion(const YamlContext& context, const std::string& path, const std::string& key);
// A short description of a node's content for messages: "'eight'", "a list", "a mapping".
std::string describeYaml(const YAML::Node& node);

} // namespace core
