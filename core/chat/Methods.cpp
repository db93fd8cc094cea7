// Attribute and item access, slicing, loop's attributes and the methods of dict and list (str's are in
// StringMethods.cpp). The sandbox rules are ImmutableSandboxedEnvironment's: names starting with "_" are never
// reachable, and the methods that would mutate a list or dict (append, pop, update, ...) are refused — the value is
// an "unsafe" undefined, which prints as "" but fails when called, with jinja2's SecurityError message.
#include "core/chat/Arguments.h"
#include "core/chat/Builtins.h"
#include "core/chat/Interpreter.h"
#include "core/chat/PyFormat.h"
#include "core/chat/Utf8.h"

namespace core::chat {
namespace {

Value unsafe(const Value& object, const std::string& name)
{
    return Value::undefined("access to attribute '" + name + "' of '" + object.typeName() + "' object is unsafe.", true);
}

// jinja2's object_type_repr, for "'dict object' has no attribute 'x'".
std::string objectTypeRepr(const Value& v)
{
    return v.isNone() ? "None" : v.typeName() + " object";
}

Value missingItem(const Value& object, const Value& key)
{
    if (key.isString())
        return missingAttribute(object, key.asString());
    return Value::undefined(objectTypeRepr(object) + " has no element " + pyRepr(key));
}

Value listCountMethod(Interpreter&, const Value& self, CallArgs& args)
{
    Signature sig("count", args, {"x"});
    std::int64_t n = 0;
    for (const Value& v : self.asList())
        n += pyEquals(v, sig.get(0)) ? 1 : 0;
    return Value::integer(n);
}

Value itemsMethod(Interpreter& in, const Value& self, CallArgs& args)
{
    Signature sig("dict.items", args, {});
    in.step(self.asDict().items.size());
    List pairs;
    for (const auto& [key, value] : self.asDict().items)
        pairs.push_back(Value::tuple({key, value}));
    return Value::list(std::move(pairs));
}

template <bool Keys>
Value keysOrValuesMethod(Interpreter& in, const Value& self, CallArgs& args)
{
    Signature sig(Keys ? "dict.keys" : "dict.values", args, {});
    in.step(self.asDict().items.size());
    List out;
    for (const auto& [key, value] : self.asDict().items)
        out.push_back(Keys ? key : value);
    return Value::list(std::move(out));
}

Value getMethod(Interpreter&, const Value& self, CallArgs& args)
{
    Signature sig("dict.get", args, {"key", "default"});
    const Value* found = self.asDict().find(sig.get(0));
    return found ? *found : sig.get(1);
}

Value copyMethod(Interpreter&, const Value& self, CallArgs& args)
{
    Signature sig("copy", args, {});
    return self; // immutable, so a copy is the value itself
}

Value indexMethod(Interpreter&, const Value& self, CallArgs& args)
{
    Signature sig("list.index", args, {"x"});
    const List& items = self.asList();
    for (std::size_t i = 0; i < items.size(); ++i)
        if (pyEquals(items[i], sig.get(0)))
            return Value::integer(static_cast<std::int64_t>(i));
    fail(pyRepr(sig.get(0)), " is not in list");
}

Value loopAttribute(const Value& self, const std::string& name)
{
    const LoopInfo& loop = self.asLoop();
    const auto length = static_cast<std::int64_t>(loop.items->size());
    const auto index0 = static_cast<std::int64_t>(loop.index0);
    if (name == "index") return Value::integer(index0 + 1);
    if (name == "index0") return Value::integer(index0);
    if (name == "revindex") return Value::integer(length - index0);
    if (name == "revindex0") return Value::integer(length - index0 - 1);
    if (name == "first") return Value::boolean(index0 == 0);
    if (name == "last") return Value::boolean(index0 == length - 1);
    if (name == "length") return Value::integer(length);
    if (name == "depth") return Value::integer(1);
    if (name == "depth0") return Value::integer(0);
    if (name == "previtem")
        return index0 > 0 ? (*loop.items)[loop.index0 - 1] : Value::undefined("there is no previous item");
    if (name == "nextitem")
        return index0 + 1 < length ? (*loop.items)[loop.index0 + 1] : Value::undefined("there is no next item");
    if (name == "cycle")
        return bindMethod(name, self, [](Interpreter&, const Value& loopValue, CallArgs& args) -> Value {
            if (args.positional.empty())
                fail("loop.cycle() needs at least one value to cycle through");
            return args.positional[loopValue.asLoop().index0 % args.positional.size()];
        });
    return Value::undefined("'LoopContext object' has no attribute '" + name + "'");
}

} // namespace

Value bindMethod(const std::string& name, const Value& self, Method method)
{
    return Value::callable(name, [self, method](Interpreter& in, CallArgs& args) { return method(in, self, args); });
}

Value missingAttribute(const Value& object, const std::string& name)
{
    return Value::undefined("'" + objectTypeRepr(object) + "' has no attribute '" + name + "'");
}

Value attribute(Interpreter& in, const Value& object, const std::string& name)
{
    if (object.isUndefined())
        fail(object.undefinedHint().empty() ? "an undefined value has no attribute '" + name + "'" : object.undefinedHint());
    if (!name.empty() && name[0] == '_')
        return unsafe(object, name);
    switch (object.kind()) {
    case Value::Kind::String: return stringAttribute(object, name);
    case Value::Kind::Dict: {
        if (name == "items")
            return bindMethod(name, object, itemsMethod);
        if (name == "keys")
            return bindMethod(name, object, keysOrValuesMethod<true>);
        if (name == "values")
            return bindMethod(name, object, keysOrValuesMethod<false>);
        if (name == "get")
            return bindMethod(name, object, getMethod);
        if (name == "copy")
            return bindMethod(name, object, copyMethod);
        if (name == "clear" || name == "pop" || name == "popitem" || name == "setdefault" || name == "update")
            return unsafe(object, name);
        if (const Value* v = object.asDict().find(name))
            return *v;
        return missingAttribute(object, name);
    }
    case Value::Kind::List:
    case Value::Kind::Tuple:
        if (name == "index")
            return bindMethod(name, object, indexMethod);
        if (name == "count")
            return bindMethod(name, object, listCountMethod);
        if (name == "copy" && object.kind() == Value::Kind::List)
            return bindMethod(name, object, copyMethod);
        if (object.kind() == Value::Kind::List &&
            (name == "append" || name == "clear" || name == "pop" || name == "reverse" || name == "insert" ||
             name == "sort" || name == "extend" || name == "remove"))
            return unsafe(object, name);
        return missingAttribute(object, name);
    case Value::Kind::Namespace:
        if (const Value* v = object.asDict().find(name))
            return *v;
        return missingAttribute(object, name);
    case Value::Kind::Loop: return loopAttribute(object, name);
    default: return missingAttribute(object, name);
    }
}

Value item(Interpreter& in, const Value& object, const Value& key)
{
    if (object.isUndefined())
        fail(object.undefinedHint().empty() ? "an undefined value has no items" : object.undefinedHint());
    switch (object.kind()) {
    case Value::Kind::Dict:
        if (const Value* v = object.asDict().find(key))
            return *v;
        break;
    case Value::Kind::List:
    case Value::Kind::Tuple:
    case Value::Kind::String: {
        if (!key.isIntLike())
            break;
        const std::int64_t length = pyLength(object);
        std::int64_t i = key.asInt();
        if (i < 0)
            i += length;
        if (i < 0 || i >= length)
            return Value::undefined(objectTypeRepr(object) + " has no element " + pyRepr(key));
        if (object.isString()) {
            const std::string& s = object.asString();
            if (utf8::isAscii(s))
                return Value::string(s.substr(static_cast<std::size_t>(i), 1));
            std::string out;
            utf8::append(out, utf8::decode(s)[static_cast<std::size_t>(i)]);
            return Value::string(std::move(out));
        }
        return object.asList()[static_cast<std::size_t>(i)];
    }
    default: break;
    }
    if (key.isString()) { // jinja2 falls back to the attribute: d['items'] is the method when there is no such key
        const Value viaAttribute = attribute(in, object, key.asString());
        if (!viaAttribute.isUndefined() || viaAttribute.undefinedIsUnsafe())
            return viaAttribute;
    }
    return missingItem(object, key);
}

Value slice(const Value& object, const Value& start, const Value& stop, const Value& step)
{
    if (object.isUndefined())
        fail(object.undefinedHint());
    if (!object.isString() && !object.isSequence())
        return Value::undefined("'" + object.typeName() + "' object is not subscriptable");
    for (const Value* bound : {&start, &stop, &step})
        if (!bound->isNone() && !bound->isIntLike())
            fail("slice indices must be integers or None, got ", bound->typeName());
    const std::int64_t by = step.isNone() ? 1 : step.asInt();
    if (by == 0)
        fail("slice step cannot be zero");
    const std::int64_t length = pyLength(object);
    // PySlice_AdjustIndices
    auto adjust = [&](const Value& v, std::int64_t fallback) {
        if (v.isNone())
            return fallback;
        std::int64_t i = v.asInt();
        if (i < 0) {
            i += length;
            if (i < 0)
                i = by < 0 ? -1 : 0;
        } else if (i >= length) {
            i = by < 0 ? length - 1 : length;
        }
        return i;
    };
    const std::int64_t first = adjust(start, by < 0 ? length - 1 : 0);
    const std::int64_t last = adjust(stop, by < 0 ? -1 : length);
    std::vector<std::size_t> picks;
    for (std::int64_t i = first; by > 0 ? i < last : i > last; i += by)
        picks.push_back(static_cast<std::size_t>(i));
    if (object.isString()) {
        const std::u32string text = utf8::decode(object.asString());
        std::u32string out;
        for (std::size_t i : picks)
            out.push_back(text[i]);
        return Value::string(utf8::encode(out));
    }
    List out;
    for (std::size_t i : picks)
        out.push_back(object.asList()[i]);
    return object.kind() == Value::Kind::Tuple ? Value::tuple(std::move(out)) : Value::list(std::move(out));
}

} // namespace core::chat
