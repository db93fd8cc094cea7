#include "core/data/DatasetReader.h"

#include "core/common/Error.h"
#include "core/common/Text.h"
#include "core/data/ConllRecordReader.h"
#include "core/data/CsvRecordReader.h"
#include "core/data/JsonRecordReader.h"
#include "core/data/SourceText.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace core {

namespace {

std::string extensionOf(const std::string& path)
{
    return asciiLower(std::filesystem::path(path).extension().string());
}

// A character for a message: itself in quotes when printable ASCII, else its value (a binary file may start with NUL,
// which would end the message early wherever it is shown as a C string).
std::string describeByte(char c)
{
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7f)
        return std::string("'") + c + "'";
    static const char* const kHex = "0123456789ABCDEF";
    return std::string("byte 0x") + kHex[byte >> 4] + kHex[byte & 15] + ", so it is probably not a text file";
}

RecordSet readSource(const SourceText& source, const DataConfig& cfg)
{
    const ColumnMapping mapping(cfg.columns, recordShapeOf(cfg.format));
    RecordCollector collector(source, mapping, cfg.skipInvalid);
    const std::string ext = extensionOf(source.path());
    const std::string& text = source.text();
    const char first = text[text.find_first_not_of(" \t\r\n")]; // SourceText refuses blank files
    if (cfg.format == DataFormat::TokenCls) {
        // JSON by its extension; a CoNLL file may well start with '[' or '{' (a bracket is a token like any other).
        LORAWB_CHECK(ext != ".csv", source.path(), ": token_cls data is a JSON array or JSON Lines file of records "
                     "with a 'tokens' list and a 'tags' list, or CoNLL column text (.conll, .txt: 'word TAG' per line, "
                     "a blank line between sentences), not CSV. Convert the file to one of those.");
        if (ext == ".json")
            readJsonArray(collector);
        else if (ext == ".jsonl" || ext == ".ndjson")
            readJsonLines(collector);
        else
            readConll(collector);
        return collector.finish();
    }
    if (ext == ".csv" || ext == ".tsv")
        readCsv(collector, ext == ".tsv" ? '\t' : ',');
    else if (first == '[')
        readJsonArray(collector);
    else if (first == '{')
        readJsonLines(collector);
    else
        LORAWB_FAIL(source.path(), ": not a JSON array, JSON Lines or CSV file (it starts with ", describeByte(first),
                    "). Alpaca data is a JSON array of {\"instruction\": …, \"input\": …, \"output\": …} objects, ",
                    "one such object per line (.jsonl), or a CSV file with those columns (.csv).");
    return collector.finish();
}

} // namespace

RecordSet readAlpacaRecords(const std::string& path, const DataConfig& cfg)
{
    return readSource(SourceText::load(path), cfg);
}

RecordSet readAlpacaRecordsFromString(const std::string& path, std::string text, const DataConfig& cfg)
{
    return readSource(SourceText::fromString(path, std::move(text)), cfg);
}

std::string readTextFile(const std::string& path)
{
    SourceText source = SourceText::load(path);
    const std::string& text = source.text();
    const size_t bad = findInvalidUtf8(text);
    LORAWB_CHECK(bad == std::string_view::npos, path, ": ", source.location(bad), ": ", describeInvalidUtf8(text, bad),
                 ". ", kUtf8Fix, ".");
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i)
        if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n'))
            out += text[i];
    return out;
}

std::string recordWhere(const std::string& path, const RecordSet& set, size_t i)
{
    return path + ": record " + std::to_string(set.fileIndex.empty() ? i + 1 : set.fileIndex[i] + 1);
}

} // namespace core
