#include "core/experiment/YamlSection.h"
#include "core/common/Text.h"

#include "core/common/Error.h"
#include "core/experiment/KeySuggestion.h"
#include "core/experiment/NumberText.h"

#include <algorithm>
#include <cctype>
#include <limits>
#include <locale>
#include <set>
#include <sstream>

namespace core {

namespace {

std::string joinDotted(const std::string& path, const std::string& key)
{
    return path.empty() ? key : path + "." + key;
}

// "file:line:column" of a node, or "--set key=value" when the value (or a section above it) came from an override, since
// an override's node has a position in the override text, not in the file.
std::string locate(const YamlContext& context, const std::string& dottedKey, const YAML::Node& node)
{
    for (const auto& [key, assignment] : context.overridden)
        if (dottedKey == key || dottedKey.compare(0, key.size() + 1, key + ".") == 0)
            return "--set " + assignment;
    const YAML::Mark mark = node.IsDefined() ? node.Mark() : YAML::Mark::null_mark();
    if (mark.is_null())
        return context.source;
    return context.source + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}


} // namespace

YamlSection::YamlSection(const YAML::Node& node, std::string path, const YamlContext& context)
    : m_node(node), m_path(std::move(path)), m_context(&context)
{
    LORAWB_ASSERT(context.schema != nullptr);
    if (!m_node.IsDefined() || m_node.IsNull())
        return;
    if (!m_node.IsMap())
        LORAWB_FAIL(locate(context, m_path, m_node), ": ", m_path.empty() ? "the file" : m_path,
                    " must be a mapping of settings (key: value lines), got ", describeYaml(m_node),
                    m_path.empty() ? "; start from the example in the README" : "");

    const auto known = context.schema->find(m_path);
    std::set<std::string> seen;
    for (const auto& pair : m_node) {
        const YAML::Node& keyNode = pair.first;
        if (!keyNode.IsScalar())
            LORAWB_FAIL(locate(context, m_path, keyNode), ": ", m_path.empty() ? "the top level" : m_path,
                        " has a key that is ", describeYaml(keyNode), "; keys must be plain names");
        const std::string key = keyNode.Scalar();
        const std::string full = joinDotted(m_path, key);
        if (!seen.insert(key).second)
            LORAWB_FAIL(locate(context, full, keyNode), ": duplicate key '", full, "'; keep only one of them");
        if (known == context.schema->end())
            continue; // a free-form mapping: its keys are data
        const auto& keys = known->second;
        if (std::find(keys.begin(), keys.end(), key) == keys.end())
            LORAWB_FAIL(locate(context, full, keyNode), ": unknown key '", full, "'", unknownKeySuggestion(context, m_path, key),
                        "; the keys ", m_path.empty() ? "at the top level" : "of " + m_path, " are: ", joinedWithCommas(keys));
    }
}

bool YamlSection::has(const std::string& key) const
{
    const YAML::Node value = node(key);
    return value.IsDefined() && !value.IsNull();
}

YAML::Node YamlSection::node(const std::string& key) const
{
    if (m_node.IsDefined() && m_node.IsMap())
        for (const auto& pair : m_node)
            if (pair.first.IsScalar() && pair.first.Scalar() == key)
                return pair.second;
    return YAML::Node(YAML::NodeType::Undefined);
}

YamlSection YamlSection::section(const std::string& key) const
{
    return YamlSection(node(key), dotted(key), *m_context);
}

std::vector<std::string> YamlSection::keys() const
{
    std::vector<std::string> out;
    if (m_node.IsDefined() && m_node.IsMap())
        for (const auto& pair : m_node)
            out.push_back(pair.first.Scalar());
    return out;
}

std::string YamlSection::dotted(const std::string& key) const { return joinDotted(m_path, key); }

std::string YamlSection::where(const std::string& key) const
{
    const YAML::Node value = node(key);
    return locate(*m_context, dotted(key), value.IsDefined() ? value : m_node);
}

std::string YamlSection::where(const std::string& key, const YAML::Node& valueNode) const
{
    return locate(*m_context, dotted(key), valueNode);
}

void YamlSection::fail(const std::string& key, const std::string& message) const
{
    LORAWB_FAIL(where(key), ": ", dotted(key), ": ", message);
}

void YamlSection::failAt(const std::string& key, const YAML::Node& valueNode, const std::string& message) const
{
    LORAWB_FAIL(where(key, valueNode), ": ", dotted(key), ": ", message);
}

void YamlSection::rethrowWithLocation(const std::string& key, const std::exception& e) const
{
    LORAWB_FAIL(where(key), ": ", e.what());
}

std::string YamlSection::scalar(const std::string& key, const char* expected) const
{
    const YAML::Node value = node(key);
    if (!value.IsScalar())
        fail(key, std::string("expected ") + expected + ", got " + describeYaml(value));
    return value.Scalar();
}

void YamlSection::read(const std::string& key, int64_t& value) const
{
    if (!has(key))
        return;
    const std::string text = scalar(key, "an integer");
    if (!parseInt64(text, value))
        fail(key, "expected an integer, got '" + text + "'");
}

void YamlSection::read(const std::string& key, int& value) const
{
    int64_t wide = value;
    read(key, wide);
    if (wide < std::numeric_limits<int>::min() || wide > std::numeric_limits<int>::max())
        fail(key, "the value " + std::to_string(wide) + " is out of range");
    value = static_cast<int>(wide);
}

void YamlSection::read(const std::string& key, uint64_t& value) const
{
    if (!has(key))
        return;
    const std::string text = scalar(key, "a non-negative integer");
    std::istringstream in(text);
    in.imbue(std::locale::classic());
    uint64_t parsed = 0;
    if (text.empty() || text[0] == '-' || text[0] == '+' || !(in >> parsed) || in.peek() != EOF)
        fail(key, "expected a non-negative integer, got '" + text + "'");
    value = parsed;
}

void YamlSection::read(const std::string& key, double& value) const
{
    if (!has(key))
        return;
    const std::string text = scalar(key, "a number");
    if (!parseDouble(text, value))
        fail(key, "expected a number, got '" + text + "'");
}

void YamlSection::read(const std::string& key, bool& value) const
{
    if (!has(key))
        return;
    const std::string text = scalar(key, "true or false");
    for (const char* yes : {"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"})
        if (text == yes) {
            value = true;
            return;
        }
    for (const char* no : {"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"})
        if (text == no) {
            value = false;
            return;
        }
    fail(key, "expected true or false, got '" + text + "'");
}

void YamlSection::read(const std::string& key, std::string& value) const
{
    if (has(key))
        value = scalar(key, "a string");
}

void YamlSection::read(const std::string& key, std::vector<std::string>& value) const
{
    if (!has(key))
        return;
    const YAML::Node list = node(key);
    if (!list.IsSequence())
        fail(key, "expected a list such as [a, b], got " + describeYaml(list) +
                      (list.IsScalar() ? "; for a single entry write [" + list.Scalar() + "]" : ""));
    std::vector<std::string> out;
    for (const auto& item : list) {
        if (!item.IsScalar())
            failAt(key, item, "expected a list of names, but an entry is " + describeYaml(item));
        out.push_back(item.Scalar());
    }
    value = std::move(out);
}

namespace {

// A mapping of user keys, entry by entry in the file's order, each read (and checked) as the value type.
template <typename Mapping>
void readMapping(const YamlSection& owner, const std::string& key, Mapping& value)
{
    if (!owner.has(key))
        return;
    const YamlSection map = owner.section(key);
    Mapping out;
    for (const auto& entry : map.keys())
        map.read(entry, out[entry]);
    value = std::move(out);
}

} // namespace

void YamlSection::read(const std::string& key, std::map<std::string, std::string>& value) const
{
    readMapping(*this, key, value);
}

void YamlSection::read(const std::string& key, OrderedMapping<int>& value) const { readMapping(*this, key, value); }

void YamlSection::read(const std::string& key, OrderedMapping<double>& value) const { readMapping(*this, key, value); }

std::string unknownKeySuggestion(const YamlContext& context, const std::string& path, const std::string& key)
{
    const auto& schema = *context.schema;
    if (context.aliases != nullptr) {
        const auto alias = context.aliases->find(key);
        if (alias != context.aliases->end())
            return " (did you mean '" + alias->second + "'? LoRA Workbench's name for it)";
    }
    // Siblings first, then keys of the sections below written with the wrong separator ("lora_r" → lora.r).
    std::vector<std::string> candidates = schema.at(path);
    const std::string prefix = path.empty() ? "" : path + ".";
    for (const auto& [section, keys] : schema)
        if (section != path && section.compare(0, prefix.size(), prefix) == 0)
            for (const auto& known : keys)
                candidates.push_back(section.substr(prefix.size()) + "." + known);
    const std::string near = closestMatch(key, candidates);
    if (!near.empty())
        return " (did you mean '" + joinDotted(path, near) + "'?)";
    for (const auto& [section, keys] : schema)
        for (const auto& known : keys)
            if (section != path && known == key)
                return " (did you mean '" + joinDotted(section, known) + "'? '" + key + "' belongs under " +
                       (section.empty() ? "the top level" : section + ":") + ")";
    return "";
}

std::string describeYaml(const YAML::Node& node)
{
    if (!node.IsDefined() || node.IsNull())
        return "nothing";
    if (node.IsSequence())
        return "a list";
    if (node.IsMap())
        return "a mapping";
    return "'" + node.Scalar() + "'";
}

} // namespace core
