#include "core/data/SourceText.h"

#include "core/common/Error.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace core {

const char* const kUtf8Fix = "The file must be UTF-8: re-save it as UTF-8 (e.g. iconv -f latin1 -t utf-8 IN > OUT)";

namespace {

bool startsWith(const std::string& text, const char* prefix, size_t n)
{
    return text.size() >= n && std::memcmp(text.data(), prefix, n) == 0;
}

} // namespace

SourceText::SourceText(std::string path, std::string text) : m_path(std::move(path)), m_text(std::move(text)) {}

SourceText SourceText::load(const std::string& path)
{
    std::error_code ec;
    LORAWB_CHECK(std::filesystem::exists(path, ec), path,
                 ": data file not found; check data.path (relative paths start ",
                 "at the directory the program runs in).");
    LORAWB_CHECK(!std::filesystem::is_directory(path, ec), path, ": is a directory; data.path must name a file.");
    std::ifstream in(path, std::ios::binary);
    LORAWB_CHECK(in, path, ": cannot be read (check its permissions).");
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    in.seekg(0, std::ios::beg);
    std::string bytes;
    if (size > 0) {
        bytes.resize(static_cast<size_t>(size));
        in.read(bytes.data(), size);
        LORAWB_CHECK(in.gcount() == size, path, ": could not be read completely (", in.gcount(), " of ", size,
                     " bytes).");
    }
    return fromString(path, std::move(bytes));
}

SourceText SourceText::fromString(std::string path, std::string text)
{
    // UTF-32 first: its little-endian BOM starts with UTF-16's.
    LORAWB_CHECK(!startsWith(text, "\xFF\xFE\x00\x00", 4) && !startsWith(text, "\x00\x00\xFE\xFF", 4), path,
                 ": the file is UTF-32 encoded. Re-save it as UTF-8.");
    LORAWB_CHECK(!startsWith(text, "\xFF\xFE", 2) && !startsWith(text, "\xFE\xFF", 2), path,
                 ": the file is UTF-16 encoded. Re-save it as UTF-8 (e.g. iconv -f utf-16 -t utf-8 IN > OUT).");
    if (startsWith(text, "\xEF\xBB\xBF", 3))
        text.erase(0, 3);
    LORAWB_CHECK(
        text.find_first_not_of(" \t\r\n") != std::string::npos, path,
        ": the file is empty. Fill it with records (one {\"instruction\": …, \"input\": …, \"output\": …} ",
        "object per line for JSONL, a JSON array of them, or a CSV file with those columns), or with text for ",
        "data.format: text.");
    return SourceText(std::move(path), std::move(text));
}

void SourceText::indexLines() const
{
    if (!m_lineStarts.empty())
        return;
    m_lineStarts.push_back(0);
    const char* begin = m_text.data();
    const char* end = begin + m_text.size();
    for (const char* p = begin; (p = static_cast<const char*>(std::memchr(p, '\n', end - p))) != nullptr; ++p)
        m_lineStarts.push_back(static_cast<size_t>(p - begin) + 1);
}

int64_t SourceText::line(size_t offset) const
{
    indexLines();
    const auto it = std::upper_bound(m_lineStarts.begin(), m_lineStarts.end(), offset);
    return static_cast<int64_t>(it - m_lineStarts.begin());
}

int64_t SourceText::column(size_t offset) const
{
    offset = std::min(offset, m_text.size());
    const size_t lineStart = m_lineStarts[static_cast<size_t>(line(offset) - 1)]; // line() built the index
    int64_t column = 1;
    for (size_t i = lineStart; i < offset; ++i)
        if ((static_cast<unsigned char>(m_text[i]) & 0xC0) != 0x80) // count code points, not continuation bytes
            ++column;
    return column;
}

std::string SourceText::location(size_t offset) const
{
    return detail::concat("line ", line(offset), ", column ", column(offset));
}

size_t findInvalidUtf8(std::string_view text)
{
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const size_t n = text.size();
    size_t i = 0;
    while (i < n) {
        // ASCII runs are the common case: test eight bytes at a time.
        if (i + 8 <= n) {
            uint64_t chunk;
            std::memcpy(&chunk, s + i, 8);
            if ((chunk & 0x8080808080808080ULL) == 0) {
                i += 8;
                continue;
            }
        }
        const unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        size_t len;
        unsigned char lo = 0x80, hi = 0xBF; // allowed range of the second byte
        if (c >= 0xC2 && c <= 0xDF)
            len = 2;
        else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            if (c == 0xE0)
                lo = 0xA0; // overlong
            if (c == 0xED)
                hi = 0x9F; // surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            if (c == 0xF0)
                lo = 0x90; // overlong
            if (c == 0xF4)
                hi = 0x8F; // above U+10FFFF
        } else
            return i;
        if (i + len > n || s[i + 1] < lo || s[i + 1] > hi)
            return i;
        for (size_t k = 2; k < len; ++k)
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
        i += len;
    }
    return std::string_view::npos;
}

std::string describeInvalidUtf8(std::string_view text, size_t offset)
{
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", offset < text.size() ? static_cast<unsigned char>(text[offset]) : 0u);
    return std::string("invalid UTF-8 (byte ") + hex + ")";
}

} // namespace core
