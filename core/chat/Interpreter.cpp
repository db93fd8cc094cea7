// Statements. Scoping follows jinja2: {% if %} opens no scope, every loop iteration and every macro call gets a
// fresh one (so a {% set %} inside a loop is gone at the next iteration and after the loop, which is why chat
// templates carry state across iterations in a namespace()).
#include "core/chat/Interpreter.h"

#include "core/chat/PyFormat.h"
#include "core/chat/TemplateError.h"
#include "core/chat/Work.h"

namespace core::chat {
namespace {

// Restores a member on scope exit (the output buffer, the depth), also when a TemplateError passes through.
template <typename T>
class Restore {
public:
    Restore(T& slot, T value) : m_slot(slot), m_saved(slot) { slot = value; }
    ~Restore() { m_slot = m_saved; }

private:
    T& m_slot;
    T m_saved;
};

thread_local Interpreter* t_activeRender = nullptr;

} // namespace

void chargeWork(std::uint64_t units)
{
    if (t_activeRender && units > 0)
        t_activeRender->step(units);
}

WorkScope::WorkScope(Interpreter* interpreter) : m_previous(t_activeRender) { t_activeRender = interpreter; }
WorkScope::~WorkScope() { t_activeRender = m_previous; }

Interpreter::Interpreter(const RenderLimits& limits) : m_limits(limits) {}

Interpreter::~Interpreter()
{
    // Break the reference cycles a render can make (see m_namespaces, m_macroFrames). Every namespace and frame is
    // still held here while it is emptied, so no chain of them is ever freed recursively.
    for (const auto& ns : m_namespaces)
        ns->items.clear();
    for (const auto& frame : m_macroFrames)
        frame->vars.clear();
}

std::string Interpreter::run(const Body& body, const Value& context)
{
    auto root = std::make_shared<Frame>();
    for (const auto& [key, value] : context.asDict().items)
        if (key.isString())
            root->vars.emplace_back(key.asString(), value);
    std::string out;
    Restore<std::string*> output(m_out, &out);
    WorkScope work(this);
    exec(body, root);
    return out;
}

void Interpreter::failSteps() const
{
    fail("the template ran more than ", m_limits.maxSteps, " steps (RenderLimits::maxSteps) without finishing. "
         "A loop or a recursive macro probably runs far longer than the conversation needs; check its bounds");
}

void Interpreter::checkSize(std::size_t bytes) const
{
    if (bytes > m_limits.maxOutputBytes)
        fail("the template built a string of ", bytes, " bytes, more than RenderLimits::maxOutputBytes (",
             m_limits.maxOutputBytes, "). Check what it concatenates or repeats");
}

void Interpreter::write(const std::string& text)
{
    m_out->append(text);
    if (m_out->size() > m_limits.maxOutputBytes)
        fail("the rendered text grew beyond RenderLimits::maxOutputBytes (", m_limits.maxOutputBytes,
             " bytes). Shorten the conversation or raise the limit");
}

std::string Interpreter::capture(const Body& body, const FramePtr& frame)
{
    std::string buffer;
    Restore<std::string*> output(m_out, &buffer);
    exec(body, frame);
    return buffer;
}

Interpreter::Flow Interpreter::exec(const Body& body, const FramePtr& frame)
{
    for (const StmtPtr& stmt : body) {
        const Flow flow = exec(*stmt, frame);
        if (flow != Flow::Normal)
            return flow;
    }
    return Flow::Normal;
}

Interpreter::Flow Interpreter::exec(const Stmt& stmt, const FramePtr& frame)
{
    step();
    m_line = stmt.line;
    switch (stmt.kind) {
    case Stmt::Kind::Data: write(static_cast<const DataStmt&>(stmt).text); break;
    case Stmt::Kind::Print: write(pyStr(eval(*static_cast<const PrintStmt&>(stmt).expr, frame), m_limits.maxDepth)); break;
    case Stmt::Kind::If: {
        const auto& s = static_cast<const IfStmt&>(stmt);
        for (const auto& [test, body] : s.branches)
            if (truthy(eval(*test, frame)))
                return exec(body, frame);
        return exec(s.otherwise, frame);
    }
    case Stmt::Kind::For: return execFor(static_cast<const ForStmt&>(stmt), frame);
    case Stmt::Kind::Set: {
        const auto& s = static_cast<const SetStmt&>(stmt);
        assign(s.target, eval(*s.value, frame), *frame);
        break;
    }
    case Stmt::Kind::SetBlock: {
        const auto& s = static_cast<const SetBlockStmt&>(stmt);
        Value value = Value::string(capture(s.body, frame));
        if (s.filter)
            value = applyFilters(*s.filter, value, frame);
        assign(s.target, value, *frame);
        break;
    }
    case Stmt::Kind::Macro: {
        const auto& s = static_cast<const MacroStmt&>(stmt);
        frame->set(s.name, defineMacro(s, frame));
        break;
    }
    case Stmt::Kind::FilterBlock: {
        const auto& s = static_cast<const FilterBlockStmt&>(stmt);
        const Value text = Value::string(capture(s.body, frame));
        write(pyStr(applyFilters(*s.filter, text, frame), m_limits.maxDepth));
        break;
    }
    case Stmt::Kind::With: {
        const auto& s = static_cast<const WithStmt&>(stmt);
        auto inner = std::make_shared<Frame>();
        inner->parent = frame;
        for (std::size_t i = 0; i < s.targets.size(); ++i)
            assign(s.targets[i], eval(*s.values[i], frame), *inner);
        return exec(s.body, inner);
    }
    case Stmt::Kind::Break: return Flow::Break;
    case Stmt::Kind::Continue: return Flow::Continue;
    case Stmt::Kind::Generation: return exec(static_cast<const GenerationStmt&>(stmt).body, frame);
    }
    return Flow::Normal;
}

Interpreter::Flow Interpreter::execFor(const ForStmt& stmt, const FramePtr& frame)
{
    const Value iterable = eval(*stmt.iterable, frame);
    if (iterable.isNone() || iterable.isNumber() || iterable.isBool())
        fail("'", iterable.typeName(), "' object is not iterable: the for loop needs a list, a dict or a string");
    std::shared_ptr<const List> items = iterationItems(iterable);
    if (stmt.filter) { // `for x in xs if cond`: loop.index and loop.length count only what passes
        List kept;
        for (const Value& item : *items) {
            auto probe = std::make_shared<Frame>();
            probe->parent = frame;
            assign(stmt.target, item, *probe);
            if (truthy(eval(*stmt.filter, probe)))
                kept.push_back(item);
        }
        items = std::make_shared<const List>(std::move(kept));
    }
    m_line = stmt.line;
    if (items->empty())
        return exec(stmt.otherwise, frame);
    auto info = std::make_shared<LoopInfo>();
    info->items = items;
    const Value loop = Value::loop(info);
    for (std::size_t i = 0; i < items->size(); ++i) {
        step();
        info->index0 = i;
        auto iteration = std::make_shared<Frame>();
        iteration->parent = frame;
        iteration->vars.emplace_back("loop", loop);
        assign(stmt.target, (*items)[i], *iteration);
        if (exec(stmt.body, iteration) == Flow::Break)
            break;
    }
    return Flow::Normal;
}

void Interpreter::assign(const Target& target, const Value& value, Frame& frame)
{
    if (!target.namespaceAttribute.empty()) {
        const Value ns = lookup(target.names.front(), frame);
        if (!ns.isNamespace())
            fail("cannot assign the attribute '", target.namespaceAttribute, "' on '", target.names.front(),
                 "', which is a ", ns.typeName(), ", not a namespace. Create it first with {% set ",
                 target.names.front(), " = namespace() %}");
        setNamespaceAttribute(ns, target.namespaceAttribute, value);
        return;
    }
    if (!target.tuple) {
        frame.set(target.names.front(), value);
        return;
    }
    if (value.isNone() || value.isNumber() || value.isNamespace() || value.kind() == Value::Kind::Callable)
        fail("cannot unpack non-iterable ", value.typeName(), " object");
    const std::shared_ptr<const List> items = iterationItems(value);
    const std::size_t expected = target.names.size();
    if (items->size() < expected)
        fail("not enough values to unpack (expected ", expected, ", got ", items->size(), ")");
    if (items->size() > expected)
        fail("too many values to unpack (expected ", expected, ")");
    for (std::size_t i = 0; i < expected; ++i)
        frame.set(target.names[i], (*items)[i]);
}

Value Interpreter::makeNamespace(const Dict& attributes)
{
    auto dict = std::make_shared<Dict>();
    m_namespaces.push_back(dict);
    const Value ns = Value::ns(dict);
    for (const auto& [key, value] : attributes.items) {
        if (!key.isString())
            fail("namespace() attribute names must be strings, got ", key.typeName());
        setNamespaceAttribute(ns, key.asString(), value);
    }
    return ns;
}

void Interpreter::setNamespaceAttribute(const Value& ns, const std::string& name, Value value)
{
    if (!name.empty() && name[0] == '_') // transformers' TemplateNamespace: no way to reach Python internals
        fail("Chat templates cannot store underscore-prefixed attributes on a namespace, but got '", name,
             "'. Please rename the attribute.");
    if (value.depth() > m_limits.maxDepth)
        fail("the value stored in the namespace attribute '", name, "' nests more than RenderLimits::maxDepth (",
             m_limits.maxDepth, ") levels deep");
    ns.namespaceDict().set(Value::string(name), std::move(value));
}

Value Interpreter::defineMacro(const MacroStmt& macro, const FramePtr& frame)
{
    m_macroFrames.push_back(frame);
    const MacroStmt* definition = &macro; // the AST outlives every render
    FramePtr definedIn = frame;
    return Value::callable(macro.name, [definition, definedIn](Interpreter& in, CallArgs& args) {
        return in.callMacro(*definition, definedIn, args);
    });
}

Value Interpreter::callMacro(const MacroStmt& macro, const FramePtr& definedIn, CallArgs& args)
{
    if (m_depth >= m_limits.maxDepth)
        fail("macro '", macro.name, "' was called ", m_limits.maxDepth,
             " levels deep (RenderLimits::maxDepth). A macro that calls itself needs a case that stops");
    Restore<int> depth(m_depth, m_depth + 1);
    Restore<int> line(m_line, m_line);
    step();
    auto frame = std::make_shared<Frame>();
    frame->parent = definedIn;
    const std::size_t count = macro.params.size();
    const std::size_t firstDefault = count - macro.defaults.size();
    std::vector<bool> bound(count, false);
    List extra;
    for (std::size_t i = 0; i < args.positional.size(); ++i) {
        if (i < count) {
            frame->set(macro.params[i], args.positional[i]);
            bound[i] = true;
        } else if (macro.usesVarargs) {
            extra.push_back(args.positional[i]);
        } else {
            fail("macro '", macro.name, "' takes not more than ", count, " argument(s)");
        }
    }
    Dict kwargs;
    for (auto& [name, value] : args.keywords) {
        std::size_t i = 0;
        while (i < count && macro.params[i] != name)
            ++i;
        if (i < count) {
            if (bound[i])
                fail("macro '", macro.name, "' got multiple values for argument '", name, "'");
            frame->set(name, value);
            bound[i] = true;
        } else if (macro.usesKwargs) {
            kwargs.set(Value::string(name), value);
        } else {
            fail("macro '", macro.name, "' takes no keyword argument '", name, "'");
        }
    }
    for (std::size_t i = 0; i < count; ++i)
        if (!bound[i])
            frame->set(macro.params[i], i >= firstDefault ? eval(*macro.defaults[i - firstDefault], frame)
                                                          : Value::undefined("parameter '" + macro.params[i] + "' was not provided"));
    if (macro.usesVarargs)
        frame->set("varargs", Value::tuple(std::move(extra)));
    if (macro.usesKwargs)
        frame->set("kwargs", Value::dict(std::move(kwargs)));
    return Value::string(capture(macro.body, frame));
}

} // namespace core::chat
