#include "core/chat/PyString.h"

#include "core/chat/Utf8.h"
#include "core/chat/Work.h"

#include <algorithm>

namespace core::chat::pystr {

std::string strip(const std::string& s, const std::optional<std::string>& chars, bool left, bool right)
{
    const std::u32string text = utf8::decode(s);
    const std::u32string set = chars ? utf8::decode(*chars) : std::u32string();
    auto stripped = [&](char32_t c) { return chars ? set.find(c) != std::u32string::npos : utf8::isSpace(c); };
    std::size_t begin = 0, end = text.size();
    while (left && begin < end && stripped(text[begin]))
        ++begin;
    while (right && end > begin && stripped(text[end - 1]))
        --end;
    return utf8::encode(std::u32string_view(text).substr(begin, end - begin));
}

std::vector<std::string> split(const std::string& s, const std::optional<std::string>& sep, std::int64_t maxSplit, bool fromRight)
{
    chargeWork(s.size() / kBytesPerStep);
    std::vector<std::string> parts;
    if (sep) {
        const std::size_t n = sep->size();
        if (!fromRight) {
            std::size_t start = 0;
            for (std::size_t at = s.find(*sep); at != std::string::npos && (maxSplit < 0 || static_cast<std::int64_t>(parts.size()) < maxSplit);
                 at = s.find(*sep, start)) {
                parts.push_back(s.substr(start, at - start));
                start = at + n;
            }
            parts.push_back(s.substr(start));
            return parts;
        }
        std::size_t end = s.size();
        while (maxSplit < 0 || static_cast<std::int64_t>(parts.size()) < maxSplit) {
            if (end < n)
                break;
            const std::size_t at = s.rfind(*sep, end - n);
            if (at == std::string::npos)
                break;
            parts.push_back(s.substr(at + n, end - at - n));
            end = at;
        }
        parts.push_back(s.substr(0, end));
        std::reverse(parts.begin(), parts.end());
        return parts;
    }
    std::u32string text = utf8::decode(s);
    if (fromRight)
        std::reverse(text.begin(), text.end());
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && utf8::isSpace(text[i]))
            ++i;
        if (i == text.size())
            break;
        std::size_t end = i;
        if (maxSplit >= 0 && static_cast<std::int64_t>(parts.size()) == maxSplit) {
            end = text.size(); // the rest, trailing whitespace and all
        } else {
            while (end < text.size() && !utf8::isSpace(text[end]))
                ++end;
        }
        std::u32string piece = text.substr(i, end - i);
        if (fromRight)
            std::reverse(piece.begin(), piece.end());
        parts.push_back(utf8::encode(piece));
        i = end;
    }
    if (fromRight)
        std::reverse(parts.begin(), parts.end());
    return parts;
}

std::vector<std::string> splitLines(const std::string& s, bool keepEnds)
{
    const std::u32string text = utf8::decode(s);
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (!utf8::isLineBreak(text[i]))
            continue;
        std::size_t end = i + 1;
        if (text[i] == '\r' && end < text.size() && text[end] == '\n')
            ++end;
        lines.push_back(utf8::encode(std::u32string_view(text).substr(start, (keepEnds ? end : i) - start)));
        start = end;
        i = end - 1;
    }
    if (start < text.size())
        lines.push_back(utf8::encode(std::u32string_view(text).substr(start)));
    return lines;
}

std::string replace(const std::string& s, const std::string& from, const std::string& to, std::int64_t count)
{
    chargeWork(s.size() / kBytesPerStep);
    std::string out;
    if (from.empty()) { // Python inserts `to` before every character and at the end
        std::int64_t done = 0;
        for (const std::string& c : utf8::characters(s)) {
            if (count < 0 || done < count) {
                out += to;
                ++done;
            }
            out += c;
        }
        if (count < 0 || done < count)
            out += to;
        return out;
    }
    std::size_t start = 0;
    std::int64_t done = 0;
    for (std::size_t at = s.find(from); at != std::string::npos && (count < 0 || done < count); at = s.find(from, start)) {
        out.append(s, start, at - start);
        out += to;
        start = at + from.size();
        ++done;
    }
    out.append(s, start, std::string::npos);
    return out;
}

std::int64_t find(const std::string& s, const std::string& sub, bool fromRight)
{
    chargeWork(s.size() / kBytesPerStep);
    const std::size_t at = fromRight ? s.rfind(sub) : s.find(sub);
    if (at == std::string::npos)
        return -1;
    return static_cast<std::int64_t>(utf8::length(std::string_view(s).substr(0, at)));
}

std::int64_t count(const std::string& s, const std::string& sub)
{
    chargeWork(s.size() / kBytesPerStep);
    if (sub.empty())
        return static_cast<std::int64_t>(utf8::length(s)) + 1;
    std::int64_t n = 0;
    for (std::size_t at = s.find(sub); at != std::string::npos; at = s.find(sub, at + sub.size()))
        ++n;
    return n;
}

std::string title(const std::string& s)
{
    std::string out;
    bool previousCased = false;
    for (char32_t c : utf8::decode(s)) {
        if (previousCased)
            utf8::append(out, utf8::lower(c));
        else if (c == 0xDF)
            out += "Ss";
        else
            utf8::append(out, utf8::upper(c));
        previousCased = utf8::isCased(c);
    }
    return out;
}

std::string capitalize(const std::string& s)
{
    std::u32string text = utf8::decode(s);
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (i == 0 && text[i] == 0xDF)
            out += "Ss";
        else
            utf8::append(out, i == 0 ? utf8::upper(text[i]) : utf8::lower(text[i]));
    }
    return out;
}

bool is(const std::string& s, CharClass cls)
{
    const std::u32string text = utf8::decode(s);
    if (text.empty())
        return false;
    auto digit = [](char32_t c) { return c >= '0' && c <= '9'; };
    auto alpha = [](char32_t c) { return utf8::isCased(c) || (c >= 0x80 && utf8::isWordChar(c) && !(c >= 0xFF10 && c <= 0xFF19)); };
    bool anyCased = false;
    for (char32_t c : text) {
        switch (cls) {
        case CharClass::Digit: if (!digit(c)) return false; break;
        case CharClass::Alpha: if (!alpha(c)) return false; break;
        case CharClass::Alnum: if (!digit(c) && !alpha(c)) return false; break;
        case CharClass::Space: if (!utf8::isSpace(c)) return false; break;
        case CharClass::Lower: // no uppercase letter, at least one cased one
            if (utf8::lower(c) != c) return false;
            anyCased = anyCased || utf8::isCased(c);
            break;
        case CharClass::Upper:
            if (utf8::upper(c) != c || c == 0xDF) return false;
            anyCased = anyCased || utf8::isCased(c);
            break;
        }
    }
    return (cls == CharClass::Lower || cls == CharClass::Upper) ? anyCased : true;
}

} // namespace core::chat::pystr
