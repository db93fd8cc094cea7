// The methods of str that templates call (message.content.strip(), .split('</think>'), .startswith(...)). Each is
// Python's own algorithm (PyString.h), bound to its string when the template reads the attribute.
#include "core/chat/Arguments.h"
#include "core/chat/Builtins.h"
#include "core/chat/Interpreter.h"
#include "core/chat/PyString.h"
#include "core/chat/Utf8.h"

#include <optional>
#include <set>

namespace core::chat {
namespace {

std::optional<std::string> optionalString(const Signature& sig, std::size_t i, const char* name)
{
    const Value v = sig.get(i);
    if (v.isNone())
        return std::nullopt;
    return stringArg(sig, v, name);
}

Value stringList(const std::vector<std::string>& parts)
{
    List items;
    for (const std::string& p : parts)
        items.push_back(Value::string(p));
    return Value::list(std::move(items));
}

template <bool Left, bool Right>
Value stripMethod(Interpreter&, const Value& self, CallArgs& args)
{
    Signature sig(Left && Right ? "str.strip" : Left ? "str.lstrip" : "str.rstrip", args, {"chars"});
    return Value::string(pystr::strip(self.asString(), optionalString(sig, 0, "chars"), Left, Right));
}

template <bool FromRight>
Value splitMethod(Interpreter& in, const Value& self, CallArgs& args)
{
    Signature sig(FromRight ? "str.rsplit" : "str.split", args, {"sep", "maxsplit"});
    const std::optional<std::string> sep = optionalString(sig, 0, "sep");
    if (sep && sep->empty())
        fail(sig.what(), ": empty separator");
    const std::int64_t maxSplit = intArg(sig, sig.get(1, Value::integer(-1)), "maxsplit");
    in.step(self.asString().size() / 64);
    return stringList(pystr::split(self.asString(), sep, maxSplit, FromRight));
}

Value splitlinesMethod(Interpreter&, const Value& self, CallArgs& args)
{
    Signature sig("str.splitlines", args, {"keepends"});
    return stringList(pystr::splitLines(self.asString(), truthy(sig.get(0, Value::boolean(false)))));
}

template <bool End>
Value affixMethod(Interpreter&, const Value& self, CallArgs& args)
{
    Signature sig(End ? "str.endswith" : "str.startswith", args, {"prefix"});
    const Value affix = sig.get(0);
    const std::string& s = self.asString();
    auto matches = [&](const Value& v) {
        const std::string a = stringArg(sig, v, "the prefix");
        return End ? (s.size() >= a.size() && s.compare(s.size() - a.size(), a.size(), a) == 0) : s.compare(0, a.size(), a) == 0;
    };
    if (affix.isSequence() && affix.kind() == Value::Kind::Tuple) {
        for (const Value& v : affix.asList())
            if (matches(v))
                return Value::boolean(true);
        return Value::boolean(false);
    }
    return Value::boolean(matches(affix));
}

template <int Which> // 0 upper, 1 lower, 2 title, 3 capitalize
Value caseMethod(Interpreter&, const Value& self, CallArgs& args)
{
    Signature sig("str case method", args, {});
    const std::string& s = self.asString();
    return Value::string(Which == 0 ? utf8::toUpper(s) : Which == 1 ? utf8::toLower(s) : Which == 2 ? pystr::title(s) : pystr::capitalize(s));
}

Value replaceMethod(Interpreter& in, const Value& self, CallArgs& args)
{
    Signature sig("str.replace", args, {"old", "new", "count"});
    std::string out = pystr::replace(self.asString(), stringArg(sig, sig.get(0), "old"), stringArg(sig, sig.get(1), "new"),
                                     intArg(sig, sig.get(2, Value::integer(-1)), "count"));
    in.checkSize(out.size());
    return Value::string(std::move(out));
}

template <bool FromRight, bool Raise>
Value findMethod(Interpreter&, const Value& self, CallArgs& args)
{
    Signature sig(Raise ? "str.index" : FromRight ? "str.rfind" : "str.find", args, {"sub"});
    const std::int64_t at = pystr::find(self.asString(), stringArg(sig, sig.get(0), "sub"), FromRight);
    if (Raise && at < 0)
        fail("substring not found");
    return Value::integer(at);
}

Value countMethod(Interpreter&, const Value& self, CallArgs& args)
{
    Signature sig("str.count", args, {"x"});
    return Value::integer(pystr::count(self.asString(), stringArg(sig, sig.get(0), "the substring")));
}

Value joinMethod(Interpreter& in, const Value& self, CallArgs& args)
{
    Signature sig("str.join", args, {"iterable"});
    std::string out;
    std::size_t i = 0;
    const auto items = iterationItems(sig.get(0));
    for (const Value& v : *items) {
        if (!v.isString())
            fail("sequence item ", i, ": expected str instance, ", v.typeName(), " found");
        if (i++)
            out += self.asString();
        out += v.asString();
        in.checkSize(out.size());
    }
    return Value::string(std::move(out));
}

template <pystr::CharClass Class>
Value classMethod(Interpreter&, const Value& self, CallArgs& args)
{
    Signature sig("str.is...", args, {});
    return Value::boolean(pystr::is(self.asString(), Class));
}

template <bool Prefix>
Value removeAffixMethod(Interpreter&, const Value& self, CallArgs& args)
{
    Signature sig(Prefix ? "str.removeprefix" : "str.removesuffix", args, {"affix"});
    const std::string& s = self.asString();
    const std::string a = stringArg(sig, sig.get(0), "the affix");
    if (Prefix && s.compare(0, a.size(), a) == 0)
        return Value::string(s.substr(a.size()));
    if (!Prefix && s.size() >= a.size() && s.compare(s.size() - a.size(), a.size(), a) == 0)
        return Value::string(s.substr(0, s.size() - a.size()));
    return self;
}

} // namespace

Value stringAttribute(const Value& self, const std::string& name)
{
    static const std::vector<std::pair<const char*, Method>> kMethods = {
        {"strip", stripMethod<true, true>}, {"lstrip", stripMethod<true, false>}, {"rstrip", stripMethod<false, true>},
        {"split", splitMethod<false>}, {"rsplit", splitMethod<true>}, {"splitlines", splitlinesMethod},
        {"startswith", affixMethod<false>}, {"endswith", affixMethod<true>}, {"upper", caseMethod<0>},
        {"lower", caseMethod<1>}, {"casefold", caseMethod<1>}, {"title", caseMethod<2>}, {"capitalize", caseMethod<3>},
        {"replace", replaceMethod}, {"find", findMethod<false, false>}, {"rfind", findMethod<true, false>},
        {"index", findMethod<false, true>}, {"count", countMethod}, {"join", joinMethod},
        {"isdigit", classMethod<pystr::CharClass::Digit>}, {"isalpha", classMethod<pystr::CharClass::Alpha>},
        {"isalnum", classMethod<pystr::CharClass::Alnum>}, {"isspace", classMethod<pystr::CharClass::Space>},
        {"islower", classMethod<pystr::CharClass::Lower>}, {"isupper", classMethod<pystr::CharClass::Upper>},
        {"removeprefix", removeAffixMethod<true>}, {"removesuffix", removeAffixMethod<false>},
    };
    for (const auto& [methodName, method] : kMethods)
        if (name == methodName)
            return bindMethod(name, self, method);
    // Real str methods this engine does not implement: refused by name rather than silently undefined.
    static const std::set<std::string> kOther = {"format", "format_map", "encode", "expandtabs", "translate", "maketrans",
        "center", "ljust", "rjust", "zfill", "partition", "rpartition", "rindex", "swapcase", "isnumeric", "isdecimal",
        "isidentifier", "isprintable", "istitle", "isascii"};
    if (kOther.count(name))
        return Value::undefined("the str method '" + name + "' is not supported by LoRA Workbench's chat templates", true);
    return missingAttribute(self, name);
}

} // namespace core::chat
