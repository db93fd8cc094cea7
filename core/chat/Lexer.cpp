#include "core/chat/Lexer.h"

#include "core/chat/TemplateError.h"
#include "core/chat/Utf8.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>

namespace core::chat {
namespace {

constexpr std::size_t npos = std::string::npos;

bool isAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isNameStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c & 0x80); }
bool isNameChar(char c) { return isNameStart(c) || isDigit(c); }

int hexValue(char c)
{
    if (isDigit(c))
        return c - '0';
    const char l = static_cast<char>(c | 0x20);
    return (l >= 'a' && l <= 'f') ? l - 'a' + 10 : -1;
}

// "\r\n" and "\r" become "\n"; one trailing newline is dropped (keep_trailing_newline=False).
std::string normalizeNewlines(const std::string& source)
{
    std::string out;
    out.reserve(source.size());
    for (std::size_t i = 0; i < source.size(); ++i) {
        if (source[i] == '\r') {
            out += '\n';
            if (i + 1 < source.size() && source[i + 1] == '\n')
                ++i;
        } else {
            out += source[i];
        }
    }
    if (!out.empty() && out.back() == '\n')
        out.pop_back();
    return out;
}

class Lexer {
public:
    explicit Lexer(const std::string& source) : m_src(normalizeNewlines(source))
    {
        m_lineStarts.push_back(0);
        for (std::size_t i = 0; i < m_src.size(); ++i)
            if (m_src[i] == '\n')
                m_lineStarts.push_back(i + 1);
    }

    std::vector<Token> run()
    {
        while (m_pos < m_src.size()) {
            const std::size_t tag = findTagStart(m_pos);
            if (tag == npos) {
                emitData(m_src.substr(m_pos), m_pos);
                break;
            }
            const char kind = m_src[tag + 1];
            std::size_t after = tag + 2;
            char sign = 0;
            if (after < m_src.size() && (m_src[after] == '-' || m_src[after] == '+'))
                sign = m_src[after++];
            const std::size_t rawBody = kind == '%' ? matchRawBegin(after) : npos;
            std::string text = m_src.substr(m_pos, tag - m_pos);
            stripBeforeTag(text, sign, /*lstripAllowed=*/kind != '{');
            emitData(std::move(text), m_pos);
            if (rawBody != npos)
                lexRaw(tag, rawBody);
            else if (kind == '#')
                lexComment(tag, after);
            else
                lexTag(kind, tag, after);
        }
        emit(Token::Type::Eof, {}, m_src.size());
        return std::move(m_tokens);
    }

private:
    std::size_t findTagStart(std::size_t from) const
    {
        for (std::size_t i = m_src.find('{', from); i != npos; i = m_src.find('{', i + 1))
            if (i + 1 < m_src.size() && (m_src[i + 1] == '%' || m_src[i + 1] == '{' || m_src[i + 1] == '#'))
                return i;
        return npos;
    }

    void locate(std::size_t offset, int& line, int& column) const
    {
        const auto it = std::upper_bound(m_lineStarts.begin(), m_lineStarts.end(), offset);
        line = static_cast<int>(it - m_lineStarts.begin());
        const std::size_t start = *(it - 1);
        column = static_cast<int>(utf8::length(std::string_view(m_src).substr(start, offset - start))) + 1;
    }

    [[noreturn]] void error(std::size_t offset, const std::string& message) const
    {
        int line = 1, column = 1;
        locate(offset, line, column);
        throw SyntaxError(message, line, column);
    }

    Token& emit(Token::Type type, std::string text, std::size_t offset)
    {
        Token t;
        t.type = type;
        t.text = std::move(text);
        locate(offset, t.line, t.column);
        m_tokens.push_back(std::move(t));
        return m_tokens.back();
    }

    void emitData(std::string text, std::size_t offset)
    {
        if (!text.empty())
            emit(Token::Type::Data, std::move(text), offset);
    }

    std::size_t skipWhitespace(std::size_t pos) const
    {
        while (pos < m_src.size()) {
            if (isAsciiSpace(m_src[pos])) {
                ++pos;
                continue;
            }
            if (!(m_src[pos] & 0x80))
                break;
            std::size_t end = pos + 1;
            while (end < m_src.size() && (m_src[end] & 0xC0) == 0x80)
                ++end;
            const std::u32string c = utf8::decode(std::string_view(m_src).substr(pos, end - pos));
            if (c.size() != 1 || !utf8::isSpace(c[0]))
                break;
            pos = end;
        }
        return pos;
    }

    // The whitespace control that applies to the text before a tag (jinja2's OptionalLStrip).
    void stripBeforeTag(std::string& text, char sign, bool lstripAllowed) const
    {
        if (sign == '-') {
            std::u32string chars = utf8::decode(text);
            while (!chars.empty() && utf8::isSpace(chars.back()))
                chars.pop_back();
            text = utf8::encode(chars);
            return;
        }
        if (sign == '+' || !lstripAllowed)
            return;
        const std::size_t newline = text.rfind('\n');
        const std::size_t lineStart = newline == npos ? 0 : newline + 1;
        if ((lineStart == 0 && !m_lineStarting) || lineStart == text.size())
            return;
        const std::u32string rest = utf8::decode(std::string_view(text).substr(lineStart));
        if (std::all_of(rest.begin(), rest.end(), [](char32_t c) { return utf8::isSpace(c); }))
            text.resize(lineStart);
    }

    bool startsWith(std::size_t pos, const char* literal) const { return m_src.compare(pos, std::char_traits<char>::length(literal), literal) == 0; }

    // After "{%" and its sign: `\s*raw\s*(-%}\s*|%})`; returns where the raw body starts, or npos.
    std::size_t matchRawBegin(std::size_t pos) const
    {
        pos = skipWhitespace(pos);
        if (!startsWith(pos, "raw"))
            return npos;
        pos = skipWhitespace(pos + 3);
        if (startsWith(pos, "-%}"))
            return skipWhitespace(pos + 3);
        if (startsWith(pos, "%}"))
            return pos + 2; // jinja2 applies no trim_blocks after {% raw %}
        return npos;
    }

    // Where the block end at `pos` ends ("+%}", "-%}" and following whitespace, "%}" and one newline), or npos.
    std::size_t matchBlockEnd(std::size_t pos) const
    {
        if (startsWith(pos, "+%}"))
            return pos + 3;
        if (startsWith(pos, "-%}"))
            return skipWhitespace(pos + 3);
        if (startsWith(pos, "%}"))
            return (pos + 2 < m_src.size() && m_src[pos + 2] == '\n') ? pos + 3 : pos + 2;
        return npos;
    }

    void setPosition(std::size_t pos)
    {
        m_pos = pos;
        m_lineStarting = pos > 0 && m_src[pos - 1] == '\n';
    }

    void lexRaw(std::size_t tag, std::size_t body)
    {
        m_lineStarting = body > 0 && m_src[body - 1] == '\n';
        for (std::size_t i = m_src.find("{%", body); i != npos; i = m_src.find("{%", i + 1)) {
            std::size_t pos = i + 2;
            char sign = 0;
            if (pos < m_src.size() && (m_src[pos] == '-' || m_src[pos] == '+'))
                sign = m_src[pos++];
            pos = skipWhitespace(pos);
            if (!startsWith(pos, "endraw"))
                continue;
            const std::size_t end = matchBlockEnd(skipWhitespace(pos + 6));
            if (end == npos)
                continue;
            std::string text = m_src.substr(body, i - body);
            stripBeforeTag(text, sign, /*lstripAllowed=*/true);
            emitData(std::move(text), body);
            setPosition(end);
            return;
        }
        error(tag, "the {% raw %} block is never closed. Add {% endraw %} after its text");
    }

    void lexComment(std::size_t tag, std::size_t pos)
    {
        for (std::size_t i = m_src.find("#}", pos); i != npos; i = m_src.find("#}", i + 1)) {
            if (i > pos && m_src[i - 1] == '-')
                setPosition(skipWhitespace(i + 2));
            else if (i > pos && m_src[i - 1] == '+')
                setPosition(i + 2);
            else
                setPosition((i + 2 < m_src.size() && m_src[i + 2] == '\n') ? i + 3 : i + 2);
            return;
        }
        error(tag, "the comment is never closed. Add '#}' where it ends");
    }

    void lexTag(char kind, std::size_t tag, std::size_t pos)
    {
        const bool block = kind == '%';
        emit(block ? Token::Type::BlockBegin : Token::Type::VariableBegin, {}, tag);
        m_pos = pos;
        std::string brackets; // the closers expected, innermost last
        while (true) {
            if (m_pos >= m_src.size())
                error(tag, block ? "the tag is never closed. Add '%}' where it ends"
                                 : "the expression is never closed. Add '}}' where it ends");
            if (brackets.empty()) {
                std::size_t end = npos;
                if (block)
                    end = matchBlockEnd(m_pos);
                else if (startsWith(m_pos, "-}}"))
                    end = skipWhitespace(m_pos + 3);
                else if (startsWith(m_pos, "}}"))
                    end = m_pos + 2;
                if (end != npos) {
                    emit(block ? Token::Type::BlockEnd : Token::Type::VariableEnd, {}, m_pos);
                    setPosition(end);
                    return;
                }
            }
            const char c = m_src[m_pos];
            const std::size_t next = skipWhitespace(m_pos);
            if (next != m_pos) {
                m_pos = next;
            } else if (isDigit(c)) {
                lexNumber();
            } else if (isNameStart(c)) {
                std::size_t end = m_pos;
                while (end < m_src.size() && isNameChar(m_src[end]))
                    ++end;
                emit(Token::Type::Name, m_src.substr(m_pos, end - m_pos), m_pos);
                m_pos = end;
            } else if (c == '\'' || c == '"') {
                lexString();
            } else {
                lexOperator(brackets);
            }
        }
    }

    // (\d+_)*\d+ at pos: returns its end, or pos when there is none.
    std::size_t digitRun(std::size_t pos) const
    {
        std::size_t end = pos;
        while (end < m_src.size() && isDigit(m_src[end])) {
            ++end;
            if (end + 1 < m_src.size() && m_src[end] == '_' && isDigit(m_src[end + 1]))
                ++end;
        }
        return end;
    }

    std::size_t exponentEnd(std::size_t pos) const
    {
        if (pos >= m_src.size() || (m_src[pos] != 'e' && m_src[pos] != 'E'))
            return npos;
        ++pos;
        if (pos < m_src.size() && (m_src[pos] == '+' || m_src[pos] == '-'))
            ++pos;
        const std::size_t end = digitRun(pos);
        return end == pos ? npos : end;
    }

    void lexNumber()
    {
        const std::size_t start = m_pos;
        // float_re first, as jinja2 tries it first; it never starts right after a '.'.
        if (start == 0 || m_src[start - 1] != '.') {
            const std::size_t whole = digitRun(start);
            std::size_t end = npos;
            if (whole < m_src.size() && m_src[whole] == '.') {
                const std::size_t fraction = digitRun(whole + 1);
                if (fraction > whole + 1) {
                    const std::size_t withExponent = exponentEnd(fraction);
                    end = withExponent != npos ? withExponent : fraction;
                }
            }
            if (end == npos)
                end = exponentEnd(whole);
            if (end != npos) {
                std::string text = m_src.substr(start, end - start);
                text.erase(std::remove(text.begin(), text.end(), '_'), text.end());
                emit(Token::Type::Float, text, start).real = std::strtod(text.c_str(), nullptr);
                m_pos = end;
                return;
            }
        }
        int base = 10;
        std::size_t pos = start;
        if (m_src[pos] == '0' && pos + 1 < m_src.size()) {
            const char p = static_cast<char>(m_src[pos + 1] | 0x20);
            base = p == 'b' ? 2 : p == 'o' ? 8 : p == 'x' ? 16 : 10;
        }
        std::string digits;
        if (base != 10) {
            pos += 2;
            while (pos < m_src.size()) {
                const std::size_t d = (m_src[pos] == '_' && pos + 1 < m_src.size()) ? pos + 1 : pos;
                const char c = static_cast<char>(m_src[d] | 0x20);
                const bool ok = base == 2 ? (c == '0' || c == '1') : base == 8 ? (c >= '0' && c <= '7')
                                                                   : (isDigit(c) || (c >= 'a' && c <= 'f'));
                if (!ok)
                    break;
                digits += c;
                pos = d + 1;
            }
            if (digits.empty()) { // "0x" without digits is the integer 0 followed by a name
                base = 10;
                pos = start;
            }
        }
        if (base == 10) {
            const std::size_t end = m_src[start] == '0' ? start + 1 : digitRun(start);
            std::size_t stop = end;
            if (m_src[start] == '0') // 0(_?0)*
                while (stop < m_src.size() && (m_src[stop] == '0' || (m_src[stop] == '_' && stop + 1 < m_src.size() && m_src[stop + 1] == '0')))
                    ++stop;
            digits = m_src.substr(start, stop - start);
            digits.erase(std::remove(digits.begin(), digits.end(), '_'), digits.end());
            pos = stop;
        }
        errno = 0;
        const long long value = std::strtoll(digits.c_str(), nullptr, base);
        if (errno == ERANGE)
            error(start, "the integer " + m_src.substr(start, pos - start) + " is too large (the limit is 2^63 - 1)");
        emit(Token::Type::Integer, m_src.substr(start, pos - start), start).integer = value;
        m_pos = pos;
    }

    void lexString()
    {
        const std::size_t start = m_pos;
        const char quote = m_src[start];
        std::size_t pos = start + 1;
        while (pos < m_src.size() && m_src[pos] != quote)
            pos += m_src[pos] == '\\' ? 2 : 1;
        if (pos >= m_src.size())
            error(start, std::string("the string is never closed. Add the closing ") + quote);
        emit(Token::Type::String, unescape(start + 1, pos), start);
        m_pos = pos + 1;
    }

    // Python's unicode-escape decoding, which jinja2 applies to string literals.
    std::string unescape(std::size_t begin, std::size_t end) const
    {
        std::string out;
        for (std::size_t i = begin; i < end; ++i) {
            if (m_src[i] != '\\' || i + 1 >= end) {
                out += m_src[i];
                continue;
            }
            const char c = m_src[++i];
            switch (c) {
            case '\n': break; // a line continuation
            case '\\': out += '\\'; break;
            case '\'': out += '\''; break;
            case '"': out += '"'; break;
            case 'a': out += '\a'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'v': out += '\v'; break;
            case 'x':
            case 'u':
            case 'U': {
                const std::size_t width = c == 'x' ? 2 : c == 'u' ? 4 : 8;
                std::size_t k = 0;
                char32_t code = 0;
                for (; k < width && i + 1 + k < end && hexValue(m_src[i + 1 + k]) >= 0; ++k)
                    code = code * 16 + static_cast<char32_t>(hexValue(m_src[i + 1 + k]));
                if (k != width || code > 0x10FFFF)
                    error(i - 1, std::string("bad \\") + c + " escape in a string. Write exactly " +
                                     std::to_string(width) + " hex digits");
                utf8::append(out, code);
                i += width;
                break;
            }
            default:
                if (c >= '0' && c <= '7') {
                    char32_t code = 0;
                    std::size_t k = 0;
                    for (; k < 3 && i + k < end && m_src[i + k] >= '0' && m_src[i + k] <= '7'; ++k)
                        code = code * 8 + static_cast<char32_t>(m_src[i + k] - '0');
                    utf8::append(out, code);
                    i += k - 1;
                } else if (c == 'N') {
                    error(i - 1, "\\N{...} escapes are not supported. Write the character itself");
                } else { // Python keeps an unknown escape as it is
                    out += '\\';
                    out += c;
                }
            }
        }
        return out;
    }

    void lexOperator(std::string& brackets)
    {
        static const char* const kOperators[] = {"//", "**", "==", "!=", ">=", "<=", "+", "-", "/", "*", "%", "~", "[",
                                                 "]", "(", ")", "{", "}", ">", "<", "=", ".", ":", "|", ",", ";"};
        for (const char* op : kOperators) {
            if (!startsWith(m_pos, op))
                continue;
            const char c = op[0];
            if (op[1] == 0 && (c == '(' || c == '[' || c == '{')) {
                brackets += c == '(' ? ')' : c == '[' ? ']' : '}';
            } else if (op[1] == 0 && (c == ')' || c == ']' || c == '}')) {
                if (brackets.empty())
                    error(m_pos, std::string("unexpected '") + c + "'. Remove it or add its opening bracket");
                if (brackets.back() != c)
                    error(m_pos, std::string("unexpected '") + c + "', expected '" + brackets.back() + "'");
                brackets.pop_back();
            }
            emit(Token::Type::Operator, op, m_pos);
            m_pos += std::char_traits<char>::length(op);
            return;
        }
        error(m_pos, std::string("unexpected character '") + m_src[m_pos] + "' in a tag");
    }

    std::string m_src;
    std::vector<std::size_t> m_lineStarts;
    std::size_t m_pos = 0;
    bool m_lineStarting = true;
    std::vector<Token> m_tokens;
};

} // namespace

std::vector<Token> tokenize(const std::string& source)
{
    return Lexer(source).run();
}

} // namespace core::chat
