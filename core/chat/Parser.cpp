#include "core/chat/Parser.h"

#include "core/chat/TemplateError.h"
#include "core/chat/TemplateParser.h"

#include <algorithm>

namespace core::chat {
namespace {

constexpr int kMaxNesting = 100; // jinja2 itself stops near here (Python's recursion limit)

} // namespace

TemplateParser::DepthGuard::DepthGuard(TemplateParser& p) : parser(p)
{
    if (++parser.m_depth > kMaxNesting)
        parser.error(parser.current(), "the template nests more than " + std::to_string(kMaxNesting) +
                                           " levels deep. Split the expression or the blocks into smaller ones");
}

bool TemplateParser::isName(const char* name) const { return isType(Token::Type::Name) && current().text == name; }

bool TemplateParser::isNameIn(const std::vector<std::string>& names) const
{
    return isType(Token::Type::Name) && std::find(names.begin(), names.end(), current().text) != names.end();
}

bool TemplateParser::isOp(const char* op) const { return isType(Token::Type::Operator) && current().text == op; }

std::string TemplateParser::expectName(const char* what)
{
    if (!isType(Token::Type::Name))
        error(current(), std::string("expected ") + what + ", got " + describe(current()));
    std::string name = current().text;
    advance();
    return name;
}

void TemplateParser::expectOp(const char* op)
{
    if (!isOp(op))
        error(current(), std::string("expected '") + op + "', got " + describe(current()));
    advance();
}

void TemplateParser::expectBlockEnd()
{
    if (!isType(Token::Type::BlockEnd))
        error(current(), "expected the end of the tag ('%}'), got " + describe(current()) +
                             ". Check for a missing operator, comma or quote");
    advance();
}

void TemplateParser::error(const Token& at, const std::string& message) const
{
    throw SyntaxError(message, at.line, at.column);
}

std::string TemplateParser::describe(const Token& t)
{
    switch (t.type) {
    case Token::Type::Data: return "template text";
    case Token::Type::VariableBegin: return "'{{'";
    case Token::Type::VariableEnd: return "the end of the expression ('}}')";
    case Token::Type::BlockBegin: return "'{%'";
    case Token::Type::BlockEnd: return "the end of the tag ('%}')";
    case Token::Type::Name: return "'" + t.text + "'";
    case Token::Type::String: return "a string";
    case Token::Type::Integer:
    case Token::Type::Float: return "the number " + t.text;
    case Token::Type::Operator: return "'" + t.text + "'";
    case Token::Type::Eof: return "the end of the template";
    }
    return "?";
}

Body TemplateParser::parse()
{
    Body body = subparse({});
    return body;
}

// jinja2's subparse: text, {{ }} and statements until one of endTags opens a tag (left as the current token).
Body TemplateParser::subparse(const std::vector<std::string>& endTags)
{
    Body body;
    while (true) {
        const Token& t = current();
        switch (t.type) {
        case Token::Type::Data:
            body.push_back(std::make_unique<DataStmt>(t.text, t.line));
            advance();
            break;
        case Token::Type::VariableBegin: {
            advance();
            ExprPtr e = parseTuple();
            if (!isType(Token::Type::VariableEnd))
                error(current(), "expected the end of the expression ('}}'), got " + describe(current()) +
                                     ". Check for a missing operator, comma or quote");
            advance();
            body.push_back(std::make_unique<PrintStmt>(std::move(e), t.line));
            break;
        }
        case Token::Type::BlockBegin:
            advance();
            if (!endTags.empty() && isNameIn(endTags))
                return body;
            body.push_back(parseStatement());
            expectBlockEnd();
            break;
        case Token::Type::Eof:
            if (!endTags.empty()) {
                const OpenBlock& open = m_openBlocks.back();
                error(t, "unexpected end of template: the {% " + open.tag + " %} block opened on line " +
                             std::to_string(open.line) + " is never closed. Add {% " + endTags.back() + " %}");
            }
            return body;
        default: error(t, "unexpected " + describe(t));
        }
    }
}

Body TemplateParser::parseStatements(const std::vector<std::string>& endTags)
{
    if (isOp(":")) // jinja2 accepts a Python-style colon here
        advance();
    expectBlockEnd();
    return subparse(endTags);
}

StmtPtr TemplateParser::parseStatement()
{
    const Token& tag = current();
    if (!isType(Token::Type::Name))
        error(tag, "expected a tag name after '{%', got " + describe(tag));
    DepthGuard guard(*this);
    const std::string& name = tag.text;
    if (name == "if")
        return parseIf();
    if (name == "for")
        return parseFor();
    if (name == "set")
        return parseSet();
    if (name == "macro")
        return parseMacro();
    if (name == "filter")
        return parseFilterBlock();
    if (name == "with")
        return parseWith();
    if (name == "break" || name == "continue") {
        if (m_loopDepth == 0)
            error(tag, "{% " + name + " %} outside a for loop. Move it into the loop or remove it");
        advance();
        return std::make_unique<Stmt>(name == "break" ? Stmt::Kind::Break : Stmt::Kind::Continue, tag.line);
    }
    if (name == "generation") {
        auto stmt = std::make_unique<GenerationStmt>(tag.line);
        m_openBlocks.push_back({name, tag.line});
        advance();
        stmt->body = parseStatements({"endgeneration"});
        m_openBlocks.pop_back();
        advance();
        return stmt;
    }
    if (name == "include" || name == "import" || name == "from" || name == "extends" || name == "block")
        error(tag, "{% " + name + " %} is not supported: a chat template is a single file. Inline what it would load");
    if (name == "call")
        error(tag, "{% call %} blocks are not supported by LoRA Workbench's chat templates. Pass the text as a macro argument instead");
    failUnknownTag(tag);
}

void TemplateParser::failUnknownTag(const Token& tag) const
{
    std::string message = "unknown tag '" + tag.text + "'";
    if (!m_openBlocks.empty()) {
        const OpenBlock& open = m_openBlocks.back();
        message += ": the innermost open block is {% " + open.tag + " %} from line " + std::to_string(open.line) +
            ". Close it before this tag, or fix the tag's name";
    } else {
        message += ". Chat templates may use if/elif/else, for/else, set, macro, filter, with, raw, break, continue "
                   "and generation";
    }
    error(tag, message);
}

StmtPtr TemplateParser::parseIf()
{
    auto stmt = std::make_unique<IfStmt>(current().line);
    m_openBlocks.push_back({"if", current().line});
    advance();
    while (true) {
        ExprPtr test = parseTuple(/*withCondexpr=*/false);
        Body body = parseStatements({"elif", "else", "endif"});
        stmt->branches.emplace_back(std::move(test), std::move(body));
        const std::string tag = current().text;
        advance();
        if (tag == "elif")
            continue;
        if (tag == "else") {
            stmt->otherwise = parseStatements({"endif"});
            advance();
        }
        break;
    }
    m_openBlocks.pop_back();
    return stmt;
}

StmtPtr TemplateParser::parseFor()
{
    auto stmt = std::make_unique<ForStmt>(current().line);
    m_openBlocks.push_back({"for", current().line});
    advance();
    stmt->target = parseTarget(/*withNamespace=*/false, {"in"});
    if (!isName("in"))
        error(current(), "expected 'in' in the for loop, got " + describe(current()));
    advance();
    stmt->iterable = parseTuple(/*withCondexpr=*/false, {"recursive"});
    if (isName("if")) {
        advance();
        stmt->filter = parseExpression();
    }
    if (isName("recursive"))
        error(current(), "recursive for loops are not supported by LoRA Workbench's chat templates. Use a macro that calls itself");
    ++m_loopDepth;
    stmt->body = parseStatements({"else", "endfor"});
    --m_loopDepth;
    if (current().text == "else") {
        advance();
        stmt->otherwise = parseStatements({"endfor"});
    }
    advance();
    m_openBlocks.pop_back();
    return stmt;
}

// A name, names separated by commas (optionally in parentheses), or with withNamespace `ns.attr`.
Target TemplateParser::parseTarget(bool withNamespace, const std::vector<std::string>& extraEnd)
{
    Target target;
    const bool parenthesized = isOp("(");
    if (parenthesized)
        advance();
    while (true) {
        const Token& at = current();
        std::string name = expectName("a variable name to assign to");
        if (name == "true" || name == "false" || name == "none" || name == "True" || name == "False" || name == "None")
            error(at, "cannot assign to the constant '" + name + "'");
        if (withNamespace && isOp(".")) {
            advance();
            target.namespaceAttribute = expectName("an attribute name after '.'");
        }
        target.names.push_back(std::move(name));
        if (!isOp(","))
            break;
        target.tuple = true;
        advance();
        if ((parenthesized && isOp(")")) || isTupleEnd(extraEnd) || isOp("="))
            break;
    }
    if (parenthesized) {
        target.tuple = true;
        expectOp(")");
    }
    if (!target.namespaceAttribute.empty() && target.names.size() != 1)
        error(current(), "a namespace attribute can only be assigned on its own. Use one {% set %} per attribute");
    return target;
}

StmtPtr TemplateParser::parseSet()
{
    const int line = current().line;
    advance();
    Target target = parseTarget(/*withNamespace=*/true, {});
    if (isOp("=")) {
        advance();
        auto stmt = std::make_unique<SetStmt>(line);
        stmt->target = std::move(target);
        stmt->value = parseTuple();
        return stmt;
    }
    auto stmt = std::make_unique<SetBlockStmt>(line);
    stmt->target = std::move(target);
    if (isOp("|"))
        stmt->filter = parseFilter(nullptr, /*startInline=*/false);
    m_openBlocks.push_back({"set", line});
    stmt->body = parseStatements({"endset"});
    m_openBlocks.pop_back();
    advance();
    return stmt;
}

StmtPtr TemplateParser::parseMacro()
{
    auto stmt = std::make_unique<MacroStmt>(current().line);
    m_openBlocks.push_back({"macro", current().line});
    advance();
    stmt->name = expectName("the macro's name");
    expectOp("(");
    while (!isOp(")")) {
        if (!stmt->params.empty())
            expectOp(",");
        const Token& at = current();
        stmt->params.push_back(expectName("a parameter name"));
        if (isOp("=")) {
            advance();
            stmt->defaults.push_back(parseExpression());
        } else if (!stmt->defaults.empty()) {
            error(at, "a parameter without a default follows one with a default. Give '" + stmt->params.back() + "' a default");
        }
    }
    advance();
    const int loopDepth = m_loopDepth;
    m_loopDepth = 0; // a macro body is not inside the caller's loop
    m_macroNames.emplace_back();
    stmt->body = parseStatements({"endmacro"});
    stmt->usesVarargs = m_macroNames.back().count("varargs") > 0;
    stmt->usesKwargs = m_macroNames.back().count("kwargs") > 0;
    m_macroNames.pop_back();
    m_loopDepth = loopDepth;
    advance();
    m_openBlocks.pop_back();
    return stmt;
}

StmtPtr TemplateParser::parseFilterBlock()
{
    auto stmt = std::make_unique<FilterBlockStmt>(current().line);
    m_openBlocks.push_back({"filter", current().line});
    advance();
    stmt->filter = parseFilter(nullptr, /*startInline=*/true);
    stmt->body = parseStatements({"endfilter"});
    advance();
    m_openBlocks.pop_back();
    return stmt;
}

StmtPtr TemplateParser::parseWith()
{
    auto stmt = std::make_unique<WithStmt>(current().line);
    m_openBlocks.push_back({"with", current().line});
    advance();
    while (!isType(Token::Type::BlockEnd)) {
        if (!stmt->targets.empty())
            expectOp(",");
        stmt->targets.push_back(parseTarget(/*withNamespace=*/false, {}));
        expectOp("=");
        stmt->values.push_back(parseExpression());
    }
    stmt->body = parseStatements({"endwith"});
    advance();
    m_openBlocks.pop_back();
    return stmt;
}

Body parseTemplate(const std::vector<Token>& tokens)
{
    return TemplateParser(tokens).parse();
}

} // namespace core::chat
