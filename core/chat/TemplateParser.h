#pragma once
// The parser's state, shared by its two halves: statements (Parser.cpp) and expressions (ParserExpressions.cpp).
// Internal to core/chat; the entry point is parseTemplate() in Parser.h.
#include "core/chat/Ast.h"
#include "core/chat/Lexer.h"

#include <initializer_list>
#include <set>
#include <string>
#include <vector>

namespace core::chat {

class TemplateParser {
public:
    explicit TemplateParser(const std::vector<Token>& tokens) : m_tokens(tokens) {}
    Body parse();

private:
    // --- the token stream
    const Token& current() const { return m_tokens[m_pos]; }
    const Token& peek() const { return m_tokens[m_pos + 1 < m_tokens.size() ? m_pos + 1 : m_pos]; }
    void advance()
    {
        if (m_pos + 1 < m_tokens.size())
            ++m_pos;
    }
    bool isName(const char* name) const;
    bool isNameIn(const std::vector<std::string>& names) const;
    bool isOp(const char* op) const;
    bool isType(Token::Type type) const { return current().type == type; }
    std::string expectName(const char* what);
    void expectOp(const char* op);
    void expectBlockEnd();
    [[noreturn]] void error(const Token& at, const std::string& message) const;
    static std::string describe(const Token& t);

    // --- statements (Parser.cpp)
    struct OpenBlock {
        std::string tag;
        int line;
    };
    Body subparse(const std::vector<std::string>& endTags);
    Body parseStatements(const std::vector<std::string>& endTags);
    StmtPtr parseStatement();
    StmtPtr parseIf();
    StmtPtr parseFor();
    StmtPtr parseSet();
    StmtPtr parseMacro();
    StmtPtr parseFilterBlock();
    StmtPtr parseWith();
    Target parseTarget(bool withNamespace, const std::vector<std::string>& extraEnd);
    [[noreturn]] void failUnknownTag(const Token& tag) const;

    // --- expressions (ParserExpressions.cpp)
    ExprPtr parseExpression(bool withCondexpr = true);
    ExprPtr parseCondexpr();
    ExprPtr parseOr();
    ExprPtr parseAnd();
    ExprPtr parseNot();
    ExprPtr parseCompare();
    ExprPtr parseMath1();
    ExprPtr parseConcat();
    ExprPtr parseMath2();
    ExprPtr parsePow();
    ExprPtr parseUnary(bool withFilter = true);
    ExprPtr parsePrimary();
    ExprPtr parseTuple(bool withCondexpr = true, const std::vector<std::string>& extraEnd = {}, bool explicitParentheses = false);
    ExprPtr parseList();
    ExprPtr parseDict();
    ExprPtr parsePostfix(ExprPtr node);
    ExprPtr parseFilterExpr(ExprPtr node);
    ExprPtr parseSubscript(ExprPtr node);
    ExprPtr parseSubscribed();
    ExprPtr parseFilter(ExprPtr node, bool startInline);
    ExprPtr parseTest(ExprPtr node);
    void parseCallArgs(Arguments& args);
    bool isTupleEnd(const std::vector<std::string>& extraEnd) const;
    std::string parseDottedName(const char* what);

    // Nesting is bounded, so that a hostile template cannot exhaust the stack of the parser or the interpreter.
    struct DepthGuard {
        DepthGuard(TemplateParser& p);
        ~DepthGuard() { --parser.m_depth; }
        TemplateParser& parser;
    };

    const std::vector<Token>& m_tokens;
    std::size_t m_pos = 0;
    int m_depth = 0;
    int m_loopDepth = 0;                      // for break / continue
    std::vector<OpenBlock> m_openBlocks;      // for error messages
    std::vector<std::set<std::string>> m_macroNames; // names each macro body being parsed mentions
};

} // namespace core::chat
