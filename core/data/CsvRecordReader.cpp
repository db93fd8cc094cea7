#include "core/data/CsvRecordReader.h"
#include "core/common/Text.h"

#include "core/common/Error.h"

#include <algorithm>

namespace core {

namespace {

struct CsvRow {
    std::vector<std::string> fields; // the first `count` are this row's; kept allocated between rows
    size_t count = 0;
    size_t begin = 0, end = 0;       // byte range in the text
    bool blank = false;
    std::string error;
    size_t errorOffset = 0;
};

std::string& nextField(CsvRow& row)
{
    if (row.count == row.fields.size())
        row.fields.emplace_back();
    std::string& field = row.fields[row.count++];
    field.clear();
    return field;
}

// Parses the row that starts at pos into row; returns where the next row starts.
size_t parseRow(const SourceText& source, size_t pos, char delimiter, CsvRow& row)
{
    const std::string& text = source.text();
    const size_t n = text.size();
    row.count = 0;
    row.begin = pos;
    row.error.clear();
    size_t i = pos;
    bool quotedAny = false;
    while (true) {
        std::string& field = nextField(row);
        if (i < n && text[i] == '"') {
            quotedAny = true;
            const size_t open = i++;
            while (true) {
                LORAWB_CHECK(i < n, source.path(), ": ", source.location(open),
                             ": a quoted field starts here and is never closed. Close it with \", and write a quote ",
                             "inside a field as two (\"\").");
                const char c = text[i];
                if (c == '"') {
                    if (i + 1 < n && text[i + 1] == '"') {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                if (c == '\r' && i + 1 < n && text[i + 1] == '\n') {
                    field += '\n';
                    i += 2;
                    continue;
                }
                size_t j = i + 1;
                while (j < n && text[j] != '"' && text[j] != '\r')
                    ++j;
                field.append(text, i, j - i);
                i = j;
            }
            const bool rowEnds = i >= n || text[i] == '\n' || (text[i] == '\r' && i + 1 < n && text[i + 1] == '\n');
            if (!rowEnds && text[i] != delimiter) {
                row.error = "text after the closing quote of a field (a quote inside a quoted field must be doubled: "
                            "\"\")";
                row.errorOffset = i - 1;
                const size_t nl = text.find('\n', i);
                row.end = nl == std::string::npos ? n : nl;
                return nl == std::string::npos ? n : nl + 1;
            }
        } else {
            size_t j = i;
            while (j < n && text[j] != delimiter && text[j] != '\n')
                ++j;
            size_t e = j;
            if (e > i && text[e - 1] == '\r' && (j == n || text[j] == '\n'))
                --e;
            field.assign(text, i, e - i);
            i = j;
        }
        if (i < n && text[i] == delimiter) {
            ++i;
            continue;
        }
        row.end = i;
        if (i < n && text[i] == '\r')
            ++i;
        if (i < n) // '\n'
            ++i;
        break;
    }
    row.blank = row.count == 1 && !quotedAny && row.fields[0].find_first_not_of(" \t") == std::string::npos;
    return i;
}

std::string trim(const std::string& text)
{
    const size_t b = text.find_first_not_of(" \t");
    if (b == std::string::npos)
        return {};
    return text.substr(b, text.find_last_not_of(" \t") - b + 1);
}

} // namespace

void readCsv(RecordCollector& out, char delimiter)
{
    const SourceText& source = out.source();
    const std::string& text = source.text();
    const ColumnMapping& mapping = out.mapping();
    CsvRow row;
    size_t pos = 0;
    do
        pos = parseRow(source, pos, delimiter, row);
    while (row.blank && pos < text.size());
    LORAWB_CHECK(row.error.empty(), source.path(), ": ", source.location(row.errorOffset), ": in the header row, ",
                 row.error, ".");
    std::vector<std::string> header;
    for (size_t k = 0; k < row.count; ++k)
        header.push_back(trim(row.fields[k]));
    const std::string columns = joinedWithCommas(header);
    int index[3] = {-1, -1, -1};
    for (AlpacaField field : kAlpacaFields) {
        const auto it = std::find(header.begin(), header.end(), mapping.source(field));
        if (it != header.end()) {
            LORAWB_CHECK(std::find(it + 1, header.end(), *it) == header.end(), source.path(), ": the header names the ",
                         "column '", *it, "' twice (columns: ", columns, "). Rename one of them.");
            index[static_cast<int>(field)] = static_cast<int>(it - header.begin());
        }
    }
    out.noteKeys(header);
    if (!mapping.anyIn(header))
        LORAWB_FAIL(mapping.noFieldsMessage(source.path(), header), " (CSV: the first row must be the header.)");
    for (AlpacaField field : kAlpacaFields)
        LORAWB_CHECK(
            index[static_cast<int>(field)] >= 0 || !mapping.required(field), source.path(),
            ": the header has no column ", mapping.describe(field), " (columns: ", columns,
            "). Rename the column, or map it with data.columns, e.g. {answer: ", mapping.fieldName(field), "}.");

    while (pos < text.size() && !out.failed()) {
        pos = parseRow(source, pos, delimiter, row);
        if (row.blank && row.error.empty())
            continue;
        if (!row.error.empty()) {
            out.reject(row.begin, row.errorOffset, row.error, "Fix the quoting of that field");
            continue;
        }
        const std::string_view raw(text.data() + row.begin, row.end - row.begin);
        const size_t bad = findInvalidUtf8(raw);
        if (bad != std::string_view::npos) {
            out.reject(row.begin, row.begin + bad, describeInvalidUtf8(raw, bad), kUtf8Fix);
            continue;
        }
        if (row.count != header.size()) {
            out.reject(row.begin, std::nullopt,
                       detail::concat(row.count, " fields, but the header has ", header.size(), " columns"),
                       "Quote fields that contain the delimiter or line breaks (\"…\")");
            continue;
        }
        AlpacaRecord record;
        std::string* targets[3] = {&record.instruction, &record.input, &record.output};
        for (int f = 0; f < 3; ++f)
            if (index[f] >= 0)
                *targets[f] = std::move(row.fields[static_cast<size_t>(index[f])]);
        out.add(std::move(record));
    }
}

} // namespace core
