// Filters on text. Each first turns its input into a string the way jinja2's soft_str does (str(x); "" for an
// undefined value), so `{{ 3|upper }}` is "3" as in jinja2.
#include "core/chat/Arguments.h"
#include "core/chat/Builtins.h"
#include "core/chat/Interpreter.h"
#include "core/chat/PyFormat.h"
#include "core/chat/PyString.h"
#include "core/chat/Utf8.h"

namespace core::chat {
namespace {

std::string text(Interpreter& in, const Value& v)
{
    return pyStr(v, in.limits().maxDepth);
}

Value trimFilter(Interpreter& in, const Value& v, CallArgs& args)
{
    Signature sig("filter 'trim'", args, {"chars"});
    const Value chars = sig.get(0);
    std::optional<std::string> set;
    if (!chars.isNone())
        set = stringArg(sig, chars, "chars");
    return Value::string(pystr::strip(text(in, v), set, true, true));
}

template <int Which> // 0 upper, 1 lower, 2 capitalize
Value caseFilter(Interpreter& in, const Value& v, CallArgs& args)
{
    Signature sig(Which == 0 ? "filter 'upper'" : Which == 1 ? "filter 'lower'" : "filter 'capitalize'", args, {});
    const std::string s = text(in, v);
    return Value::string(Which == 0 ? utf8::toUpper(s) : Which == 1 ? utf8::toLower(s) : pystr::capitalize(s));
}

// jinja2's do_title: words begin after "-", whitespace, "(", "{", "[" or "<"; each word is upper-cased at its first
// character and lower-cased after it (unlike str.title, "they're" stays "They're").
Value titleFilter(Interpreter& in, const Value& v, CallArgs& args)
{
    Signature sig("filter 'title'", args, {});
    auto separator = [](char32_t c) { return c == '-' || c == '(' || c == '{' || c == '[' || c == '<' || utf8::isSpace(c); };
    const std::u32string s = utf8::decode(text(in, v));
    std::string out;
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t end = i;
        const bool sep = separator(s[i]);
        while (end < s.size() && separator(s[end]) == sep)
            ++end;
        // Python: item[0].upper() + item[1:].lower()
        out += utf8::toUpper(utf8::encode(std::u32string_view(s).substr(i, 1)));
        out += utf8::toLower(utf8::encode(std::u32string_view(s).substr(i + 1, end - i - 1)));
        i = end;
    }
    return Value::string(std::move(out));
}

Value replaceFilter(Interpreter& in, const Value& v, CallArgs& args)
{
    Signature sig("filter 'replace'", args, {"old", "new", "count"});
    const Value count = sig.get(2);
    std::string out = pystr::replace(text(in, v), text(in, sig.get(0)), text(in, sig.get(1)),
                                     count.isNone() ? -1 : intArg(sig, count, "count"));
    in.checkSize(out.size());
    return Value::string(std::move(out));
}

// jinja2 3.1's do_indent, including its quirk of appending a newline before splitting lines.
Value indentFilter(Interpreter& in, const Value& v, CallArgs& args)
{
    Signature sig("filter 'indent'", args, {"width", "first", "blank"});
    const Value width = sig.get(0, Value::integer(4));
    const std::int64_t spaces = width.isString() ? 0 : std::max<std::int64_t>(0, intArg(sig, width, "width"));
    in.checkSize(static_cast<std::size_t>(spaces));
    const std::string indention = width.isString() ? width.asString() : std::string(static_cast<std::size_t>(spaces), ' ');
    const bool first = truthy(sig.get(1, Value::boolean(false)));
    const bool blank = truthy(sig.get(2, Value::boolean(false)));
    if (!v.isString()) // jinja2 appends "\n" to the input itself, which only a string allows
        fail(v.isUndefined() ? v.undefinedHint() : "unsupported operand type(s) for +=: '" + v.typeName() + "' and 'str'");
    std::vector<std::string> lines = pystr::splitLines(v.asString() + "\n", /*keepEnds=*/false);
    in.step(lines.size());
    std::string out;
    if (blank) {
        for (std::size_t i = 0; i < lines.size(); ++i) {
            out += (i ? "\n" + indention : std::string()) + lines[i];
            in.checkSize(out.size());
        }
    } else {
        out = lines.front();
        for (std::size_t i = 1; i < lines.size(); ++i) {
            out += "\n" + (lines[i].empty() ? std::string() : indention) + lines[i];
            in.checkSize(out.size());
        }
    }
    if (first)
        out = indention + out;
    in.checkSize(out.size());
    return Value::string(std::move(out));
}

// markupsafe.escape. Without autoescape jinja2 only ever escapes when asked to; the Markup type that would stop a
// second escaping is not modelled, so `x|e|e` escapes twice.
Value escapeFilter(Interpreter& in, const Value& v, CallArgs& args)
{
    Signature sig("filter 'escape'", args, {});
    std::string out;
    for (char c : text(in, v)) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&#34;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    in.checkSize(out.size());
    return Value::string(std::move(out));
}

Value stringFilter(Interpreter& in, const Value& v, CallArgs& args)
{
    Signature sig("filter 'string'", args, {});
    return Value::string(text(in, v));
}

Value safeFilter(Interpreter& in, const Value& v, CallArgs& args)
{
    Signature sig("filter 'safe'", args, {});
    return v.isString() ? v : Value::string(text(in, v));
}

Value wordcountFilter(Interpreter& in, const Value& v, CallArgs& args)
{
    Signature sig("filter 'wordcount'", args, {});
    std::int64_t words = 0;
    bool inWord = false;
    for (char32_t c : utf8::decode(text(in, v))) {
        const bool word = utf8::isWordChar(c);
        words += (word && !inWord) ? 1 : 0;
        inWord = word;
    }
    return Value::integer(words);
}

Value centerFilter(Interpreter& in, const Value& v, CallArgs& args)
{
    Signature sig("filter 'center'", args, {"width"});
    const std::string s = text(in, v);
    const std::int64_t width = intArg(sig, sig.get(0, Value::integer(80)), "width");
    const auto length = static_cast<std::int64_t>(utf8::length(s));
    if (width <= length)
        return Value::string(s);
    in.checkSize(s.size() + static_cast<std::size_t>(width - length));
    const std::int64_t pad = width - length;
    const std::int64_t left = pad / 2 + (pad & width & 1); // str.center's placement of the odd space
    return Value::string(std::string(static_cast<std::size_t>(left), ' ') + s + std::string(static_cast<std::size_t>(pad - left), ' '));
}

} // namespace

FilterTable stringFilters()
{
    return {{"trim", trimFilter},          {"upper", caseFilter<0>},    {"lower", caseFilter<1>},
            {"capitalize", caseFilter<2>}, {"title", titleFilter},      {"replace", replaceFilter},
            {"indent", indentFilter},      {"escape", escapeFilter},    {"e", escapeFilter},
            {"forceescape", escapeFilter}, {"string", stringFilter},    {"safe", safeFilter},
            {"wordcount", wordcountFilter}, {"center", centerFilter}};
}

} // namespace core::chat
