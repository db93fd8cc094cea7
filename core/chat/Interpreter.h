#pragma once
// One render of a parsed template: the variable frames, the output being written and the budget (steps, bytes,
// depth). A fresh Interpreter per render, so that renders share nothing but the immutable AST. The statements are
// in Interpreter.cpp, the expressions in Evaluate.cpp.
#include "core/chat/Ast.h"
#include "core/chat/RenderLimits.h"
#include "core/chat/Value.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace core::chat {

class Interpreter {
public:
    explicit Interpreter(const RenderLimits& limits);
    ~Interpreter();

    // context: a dict of the template's variables. Throws TemplateError; line() says where it stopped.
    std::string run(const Body& body, const Value& context);
    int line() const { return m_line; }

    // --- for the built-ins
    const RenderLimits& limits() const { return m_limits; }
    void step(std::uint64_t count = 1)
    {
        m_steps += count;
        if (m_steps > m_limits.maxSteps)
            failSteps();
    }
    void checkSize(std::size_t bytes) const; // a string a template builds
    Value call(const Value& callee, CallArgs& args);
    Value filter(const std::string& name, const Value& input, CallArgs& args);
    bool test(const std::string& name, const Value& input, CallArgs& args);
    Value makeNamespace(const Dict& attributes);
    void setNamespaceAttribute(const Value& ns, const std::string& name, Value value);

private:
    struct Frame;
    using FramePtr = std::shared_ptr<Frame>;
    enum class Flow { Normal, Break, Continue };

    [[noreturn]] void failSteps() const;
    void write(const std::string& text);
    std::string capture(const Body& body, const FramePtr& frame);

    Flow exec(const Body& body, const FramePtr& frame);
    Flow exec(const Stmt& stmt, const FramePtr& frame);
    Flow execFor(const ForStmt& stmt, const FramePtr& frame);
    void assign(const Target& target, const Value& value, Frame& frame);
    Value defineMacro(const MacroStmt& macro, const FramePtr& frame);
    Value callMacro(const MacroStmt& macro, const FramePtr& definedIn, CallArgs& args);

    Value eval(const Expr& expr, const FramePtr& frame);
    Value lookup(const std::string& name, const Frame& frame) const;
    CallArgs evalArgs(const Arguments& args, const FramePtr& frame);
    Value applyFilters(const Expr& filter, const Value& blockInput, const FramePtr& frame);
    Value evalFilter(const FilterExpr& filter, const Value& input, const FramePtr& frame);
    bool evalTest(const TestExpr& test, const FramePtr& frame);
    Value evalCompare(const CompareExpr& compare, const FramePtr& frame);
    Value evalSequence(const SequenceExpr& seq, const FramePtr& frame);

    RenderLimits m_limits;
    std::uint64_t m_steps = 0;
    int m_depth = 0;
    int m_line = 1;
    std::string* m_out = nullptr;
    // Every namespace made by this render, emptied at its end: a namespace can hold itself, and without this the
    // reference cycle would outlive the render.
    std::vector<std::shared_ptr<Dict>> m_namespaces;
    std::vector<FramePtr> m_macroFrames; // likewise: a macro's frame holds the macro, which holds the frame
};

// Variables of one scope: the render's context and top-level sets, one loop iteration, one macro call.
struct Interpreter::Frame {
    std::vector<std::pair<std::string, Value>> vars;
    FramePtr parent;

    const Value* find(const std::string& name) const
    {
        for (const auto& var : vars)
            if (var.first == name)
                return &var.second;
        return nullptr;
    }

    void set(const std::string& name, Value value)
    {
        for (auto& var : vars)
            if (var.first == name) {
                var.second = std::move(value);
                return;
            }
        vars.emplace_back(name, std::move(value));
    }
};

} // namespace core::chat
