#include "core/chat/Operators.h"

#include "core/chat/PyFormat.h"
#include "core/chat/TemplateError.h"
#include "core/chat/Work.h"

#include <cmath>

namespace core::chat {
namespace {

const char* symbol(BinaryOp op)
{
    switch (op) {
    case BinaryOp::Add: return "+";
    case BinaryOp::Sub: return "-";
    case BinaryOp::Mul: return "*";
    case BinaryOp::Div: return "/";
    case BinaryOp::FloorDiv: return "//";
    case BinaryOp::Mod: return "%";
    case BinaryOp::Pow: return "**";
    }
    return "?";
}

[[noreturn]] void unsupported(BinaryOp op, const Value& a, const Value& b)
{
    fail("unsupported operand type(s) for ", symbol(op), ": '", a.typeName(), "' and '", b.typeName(), "'");
}

[[noreturn]] void overflow()
{
    fail("integer overflow: the result does not fit in 64 bits");
}

std::int64_t add(std::int64_t a, std::int64_t b)
{
    std::int64_t r = 0;
    if (__builtin_add_overflow(a, b, &r))
        overflow();
    return r;
}

std::int64_t subtract(std::int64_t a, std::int64_t b)
{
    std::int64_t r = 0;
    if (__builtin_sub_overflow(a, b, &r))
        overflow();
    return r;
}

std::int64_t multiply(std::int64_t a, std::int64_t b)
{
    std::int64_t r = 0;
    if (__builtin_mul_overflow(a, b, &r))
        overflow();
    return r;
}

Value integerPower(std::int64_t base, std::int64_t exponent)
{
    std::int64_t result = 1;
    while (exponent > 0) {
        if (exponent & 1)
            result = multiply(result, base);
        exponent >>= 1;
        if (exponent > 0)
            base = multiply(base, base);
    }
    return Value::integer(result);
}

// Python's float // and %: the quotient is floored, the remainder takes the divisor's sign.
void floatDivMod(double a, double b, double& div, double& mod)
{
    mod = std::fmod(a, b);
    div = (a - mod) / b;
    if (mod != 0.0) {
        if ((b < 0) != (mod < 0)) {
            mod += b;
            div -= 1.0;
        }
    } else {
        mod = std::copysign(0.0, b);
    }
    if (div != 0.0) {
        const double floored = std::floor(div);
        div = (div - floored > 0.5) ? floored + 1.0 : floored;
    } else {
        div = std::copysign(0.0, a / b);
    }
}

Value repeat(const Value& seq, std::int64_t times, std::size_t maxBytes, std::size_t maxItems)
{
    const std::size_t n = times > 0 ? static_cast<std::size_t>(times) : 0;
    if (seq.isString()) {
        const std::string& s = seq.asString();
        if (n > 0 && s.size() > maxBytes / n)
            fail("a string of ", s.size(), " bytes repeated ", n, " times is longer than the output limit (", maxBytes, " bytes)");
        std::string out;
        out.reserve(s.size() * n);
        for (std::size_t i = 0; i < n; ++i)
            out += s;
        return Value::string(std::move(out));
    }
    const List& items = seq.asList();
    if (n > 0 && items.size() > maxItems / n)
        fail("a list of ", items.size(), " items repeated ", n, " times is too long (the limit is ", maxItems, " items)");
    List out;
    out.reserve(items.size() * n);
    for (std::size_t i = 0; i < n; ++i)
        out.insert(out.end(), items.begin(), items.end());
    return seq.kind() == Value::Kind::Tuple ? Value::tuple(std::move(out)) : Value::list(std::move(out));
}

} // namespace

Value binaryOperation(BinaryOp op, const Value& a, const Value& b, std::size_t maxBytes, std::size_t maxItems)
{
    if (a.isUndefined())
        fail(a.undefinedHint().empty() ? "an undefined value was used in arithmetic" : a.undefinedHint());
    if (b.isUndefined())
        fail(b.undefinedHint().empty() ? "an undefined value was used in arithmetic" : b.undefinedHint());
    const bool ints = a.isIntLike() && b.isIntLike();
    const bool numbers = a.isNumber() && b.isNumber();
    switch (op) {
    case BinaryOp::Add:
        if (ints)
            return Value::integer(add(a.asInt(), b.asInt()));
        if (numbers)
            return Value::number(a.asDouble() + b.asDouble());
        if (a.isString() && b.isString()) {
            if (a.asString().size() + b.asString().size() > maxBytes)
                fail("joining two strings makes one longer than the output limit (", maxBytes, " bytes)");
            return Value::string(a.asString() + b.asString());
        }
        if (a.isSequence() && a.kind() == b.kind()) {
            List out = a.asList();
            if (out.size() + b.asList().size() > maxItems)
                fail("joining two lists makes one longer than the limit (", maxItems, " items)");
            out.insert(out.end(), b.asList().begin(), b.asList().end());
            return a.kind() == Value::Kind::Tuple ? Value::tuple(std::move(out)) : Value::list(std::move(out));
        }
        if (a.isString() || a.isSequence())
            fail("can only concatenate ", a.typeName(), " (not \"", b.typeName(), "\") to ", a.typeName());
        unsupported(op, a, b);
    case BinaryOp::Sub:
        if (ints)
            return Value::integer(subtract(a.asInt(), b.asInt()));
        if (numbers)
            return Value::number(a.asDouble() - b.asDouble());
        unsupported(op, a, b);
    case BinaryOp::Mul:
        if (ints)
            return Value::integer(multiply(a.asInt(), b.asInt()));
        if (numbers)
            return Value::number(a.asDouble() * b.asDouble());
        if ((a.isString() || a.isSequence()) && b.isIntLike())
            return repeat(a, b.asInt(), maxBytes, maxItems);
        if (a.isIntLike() && (b.isString() || b.isSequence()))
            return repeat(b, a.asInt(), maxBytes, maxItems);
        unsupported(op, a, b);
    case BinaryOp::Div:
        if (!numbers)
            unsupported(op, a, b);
        if (b.asDouble() == 0.0)
            fail("division by zero");
        return Value::number(a.asDouble() / b.asDouble());
    case BinaryOp::FloorDiv:
    case BinaryOp::Mod: {
        if (a.isString() && op == BinaryOp::Mod) {
            std::string out = pyPercentFormat(a.asString(), b);
            if (out.size() > maxBytes)
                fail("formatting makes a string longer than the output limit (", maxBytes, " bytes)");
            return Value::string(std::move(out));
        }
        if (!numbers)
            unsupported(op, a, b);
        if (ints) {
            const std::int64_t x = a.asInt(), y = b.asInt();
            if (y == 0)
                fail("integer division or modulo by zero");
            if (x == INT64_MIN && y == -1)
                overflow();
            std::int64_t q = x / y, m = x % y;
            if (m != 0 && ((m < 0) != (y < 0))) {
                m += y;
                q -= 1;
            }
            return Value::integer(op == BinaryOp::FloorDiv ? q : m);
        }
        if (b.asDouble() == 0.0)
            fail(op == BinaryOp::FloorDiv ? "float floor division by zero" : "float modulo");
        double div = 0, mod = 0;
        floatDivMod(a.asDouble(), b.asDouble(), div, mod);
        return Value::number(op == BinaryOp::FloorDiv ? div : mod);
    }
    case BinaryOp::Pow:
        if (!numbers)
            unsupported(op, a, b);
        if (ints && b.asInt() >= 0)
            return integerPower(a.asInt(), b.asInt());
        if (a.asDouble() == 0.0 && b.asDouble() < 0)
            fail("0.0 cannot be raised to a negative power");
        if (a.asDouble() < 0 && std::floor(b.asDouble()) != b.asDouble())
            fail("a negative number raised to a fractional power is a complex number, which templates cannot use");
        return Value::number(std::pow(a.asDouble(), b.asDouble()));
    }
    unsupported(op, a, b);
}

Value unaryOperation(UnaryOp op, const Value& v)
{
    if (op == UnaryOp::Not)
        return Value::boolean(!truthy(v));
    if (v.isUndefined())
        fail(v.undefinedHint());
    const char* sign = op == UnaryOp::Neg ? "-" : "+";
    if (v.isIntLike()) {
        if (op == UnaryOp::Pos)
            return Value::integer(v.asInt());
        if (v.asInt() == INT64_MIN)
            overflow();
        return Value::integer(-v.asInt());
    }
    if (v.isNumber())
        return Value::number(op == UnaryOp::Neg ? -v.asDouble() : v.asDouble());
    fail("bad operand type for unary ", sign, ": '", v.typeName(), "'");
}

bool contains(const Value& container, const Value& item)
{
    switch (container.kind()) {
    case Value::Kind::String:
        if (!item.isString())
            fail("'in <string>' requires string as left operand, not ", item.typeName());
        chargeWork(container.asString().size() / kBytesPerStep);
        return container.asString().find(item.asString()) != std::string::npos;
    case Value::Kind::List:
    case Value::Kind::Tuple:
        for (const Value& v : container.asList())
            if (pyEquals(v, item))
                return true;
        return false;
    case Value::Kind::Dict:
        if (item.kind() == Value::Kind::List || item.isDict())
            fail("unhashable type: '", item.typeName(), "'");
        return container.asDict().find(item) != nullptr;
    case Value::Kind::Undefined: return false; // iterating an undefined value yields nothing
    default: fail("argument of type '", container.typeName(), "' is not iterable");
    }
}

bool comparison(CompareOp op, const Value& a, const Value& b)
{
    switch (op) {
    case CompareOp::Eq: return pyEquals(a, b);
    case CompareOp::Ne: return !pyEquals(a, b);
    case CompareOp::Lt: return pyLess(a, b);
    case CompareOp::Gt: return pyLess(b, a);
    case CompareOp::Le: return pyLess(a, b) || pyEquals(a, b);
    case CompareOp::Ge: return pyLess(b, a) || pyEquals(a, b);
    case CompareOp::In: return contains(b, a);
    case CompareOp::NotIn: return !contains(b, a);
    }
    return false;
}

} // namespace core::chat
