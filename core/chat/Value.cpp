#include "core/chat/Value.h"

#include "core/chat/TemplateError.h"
#include "core/chat/Utf8.h"
#include "core/chat/Work.h"

#include <algorithm>

namespace core::chat {
namespace {

int depthOf(const List& items)
{
    int depth = 0;
    for (const Value& v : items)
        depth = std::max(depth, v.depth());
    return depth + 1;
}

const std::string& emptyString()
{
    static const std::string empty;
    return empty;
}

} // namespace

Value Value::undefined(std::string hint, bool unsafe)
{
    Value v;
    v.m_ptr = std::make_shared<const std::string>(std::move(hint));
    v.m_int = unsafe ? 1 : 0;
    return v;
}

Value Value::none()
{
    Value v;
    v.m_kind = Kind::None;
    return v;
}

Value Value::boolean(bool b)
{
    Value v;
    v.m_kind = Kind::Bool;
    v.m_int = b ? 1 : 0;
    return v;
}

Value Value::integer(std::int64_t i)
{
    Value v;
    v.m_kind = Kind::Int;
    v.m_int = i;
    return v;
}

Value Value::number(double f)
{
    Value v;
    v.m_kind = Kind::Float;
    v.m_float = f;
    return v;
}

Value Value::string(std::string s)
{
    chargeWork(1 + s.size() / kBytesPerStep);
    Value v;
    v.m_kind = Kind::String;
    v.m_ptr = std::make_shared<const std::string>(std::move(s));
    return v;
}

Value Value::list(List items)
{
    chargeWork(items.size());
    Value v;
    v.m_kind = Kind::List;
    v.m_int = depthOf(items);
    v.m_ptr = std::make_shared<const List>(std::move(items));
    return v;
}

Value Value::tuple(List items)
{
    Value v = list(std::move(items));
    v.m_kind = Kind::Tuple;
    return v;
}

Value Value::dict(Dict d)
{
    chargeWork(d.items.size());
    Value v;
    v.m_kind = Kind::Dict;
    int depth = 0;
    for (const auto& [key, value] : d.items)
        depth = std::max({depth, key.depth(), value.depth()});
    v.m_int = depth + 1;
    v.m_ptr = std::make_shared<const Dict>(std::move(d));
    return v;
}

Value Value::ns(std::shared_ptr<Dict> d)
{
    Value v;
    v.m_kind = Kind::Namespace;
    v.m_ptr = std::move(d);
    return v;
}

Value Value::callable(std::string name, NativeFunction fn)
{
    Value v;
    v.m_kind = Kind::Callable;
    v.m_ptr = std::make_shared<const Callable>(Callable{std::move(name), std::move(fn)});
    return v;
}

Value Value::loop(std::shared_ptr<LoopInfo> info)
{
    Value v;
    v.m_kind = Kind::Loop;
    v.m_ptr = std::move(info);
    return v;
}

const std::string& Value::asString() const { return *static_cast<const std::string*>(m_ptr.get()); }
const List& Value::asList() const { return *static_cast<const List*>(m_ptr.get()); }

std::shared_ptr<const List> Value::listPtr() const
{
    return std::shared_ptr<const List>(m_ptr, &asList()); // aliasing: shares the one control block
}

const Dict& Value::asDict() const { return *static_cast<const Dict*>(m_ptr.get()); }
Dict& Value::namespaceDict() const { return *const_cast<Dict*>(static_cast<const Dict*>(m_ptr.get())); }

const Callable& Value::asCallable() const { return *static_cast<const Callable*>(m_ptr.get()); }
LoopInfo& Value::asLoop() const { return *const_cast<LoopInfo*>(static_cast<const LoopInfo*>(m_ptr.get())); }

const std::string& Value::undefinedHint() const
{
    return m_ptr ? *static_cast<const std::string*>(m_ptr.get()) : emptyString();
}

std::string Value::typeName() const
{
    switch (m_kind) {
    case Kind::Undefined: return "Undefined";
    case Kind::None: return "NoneType";
    case Kind::Bool: return "bool";
    case Kind::Int: return "int";
    case Kind::Float: return "float";
    case Kind::String: return "str";
    case Kind::List: return "list";
    case Kind::Tuple: return "tuple";
    case Kind::Dict: return "dict";
    case Kind::Namespace: return "Namespace";
    case Kind::Callable: return "function";
    case Kind::Loop: return "LoopContext";
    }
    return "object";
}

const Value* Dict::find(const Value& key) const
{
    chargeWork(items.size() / 16);
    for (const auto& item : items)
        if (pyEquals(item.first, key))
            return &item.second;
    return nullptr;
}

const Value* Dict::find(const std::string& key) const
{
    chargeWork(items.size() / 16);
    for (const auto& item : items)
        if (item.first.isString() && item.first.asString() == key)
            return &item.second;
    return nullptr;
}

void Dict::set(const Value& key, Value value)
{
    for (auto& item : items)
        if (pyEquals(item.first, key)) {
            item.second = std::move(value);
            return;
        }
    items.emplace_back(key, std::move(value));
}

bool truthy(const Value& v)
{
    switch (v.kind()) {
    case Value::Kind::Undefined:
    case Value::Kind::None: return false;
    case Value::Kind::Bool:
    case Value::Kind::Int: return v.asInt() != 0;
    case Value::Kind::Float: return v.asDouble() != 0.0;
    case Value::Kind::String: return !v.asString().empty();
    case Value::Kind::List:
    case Value::Kind::Tuple: return !v.asList().empty();
    case Value::Kind::Dict: return !v.asDict().items.empty();
    default: return true;
    }
}

bool pyEquals(const Value& a, const Value& b)
{
    if (a.isNumber() && b.isNumber()) {
        if (a.isIntLike() && b.isIntLike())
            return a.asInt() == b.asInt();
        return a.asDouble() == b.asDouble();
    }
    if (a.kind() != b.kind())
        return false;
    if (a.identity() && a.identity() == b.identity() && a.kind() != Value::Kind::Undefined)
        return true; // the same object, as Python's comparison short-cuts (and shared sub-lists stay cheap)
    switch (a.kind()) {
    case Value::Kind::Undefined: // jinja2's Undefined.__eq__: any two undefined values are equal
    case Value::Kind::None: return true;
    case Value::Kind::String:
        chargeWork(a.asString().size() / kBytesPerStep);
        return a.asString() == b.asString();
    case Value::Kind::List:
    case Value::Kind::Tuple: {
        const List& x = a.asList();
        const List& y = b.asList();
        if (x.size() != y.size())
            return false;
        chargeWork(1 + x.size() / 16);
        for (std::size_t i = 0; i < x.size(); ++i)
            if (!pyEquals(x[i], y[i]))
                return false;
        return true;
    }
    case Value::Kind::Dict: {
        const Dict& x = a.asDict();
        const Dict& y = b.asDict();
        if (x.items.size() != y.items.size())
            return false;
        chargeWork(1);
        for (const auto& [key, value] : x.items) {
            const Value* other = y.find(key);
            if (!other || !pyEquals(value, *other))
                return false;
        }
        return true;
    }
    default: return a.identity() == b.identity();
    }
}

bool pyLess(const Value& a, const Value& b)
{
    if (a.isNumber() && b.isNumber()) {
        if (a.isIntLike() && b.isIntLike())
            return a.asInt() < b.asInt();
        return a.asDouble() < b.asDouble();
    }
    if (a.isUndefined() || b.isUndefined())
        fail(a.isUndefined() ? a.undefinedHint() : b.undefinedHint());
    chargeWork(1);
    if (a.isString() && b.isString()) {
        chargeWork(std::min(a.asString().size(), b.asString().size()) / kBytesPerStep);
        return a.asString() < b.asString(); // UTF-8 byte order is code point order
    }
    if (a.kind() == b.kind() && a.isSequence()) {
        const List& x = a.asList();
        const List& y = b.asList();
        for (std::size_t i = 0; i < x.size() && i < y.size(); ++i)
            if (!pyEquals(x[i], y[i]))
                return pyLess(x[i], y[i]);
        return x.size() < y.size();
    }
    fail("'<' not supported between instances of '", a.typeName(), "' and '", b.typeName(), "'");
}

std::int64_t pyLength(const Value& v)
{
    switch (v.kind()) {
    case Value::Kind::Undefined: return 0;
    case Value::Kind::String: return static_cast<std::int64_t>(utf8::length(v.asString()));
    case Value::Kind::List:
    case Value::Kind::Tuple: return static_cast<std::int64_t>(v.asList().size());
    case Value::Kind::Dict: return static_cast<std::int64_t>(v.asDict().items.size());
    case Value::Kind::Loop: return static_cast<std::int64_t>(v.asLoop().items->size());
    default: fail("object of type '", v.typeName(), "' has no len()");
    }
}

std::shared_ptr<const List> iterationItems(const Value& v)
{
    switch (v.kind()) {
    case Value::Kind::Undefined: return std::make_shared<const List>();
    case Value::Kind::List:
    case Value::Kind::Tuple: return v.listPtr();
    case Value::Kind::Dict: {
        chargeWork(v.asDict().items.size());
        List keys;
        keys.reserve(v.asDict().items.size());
        for (const auto& item : v.asDict().items)
            keys.push_back(item.first);
        return std::make_shared<const List>(std::move(keys));
    }
    case Value::Kind::String: {
        List chars;
        for (const std::string& c : utf8::characters(v.asString()))
            chars.push_back(Value::string(c));
        return std::make_shared<const List>(std::move(chars));
    }
    case Value::Kind::Loop: return v.asLoop().items;
    default: fail("'", v.typeName(), "' object is not iterable");
    }
}

} // namespace core::chat
