// Filters on lists, tuples, dicts and strings as sequences. Each walks its input once, and every item it visits
// counts as a step. Where jinja2 returns a lazy iterator (map, select, reverse) this returns the list it would
// produce; templates consume both the same way.
#include "core/chat/Arguments.h"
#include "core/chat/Builtins.h"
#include "core/chat/Interpreter.h"
#include "core/chat/Operators.h"
#include "core/chat/PyFormat.h"
#include "core/chat/Utf8.h"

#include <algorithm>

namespace core::chat {
namespace {

std::shared_ptr<const List> itemsOf(Interpreter& in, const Value& v, const char* filter)
{
    if (v.isNone() || v.isNumber() || v.isNamespace() || v.kind() == Value::Kind::Callable)
        fail("filter '", filter, "' needs a list, a dict or a string, got ", v.typeName());
    std::shared_ptr<const List> items = iterationItems(v);
    in.step(items->size());
    return items;
}

// jinja2's make_attrgetter: "a.b.0" walks items one part at a time (digits as list indexes).
Value getPath(Interpreter& in, const Value& v, const std::string& path, const Value& fallback = Value())
{
    Value current = v;
    std::size_t start = 0;
    while (true) {
        const std::size_t dot = path.find('.', start);
        const std::string part = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        const bool digits = !part.empty() && std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
        current = item(in, current, digits ? Value::integer(std::strtoll(part.c_str(), nullptr, 10)) : Value::string(part));
        if (dot == std::string::npos)
            break;
        start = dot + 1;
    }
    if (current.isUndefined() && !fallback.isUndefined())
        return fallback;
    return current;
}

Value firstFilter(Interpreter& in, const Value& v, CallArgs& args)
{
    Signature sig("filter 'first'", args, {});
    const auto items = itemsOf(in, v, "first");
    return items->empty() ? Value::undefined("No first item, sequence was empty.") : items->front();
}

Value lastFilter(Interpreter& in, const Value& v, CallArgs& args)
{
    Signature sig("filter 'last'", args, {});
    const auto items = itemsOf(in, v, "last");
    return items->empty() ? Value::undefined("No last item, sequence was empty.") : items->back();
}

Value joinFilter(Interpreter& in, const Value& v, CallArgs& args)
{
    Signature sig("filter 'join'", args, {"d", "attribute"});
    const std::string separator = pyStr(sig.get(0, Value::string("")));
    const Value attribute = sig.get(1);
    std::string out;
    bool first = true;
    const auto items = itemsOf(in, v, "join");
    for (const Value& item : *items) {
        if (!first)
            out += separator;
        first = false;
        out += pyStr(attribute.isNone() ? item : getPath(in, item, pyStr(attribute)), in.limits().maxDepth);
        in.checkSize(out.size());
    }
    return Value::string(std::move(out));
}

Value listFilter(Interpreter& in, const Value& v, CallArgs& args)
{
    Signature sig("filter 'list'", args, {});
    return Value::list(*itemsOf(in, v, "list"));
}

Value itemsFilter(Interpreter& in, const Value& v, CallArgs& args)
{
    Signature sig("filter 'items'", args, {});
    if (v.isUndefined())
        return Value::list({});
    if (!v.isDict())
        fail("Can only get item pairs from a mapping.");
    in.step(v.asDict().items.size());
    List pairs;
    for (const auto& [key, value] : v.asDict().items)
        pairs.push_back(Value::tuple({key, value}));
    return Value::list(std::move(pairs));
}

// select / reject / selectattr / rejectattr: jinja2's select_or_reject.
template <bool Select, bool ByAttribute>
Value selectFilter(Interpreter& in, const Value& v, CallArgs& args)
{
    std::vector<Value> rest = args.positional;
    std::string attribute;
    if (ByAttribute) {
        if (rest.empty() || !rest.front().isString())
            fail("filter '", Select ? "selectattr" : "rejectattr", "' needs an attribute name, as in selectattr('role', 'equalto', 'user')");
        attribute = rest.front().asString();
        rest.erase(rest.begin());
    }
    std::string testName;
    if (!rest.empty()) {
        if (!rest.front().isString())
            fail("the test name for select / reject must be a string, got ", rest.front().typeName());
        testName = rest.front().asString();
        rest.erase(rest.begin());
    }
    List out;
    if (!truthy(v)) // jinja2 checks `if value:` first, so none and other falsy values give nothing
        return Value::list(std::move(out));
    const auto items = itemsOf(in, v, Select ? "select" : "reject");
    for (const Value& item : *items) {
        const Value subject = ByAttribute ? getPath(in, item, attribute) : item;
        bool passed;
        if (testName.empty()) {
            passed = truthy(subject);
        } else {
            CallArgs testArgs{rest, args.keywords};
            passed = in.test(testName, subject, testArgs);
        }
        if (passed == Select)
            out.push_back(item);
    }
    return Value::list(std::move(out));
}

// map(attribute='x', default=d) or map('filter', args...).
Value mapFilter(Interpreter& in, const Value& v, CallArgs& args)
{
    // As select: jinja2 maps nothing when the input is falsy.
    const auto items = truthy(v) ? itemsOf(in, v, "map") : std::make_shared<const List>();
    for (const auto& [name, value] : args.keywords)
        if (name == "attribute") {
            if (!args.positional.empty())
                fail("filter 'map' takes either attribute= or a filter name, not both");
            Value fallback;
            for (const auto& [otherName, otherValue] : args.keywords) {
                if (otherName == "default")
                    fallback = otherValue;
                else if (otherName != "attribute")
                    fail("filter 'map' got an unexpected keyword argument '", otherName, "'");
            }
            List out;
            for (const Value& item : *items)
                out.push_back(getPath(in, item, pyStr(value), fallback));
            return Value::list(std::move(out));
        }
    if (args.positional.empty() || !args.positional.front().isString())
        fail("filter 'map' needs attribute='name' or the name of a filter, as in map('upper')");
    const std::string filterName = args.positional.front().asString();
    List out;
    for (const Value& item : *items) {
        CallArgs filterArgs{std::vector<Value>(args.positional.begin() + 1, args.positional.end()), args.keywords};
        out.push_back(in.filter(filterName, item, filterArgs));
    }
    return Value::list(std::move(out));
}

// The key jinja2's sort / unique / min / max compare by: the attribute, lower-cased when not case-sensitive.
Value sortKey(Interpreter& in, const Value& item, const Value& attribute, bool caseSensitive)
{
    Value key = attribute.isNone() ? item : getPath(in, item, pyStr(attribute));
    if (!caseSensitive && key.isString())
        key = Value::string(utf8::toLower(key.asString()));
    return key;
}

Value uniqueFilter(Interpreter& in, const Value& v, CallArgs& args)
{
    Signature sig("filter 'unique'", args, {"case_sensitive", "attribute"});
    const bool caseSensitive = truthy(sig.get(0, Value::boolean(false)));
    List out, seen;
    const auto items = itemsOf(in, v, "unique");
    for (const Value& item : *items) {
        const Value key = sortKey(in, item, sig.get(1), caseSensitive);
        if (std::none_of(seen.begin(), seen.end(), [&](const Value& s) { return pyEquals(s, key); })) {
            in.step(seen.size());
            seen.push_back(key);
            out.push_back(item);
        }
    }
    return Value::list(std::move(out));
}

Value reverseFilter(Interpreter& in, const Value& v, CallArgs& args)
{
    Signature sig("filter 'reverse'", args, {});
    if (v.isString()) {
        std::u32string s = utf8::decode(v.asString());
        std::reverse(s.begin(), s.end());
        return Value::string(utf8::encode(s));
    }
    List items = *itemsOf(in, v, "reverse");
    std::reverse(items.begin(), items.end());
    return Value::list(std::move(items));
}

Value sortFilter(Interpreter& in, const Value& v, CallArgs& args)
{
    Signature sig("filter 'sort'", args, {"reverse", "case_sensitive", "attribute"});
    const bool reverse = truthy(sig.get(0, Value::boolean(false)));
    const bool caseSensitive = truthy(sig.get(1, Value::boolean(false)));
    const auto items = itemsOf(in, v, "sort");
    // attribute may list several, comma-separated: sort by the first, then the next...
    std::vector<Value> attributes;
    const Value attribute = sig.get(2);
    if (attribute.isString()) {
        std::size_t start = 0;
        while (true) {
            const std::size_t comma = attribute.asString().find(',', start);
            attributes.push_back(Value::string(attribute.asString().substr(start, comma == std::string::npos ? std::string::npos : comma - start)));
            if (comma == std::string::npos)
                break;
            start = comma + 1;
        }
    } else {
        attributes.push_back(attribute);
    }
    std::vector<std::pair<List, Value>> keyed;
    for (const Value& item : *items) {
        List keys;
        for (const Value& a : attributes)
            keys.push_back(sortKey(in, item, a, caseSensitive));
        keyed.emplace_back(std::move(keys), item);
    }
    in.step(items->size() * 8);
    auto less = [](const List& a, const List& b) { return pyLess(Value::tuple(a), Value::tuple(b)); };
    std::stable_sort(keyed.begin(), keyed.end(), [&](const auto& a, const auto& b) {
        return reverse ? less(b.first, a.first) : less(a.first, b.first);
    });
    List out;
    for (auto& [keys, item] : keyed)
        out.push_back(std::move(item));
    return Value::list(std::move(out));
}

Value dictsortFilter(Interpreter& in, const Value& v, CallArgs& args)
{
    Signature sig("filter 'dictsort'", args, {"case_sensitive", "by", "reverse"});
    if (!v.isDict())
        fail("filter 'dictsort' needs a dict, got ", v.typeName());
    const bool caseSensitive = truthy(sig.get(0, Value::boolean(false)));
    const std::string by = stringArg(sig, sig.get(1, Value::string("key")), "by");
    if (by != "key" && by != "value")
        fail("filter 'dictsort': by must be 'key' or 'value'");
    const bool reverse = truthy(sig.get(2, Value::boolean(false)));
    std::vector<std::pair<Value, Value>> pairs = v.asDict().items;
    in.step(pairs.size() * 8);
    auto key = [&](const std::pair<Value, Value>& p) { return sortKey(in, by == "key" ? p.first : p.second, Value::none(), caseSensitive); };
    std::stable_sort(pairs.begin(), pairs.end(), [&](const auto& a, const auto& b) {
        return reverse ? pyLess(key(b), key(a)) : pyLess(key(a), key(b));
    });
    List out;
    for (auto& [k, value] : pairs)
        out.push_back(Value::tuple({k, value}));
    return Value::list(std::move(out));
}

Value sumFilter(Interpreter& in, const Value& v, CallArgs& args)
{
    Signature sig("filter 'sum'", args, {"attribute", "start"});
    Value total = sig.get(1, Value::integer(0));
    const auto items = itemsOf(in, v, "sum");
    for (const Value& item : *items)
        total = binaryOperation(BinaryOp::Add, total, sig.get(0).isNone() ? item : getPath(in, item, pyStr(sig.get(0))),
                                in.limits().maxOutputBytes, in.limits().maxSteps);
    return total;
}

template <bool Max>
Value extremeFilter(Interpreter& in, const Value& v, CallArgs& args)
{
    Signature sig(Max ? "filter 'max'" : "filter 'min'", args, {"case_sensitive", "attribute"});
    const bool caseSensitive = truthy(sig.get(0, Value::boolean(false)));
    const auto items = itemsOf(in, v, Max ? "max" : "min");
    if (items->empty())
        return Value::undefined("No aggregated item, sequence was empty.");
    std::size_t best = 0;
    Value bestKey = sortKey(in, items->front(), sig.get(1), caseSensitive);
    for (std::size_t i = 1; i < items->size(); ++i) {
        Value key = sortKey(in, (*items)[i], sig.get(1), caseSensitive);
        if (Max ? pyLess(bestKey, key) : pyLess(key, bestKey)) {
            best = i;
            bestKey = std::move(key);
        }
    }
    return (*items)[best];
}

Value batchFilter(Interpreter& in, const Value& v, CallArgs& args)
{
    Signature sig("filter 'batch'", args, {"linecount", "fill_with"});
    const std::int64_t size = intArg(sig, sig.get(0), "linecount");
    if (size <= 0)
        fail("filter 'batch': linecount must be positive");
    List out, current;
    const auto items = itemsOf(in, v, "batch");
    for (const Value& item : *items) {
        current.push_back(item);
        if (static_cast<std::int64_t>(current.size()) == size)
            out.push_back(Value::list(std::exchange(current, {})));
    }
    if (!current.empty()) {
        if (sig.given(1))
            while (static_cast<std::int64_t>(current.size()) < size)
                current.push_back(sig.get(1));
        out.push_back(Value::list(std::move(current)));
    }
    return Value::list(std::move(out));
}

} // namespace

FilterTable sequenceFilters()
{
    return {{"first", firstFilter},
            {"last", lastFilter},
            {"join", joinFilter},
            {"list", listFilter},
            {"items", itemsFilter},
            {"select", selectFilter<true, false>},
            {"reject", selectFilter<false, false>},
            {"selectattr", selectFilter<true, true>},
            {"rejectattr", selectFilter<false, true>},
            {"map", mapFilter},
            {"unique", uniqueFilter},
            {"reverse", reverseFilter},
            {"sort", sortFilter},
            {"dictsort", dictsortFilter},
            {"sum", sumFilter},
            {"min", extremeFilter<false>},
            {"max", extremeFilter<true>},
            {"batch", batchFilter}};
}

} // namespace core::chat
