// Expressions. Every evaluation is a step, so no expression, however clever, can run past RenderLimits::maxSteps.
#include "core/chat/Builtins.h"
#include "core/chat/Interpreter.h"
#include "core/chat/Operators.h"
#include "core/chat/PyFormat.h"
#include "core/chat/TemplateError.h"

namespace core::chat {

Value Interpreter::lookup(const std::string& name, const Frame& frame) const
{
    for (const Frame* f = &frame; f; f = f->parent.get())
        if (const Value* v = f->find(name))
            return *v;
    if (const Value* global = findGlobal(name))
        return *global;
    return Value::undefined("'" + name + "' is undefined");
}

Value Interpreter::eval(const Expr& expr, const FramePtr& frame)
{
    step();
    m_line = expr.line;
    switch (expr.kind) {
    case Expr::Kind::Literal: return static_cast<const LiteralExpr&>(expr).value;
    case Expr::Kind::Name: return lookup(static_cast<const NameExpr&>(expr).name, *frame);
    case Expr::Kind::List:
    case Expr::Kind::Tuple: return evalSequence(static_cast<const SequenceExpr&>(expr), frame);
    case Expr::Kind::Dict: {
        Dict dict;
        for (const auto& [keyExpr, valueExpr] : static_cast<const DictExpr&>(expr).items) {
            Value key = eval(*keyExpr, frame);
            if (key.kind() == Value::Kind::List || key.isDict() || key.isUndefined())
                fail("unhashable type: '", key.typeName(), "' cannot be a dict key");
            dict.set(key, eval(*valueExpr, frame));
        }
        return Value::dict(std::move(dict));
    }
    case Expr::Kind::GetAttr: {
        const auto& e = static_cast<const GetAttrExpr&>(expr);
        return attribute(*this, eval(*e.object, frame), e.attribute);
    }
    case Expr::Kind::GetItem: {
        const auto& e = static_cast<const GetItemExpr&>(expr);
        const Value object = eval(*e.object, frame);
        if (e.key->kind != Expr::Kind::Slice)
            return item(*this, object, eval(*e.key, frame));
        const auto& s = static_cast<const SliceExpr&>(*e.key);
        const Value start = s.start ? eval(*s.start, frame) : Value::none();
        const Value stop = s.stop ? eval(*s.stop, frame) : Value::none();
        const Value stepBy = s.step ? eval(*s.step, frame) : Value::none();
        m_line = expr.line;
        return slice(object, start, stop, stepBy);
    }
    case Expr::Kind::Slice: fail("a slice (a:b) can only appear inside [ ]");
    case Expr::Kind::Unary: {
        const auto& e = static_cast<const UnaryExpr&>(expr);
        return unaryOperation(e.op, eval(*e.operand, frame));
    }
    case Expr::Kind::Binary: {
        const auto& e = static_cast<const BinaryExpr&>(expr);
        const Value left = eval(*e.left, frame);
        const Value right = eval(*e.right, frame);
        m_line = expr.line;
        return binaryOperation(e.op, left, right, m_limits.maxOutputBytes, m_limits.maxSteps);
    }
    case Expr::Kind::And:
    case Expr::Kind::Or: { // Python returns the deciding operand itself, not a bool
        const auto& e = static_cast<const BinaryExpr&>(expr);
        Value left = eval(*e.left, frame);
        if (truthy(left) == (expr.kind == Expr::Kind::Or))
            return left;
        return eval(*e.right, frame);
    }
    case Expr::Kind::Concat: {
        std::string text;
        for (const ExprPtr& part : static_cast<const ConcatExpr&>(expr).parts) {
            text += pyStr(eval(*part, frame), m_limits.maxDepth);
            checkSize(text.size());
        }
        return Value::string(std::move(text));
    }
    case Expr::Kind::Compare: return evalCompare(static_cast<const CompareExpr&>(expr), frame);
    case Expr::Kind::Conditional: {
        const auto& e = static_cast<const ConditionalExpr&>(expr);
        if (truthy(eval(*e.test, frame)))
            return eval(*e.then, frame);
        if (e.otherwise)
            return eval(*e.otherwise, frame);
        return Value::undefined("the inline if-expression on line " + std::to_string(expr.line) +
                                " evaluated to false and no else section was defined.");
    }
    case Expr::Kind::Call: {
        const auto& e = static_cast<const CallExpr&>(expr);
        const Value callee = eval(*e.callee, frame);
        CallArgs args = evalArgs(e.args, frame);
        m_line = expr.line;
        return call(callee, args);
    }
    case Expr::Kind::Filter: {
        const auto& e = static_cast<const FilterExpr&>(expr);
        if (!e.input)
            fail("a filter without input outside {% filter %} / {% set %}");
        return evalFilter(e, eval(*e.input, frame), frame);
    }
    case Expr::Kind::Test: return Value::boolean(evalTest(static_cast<const TestExpr&>(expr), frame));
    }
    fail("unknown expression");
}

Value Interpreter::evalSequence(const SequenceExpr& seq, const FramePtr& frame)
{
    List items;
    items.reserve(seq.items.size());
    for (const ExprPtr& item : seq.items)
        items.push_back(eval(*item, frame));
    return seq.kind == Expr::Kind::Tuple ? Value::tuple(std::move(items)) : Value::list(std::move(items));
}

Value Interpreter::evalCompare(const CompareExpr& compare, const FramePtr& frame)
{
    Value left = eval(*compare.first, frame);
    for (const auto& [op, rightExpr] : compare.rest) {
        Value right = eval(*rightExpr, frame);
        m_line = compare.line;
        if (!comparison(op, left, right))
            return Value::boolean(false);
        left = std::move(right);
    }
    return Value::boolean(true);
}

CallArgs Interpreter::evalArgs(const Arguments& args, const FramePtr& frame)
{
    CallArgs out;
    for (const ExprPtr& e : args.positional)
        out.positional.push_back(eval(*e, frame));
    if (args.starArgs) {
        const auto items = iterationItems(eval(*args.starArgs, frame)); // named: the range must outlive the loop
        for (const Value& v : *items)
            out.positional.push_back(v);
    }
    for (const auto& [name, e] : args.keywords)
        out.keywords.emplace_back(name, eval(*e, frame));
    if (args.starKwargs) {
        const Value kw = eval(*args.starKwargs, frame);
        if (!kw.isDict())
            fail("argument after ** must be a mapping, not ", kw.typeName());
        for (const auto& [key, value] : kw.asDict().items) {
            if (!key.isString())
                fail("keywords must be strings");
            out.keywords.emplace_back(key.asString(), value);
        }
    }
    return out;
}

Value Interpreter::call(const Value& callee, CallArgs& args)
{
    if (callee.kind() == Value::Kind::Callable)
        return callee.asCallable().call(*this, args);
    if (callee.isUndefined())
        fail(callee.undefinedHint().empty() ? "an undefined value was called" : callee.undefinedHint());
    fail("'", callee.typeName(), "' object is not callable");
}

Value Interpreter::filter(const std::string& name, const Value& input, CallArgs& args)
{
    const FilterFunction fn = findFilter(name);
    if (!fn)
        fail("no filter named '", name, "'. Check its spelling (LoRA Workbench implements the filters chat templates use)");
    return fn(*this, input, args);
}

bool Interpreter::test(const std::string& name, const Value& input, CallArgs& args)
{
    const TestFunction fn = findTest(name);
    if (!fn)
        fail("no test named '", name, "'. Check its spelling (LoRA Workbench implements the tests chat templates use)");
    return fn(*this, input, args);
}

Value Interpreter::applyFilters(const Expr& filter, const Value& blockInput, const FramePtr& frame)
{
    const auto& f = static_cast<const FilterExpr&>(filter);
    const Value input = f.input ? applyFilters(*f.input, blockInput, frame) : blockInput;
    return evalFilter(f, input, frame);
}

Value Interpreter::evalFilter(const FilterExpr& filterExpr, const Value& input, const FramePtr& frame)
{
    CallArgs args = evalArgs(filterExpr.args, frame);
    m_line = filterExpr.line;
    if (!filterExpr.function)
        return filter(filterExpr.name, input, args); // fails, naming the filter
    return filterExpr.function(*this, input, args);
}

bool Interpreter::evalTest(const TestExpr& testExpr, const FramePtr& frame)
{
    const Value input = eval(*testExpr.input, frame);
    CallArgs args = evalArgs(testExpr.args, frame);
    m_line = testExpr.line;
    if (!testExpr.function)
        return test(testExpr.name, input, args);
    return testExpr.function(*this, input, args);
}

} // namespace core::chat
