#pragma once
// The parsed template: jinja2's node types, reduced to what chat templates use. Built once by the Parser and never
// changed afterwards, so any number of renders can walk it at the same time. Filters and tests are resolved to
// functions while parsing; an unknown name stays null and fails only when the template reaches it, as in jinja2,
// where a filter in a branch that never runs is harmless.
#include "core/chat/Value.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace core::chat {

using FilterFunction = Value (*)(Interpreter&, const Value& input, CallArgs& args);
using TestFunction = bool (*)(Interpreter&, const Value& input, CallArgs& args);

struct Expr {
    enum class Kind : std::uint8_t {
        Literal, Name, List, Tuple, Dict, GetAttr, GetItem, Slice, Unary, Binary, And, Or, Concat, Compare,
        Conditional, Call, Filter, Test
    };
    Expr(Kind kind, int line) : kind(kind), line(line) {}
    virtual ~Expr() = default;
    Kind kind;
    int line;
};
using ExprPtr = std::unique_ptr<Expr>;

struct Arguments {
    std::vector<ExprPtr> positional;
    std::vector<std::pair<std::string, ExprPtr>> keywords;
    ExprPtr starArgs;   // f(*xs)
    ExprPtr starKwargs; // f(**d)
};

struct LiteralExpr : Expr {
    LiteralExpr(Value v, int line) : Expr(Kind::Literal, line), value(std::move(v)) {}
    Value value;
};

struct NameExpr : Expr {
    NameExpr(std::string n, int line) : Expr(Kind::Name, line), name(std::move(n)) {}
    std::string name;
};

struct SequenceExpr : Expr { // a list or tuple display
    using Expr::Expr;
    std::vector<ExprPtr> items;
};

struct DictExpr : Expr {
    explicit DictExpr(int line) : Expr(Kind::Dict, line) {}
    std::vector<std::pair<ExprPtr, ExprPtr>> items;
};

struct GetAttrExpr : Expr { // x.name
    GetAttrExpr(ExprPtr o, std::string a, int line) : Expr(Kind::GetAttr, line), object(std::move(o)), attribute(std::move(a)) {}
    ExprPtr object;
    std::string attribute;
};

struct GetItemExpr : Expr { // x[key]; key may be a SliceExpr
    GetItemExpr(ExprPtr o, ExprPtr k, int line) : Expr(Kind::GetItem, line), object(std::move(o)), key(std::move(k)) {}
    ExprPtr object;
    ExprPtr key;
};

struct SliceExpr : Expr { // a:b:c, any part may be missing
    explicit SliceExpr(int line) : Expr(Kind::Slice, line) {}
    ExprPtr start, stop, step;
};

enum class UnaryOp : std::uint8_t { Neg, Pos, Not };
struct UnaryExpr : Expr {
    UnaryExpr(UnaryOp o, ExprPtr x, int line) : Expr(Kind::Unary, line), op(o), operand(std::move(x)) {}
    UnaryOp op;
    ExprPtr operand;
};

enum class BinaryOp : std::uint8_t { Add, Sub, Mul, Div, FloorDiv, Mod, Pow };
struct BinaryExpr : Expr { // arithmetic; Kind::And / Kind::Or reuse it with op unused
    BinaryExpr(Kind k, BinaryOp o, ExprPtr l, ExprPtr r, int line) : Expr(k, line), op(o), left(std::move(l)), right(std::move(r)) {}
    BinaryOp op;
    ExprPtr left, right;
};

struct ConcatExpr : Expr { // a ~ b ~ c
    explicit ConcatExpr(int line) : Expr(Kind::Concat, line) {}
    std::vector<ExprPtr> parts;
};

enum class CompareOp : std::uint8_t { Eq, Ne, Lt, Le, Gt, Ge, In, NotIn };
struct CompareExpr : Expr { // a < b <= c, as Python chains them
    explicit CompareExpr(int line) : Expr(Kind::Compare, line) {}
    ExprPtr first;
    std::vector<std::pair<CompareOp, ExprPtr>> rest;
};

struct ConditionalExpr : Expr { // then if test else otherwise (otherwise may be missing: undefined)
    explicit ConditionalExpr(int line) : Expr(Kind::Conditional, line) {}
    ExprPtr test, then, otherwise;
};

struct CallExpr : Expr {
    CallExpr(ExprPtr c, int line) : Expr(Kind::Call, line), callee(std::move(c)) {}
    ExprPtr callee;
    Arguments args;
};

struct FilterExpr : Expr { // input|name(args); input is null for the filters of {% filter %} and {% set x | f %}
    FilterExpr(ExprPtr in, std::string n, FilterFunction f, int line) : Expr(Kind::Filter, line), input(std::move(in)), name(std::move(n)), function(f) {}
    ExprPtr input;
    std::string name;
    FilterFunction function;
    Arguments args;
};

struct TestExpr : Expr { // input is name(args); "is not" wraps it in UnaryOp::Not
    TestExpr(ExprPtr in, std::string n, TestFunction f, int line) : Expr(Kind::Test, line), input(std::move(in)), name(std::move(n)), function(f) {}
    ExprPtr input;
    std::string name;
    TestFunction function;
    Arguments args;
};

// What {% for %}, {% set %} and {% with %} assign to: one name, a tuple of names, or a namespace attribute.
struct Target {
    std::vector<std::string> names;
    bool tuple = false;
    std::string namespaceAttribute; // set: `ns.attr` (names holds "ns")
};

struct Stmt {
    enum class Kind : std::uint8_t { Data, Print, If, For, Set, SetBlock, Macro, FilterBlock, With, Break, Continue, Generation };
    Stmt(Kind kind, int line) : kind(kind), line(line) {}
    virtual ~Stmt() = default;
    Kind kind;
    int line;
};
using StmtPtr = std::unique_ptr<Stmt>;
using Body = std::vector<StmtPtr>;

struct DataStmt : Stmt {
    DataStmt(std::string t, int line) : Stmt(Kind::Data, line), text(std::move(t)) {}
    std::string text;
};

struct PrintStmt : Stmt {
    PrintStmt(ExprPtr e, int line) : Stmt(Kind::Print, line), expr(std::move(e)) {}
    ExprPtr expr;
};

struct IfStmt : Stmt {
    explicit IfStmt(int line) : Stmt(Kind::If, line) {}
    std::vector<std::pair<ExprPtr, Body>> branches; // if, then each elif
    Body otherwise;
};

struct ForStmt : Stmt {
    explicit ForStmt(int line) : Stmt(Kind::For, line) {}
    Target target;
    ExprPtr iterable;
    ExprPtr filter; // for x in xs if filter
    Body body;
    Body otherwise; // runs when nothing was iterated
};

struct SetStmt : Stmt {
    explicit SetStmt(int line) : Stmt(Kind::Set, line) {}
    Target target;
    ExprPtr value;
};

struct SetBlockStmt : Stmt { // {% set x | filters %}body{% endset %}
    explicit SetBlockStmt(int line) : Stmt(Kind::SetBlock, line) {}
    Target target;
    ExprPtr filter; // may be null
    Body body;
};

struct MacroStmt : Stmt {
    explicit MacroStmt(int line) : Stmt(Kind::Macro, line) {}
    std::string name;
    std::vector<std::string> params;
    std::vector<ExprPtr> defaults; // for the last defaults.size() params
    Body body;
    bool usesVarargs = false; // jinja2 accepts extra arguments only when the body mentions varargs / kwargs
    bool usesKwargs = false;
};

struct FilterBlockStmt : Stmt {
    explicit FilterBlockStmt(int line) : Stmt(Kind::FilterBlock, line) {}
    ExprPtr filter;
    Body body;
};

struct WithStmt : Stmt {
    explicit WithStmt(int line) : Stmt(Kind::With, line) {}
    std::vector<Target> targets;
    std::vector<ExprPtr> values;
    Body body;
};

struct GenerationStmt : Stmt { // transformers' {% generation %}: marks assistant text; renders its body
    explicit GenerationStmt(int line) : Stmt(Kind::Generation, line) {}
    Body body;
};

} // namespace core::chat
