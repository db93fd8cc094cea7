// The filter registry, and the filters on single values: default, tojson (transformers' version), the number
// conversions and rounding. String filters are in StringFilters.cpp, list filters in SequenceFilters.cpp.
#include "core/chat/Arguments.h"
#include "core/chat/Builtins.h"
#include "core/chat/Interpreter.h"
#include "core/chat/Json.h"
#include "core/chat/PyFormat.h"
#include "core/chat/Utf8.h"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>

namespace core::chat {
namespace {

Value defaultFilter(Interpreter&, const Value& v, CallArgs& args)
{
    Signature sig("filter 'default'", args, {"default_value", "boolean"});
    if (v.isUndefined() || (truthy(sig.get(1, Value::boolean(false))) && !truthy(v)))
        return sig.get(0, Value::string(""));
    return v;
}

// transformers: json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)
Value tojsonFilter(Interpreter& in, const Value& v, CallArgs& args)
{
    Signature sig("filter 'tojson'", args, {"ensure_ascii", "indent", "separators", "sort_keys"});
    JsonDumpOptions options;
    options.maxDepth = in.limits().maxDepth;
    options.ensureAscii = truthy(sig.get(0, Value::boolean(false)));
    const Value indent = sig.get(1);
    if (indent.isIntLike())
        options.indent = std::string(static_cast<std::size_t>(std::max<std::int64_t>(0, std::min<std::int64_t>(indent.asInt(), 1024))), ' ');
    else if (indent.isString())
        options.indent = indent.asString();
    else if (!indent.isNone())
        fail("filter 'tojson': indent must be an integer, a string or none, got ", indent.typeName());
    const Value separators = sig.get(2);
    if (!separators.isNone()) {
        if (!separators.isSequence() || separators.asList().size() != 2 || !separators.asList()[0].isString() ||
            !separators.asList()[1].isString())
            fail("filter 'tojson': separators must be a pair of strings such as (',', ': ')");
        options.itemSeparator = separators.asList()[0].asString();
        options.keySeparator = separators.asList()[1].asString();
    }
    options.sortKeys = truthy(sig.get(3, Value::boolean(false)));
    std::string out = dumpJson(v, options);
    in.step(out.size() / 64);
    in.checkSize(out.size());
    return Value::string(std::move(out));
}

// Python's int(text, base): surrounding whitespace, a sign, "_" between digits, a 0x / 0o / 0b prefix matching base.
bool parsePythonInt(const std::string& text, int base, std::int64_t& out)
{
    std::string s = text;
    std::size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b])))
        ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1])))
        --e;
    s = s.substr(b, e - b);
    bool negative = false;
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
        negative = s[0] == '-';
        s.erase(0, 1);
    }
    if (s.size() > 2 && s[0] == '0') {
        const char p = static_cast<char>(s[1] | 0x20);
        if ((p == 'x' && base == 16) || (p == 'o' && base == 8) || (p == 'b' && base == 2))
            s.erase(0, s[2] == '_' ? 3 : 2);
    }
    std::string digits;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '_' && i > 0 && i + 1 < s.size() && s[i - 1] != '_' && s[i + 1] != '_')
            continue;
        digits += s[i];
    }
    if (digits.empty() || base < 2 || base > 36)
        return false;
    errno = 0;
    char* end = nullptr;
    const long long value = std::strtoll(digits.c_str(), &end, base);
    if (errno == ERANGE || *end != '\0' || digits[0] == '-' || digits[0] == '+' || std::isspace(static_cast<unsigned char>(digits[0])))
        return false;
    out = negative ? -value : value;
    return true;
}

// Python's float(text): whitespace, "_" between digits, inf / nan spelled any way.
bool parsePythonFloat(const std::string& text, double& out)
{
    std::string s;
    for (std::size_t i = 0; i < text.size(); ++i)
        if (!(text[i] == '_' && i > 0 && i + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[i - 1])) &&
              std::isdigit(static_cast<unsigned char>(text[i + 1]))))
            s += text[i];
    const char* begin = s.c_str();
    while (std::isspace(static_cast<unsigned char>(*begin)))
        ++begin;
    if (*begin == '\0' || (begin[0] == '0' && (begin[1] | 0x20) == 'x'))
        return false;
    char* end = nullptr;
    out = std::strtod(begin, &end);
    while (std::isspace(static_cast<unsigned char>(*end)))
        ++end;
    return end != begin && *end == '\0';
}

Value intFilter(Interpreter&, const Value& v, CallArgs& args)
{
    Signature sig("filter 'int'", args, {"default", "base"});
    const Value fallback = sig.get(0, Value::integer(0));
    const int base = static_cast<int>(intArg(sig, sig.get(1, Value::integer(10)), "base"));
    auto fromDouble = [&](double d) {
        if (!std::isfinite(d) || std::fabs(d) >= 9.2e18)
            return fallback;
        return Value::integer(static_cast<std::int64_t>(std::trunc(d)));
    };
    if (v.isUndefined()) // Undefined.__int__ raises, so the default does not apply
        fail(v.undefinedHint());
    if (v.isIntLike())
        return Value::integer(v.asInt());
    if (v.kind() == Value::Kind::Float)
        return fromDouble(v.asDouble());
    if (v.isString()) {
        std::int64_t i = 0;
        if (parsePythonInt(v.asString(), base, i))
            return Value::integer(i);
        double d = 0;
        if (parsePythonFloat(v.asString(), d))
            return fromDouble(d);
    }
    return fallback;
}

Value floatFilter(Interpreter&, const Value& v, CallArgs& args)
{
    Signature sig("filter 'float'", args, {"default"});
    if (v.isUndefined())
        fail(v.undefinedHint());
    if (v.isNumber())
        return Value::number(v.asDouble());
    double d = 0;
    if (v.isString() && parsePythonFloat(v.asString(), d))
        return Value::number(d);
    return sig.get(0, Value::number(0.0));
}

Value absFilter(Interpreter&, const Value& v, CallArgs& args)
{
    Signature sig("filter 'abs'", args, {});
    if (v.isIntLike()) {
        if (v.asInt() == INT64_MIN)
            fail("integer overflow: the result does not fit in 64 bits");
        return Value::integer(std::abs(v.asInt()));
    }
    if (v.isNumber())
        return Value::number(std::fabs(v.asDouble()));
    fail("bad operand type for abs(): '", v.typeName(), "'");
}

// Python's round(x, ndigits): the exact binary value rounded half to even, which glibc's printf also does.
double pythonRound(double x, std::int64_t ndigits)
{
    if (!std::isfinite(x) || ndigits > 308)
        return x;
    if (ndigits < -308) // 10**-ndigits overflows: every finite double rounds to zero
        return std::copysign(0.0, x);
    if (ndigits >= 0) {
        char buf[400];
        std::snprintf(buf, sizeof buf, "%.*f", static_cast<int>(ndigits), x);
        return std::strtod(buf, nullptr);
    }
    const double scale = std::pow(10.0, static_cast<double>(-ndigits));
    return std::nearbyint(x / scale) * scale;
}

Value roundFilter(Interpreter&, const Value& v, CallArgs& args)
{
    Signature sig("filter 'round'", args, {"precision", "method"});
    const std::int64_t precision = intArg(sig, sig.get(0, Value::integer(0)), "precision");
    const std::string method = stringArg(sig, sig.get(1, Value::string("common")), "method");
    if (method != "common" && method != "ceil" && method != "floor")
        fail("filter 'round': method must be common, ceil or floor");
    if (!v.isNumber())
        fail("filter 'round': type ", v.typeName(), " doesn't define __round__ method");
    if (method == "common" && v.isIntLike()) {
        if (precision >= 0 || precision < -18)
            return Value::integer(precision < -18 ? 0 : v.asInt());
        std::int64_t p = 1;
        for (std::int64_t i = 0; i < -precision; ++i)
            p *= 10;
        std::int64_t q = v.asInt() / p, r = v.asInt() % p;
        if (r < 0) {
            r += p;
            --q;
        }
        if (2 * r > p || (2 * r == p && (q % 2 != 0)))
            ++q;
        return Value::integer(q * p);
    }
    if (method == "common")
        return Value::number(pythonRound(v.asDouble(), precision));
    const double scale = std::pow(10.0, static_cast<double>(precision));
    const double scaled = v.asDouble() * scale;
    return Value::number((method == "ceil" ? std::ceil(scaled) : std::floor(scaled)) / scale);
}

Value lengthFilter(Interpreter&, const Value& v, CallArgs& args)
{
    Signature sig("filter 'length'", args, {});
    return Value::integer(pyLength(v));
}

} // namespace

FilterTable valueFilters()
{
    return {{"default", defaultFilter}, {"d", defaultFilter}, {"tojson", tojsonFilter}, {"int", intFilter},
            {"float", floatFilter},     {"abs", absFilter},   {"round", roundFilter},   {"length", lengthFilter},
            {"count", lengthFilter}};
}

FilterFunction findFilter(const std::string& name)
{
    static const std::map<std::string, FilterFunction> table = [] {
        std::map<std::string, FilterFunction> all;
        for (const FilterTable& part : {valueFilters(), stringFilters(), sequenceFilters()})
            for (const auto& [filterName, fn] : part)
                all.emplace(filterName, fn);
        return all;
    }();
    const auto it = table.find(name);
    return it == table.end() ? nullptr : it->second;
}

} // namespace core::chat
