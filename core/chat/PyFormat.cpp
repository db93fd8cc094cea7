#include "core/chat/PyFormat.h"

#include "core/chat/TemplateError.h"
#include "core/chat/Utf8.h"
#include "core/chat/Work.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace core::chat {
namespace {

// Python's str.isprintable() outside ASCII: separators, format and private-use characters are escaped by repr().
bool isPrintable(char32_t c)
{
    if (c < 0x20 || c == 0x7F)
        return false;
    if (c < 0x7F)
        return true;
    if (c <= 0xA0 || c == 0xAD || c == 0x61C || c == 0x1680 || c == 0x180E || c == 0xFEFF)
        return false;
    if ((c >= 0x2000 && c <= 0x200F) || (c >= 0x2028 && c <= 0x202F) || (c >= 0x205F && c <= 0x206F) || c == 0x3000)
        return false;
    if ((c >= 0xD800 && c <= 0xDFFF) || (c >= 0xE000 && c <= 0xF8FF) || (c >= 0xFFF9 && c <= 0xFFFB))
        return false;
    return !(c >= 0xF0000);
}

void appendHexEscape(std::string& out, char32_t c)
{
    char buf[16];
    if (c < 0x100)
        std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(c));
    else if (c < 0x10000)
        std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
    else
        std::snprintf(buf, sizeof buf, "\\U%08x", static_cast<unsigned>(c));
    out += buf;
}

std::string formatValue(const Value& v, bool repr, int depthLeft)
{
    if (depthLeft < 0)
        fail("a value is nested too deeply to print (a namespace that holds itself?)");
    chargeWork(1);
    switch (v.kind()) {
    case Value::Kind::Undefined: return repr ? "Undefined" : "";
    case Value::Kind::None: return "None";
    case Value::Kind::Bool: return v.asBool() ? "True" : "False";
    case Value::Kind::Int: return std::to_string(v.asInt());
    case Value::Kind::Float: return pyFloatRepr(v.asDouble());
    case Value::Kind::String: return repr ? pyStringRepr(v.asString()) : v.asString();
    case Value::Kind::List:
    case Value::Kind::Tuple: {
        const bool tuple = v.kind() == Value::Kind::Tuple;
        std::string out = tuple ? "(" : "[";
        const List& items = v.asList();
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i)
                out += ", ";
            const std::string item = formatValue(items[i], true, depthLeft - 1);
            chargeWork(item.size() / kBytesPerStep); // copied once per level: shared sub-lists must not be free
            out += item;
        }
        if (tuple && items.size() == 1)
            out += ",";
        return out + (tuple ? ")" : "]");
    }
    case Value::Kind::Dict:
    case Value::Kind::Namespace: {
        std::string out = v.isNamespace() ? "<Namespace {" : "{";
        bool first = true;
        for (const auto& [key, value] : v.asDict().items) {
            if (!first)
                out += ", ";
            first = false;
            const std::string item = formatValue(key, true, depthLeft - 1) + ": " + formatValue(value, true, depthLeft - 1);
            chargeWork(item.size() / kBytesPerStep);
            out += item;
        }
        return out + (v.isNamespace() ? "}>" : "}");
    }
    case Value::Kind::Callable: return "<function " + v.asCallable().name + ">";
    case Value::Kind::Loop: {
        const LoopInfo& loop = v.asLoop();
        return "<LoopContext " + std::to_string(loop.index0 + 1) + "/" + std::to_string(loop.items->size()) + ">";
    }
    }
    return {};
}

} // namespace

std::string pyStr(const Value& v, int maxDepth) { return formatValue(v, false, maxDepth); }
std::string pyRepr(const Value& v, int maxDepth) { return formatValue(v, true, maxDepth); }

std::string pyFloatRepr(double x)
{
    if (std::isnan(x))
        return "nan";
    if (std::isinf(x))
        return x > 0 ? "inf" : "-inf";
    // The shortest decimal that reads back as x, then Python's layout of it (format_float_short, mode 'r').
    char buf[40];
    for (int precision = 1; precision <= 17; ++precision) {
        std::snprintf(buf, sizeof buf, "%.*e", precision - 1, x);
        if (std::strtod(buf, nullptr) == x)
            break;
    }
    std::string text = buf;
    std::string sign;
    if (text[0] == '-') {
        sign = "-";
        text.erase(0, 1);
    }
    const std::size_t e = text.find('e');
    const int exponent = std::atoi(text.c_str() + e + 1);
    std::string digits;
    for (std::size_t i = 0; i < e; ++i)
        if (text[i] != '.')
            digits += text[i];
    while (digits.size() > 1 && digits.back() == '0')
        digits.pop_back();
    const int decpt = exponent + 1; // x = 0.DIGITS × 10^decpt
    const int n = static_cast<int>(digits.size());
    if (decpt > -4 && decpt <= 16) {
        if (decpt <= 0)
            return sign + "0." + std::string(static_cast<std::size_t>(-decpt), '0') + digits;
        if (decpt >= n)
            return sign + digits + std::string(static_cast<std::size_t>(decpt - n), '0') + ".0";
        return sign + digits.substr(0, decpt) + "." + digits.substr(decpt);
    }
    std::string mantissa = digits.substr(0, 1);
    if (n > 1)
        mantissa += "." + digits.substr(1);
    char exp[16];
    std::snprintf(exp, sizeof exp, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
    return sign + mantissa + exp;
}

std::string pyStringRepr(const std::string& s)
{
    const bool hasSingle = s.find('\'') != std::string::npos;
    const bool hasDouble = s.find('"') != std::string::npos;
    const char quote = (hasSingle && !hasDouble) ? '"' : '\'';
    std::string out(1, quote);
    for (char32_t c : utf8::decode(s)) {
        if (c == static_cast<char32_t>(quote) || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else if (!isPrintable(c)) {
            appendHexEscape(out, c);
        } else {
            utf8::append(out, c);
        }
    }
    out += quote;
    return out;
}

// %d %i %x %X %o as Python formats them: the sign before any 0x / 0o prefix and zero padding (C's %x would print a
// negative number's two's complement), a float truncated toward zero only for %d / %i (Python refuses %x of a float),
// and floats beyond long long printed exactly (glibc's %.0f prints a double's exact decimal value, as int(d) does).
std::string formatInteger(const Value& v, char conversion, const std::string& flags, int width, int precision)
{
    const std::string name = std::string("%") + conversion;
    if (!v.isNumber())
        fail(name, " format: a real number is required, not ", v.typeName());
    bool negative = false;
    std::string digits;
    if (v.isIntLike()) {
        const std::int64_t n = v.asInt();
        negative = n < 0;
        const unsigned long long magnitude = negative ? 0ULL - static_cast<unsigned long long>(n)
                                                      : static_cast<unsigned long long>(n);
        char buf[32];
        std::snprintf(buf, sizeof buf, conversion == 'x' ? "%llx" : conversion == 'X' ? "%llX"
                                                          : conversion == 'o' ? "%llo" : "%llu", magnitude);
        digits = buf;
    } else {
        const double d = v.asDouble();
        if (conversion != 'd' && conversion != 'i')
            fail(name, " format: an integer is required, not float");
        if (!std::isfinite(d))
            fail(name, " format: cannot convert float ", std::isnan(d) ? "NaN" : "infinity", " to integer");
        negative = d <= -1.0;
        char buf[400]; // the largest double has 309 digits
        std::snprintf(buf, sizeof buf, "%.0f", std::fabs(std::trunc(d)));
        digits = buf;
    }
    if (precision > 0 && digits.size() < static_cast<std::size_t>(precision))
        digits.insert(0, static_cast<std::size_t>(precision) - digits.size(), '0');
    const auto has = [&](char flag) { return flags.find(flag) != std::string::npos; };
    std::string prefix = negative ? "-" : has('+') ? "+" : has(' ') ? " " : "";
    if (has('#'))
        prefix += conversion == 'x' ? "0x" : conversion == 'X' ? "0X" : conversion == 'o' ? "0o" : "";
    const std::size_t length = prefix.size() + digits.size();
    const std::size_t pad = static_cast<std::size_t>(width) > length ? static_cast<std::size_t>(width) - length : 0;
    if (has('-'))
        return prefix + digits + std::string(pad, ' ');
    if (has('0'))
        return prefix + std::string(pad, '0') + digits;
    return std::string(pad, ' ') + prefix + digits;
}

std::string pyPercentFormat(const std::string& format, const Value& args, int maxDepth)
{
    const List values = args.kind() == Value::Kind::Tuple ? args.asList() : List{args};
    std::size_t next = 0;
    std::string out;
    for (std::size_t i = 0; i < format.size(); ++i) {
        if (format[i] != '%') {
            out += format[i];
            continue;
        }
        // %[flags][width][.precision]conversion
        std::size_t j = i + 1;
        const std::size_t flagsBegin = j;
        while (j < format.size() && std::string("-+ 0#").find(format[j]) != std::string::npos)
            ++j;
        const std::string flags = format.substr(flagsBegin, j - flagsBegin);
        int width = 0;
        while (j < format.size() && std::isdigit(static_cast<unsigned char>(format[j])) && width < 10000)
            width = width * 10 + (format[j++] - '0');
        int precision = -1;
        if (j < format.size() && format[j] == '.') {
            precision = 0;
            ++j;
            while (j < format.size() && std::isdigit(static_cast<unsigned char>(format[j])) && precision < 1000)
                precision = precision * 10 + (format[j++] - '0');
        }
        if (j >= format.size())
            fail("incomplete format: '", format.substr(i), "'");
        const char conversion = format[j];
        i = j;
        if (conversion == '%') {
            out += '%';
            continue;
        }
        if (conversion == '(')
            fail("format strings with %(name)s keys are not supported by LoRA Workbench's chat templates");
        if (next >= values.size())
            fail("not enough arguments for format string");
        const Value& v = values[next++];
        std::string piece;
        if (conversion == 's' || conversion == 'r') {
            piece = conversion == 's' ? pyStr(v, maxDepth) : pyRepr(v, maxDepth);
            if (precision >= 0) {
                const std::u32string chars = utf8::decode(piece);
                piece = utf8::encode(std::u32string_view(chars).substr(0, static_cast<std::size_t>(precision)));
            }
            const std::size_t length = utf8::length(piece);
            if (static_cast<std::size_t>(width) > length) {
                const std::string pad(static_cast<std::size_t>(width) - length, ' ');
                piece = flags.find('-') != std::string::npos ? piece + pad : pad + piece;
            }
        } else {
            const std::string spec = "%" + flags + (width ? std::to_string(width) : "") +
                (precision >= 0 ? "." + std::to_string(precision) : "");
            char buf[2048] = "";
            if (std::string("dixXo").find(conversion) != std::string::npos) {
                piece = formatInteger(v, conversion, flags, width, precision);
            } else if (std::string("fFeEgG").find(conversion) != std::string::npos) {
                if (!v.isNumber())
                    fail("must be real number, not ", v.typeName());
                std::snprintf(buf, sizeof buf, (spec + conversion).c_str(), v.asDouble());
            } else {
                fail("unsupported format character '", std::string(1, conversion), "'");
            }
            if (piece.empty())
                piece = buf;
        }
        out += piece;
    }
    // Python treats a non-tuple argument with __getitem__ (a list, a dict) as a mapping and then never complains
    // about arguments left over.
    const bool mappingLike = args.kind() == Value::Kind::List || args.isDict();
    if (next < values.size() && !mappingLike)
        fail("not all arguments converted during string formatting");
    return out;
}

} // namespace core::chat
