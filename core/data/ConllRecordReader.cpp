#include "core/data/ConllRecordReader.h"

#include "core/common/Error.h"
#include "core/data/SourceText.h"

#include <nlohmann/json.hpp>

#include <cstring>

namespace core {

namespace {

bool isColumnSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

// The whitespace-separated columns of one line.
std::vector<std::string> columnsOf(const std::string& text, size_t begin, size_t end)
{
    std::vector<std::string> columns;
    size_t i = begin;
    while (i < end) {
        while (i < end && isColumnSpace(text[i]))
            ++i;
        const size_t start = i;
        while (i < end && !isColumnSpace(text[i]))
            ++i;
        if (i > start)
            columns.emplace_back(text, start, i - start);
    }
    return columns;
}

struct Sentence {
    size_t offset = 0; // where its first line starts
    nlohmann::json words = nlohmann::json::array(), tags = nlohmann::json::array();
    size_t badOffset = std::string::npos; // the first line with one column
    std::string badLine;
};

void emit(RecordCollector& out, Sentence& sentence)
{
    if (sentence.badOffset != std::string::npos) {
        out.reject(sentence.offset, sentence.badOffset,
                   "the line '" + sentence.badLine + "' has one column; a CoNLL line needs the word first and its "
                   "tag last",
                   "Write 'word TAG' on each line (more columns in between are fine) and a blank line between "
                   "sentences");
    } else if (!sentence.words.empty()) {
        AlpacaRecord record;
        record.instruction = sentence.words.dump();
        record.output = sentence.tags.dump();
        out.add(std::move(record));
    }
    sentence = Sentence();
}

} // namespace

void readConll(RecordCollector& out)
{
    const std::string& text = out.source().text();
    const size_t bad = findInvalidUtf8(text);
    LORAWB_CHECK(bad == std::string::npos, out.source().path(), ": ", out.source().location(bad), ": ",
                 describeInvalidUtf8(text, bad), ". ", kUtf8Fix, ".");
    const ColumnMapping& mapping = out.mapping();
    out.noteKeys({mapping.source(AlpacaField::Instruction), mapping.source(AlpacaField::Output)});
    Sentence sentence;
    const size_t n = text.size();
    for (size_t pos = 0; pos < n && !out.failed();) {
        const char* nl = static_cast<const char*>(std::memchr(text.data() + pos, '\n', n - pos));
        const size_t next = nl ? static_cast<size_t>(nl - text.data()) + 1 : n;
        const std::vector<std::string> columns = columnsOf(text, pos, nl ? next - 1 : n);
        if (columns.empty() || columns.front() == "-DOCSTART-") {
            emit(out, sentence);
        } else {
            if (sentence.words.empty() && sentence.badOffset == std::string::npos)
                sentence.offset = pos;
            if (columns.size() < 2 && sentence.badOffset == std::string::npos) {
                sentence.badOffset = pos;
                sentence.badLine = columns.front();
            }
            sentence.words.push_back(columns.front());
            sentence.tags.push_back(columns.back());
        }
        pos = next;
    }
    if (!out.failed())
        emit(out, sentence);
}

} // namespace core
