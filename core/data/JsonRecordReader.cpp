#include "core/data/JsonRecordReader.h"

#include "core/common/Error.h"
#include "core/io/JsonFile.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>

namespace core {

namespace {

// ordered_json keeps the keys in file order for messages ("found: prompt, completion").
using json = nlohmann::ordered_json;

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// nlohmann's text without its "[json.exception.parse_error.101] parse error at line 1, column 5: " prefix, whose
// position is relative to the piece that was parsed.
std::string parseProblem(const json::parse_error& e)
{
    const std::string what = e.what();
    const size_t column = what.find("column ");
    const size_t colon = what.find(": ", column == std::string::npos ? 0 : column);
    return colon == std::string::npos ? what : what.substr(colon + 2);
}

// The byte ranges of the top-level array's elements. False at the first structural problem (unbalanced brackets, a
// missing comma, the end of the file inside the array): nlohmann then reports it precisely.
bool splitArray(const std::string& text, size_t open, std::vector<std::pair<size_t, size_t>>& spans)
{
    const size_t n = text.size();
    size_t i = open + 1;
    auto skipSpace = [&] {
        while (i < n && isSpace(text[i]))
            ++i;
    };
    skipSpace();
    if (i < n && text[i] == ']') {
        ++i;
        skipSpace();
        return i == n;
    }
    while (true) {
        skipSpace();
        const size_t begin = i;
        int depth = 0;
        bool inString = false;
        bool complete = false; // a string, object or array closed at depth 0: only ',' or ']' may follow
        for (; i < n; ++i) {
            const char c = text[i];
            if (inString) {
                if (c == '\\')
                    ++i;
                else if (c == '"') {
                    inString = false;
                    complete = depth == 0;
                }
                continue;
            }
            if (depth == 0 && (c == ',' || c == ']'))
                break;
            if (complete && !isSpace(c))
                return false; // e.g. a missing comma between two records
            if (c == '"')
                inString = true;
            else if (c == '{' || c == '[')
                ++depth;
            else if (c == '}' || c == ']') {
                if (depth == 0)
                    return false;
                complete = --depth == 0;
            }
        }
        if (i >= n || depth != 0)
            return false;
        size_t end = i;
        while (end > begin && isSpace(text[end - 1]))
            --end;
        if (end == begin)
            return false;
        spans.emplace_back(begin, end);
        if (text[i++] == ']') {
            skipSpace();
            return i == n;
        }
    }
}

void failWholeDocument(const SourceText& source)
{
    try {
        const json document = json::parse(source.text());
        (void)document;
    } catch (const json::parse_error& e) {
        const size_t offset = std::min<size_t>(e.byte > 0 ? e.byte - 1 : 0, source.text().size());
        LORAWB_FAIL(source.path(), ": ", source.location(offset), ": not valid JSON (", parseProblem(e),
                    "). The file looks truncated or damaged: check that it was written completely and fix the JSON ",
                    "at that place.");
    } catch (const json::out_of_range& e) {
        LORAWB_FAIL(source.path(), ": not valid JSON (", jsonErrorText(e), "): a number is beyond what a double ",
                    "holds (about 1.8e308); fix that number.");
    }
    LORAWB_FAIL(source.path(), ": the JSON array could not be split into records; report this with the file.");
}

// One record: its UTF-8, its JSON syntax, then its fields.
void readRecord(RecordCollector& out, size_t begin, size_t end)
{
    const std::string& text = out.source().text();
    const std::string_view piece(text.data() + begin, end - begin);
    const size_t bad = findInvalidUtf8(piece);
    if (bad != std::string_view::npos) {
        out.reject(begin, begin + bad, describeInvalidUtf8(piece, bad), kUtf8Fix);
        return;
    }
    json value;
    try {
        value = json::parse(piece.begin(), piece.end());
    } catch (const json::parse_error& e) {
        const size_t at = begin + std::min<size_t>(e.byte > 0 ? e.byte - 1 : 0, piece.size());
        out.reject(begin, at, "not valid JSON (" + parseProblem(e) + ")", "Fix the JSON syntax at that place");
        return;
    } catch (const json::out_of_range& e) {
        out.reject(begin, std::nullopt, "not valid JSON (" + jsonErrorText(e) + ")",
                   "A number is beyond what a double holds (about 1.8e308); fix that number");
        return;
    }
    if (!value.is_object()) {
        out.reject(begin, std::nullopt,
                   "expected an object like {\"" + out.mapping().shape().fields[0] + "\": …, \"" +
                       out.mapping().shape().fields[2] + "\": …}, got " + value.type_name(),
                   "Each record must be a JSON object");
        return;
    }
    if (out.needsKeys()) {
        std::vector<std::string> keys;
        keys.reserve(value.size());
        for (const auto& item : value.items())
            keys.push_back(item.key());
        out.noteKeys(keys);
    }
    const ColumnMapping& mapping = out.mapping();
    AlpacaRecord record;
    std::string* targets[3] = {&record.instruction, &record.input, &record.output};
    for (AlpacaField field : kAlpacaFields) {
        const SlotValue kind = mapping.shape().values[static_cast<size_t>(field)];
        if (kind == SlotValue::Unused)
            continue;
        const auto it = value.find(mapping.source(field));
        const bool missing = it == value.end() || it->is_null();
        if (missing && !mapping.required(field))
            continue;
        if (missing) {
            out.reject(begin, std::nullopt,
                       (it == value.end() ? "missing field " : "null field ") + mapping.describe(field),
                       "Every record needs " + mapping.shape().fieldsHint + "; add the field, or map the file's "
                       "own name for it with data.columns");
            return;
        }
        if (kind == SlotValue::List) {
            if (!it->is_array()) {
                out.reject(begin, std::nullopt,
                           "field " + mapping.describe(field) + " must be a list, got " + it->type_name(),
                           "Write it as a JSON list, e.g. [\"EU\", \"rejects\", \"German\"]");
                return;
            }
            *targets[static_cast<int>(field)] = it->dump(); // the task's reader parses the items
            continue;
        }
        if (kind == SlotValue::Label && !it->is_string()) {
            if (!it->is_number() && !it->is_array()) {
                out.reject(begin, std::nullopt,
                           "field " + mapping.describe(field) + " must be a class name, a class index, a list of "
                           "them or a number, got " + it->type_name(),
                           "Write the label as a string, a whole number, a list or a number");
                return;
            }
            *targets[static_cast<int>(field)] = it->dump(); // the label reader parses it again
            continue;
        }
        if (!it->is_string()) {
            out.reject(begin, std::nullopt,
                       "field " + mapping.describe(field) + " must be a string, got " + it->type_name(),
                       "Write the value as a JSON string (in quotes)");
            return;
        }
        *targets[static_cast<int>(field)] = it->get_ref<std::string&>();
    }
    out.add(std::move(record));
}

} // namespace

void readJsonArray(RecordCollector& out)
{
    const std::string& text = out.source().text();
    const size_t open = text.find_first_not_of(" \t\r\n");
    std::vector<std::pair<size_t, size_t>> spans;
    if (open == std::string::npos || text[open] != '[' || !splitArray(text, open, spans))
        failWholeDocument(out.source());
    for (const auto& [begin, end] : spans) {
        readRecord(out, begin, end);
        if (out.failed())
            break;
    }
}

void readJsonLines(RecordCollector& out)
{
    const std::string& text = out.source().text();
    const size_t n = text.size();
    bool first = true;
    for (size_t pos = 0; pos < n;) {
        const char* nl = static_cast<const char*>(std::memchr(text.data() + pos, '\n', n - pos));
        const size_t next = nl ? static_cast<size_t>(nl - text.data()) + 1 : n;
        size_t begin = pos, end = next;
        while (begin < end && isSpace(text[begin]))
            ++begin;
        while (end > begin && isSpace(text[end - 1]))
            --end;
        if (begin < end) {
            // A pretty-printed object is one JSON value over many lines, not JSON Lines: say so instead of "line 1:
            // unexpected end of input".
            if (first && text[begin] == '{' && !json::accept(text.begin() + begin, text.begin() + end) &&
                json::accept(text)) {
                const json whole = json::parse(text);
                std::string hint;
                for (const auto& item : whole.items())
                    if (item.value().is_array() && hint.empty())
                        hint = " The records may be the array under \"" + item.key() +
                               "\": save that array alone as the file.";
                LORAWB_FAIL(out.source().path(), ": the file is a single JSON object spread over several lines, not ",
                            "JSON Lines. Write one record object per line, or put the records in a JSON array [ … ].",
                            hint);
            }
            first = false;
            readRecord(out, begin, end);
            if (out.failed())
                break;
        }
        pos = next;
    }
}

} // namespace core
