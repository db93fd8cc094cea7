// jinja2's tests (`x is defined`, `x is string`, ...), with jinja2's definitions: `iterable` and `sequence` hold for
// an undefined value (Undefined is iterable and has __len__ / __getitem__), `integer` excludes booleans while
// `number` includes them.
#include "core/chat/Arguments.h"
#include "core/chat/Builtins.h"
#include "core/chat/Interpreter.h"
#include "core/chat/Operators.h"
#include "core/chat/PyFormat.h"
#include "core/chat/PyString.h"

#include <map>

namespace core::chat {
namespace {

void noArguments(const char* name, CallArgs& args)
{
    Signature sig(std::string("test '") + name + "'", args, {});
}

Value oneArgument(const char* name, CallArgs& args)
{
    Signature sig(std::string("test '") + name + "'", args, {"other"});
    if (!sig.given(0))
        fail("test '", name, "' needs a value to compare with, as in `x is ", name, " 3`");
    return sig.get(0);
}

#define LORAWB_SIMPLE_TEST(fnName, testName, expr)                                                                      \
    bool fnName(Interpreter&, const Value& v, CallArgs& args)                                                         \
    {                                                                                                                 \
        noArguments(testName, args);                                                                                  \
        return (expr);                                                                                                \
    }

LORAWB_SIMPLE_TEST(isDefined, "defined", !v.isUndefined())
LORAWB_SIMPLE_TEST(isUndefined, "undefined", v.isUndefined())
LORAWB_SIMPLE_TEST(isNone, "none", v.isNone())
LORAWB_SIMPLE_TEST(isString, "string", v.isString())
LORAWB_SIMPLE_TEST(isNumber, "number", v.isNumber())
LORAWB_SIMPLE_TEST(isInteger, "integer", v.kind() == Value::Kind::Int)
LORAWB_SIMPLE_TEST(isFloat, "float", v.kind() == Value::Kind::Float)
LORAWB_SIMPLE_TEST(isMapping, "mapping", v.isDict())
LORAWB_SIMPLE_TEST(isIterable, "iterable",
                   v.isString() || v.isSequence() || v.isDict() || v.isUndefined() || v.kind() == Value::Kind::Loop)
LORAWB_SIMPLE_TEST(isSequence, "sequence", v.isString() || v.isSequence() || v.isDict() || v.isUndefined())
LORAWB_SIMPLE_TEST(isBoolean, "boolean", v.isBool())
LORAWB_SIMPLE_TEST(isTrue, "true", v.isBool() && v.asBool())
LORAWB_SIMPLE_TEST(isFalse, "false", v.isBool() && !v.asBool())
LORAWB_SIMPLE_TEST(isCallable, "callable", v.kind() == Value::Kind::Callable)
LORAWB_SIMPLE_TEST(isEscaped, "escaped", false)
LORAWB_SIMPLE_TEST(isLower, "lower", pystr::is(pyStr(v), pystr::CharClass::Lower)) // jinja2: str(value).islower()
LORAWB_SIMPLE_TEST(isUpper, "upper", pystr::is(pyStr(v), pystr::CharClass::Upper))

#undef LORAWB_SIMPLE_TEST

// value % n == expected, with Python's operator (so 2.5 is neither even nor odd, and an undefined value fails as
// in jinja2).
bool remainderIs(const Value& v, const Value& n, double expected)
{
    const Value r = binaryOperation(BinaryOp::Mod, v, n, 0, 0);
    return r.isNumber() && r.asDouble() == expected;
}

bool isEven(Interpreter&, const Value& v, CallArgs& args)
{
    noArguments("even", args);
    return remainderIs(v, Value::integer(2), 0.0);
}

bool isOdd(Interpreter&, const Value& v, CallArgs& args)
{
    noArguments("odd", args);
    return remainderIs(v, Value::integer(2), 1.0);
}

bool isDivisibleBy(Interpreter&, const Value& v, CallArgs& args)
{
    return remainderIs(v, oneArgument("divisibleby", args), 0.0);
}

template <CompareOp Op>
bool compareTest(Interpreter&, const Value& v, CallArgs& args)
{
    return comparison(Op, v, oneArgument("comparison", args));
}

bool isIn(Interpreter&, const Value& v, CallArgs& args)
{
    return contains(oneArgument("in", args), v);
}

bool isSameAs(Interpreter&, const Value& v, CallArgs& args)
{
    const Value other = oneArgument("sameas", args);
    if (v.kind() != other.kind())
        return false;
    switch (v.kind()) { // None, True and False are singletons; small ints and strings are Python implementation details
    case Value::Kind::None:
    case Value::Kind::Undefined: return true;
    case Value::Kind::Bool:
    case Value::Kind::Int: return v.asInt() == other.asInt();
    case Value::Kind::Float: return false;
    default: return v.identity() == other.identity();
    }
}

const std::map<std::string, TestFunction>& tests()
{
    static const std::map<std::string, TestFunction> table = {
        {"defined", isDefined}, {"undefined", isUndefined}, {"none", isNone}, {"string", isString},
        {"number", isNumber}, {"integer", isInteger}, {"float", isFloat}, {"mapping", isMapping},
        {"iterable", isIterable}, {"sequence", isSequence}, {"boolean", isBoolean}, {"true", isTrue},
        {"false", isFalse}, {"callable", isCallable}, {"escaped", isEscaped}, {"lower", isLower}, {"upper", isUpper},
        {"even", isEven}, {"odd", isOdd}, {"divisibleby", isDivisibleBy},
        {"equalto", compareTest<CompareOp::Eq>}, {"eq", compareTest<CompareOp::Eq>}, {"==", compareTest<CompareOp::Eq>},
        {"ne", compareTest<CompareOp::Ne>}, {"!=", compareTest<CompareOp::Ne>},
        {"lt", compareTest<CompareOp::Lt>}, {"lessthan", compareTest<CompareOp::Lt>}, {"<", compareTest<CompareOp::Lt>},
        {"le", compareTest<CompareOp::Le>}, {"<=", compareTest<CompareOp::Le>},
        {"gt", compareTest<CompareOp::Gt>}, {"greaterthan", compareTest<CompareOp::Gt>}, {">", compareTest<CompareOp::Gt>},
        {"ge", compareTest<CompareOp::Ge>}, {">=", compareTest<CompareOp::Ge>},
        {"in", isIn}, {"sameas", isSameAs},
    };
    return table;
}

} // namespace

TestFunction findTest(const std::string& name)
{
    const auto it = tests().find(name);
    return it == tests().end() ? nullptr : it->second;
}

} // namespace core::chat
