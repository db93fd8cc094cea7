#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace core {

// A data file's bytes as UTF-8 text (a UTF-8 BOM removed), and the map from a byte offset to the line and column that
// error messages name.
class SourceText {
public:
    // Throws core::Error naming the file when it is missing, unreadable, UTF-16/UTF-32, empty or only whitespace.
    static SourceText load(const std::string& path);
    // In-memory text under a display name; the same checks as load().
    static SourceText fromString(std::string path, std::string text);

    const std::string& path() const { return m_path; }
    const std::string& text() const { return m_text; }
    // 1-based line of a byte offset into text().
    int64_t line(size_t offset) const;
    // 1-based column, in characters (UTF-8 code points), of a byte offset into text().
    int64_t column(size_t offset) const;
    // "line 4, column 17"
    std::string location(size_t offset) const;

private:
    SourceText(std::string path, std::string text);
    void indexLines() const;

    std::string m_path;
    std::string m_text;
    mutable std::vector<size_t> m_lineStarts; // built on first use: only error messages need it
};

// Byte offset of the first byte of text that is not well-formed UTF-8 (overlong forms, surrogates and code points
// above U+10FFFF included), or std::string_view::npos.
size_t findInvalidUtf8(std::string_view text);
// "invalid UTF-8 (byte 0xE9)"
std::string describeInvalidUtf8(std::string_view text, size_t offset);
// The fix appended to every invalid-UTF-8 message.
extern const char* const kUtf8Fix;

} // namespace core
