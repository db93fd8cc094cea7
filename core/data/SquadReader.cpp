// readSquadFile: the SQuAD JSON forms and datasets' flattened records (SquadData.h), checked as they are read.
#include "core/data/SquadData.h"

#include "core/common/Error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <unordered_map>

namespace core {

namespace {

using nlohmann::json;

const char* const kForms = "A SQuAD file is {\"version\": ..., \"data\": [{\"title\", \"paragraphs\": [{\"context\", "
                           "\"qas\": [{\"id\", \"question\", \"answers\": [{\"text\", \"answer_start\"}]}]}]}]}, or "
                           "JSONL as datasets exports it, one {\"id\", \"context\", \"question\", \"answers\": "
                           "{\"text\": [...], \"answer_start\": [...]}} per line";

bool blank(const std::string& s) { return s.find_first_not_of(" \t\n\r\f\v") == std::string::npos; }

// Byte offset of every code point of s, then s.size().
std::vector<size_t> charStarts(const std::string& s)
{
    std::vector<size_t> starts;
    for (size_t i = 0; i < s.size(); ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80)
            starts.push_back(i);
    starts.push_back(s.size());
    return starts;
}

// obj[name] as a string that is not blank; `fix` says what belongs there.
std::string text(const json& obj, const char* name, const std::string& where, const char* fix)
{
    const auto it = obj.find(name);
    LORAWB_CHECK(it != obj.end() && it->is_string(), where, ": '", name, "' is ",
                 it == obj.end() ? std::string("missing") : it->dump(), "; ", fix, ".");
    std::string value = it->get<std::string>();
    LORAWB_CHECK(!blank(value), where, ": '", name, "' is empty; ", fix, ".");
    return value;
}

// answer_start (code points) → the byte offset of `answer` in context, checked against the context.
SquadAnswer placeAnswer(const std::string& context, const std::vector<size_t>& chars, const std::string& answer,
                        const json& start, const std::string& where)
{
    LORAWB_CHECK(!answer.empty(), where, ": an answer's text is empty; an answer is a span of the context. Fill it "
                 "in, or mark the question \"is_impossible\": true with no answers");
    LORAWB_CHECK(start.is_number_integer(), where, ": answer_start of '", answer, "' is ", start.dump(),
                 "; it is the answer's character offset in the context, a whole number");
    const int64_t first = start.get<int64_t>();
    const auto length = static_cast<int64_t>(charStarts(answer).size() - 1);
    const auto contextChars = static_cast<int64_t>(chars.size() - 1);
    // Compared without first + length, which a huge answer_start would overflow.
    LORAWB_CHECK(first >= 0 && length <= contextChars && first <= contextChars - length, where, ": answer '", answer, "' at answer_start ", first,
                 " runs outside the context (", contextChars, " characters); answer_start counts characters (code "
                 "points) from 0. Fix answer_start");
    const size_t begin = chars[static_cast<size_t>(first)];
    if (context.compare(begin, answer.size(), answer) != 0) {
        const std::string found = context.substr(begin, chars[static_cast<size_t>(first + length)] - begin);
        const size_t at = context.find(answer);
        const std::string hint =
            at == std::string::npos
                ? "the context does not hold it anywhere. Fix the answer's text"
                : "the text occurs at character " +
                      std::to_string(std::lower_bound(chars.begin(), chars.end(), at) - chars.begin()) +
                      ". Fix answer_start (it counts characters, Unicode code points, from 0)";
        LORAWB_FAIL(where, ": answer_start ", first, " does not match the answer's text: the context holds '", found,
                    "' there, the answer is '", answer, "'; ", hint);
    }
    return SquadAnswer{answer, static_cast<int64_t>(begin)};
}

// Checks the answers against impossible and adds the question, refusing a duplicate id.
void addQuestion(SquadQuestion q, const std::string& where, std::vector<SquadQuestion>& out,
                 std::unordered_map<std::string, std::string>& seen)
{
    LORAWB_CHECK(!(q.impossible && !q.answers.empty()), where, ": \"is_impossible\" is true but the question has ",
                 q.answers.size(), " answer(s); an unanswerable question has none (SQuAD v2.0 keeps guesses in "
                 "plausible_answers). Empty its answers, or set is_impossible to false");
    LORAWB_CHECK(q.impossible || !q.answers.empty(), where, ": the question has no answers; give it one (\"answers\": "
                 "[{\"text\", \"answer_start\"}]), or mark it \"is_impossible\": true if the context does not answer it "
                 "(SQuAD v2.0)");
    const auto [it, added] = seen.emplace(q.id, where);
    LORAWB_CHECK(added, where, ": the id '", q.id, "' is already used (", it->second, "); predictions and metrics "
                 "name questions by id. Give every question its own id");
    out.push_back(std::move(q));
}

bool impossibleFlag(const json& obj, const std::string& where)
{
    const auto it = obj.find("is_impossible");
    if (it == obj.end())
        return false;
    LORAWB_CHECK(it->is_boolean(), where, ": 'is_impossible' is ", it->dump(), "; write true or false");
    return it->get<bool>();
}

void readSquadData(const json& doc, const std::string& path, std::vector<SquadQuestion>& out)
{
    const auto data = doc.find("data");
    LORAWB_CHECK(data != doc.end() && data->is_array(), path, ": no 'data' list of articles. ", kForms);
    std::unordered_map<std::string, std::string> seen;
    for (size_t a = 0; a < data->size(); ++a) {
        const json& article = (*data)[a];
        std::string where = path + ": article " + std::to_string(a + 1);
        LORAWB_CHECK(article.is_object(), where, " is ", article.dump(), "; an article is {\"title\", \"paragraphs\"}");
        if (article.contains("title") && article["title"].is_string())
            where += " ('" + article["title"].get<std::string>() + "')";
        const auto paragraphs = article.find("paragraphs");
        LORAWB_CHECK(paragraphs != article.end() && paragraphs->is_array(), where, ": no 'paragraphs' list; an "
                     "article is {\"title\", \"paragraphs\": [{\"context\", \"qas\"}]}");
        for (size_t p = 0; p < paragraphs->size(); ++p) {
            const json& paragraph = (*paragraphs)[p];
            const std::string pWhere = where + ", paragraph " + std::to_string(p + 1);
            LORAWB_CHECK(paragraph.is_object(), pWhere, " is not an object; a paragraph is {\"context\", \"qas\"}");
            const std::string context = text(paragraph, "context", pWhere, "a paragraph needs the text its questions "
                                             "are answered from");
            const std::vector<size_t> chars = charStarts(context);
            const auto qas = paragraph.find("qas");
            LORAWB_CHECK(qas != paragraph.end() && qas->is_array(), pWhere, ": no 'qas' list of questions");
            for (size_t k = 0; k < qas->size(); ++k) {
                const json& qa = (*qas)[k];
                std::string qWhere = pWhere + ", question " + std::to_string(k + 1);
                LORAWB_CHECK(qa.is_object(), qWhere, " is not an object; a question is {\"id\", \"question\", "
                             "\"answers\"}");
                SquadQuestion q;
                q.id = text(qa, "id", qWhere, "every question needs an id, unique in the file");
                qWhere += " (id '" + q.id + "')";
                q.question = text(qa, "question", qWhere, "write the question");
                q.context = context;
                q.impossible = impossibleFlag(qa, qWhere);
                const auto answers = qa.find("answers");
                if (answers != qa.end()) {
                    LORAWB_CHECK(answers->is_array(), qWhere, ": 'answers' is ", answers->dump(), "; it is a list of "
                                 "{\"text\", \"answer_start\"}");
                    for (const json& answer : *answers) {
                        LORAWB_CHECK(answer.is_object() && answer.contains("text") && answer["text"].is_string() &&
                                         answer.contains("answer_start"),
                                     qWhere, ": the answer ", answer.dump(), " is not {\"text\": ..., \"answer_start\": "
                                     "...}");
                        q.answers.push_back(placeAnswer(context, chars, answer["text"].get<std::string>(),
                                                        answer["answer_start"], qWhere));
                    }
                }
                addQuestion(std::move(q), qWhere, out, seen);
            }
        }
    }
}

// One record of datasets' flattened form.
void readFlatRecord(const json& record, const std::string& at, std::vector<SquadQuestion>& out,
                    std::unordered_map<std::string, std::string>& seen)
{
    LORAWB_CHECK(record.is_object(), at, " is not an object. ", kForms);
    SquadQuestion q;
    q.id = text(record, "id", at, "every question needs an id, unique in the file");
    const std::string where = at + " (id '" + q.id + "')";
    q.question = text(record, "question", where, "write the question");
    q.context = text(record, "context", where, "a question needs the text it is answered from");
    const auto answers = record.find("answers");
    LORAWB_CHECK(answers != record.end() && answers->is_object() && answers->contains("text") &&
                     answers->contains("answer_start") && (*answers)["text"].is_array() &&
                     (*answers)["answer_start"].is_array(),
                 where, ": 'answers' is ", answers == record.end() ? std::string("missing") : answers->dump(),
                 "; it is {\"text\": [...], \"answer_start\": [...]} (both empty for an unanswerable question)");
    const json& texts = (*answers)["text"];
    const json& starts = (*answers)["answer_start"];
    LORAWB_CHECK(texts.size() == starts.size(), where, ": ", texts.size(), " answer texts but ", starts.size(),
                 " answer_start values; each answer needs both. Make the two lists line up");
    const std::vector<size_t> chars = charStarts(q.context);
    for (size_t i = 0; i < texts.size(); ++i) {
        LORAWB_CHECK(texts[i].is_string(), where, ": answer text ", i + 1, " is ", texts[i].dump(), "; write a string");
        q.answers.push_back(placeAnswer(q.context, chars, texts[i].get<std::string>(), starts[i], where));
    }
    // squad_v2 marks an unanswerable question by empty lists alone; an explicit flag must agree with them.
    q.impossible = record.contains("is_impossible") ? impossibleFlag(record, where) : q.answers.empty();
    addQuestion(std::move(q), where, out, seen);
}

} // namespace

std::vector<SquadQuestion> readSquadFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    LORAWB_CHECK(in, path, ": cannot open the file; check the path (data.path)");
    std::stringstream buffer;
    buffer << in.rdbuf();
    return readSquadText(path, buffer.str());
}

std::vector<SquadQuestion> readSquadText(const std::string& path, const std::string& content)
{
    std::vector<SquadQuestion> out;
    std::unordered_map<std::string, std::string> seen;
    const json doc = json::parse(content, nullptr, /*allow_exceptions=*/false);
    if (!doc.is_discarded()) {
        if (doc.is_object() && doc.contains("context"))
            readFlatRecord(doc, path + ": line 1", out, seen); // JSONL of one record
        else if (doc.is_array())
            for (size_t i = 0; i < doc.size(); ++i)
                readFlatRecord(doc[i], path + ": record " + std::to_string(i + 1), out, seen);
        else {
            LORAWB_CHECK(doc.is_object(), path, ": the JSON is ", doc.type_name(), ", not a SQuAD object. ", kForms);
            readSquadData(doc, path, out);
        }
    } else {
        const size_t first = content.find_first_not_of(" \t\r\n");
        const bool lines = first != std::string::npos && content[first] == '{' &&
                           content.find('\n', first) != std::string::npos;
        if (!lines) {
            std::string reason;
            try {
                const json parsed = json::parse(content); // throws: the whole parse failed above
                (void)parsed;
            } catch (const json::exception& e) {
                reason = e.what();
            }
            LORAWB_FAIL(path, ": not JSON (", reason, "). ", kForms);
        }
        std::istringstream stream(content);
        std::string line;
        for (size_t number = 1; std::getline(stream, line); ++number) {
            if (blank(line))
                continue;
            const std::string at = path + ": line " + std::to_string(number);
            json record;
            try {
                record = json::parse(line);
            } catch (const json::exception& e) {
                LORAWB_FAIL(at, " is not JSON (", e.what(), "); JSONL holds one JSON object per line. ", kForms);
            }
            readFlatRecord(record, at, out, seen);
        }
    }
    LORAWB_CHECK(!out.empty(), path, ": no questions in the file; a question-answering data set needs at least one. ",
                 kForms);
    return out;
}

} // namespace core
