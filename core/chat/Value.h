#pragma once
// The interpreter's value: what a Python object is to jinja2. Lists, tuples and dicts are immutable once built
// (ImmutableSandboxedEnvironment forbids mutating them), so copies share their storage; only a namespace is
// mutable, and it is shared by reference exactly like the Python object. Copies are cheap and thread-safe (one
// shared_ptr), so one parsed template can render on several threads at once.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace core::chat {

class Value;
class Interpreter;
class Dict;
using List = std::vector<Value>;

// Arguments of one call, as Python receives them.
struct CallArgs {
    std::vector<Value> positional;
    std::vector<std::pair<std::string, Value>> keywords;
};

using NativeFunction = std::function<Value(Interpreter&, CallArgs&)>;

// A built-in function, a bound method or a macro.
struct Callable {
    std::string name;
    NativeFunction call;
};

// jinja2's LoopContext: one object per loop, advanced in place (as jinja2 does), so a stored `loop` sees later steps.
struct LoopInfo {
    std::shared_ptr<const List> items;
    std::size_t index0 = 0;
};

class Value {
public:
    enum class Kind : std::uint8_t { Undefined, None, Bool, Int, Float, String, List, Tuple, Dict, Namespace, Callable, Loop };

    Value() = default; // undefined, without a hint
    // `hint` is the message an operation on it raises ("'x' is undefined"); `unsafe` marks what the sandbox refused
    // (jinja2's SecurityError), which still prints as "" but cannot be called.
    static Value undefined(std::string hint, bool unsafe = false);
    static Value none();
    static Value boolean(bool b);
    static Value integer(std::int64_t i);
    static Value number(double f);
    static Value string(std::string s);
    static Value list(List items);
    static Value tuple(List items);
    static Value dict(Dict d);
    static Value ns(std::shared_ptr<Dict> d);
    static Value callable(std::string name, NativeFunction fn);
    static Value loop(std::shared_ptr<LoopInfo> info);

    Kind kind() const { return m_kind; }
    bool isUndefined() const { return m_kind == Kind::Undefined; }
    bool isNone() const { return m_kind == Kind::None; }
    bool isBool() const { return m_kind == Kind::Bool; }
    bool isString() const { return m_kind == Kind::String; }
    bool isSequence() const { return m_kind == Kind::List || m_kind == Kind::Tuple; }
    bool isDict() const { return m_kind == Kind::Dict; }
    bool isNamespace() const { return m_kind == Kind::Namespace; }
    bool isIntLike() const { return m_kind == Kind::Int || m_kind == Kind::Bool; } // Python's bool is an int
    bool isNumber() const { return isIntLike() || m_kind == Kind::Float; }

    bool asBool() const { return m_int != 0; }
    std::int64_t asInt() const { return m_int; } // Int and Bool
    double asDouble() const { return m_kind == Kind::Float ? m_float : static_cast<double>(m_int); }
    const std::string& asString() const;
    const List& asList() const; // List and Tuple
    std::shared_ptr<const List> listPtr() const;
    const Dict& asDict() const; // Dict and Namespace
    Dict& namespaceDict() const;
    const Callable& asCallable() const;
    LoopInfo& asLoop() const;
    const std::string& undefinedHint() const;
    bool undefinedIsUnsafe() const { return m_int != 0; }
    // How deeply lists, tuples and dicts nest inside this value (0 for a scalar): what keeps a template from
    // building a structure so deep that printing or freeing it would exhaust the stack.
    int depth() const { return (isSequence() || isDict()) ? static_cast<int>(m_int) : 0; }
    // Identity, for namespaces, callables and loops (Python's `is`).
    const void* identity() const { return m_ptr.get(); }

    // Python's type name, for error messages that read like Python's ("'list' object ...").
    std::string typeName() const;

private:
    Kind m_kind = Kind::Undefined;
    std::int64_t m_int = 0;
    double m_float = 0;
    std::shared_ptr<const void> m_ptr;
};

// A Python dict: insertion-ordered, keys compared as Python compares them (1 == 1.0 == True).
class Dict {
public:
    std::vector<std::pair<Value, Value>> items;
    const Value* find(const Value& key) const;
    const Value* find(const std::string& key) const;
    void set(const Value& key, Value value);
};

// Python semantics shared by the evaluator, the filters and the tests.
bool truthy(const Value& v);
bool pyEquals(const Value& a, const Value& b);
// a < b as Python orders them; throws TemplateError for types Python cannot order.
bool pyLess(const Value& a, const Value& b);
std::int64_t pyLength(const Value& v); // len(v), in code points for strings; throws for what has no len()
// The items `for x in v` visits: a dict's keys, a string's characters, nothing for undefined; throws otherwise.
std::shared_ptr<const List> iterationItems(const Value& v);

} // namespace core::chat
