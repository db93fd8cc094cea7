#include "core/io/JsonFile.h"

#include "core/common/Error.h"
#include "core/io/AtomicFile.h"

#include <algorithm>

namespace core {
namespace {

// nlohmann's reason without its "[json.exception.parse_error.101] parse error at line 1, column 2: " prefix, since
// the message states the position itself.
std::string parseReason(const std::string& what)
{
    const auto start = what.find("parse error");
    const auto colon = start == std::string::npos ? std::string::npos : what.find(": ", start);
    return colon == std::string::npos ? what : what.substr(colon + 2);
}

} // namespace

std::string jsonErrorText(const std::exception& error)
{
    const std::string what = error.what();
    if (what.rfind("[json.exception.", 0) == 0) {
        const auto end = what.find("] ");
        if (end != std::string::npos)
            return what.substr(end + 2);
    }
    return what;
}

namespace {

template <typename Json>
Json parseJsonFile(const std::string& path, const std::string& what)
{
    const std::string text = readWholeFile(path, what);
    try {
        return Json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        // e.byte is the 1-based index of the byte where parsing stopped; count lines up to it ourselves so that the
        // position does not depend on the nlohmann version's message format.
        const size_t stop = std::min<size_t>(e.byte == 0 ? 0 : e.byte - 1, text.size());
        const size_t line = 1 + size_t(std::count(text.begin(), text.begin() + long(stop), '\n'));
        const size_t lineStart = text.rfind('\n', stop == 0 ? std::string::npos : stop - 1);
        const size_t column = lineStart == std::string::npos || stop == 0 ? stop + 1 : stop - lineStart;
        LORAWB_FAIL(what, " '", path, "' is not valid JSON: line ", line, ", column ", column, ": ",
                    parseReason(e.what()), "; fix the file there (a missing comma, quote or bracket is the usual ",
                    "cause), or restore it from the original source");
    } catch (const nlohmann::json::out_of_range& e) { // a number beyond a double's range, e.g. 1e999
        LORAWB_FAIL(what, " '", path, "' is not valid JSON: ", jsonErrorText(e), "; a number in the file is beyond "
                    "what a double holds (about 1.8e308): fix that number, or restore the file from the original "
                    "source");
    }
}

template <typename Json>
void writeJson(const std::string& path, const Json& value)
{
    std::string text;
    try {
        text = value.dump(2) + "\n";
    } catch (const nlohmann::json::exception& e) {
        LORAWB_FAIL("cannot write '", path, "': a value is not valid UTF-8 (", jsonErrorText(e), "); fix that text");
    }
    writeFileAtomically(path, text);
}

} // namespace

nlohmann::json readJsonFile(const std::string& path, const std::string& what)
{
    return parseJsonFile<nlohmann::json>(path, what);
}

nlohmann::ordered_json readOrderedJsonFile(const std::string& path, const std::string& what)
{
    return parseJsonFile<nlohmann::ordered_json>(path, what);
}

void writeJsonFileAtomically(const std::string& path, const nlohmann::json& value) { writeJson(path, value); }

void writeOrderedJsonFileAtomically(const std::string& path, const nlohmann::ordered_json& value) { writeJson(path, value); }

} // namespace core
