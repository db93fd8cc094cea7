// Expressions, one function per precedence level of jinja2's parser (lowest first).
#include "core/chat/Builtins.h"
#include "core/chat/TemplateParser.h"

namespace core::chat {

bool TemplateParser::isTupleEnd(const std::vector<std::string>& extraEnd) const
{
    return isType(Token::Type::VariableEnd) || isType(Token::Type::BlockEnd) || isOp(")") ||
        (!extraEnd.empty() && isNameIn(extraEnd));
}

ExprPtr TemplateParser::parseExpression(bool withCondexpr)
{
    return withCondexpr ? parseCondexpr() : parseOr();
}

ExprPtr TemplateParser::parseCondexpr()
{
    DepthGuard guard(*this);
    int line = current().line;
    ExprPtr expr = parseOr();
    while (isName("if")) {
        advance();
        auto cond = std::make_unique<ConditionalExpr>(line);
        cond->then = std::move(expr);
        cond->test = parseOr();
        if (isName("else")) {
            advance();
            cond->otherwise = parseCondexpr();
        }
        expr = std::move(cond);
        line = current().line;
    }
    return expr;
}

ExprPtr TemplateParser::parseOr()
{
    ExprPtr left = parseAnd();
    while (isName("or")) {
        const int line = current().line;
        advance();
        left = std::make_unique<BinaryExpr>(Expr::Kind::Or, BinaryOp::Add, std::move(left), parseAnd(), line);
    }
    return left;
}

ExprPtr TemplateParser::parseAnd()
{
    ExprPtr left = parseNot();
    while (isName("and")) {
        const int line = current().line;
        advance();
        left = std::make_unique<BinaryExpr>(Expr::Kind::And, BinaryOp::Add, std::move(left), parseNot(), line);
    }
    return left;
}

ExprPtr TemplateParser::parseNot()
{
    if (isName("not")) {
        DepthGuard guard(*this);
        const int line = current().line;
        advance();
        return std::make_unique<UnaryExpr>(UnaryOp::Not, parseNot(), line);
    }
    return parseCompare();
}

ExprPtr TemplateParser::parseCompare()
{
    const int line = current().line;
    ExprPtr first = parseMath1();
    std::unique_ptr<CompareExpr> compare;
    while (true) {
        CompareOp op;
        if (isOp("=="))
            op = CompareOp::Eq;
        else if (isOp("!="))
            op = CompareOp::Ne;
        else if (isOp("<"))
            op = CompareOp::Lt;
        else if (isOp("<="))
            op = CompareOp::Le;
        else if (isOp(">"))
            op = CompareOp::Gt;
        else if (isOp(">="))
            op = CompareOp::Ge;
        else if (isName("in"))
            op = CompareOp::In;
        else if (isName("not") && peek().type == Token::Type::Name && peek().text == "in") {
            advance();
            op = CompareOp::NotIn;
        } else
            break;
        advance();
        if (!compare) {
            compare = std::make_unique<CompareExpr>(line);
            compare->first = std::move(first);
        }
        compare->rest.emplace_back(op, parseMath1());
    }
    if (compare)
        return compare;
    return first;
}

ExprPtr TemplateParser::parseMath1()
{
    ExprPtr left = parseConcat();
    while (isOp("+") || isOp("-")) {
        const BinaryOp op = isOp("+") ? BinaryOp::Add : BinaryOp::Sub;
        const int line = current().line;
        advance();
        left = std::make_unique<BinaryExpr>(Expr::Kind::Binary, op, std::move(left), parseConcat(), line);
    }
    return left;
}

ExprPtr TemplateParser::parseConcat()
{
    const int line = current().line;
    ExprPtr first = parseMath2();
    if (!isOp("~"))
        return first;
    auto concat = std::make_unique<ConcatExpr>(line);
    concat->parts.push_back(std::move(first));
    while (isOp("~")) {
        advance();
        concat->parts.push_back(parseMath2());
    }
    return concat;
}

ExprPtr TemplateParser::parseMath2()
{
    ExprPtr left = parsePow();
    while (isOp("*") || isOp("/") || isOp("//") || isOp("%")) {
        const BinaryOp op = isOp("*") ? BinaryOp::Mul : isOp("/") ? BinaryOp::Div : isOp("//") ? BinaryOp::FloorDiv : BinaryOp::Mod;
        const int line = current().line;
        advance();
        left = std::make_unique<BinaryExpr>(Expr::Kind::Binary, op, std::move(left), parsePow(), line);
    }
    return left;
}

ExprPtr TemplateParser::parsePow()
{
    ExprPtr left = parseUnary();
    while (isOp("**")) { // left-associative in jinja2: 2**3**2 is 64
        const int line = current().line;
        advance();
        left = std::make_unique<BinaryExpr>(Expr::Kind::Binary, BinaryOp::Pow, std::move(left), parseUnary(), line);
    }
    return left;
}

ExprPtr TemplateParser::parseUnary(bool withFilter)
{
    DepthGuard guard(*this);
    const int line = current().line;
    ExprPtr node;
    if (isOp("-") || isOp("+")) {
        const UnaryOp op = isOp("-") ? UnaryOp::Neg : UnaryOp::Pos;
        advance();
        node = std::make_unique<UnaryExpr>(op, parseUnary(false), line);
    } else {
        node = parsePrimary();
    }
    node = parsePostfix(std::move(node));
    if (withFilter)
        node = parseFilterExpr(std::move(node));
    return node;
}

ExprPtr TemplateParser::parsePrimary()
{
    const Token& t = current();
    switch (t.type) {
    case Token::Type::Name: {
        advance();
        if (t.text == "true" || t.text == "True")
            return std::make_unique<LiteralExpr>(Value::boolean(true), t.line);
        if (t.text == "false" || t.text == "False")
            return std::make_unique<LiteralExpr>(Value::boolean(false), t.line);
        if (t.text == "none" || t.text == "None")
            return std::make_unique<LiteralExpr>(Value::none(), t.line);
        for (auto& names : m_macroNames)
            names.insert(t.text);
        return std::make_unique<NameExpr>(t.text, t.line);
    }
    case Token::Type::String: {
        std::string text;
        while (isType(Token::Type::String)) { // adjacent literals concatenate, as in Python
            text += current().text;
            advance();
        }
        return std::make_unique<LiteralExpr>(Value::string(std::move(text)), t.line);
    }
    case Token::Type::Integer: advance(); return std::make_unique<LiteralExpr>(Value::integer(t.integer), t.line);
    case Token::Type::Float: advance(); return std::make_unique<LiteralExpr>(Value::number(t.real), t.line);
    case Token::Type::Operator:
        if (t.text == "(") {
            advance();
            ExprPtr inner = parseTuple(/*withCondexpr=*/true, {}, /*explicitParentheses=*/true);
            expectOp(")");
            return inner;
        }
        if (t.text == "[")
            return parseList();
        if (t.text == "{")
            return parseDict();
        break;
    default: break;
    }
    error(t, "expected a value, got " + describe(t) + ". Check for a missing operand or a stray operator");
}

ExprPtr TemplateParser::parseTuple(bool withCondexpr, const std::vector<std::string>& extraEnd, bool explicitParentheses)
{
    const int line = current().line;
    std::vector<ExprPtr> items;
    bool isTuple = false;
    while (true) {
        if (!items.empty())
            expectOp(",");
        if (isTupleEnd(extraEnd))
            break;
        items.push_back(parseExpression(withCondexpr));
        if (!isOp(","))
            break;
        isTuple = true;
    }
    if (!isTuple) {
        if (!items.empty())
            return std::move(items.front());
        if (!explicitParentheses)
            error(current(), "expected an expression, got " + describe(current()));
    }
    auto tuple = std::make_unique<SequenceExpr>(Expr::Kind::Tuple, line);
    tuple->items = std::move(items);
    return tuple;
}

ExprPtr TemplateParser::parseList()
{
    auto list = std::make_unique<SequenceExpr>(Expr::Kind::List, current().line);
    expectOp("[");
    while (!isOp("]")) {
        if (!list->items.empty())
            expectOp(",");
        if (isOp("]"))
            break;
        list->items.push_back(parseExpression());
    }
    expectOp("]");
    return list;
}

ExprPtr TemplateParser::parseDict()
{
    auto dict = std::make_unique<DictExpr>(current().line);
    expectOp("{");
    while (!isOp("}")) {
        if (!dict->items.empty())
            expectOp(",");
        if (isOp("}"))
            break;
        ExprPtr key = parseExpression();
        expectOp(":");
        dict->items.emplace_back(std::move(key), parseExpression());
    }
    expectOp("}");
    return dict;
}

ExprPtr TemplateParser::parsePostfix(ExprPtr node)
{
    while (true) {
        if (isOp(".") || isOp("["))
            node = parseSubscript(std::move(node));
        else if (isOp("(")) {
            auto call = std::make_unique<CallExpr>(std::move(node), current().line);
            parseCallArgs(call->args);
            node = std::move(call);
        } else
            return node;
    }
}

ExprPtr TemplateParser::parseFilterExpr(ExprPtr node)
{
    while (true) {
        if (isOp("|"))
            node = parseFilter(std::move(node), /*startInline=*/false);
        else if (isName("is"))
            node = parseTest(std::move(node));
        else if (isOp("(")) {
            auto call = std::make_unique<CallExpr>(std::move(node), current().line);
            parseCallArgs(call->args);
            node = std::move(call);
        } else
            return node;
    }
}

ExprPtr TemplateParser::parseSubscript(ExprPtr node)
{
    const Token& t = current();
    advance();
    if (t.text == ".") {
        const Token& attr = current();
        if (attr.type == Token::Type::Name) {
            advance();
            return std::make_unique<GetAttrExpr>(std::move(node), attr.text, t.line);
        }
        if (attr.type != Token::Type::Integer)
            error(attr, "expected a name or a number after '.', got " + describe(attr));
        advance();
        return std::make_unique<GetItemExpr>(std::move(node), std::make_unique<LiteralExpr>(Value::integer(attr.integer), attr.line), t.line);
    }
    std::vector<ExprPtr> keys;
    while (!isOp("]")) {
        if (!keys.empty())
            expectOp(",");
        keys.push_back(parseSubscribed());
    }
    expectOp("]");
    if (keys.empty())
        error(t, "empty subscript '[]'. Put an index, key or slice between the brackets");
    if (keys.size() == 1)
        return std::make_unique<GetItemExpr>(std::move(node), std::move(keys.front()), t.line);
    auto tuple = std::make_unique<SequenceExpr>(Expr::Kind::Tuple, t.line);
    tuple->items = std::move(keys);
    return std::make_unique<GetItemExpr>(std::move(node), std::move(tuple), t.line);
}

ExprPtr TemplateParser::parseSubscribed()
{
    const int line = current().line;
    auto slice = std::make_unique<SliceExpr>(line);
    if (isOp(":")) {
        advance();
    } else {
        ExprPtr first = parseExpression();
        if (!isOp(":"))
            return first;
        advance();
        slice->start = std::move(first);
    }
    if (!isOp(":") && !isOp("]") && !isOp(","))
        slice->stop = parseExpression();
    if (isOp(":")) {
        advance();
        if (!isOp("]") && !isOp(","))
            slice->step = parseExpression();
    }
    return slice;
}

std::string TemplateParser::parseDottedName(const char* what)
{
    std::string name = expectName(what);
    while (isOp(".")) {
        advance();
        name += "." + expectName(what);
    }
    return name;
}

ExprPtr TemplateParser::parseFilter(ExprPtr node, bool startInline)
{
    while (isOp("|") || startInline) {
        if (!startInline)
            advance();
        startInline = false;
        const int line = current().line;
        std::string name = parseDottedName("a filter name");
        const FilterFunction fn = findFilter(name);
        auto filter = std::make_unique<FilterExpr>(std::move(node), std::move(name), fn, line);
        if (isOp("("))
            parseCallArgs(filter->args);
        node = std::move(filter);
    }
    return node;
}

ExprPtr TemplateParser::parseTest(ExprPtr node)
{
    const int line = current().line;
    advance(); // "is"
    bool negated = false;
    if (isName("not")) {
        advance();
        negated = true;
    }
    std::string name = parseDottedName("a test name after 'is'");
    const TestFunction fn = findTest(name);
    auto test = std::make_unique<TestExpr>(std::move(node), std::move(name), fn, line);
    if (isOp("(")) {
        parseCallArgs(test->args);
    } else if ((isType(Token::Type::Name) || isType(Token::Type::String) || isType(Token::Type::Integer) ||
                isType(Token::Type::Float) || isOp("(") || isOp("[") || isOp("{")) &&
               !isName("else") && !isName("or") && !isName("and")) {
        if (isName("is"))
            error(current(), "tests cannot be chained with 'is'. Combine them with 'and'");
        test->args.positional.push_back(parsePostfix(parsePrimary())); // `x is divisibleby 3`
    }
    if (negated)
        return std::make_unique<UnaryExpr>(UnaryOp::Not, std::move(test), line);
    return test;
}

void TemplateParser::parseCallArgs(Arguments& args)
{
    const Token& open = current();
    expectOp("(");
    bool requireComma = false;
    while (!isOp(")")) {
        if (requireComma) {
            expectOp(",");
            if (isOp(")"))
                break;
        }
        if (isOp("*")) {
            advance();
            args.starArgs = parseExpression();
        } else if (isOp("**")) {
            advance();
            args.starKwargs = parseExpression();
        } else if (isType(Token::Type::Name) && peek().type == Token::Type::Operator && peek().text == "=") {
            std::string key = current().text;
            advance();
            advance();
            args.keywords.emplace_back(std::move(key), parseExpression());
        } else {
            if (!args.keywords.empty() || args.starArgs || args.starKwargs)
                error(current(), "a positional argument follows a keyword argument. Put positional arguments first");
            args.positional.push_back(parseExpression());
        }
        requireComma = true;
        if (isType(Token::Type::Eof))
            error(open, "the call's '(' is never closed");
    }
    advance();
}

} // namespace core::chat
