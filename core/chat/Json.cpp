#include "core/chat/Json.h"

#include "core/chat/PyFormat.h"
#include "core/chat/TemplateError.h"
#include "core/chat/Utf8.h"
#include "core/chat/Work.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace core::chat {
namespace {

// Deeper than any real conversation (messages → tool call → arguments → JSON schema is ~20), shallow enough that the
// recursion here and in freeing the value stays far from the stack's end.
constexpr int kMaxContextDepth = 1000;

template <typename Json>
Value convert(const Json& j, int depth)
{
    if (depth > kMaxContextDepth)
        fail("the context nests more than ", kMaxContextDepth, " levels deep");
    switch (j.type()) {
    case nlohmann::json::value_t::null: return Value::none();
    case nlohmann::json::value_t::boolean: return Value::boolean(j.template get<bool>());
    case nlohmann::json::value_t::number_integer: return Value::integer(j.template get<std::int64_t>());
    case nlohmann::json::value_t::number_unsigned: {
        const auto u = j.template get<std::uint64_t>();
        // Python's int has no upper bound; ours does, so the rare giant keeps its magnitude as a float.
        return u <= static_cast<std::uint64_t>(INT64_MAX) ? Value::integer(static_cast<std::int64_t>(u))
                                                          : Value::number(static_cast<double>(u));
    }
    case nlohmann::json::value_t::number_float: return Value::number(j.template get<double>());
    case nlohmann::json::value_t::string: return Value::string(j.template get<std::string>());
    case nlohmann::json::value_t::array: {
        List items;
        items.reserve(j.size());
        for (const auto& item : j)
            items.push_back(convert(item, depth + 1));
        return Value::list(std::move(items));
    }
    case nlohmann::json::value_t::object: {
        Dict d;
        d.items.reserve(j.size());
        for (auto it = j.begin(); it != j.end(); ++it)
            d.items.emplace_back(Value::string(it.key()), convert(it.value(), depth + 1));
        return Value::dict(std::move(d));
    }
    default: return Value::string("<binary>"); // transformers also turns what is not JSON data into a placeholder
    }
}

void appendEscaped(std::string& out, const std::string& s, bool ensureAscii)
{
    chargeWork(s.size() / kBytesPerStep);
    out += '"';
    for (char32_t c : utf8::decode(s)) {
        switch (c) {
        case '"': out += "\\\""; continue;
        case '\\': out += "\\\\"; continue;
        case '\n': out += "\\n"; continue;
        case '\r': out += "\\r"; continue;
        case '\t': out += "\\t"; continue;
        case '\b': out += "\\b"; continue;
        case '\f': out += "\\f"; continue;
        default: break;
        }
        char buf[16];
        if (c < 0x20 || (ensureAscii && c >= 0x7F)) {
            if (c >= 0x10000) { // a surrogate pair, as Python writes it
                const char32_t v = c - 0x10000;
                std::snprintf(buf, sizeof buf, "\\u%04x\\u%04x", static_cast<unsigned>(0xD800 + (v >> 10)),
                              static_cast<unsigned>(0xDC00 + (v & 0x3FF)));
            } else {
                std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
            }
            out += buf;
        } else {
            utf8::append(out, c);
        }
    }
    out += '"';
}

std::string floatJson(double x)
{
    if (std::isnan(x))
        return "NaN";
    if (std::isinf(x))
        return x > 0 ? "Infinity" : "-Infinity";
    return pyFloatRepr(x);
}

class Dumper {
public:
    explicit Dumper(const JsonDumpOptions& options)
        : m_options(options),
          m_itemSeparator(options.itemSeparator ? *options.itemSeparator : (options.indent ? "," : ", ")) {}

    void dump(const Value& v, int level)
    {
        if (level > m_options.maxDepth)
            fail("tojson: the value is nested more than ", m_options.maxDepth, " levels deep");
        chargeWork(1);
        switch (v.kind()) {
        case Value::Kind::None: m_out += "null"; return;
        case Value::Kind::Bool: m_out += v.asBool() ? "true" : "false"; return;
        case Value::Kind::Int: m_out += std::to_string(v.asInt()); return;
        case Value::Kind::Float: m_out += floatJson(v.asDouble()); return;
        case Value::Kind::String: appendEscaped(m_out, v.asString(), m_options.ensureAscii); return;
        case Value::Kind::List:
        case Value::Kind::Tuple: dumpList(v.asList(), level); return;
        case Value::Kind::Dict: dumpDict(v.asDict(), level); return;
        default: fail("Object of type ", v.typeName(), " is not JSON serializable");
        }
    }

    std::string take() { return std::move(m_out); }

private:
    void open(char bracket, int level)
    {
        m_out += bracket;
        if (m_options.indent)
            newline(level + 1);
    }

    void close(char bracket, int level)
    {
        if (m_options.indent)
            newline(level);
        m_out += bracket;
    }

    void newline(int level)
    {
        m_out += '\n';
        for (int i = 0; i < level; ++i)
            m_out += *m_options.indent;
    }

    void separator(int level)
    {
        m_out += m_itemSeparator;
        if (m_options.indent)
            newline(level + 1);
    }

    void dumpList(const List& items, int level)
    {
        if (items.empty()) {
            m_out += "[]";
            return;
        }
        open('[', level);
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i)
                separator(level);
            dump(items[i], level + 1);
        }
        close(']', level);
    }

    static std::string keyText(const Value& key)
    {
        switch (key.kind()) {
        case Value::Kind::String: return key.asString();
        case Value::Kind::Float: return floatJson(key.asDouble());
        case Value::Kind::Bool: return key.asBool() ? "true" : "false";
        case Value::Kind::None: return "null";
        case Value::Kind::Int: return std::to_string(key.asInt());
        default: fail("tojson: keys must be str, int, float, bool or None, not ", key.typeName());
        }
    }

    void dumpDict(const Dict& d, int level)
    {
        if (d.items.empty()) {
            m_out += "{}";
            return;
        }
        std::vector<const std::pair<Value, Value>*> items;
        for (const auto& item : d.items)
            items.push_back(&item);
        if (m_options.sortKeys)
            std::stable_sort(items.begin(), items.end(), [](auto* a, auto* b) { return pyLess(a->first, b->first); });
        open('{', level);
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i)
                separator(level);
            appendEscaped(m_out, keyText(items[i]->first), m_options.ensureAscii);
            m_out += m_options.keySeparator;
            dump(items[i]->second, level + 1);
        }
        close('}', level);
    }

    const JsonDumpOptions& m_options;
    std::string m_itemSeparator;
    std::string m_out;
};

} // namespace

Value fromJson(const nlohmann::json& j) { return convert(j, 0); }
Value fromJson(const nlohmann::ordered_json& j) { return convert(j, 0); }

std::string dumpJson(const Value& v, const JsonDumpOptions& options)
{
    Dumper dumper(options);
    dumper.dump(v, 0);
    return dumper.take();
}

} // namespace core::chat
