#pragma once
// Binding a call's arguments to a built-in's Python signature: positional ones first, then keywords by name, with
// Python's errors for too many, unknown or repeated arguments. `round(2.567, precision=1)` and `round(2.567, 1)`
// both land in slot 1.
#include "core/chat/TemplateError.h"
#include "core/chat/Value.h"

#include <initializer_list>
#include <string>
#include <vector>

namespace core::chat {

class Signature {
public:
    // `what` names the callable in errors ("filter 'round'"); `names` are its parameters after the input.
    Signature(std::string what, CallArgs& args, std::initializer_list<const char*> names) : m_what(std::move(what))
    {
        m_names.assign(names.begin(), names.end());
        m_values.resize(m_names.size());
        m_given.resize(m_names.size(), false);
        if (args.positional.size() > m_names.size())
            fail(m_what, " takes at most ", m_names.size(), " argument(s) (", args.positional.size(), " given)");
        for (std::size_t i = 0; i < args.positional.size(); ++i) {
            m_values[i] = args.positional[i];
            m_given[i] = true;
        }
        for (auto& [name, value] : args.keywords) {
            std::size_t i = 0;
            while (i < m_names.size() && name != m_names[i])
                ++i;
            if (i == m_names.size())
                fail(m_what, " got an unexpected keyword argument '", name, "'");
            if (m_given[i])
                fail(m_what, " got multiple values for argument '", name, "'");
            m_values[i] = value;
            m_given[i] = true;
        }
    }

    bool given(std::size_t i) const { return m_given[i]; }
    // The argument, or `fallback` when the call left it out (None counts as given, as in Python).
    Value get(std::size_t i, Value fallback = Value::none()) const { return m_given[i] ? m_values[i] : fallback; }
    const std::string& what() const { return m_what; }

private:
    std::string m_what;
    std::vector<const char*> m_names;
    std::vector<Value> m_values;
    std::vector<bool> m_given;
};

// Converters that fail with the callable's name: "filter 'indent': width must be an integer, got str".
inline std::int64_t intArg(const Signature& sig, const Value& v, const char* name)
{
    if (!v.isIntLike())
        fail(sig.what(), ": ", name, " must be an integer, got ", v.typeName());
    return v.asInt();
}

// A copy, not a reference: v is often the temporary that Signature::get returned.
inline std::string stringArg(const Signature& sig, const Value& v, const char* name)
{
    if (!v.isString())
        fail(sig.what(), ": ", name, " must be a string, got ", v.typeName());
    return v.asString();
}

} // namespace core::chat
