// data.format squad: SQuAD v1.1 / v2.0 JSON and datasets' JSONL read into questions (answer_start in code points
// turned into bytes and checked), and question + context cut into windows with a stride as run_qa.py does, each
// window's answer tokens found and decoded back; every bad input refused with its file, question and fix.
#include "common/ErrorCapture.h"
#include "core/data/PreparedData.h"
#include "core/data/QuestionAnsweringData.h"
#include "core/data/SquadData.h"
#include "core/tokenizer/Tokenizer.h"
#include "core/tokenizer/TokenizerLoader.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <nlohmann/json.hpp>

namespace {

const std::string kDemoModel = std::string(LORAWB_SOURCE_DIR) + "/resources/demo/model";
const std::string kFixtures = std::string(LORAWB_TEST_DATA_DIR) + "/squad/";

// One id per byte, the byte as its piece; lowercases when `normalizing`, so its pieces no longer spell the text.
class ByteTokenizer : public core::Tokenizer {
public:
    ByteTokenizer(int bos, bool normalizing) : m_bos(bos), m_normalizing(normalizing) {}
    std::vector<int> encode(const std::string& text) const override
    {
        std::vector<int> ids;
        for (unsigned char c : text)
            ids.push_back(m_normalizing ? std::tolower(c) : c);
        return ids;
    }
    std::string decode(const std::vector<int>& ids) const override { return std::string(ids.begin(), ids.end()); }
    std::string idToPiece(int id) const override { return std::string(1, static_cast<char>(id)); }
    int vocabSize() const override { return 256; }
    int bosId() const override { return m_bos; }
    int eosId() const override { return -1; }
    int padId() const override { return -1; }

private:
    int m_bos;
    bool m_normalizing;
};

std::string sentences(int count)
{
    std::string text;
    for (int i = 0; i < count; ++i)
        text += "And the waters prevailed upon the earth for many days, verse " + std::to_string(i + 1) + ". ";
    return text;
}

} // namespace

class TestSquadData : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::shared_ptr<const core::Tokenizer> m_tok;

    std::string write(const std::string& name, const std::string& text)
    {
        const std::string path = (m_dir.path() + "/").toStdString() + name;
        std::ofstream(path) << text;
        return path;
    }

    // A one-paragraph SQuAD file around `qa` (one question object, or several joined with commas).
    std::string squad(const std::string& name, const std::string& context, const std::string& qas)
    {
        return write(name, R"({"version": "1.1", "data": [{"title": "T", "paragraphs": [{"context": )" +
                               nlohmann::json(context).dump() + R"(, "qas": [)" + qas + "]}]}]}");
    }

    std::vector<int64_t> ids(const std::string& text)
    {
        const auto encoded = m_tok->encode(text);
        return {encoded.begin(), encoded.end()};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_tok = core::loadTokenizer(kDemoModel);
        QVERIFY(m_tok->bosId() >= 0);
    }

    void readsSquadV11()
    {
        const auto qs = core::readSquadFile(kFixtures + "v1.1.json");
        QCOMPARE(qs.size(), size_t(3));
        QCOMPARE(qs[0].id, std::string("gen-1"));
        QCOMPARE(qs[2].id, std::string("exo-1"));
        QCOMPARE(qs[0].question, std::string("What did God create in the beginning?"));
        QCOMPARE(qs[0].answers.size(), size_t(3)); // dev-style: every answer kept
        QCOMPARE(qs[0].answers[1].text, std::string("heaven"));
        QCOMPARE(qs[0].answers[0].start, int64_t(qs[0].context.find("the heaven and the earth")));
        QCOMPARE(qs[1].context, qs[0].context);
        QVERIFY(qs[2].context.rfind("Moses", 0) == 0);
        for (const auto& q : qs) {
            QVERIFY(!q.impossible);
            for (const auto& a : q.answers)
                QCOMPARE(q.context.substr(size_t(a.start), a.text.size()), a.text);
        }
    }

    void readsSquadV20()
    {
        const auto qs = core::readSquadFile(kFixtures + "v2.0.json");
        QCOMPARE(qs.size(), size_t(2));
        QVERIFY(!qs[0].impossible);
        QCOMPARE(qs[0].answers.front().text, std::string("Egypt"));
        QVERIFY(qs[1].impossible);
        QVERIFY(qs[1].answers.empty()); // plausible_answers is not an answer
    }

    void readsDatasetsJsonl()
    {
        const auto qs = core::readSquadFile(kFixtures + "flat.jsonl");
        QCOMPARE(qs.size(), size_t(2));
        QCOMPARE(qs[0].id, std::string("flat-1"));
        QCOMPARE(qs[0].answers.size(), size_t(1));
        QCOMPARE(qs[0].context.substr(size_t(qs[0].answers[0].start), 6), std::string("Canaan"));
        QVERIFY(!qs[0].impossible);
        QVERIFY(qs[1].impossible); // squad_v2's empty lists
        // A JSON array of the same records (datasets' to_json(lines=False)) is read too.
        const auto array = core::readSquadFile(write("array.json", "[" + [] {
            std::ifstream in(kFixtures + "flat.jsonl");
            std::string line, joined;
            while (std::getline(in, line))
                joined += (joined.empty() ? "" : ",") + line;
            return joined;
        }() + "]"));
        QCOMPARE(array.size(), size_t(2));
        QCOMPARE(array[1].id, std::string("flat-2"));
    }

    void answerStartCountsCodePoints()
    {
        const auto qs = core::readSquadFile(kFixtures + "non_ascii.json");
        // "Genève" is character 18 but byte 23 ("é", "«", "ë", "»", "à" before it are two bytes each).
        QCOMPARE(qs[0].answers[0].start, int64_t(23));
        QCOMPARE(qs[0].context.substr(23, qs[0].answers[0].text.size()), std::string("Genève"));
        const auto windows = core::buildQaWindows(qs, *m_tok, {}, "non_ascii.json");
        QCOMPARE(windows.size(), size_t(2));
        for (size_t i = 0; i < 2; ++i) {
            const auto& t = windows[i].example.target;
            QVERIFY(t[0] > 0 && t[1] >= t[0]);
            QCOMPARE(core::answerText(qs[i], windows[i], int64_t(t[0]), int64_t(t[1])), qs[i].answers[0].text);
        }
    }

    void windowLayoutIsRunQasPair()
    {
        const auto qs = core::readSquadFile(kFixtures + "v1.1.json");
        const auto windows = core::buildQaWindows(qs, *m_tok, {}, "v1.1.json");
        QCOMPARE(windows.size(), size_t(3)); // short contexts: one window each
        for (size_t i = 0; i < qs.size(); ++i) {
            const auto& w = windows[i];
            std::vector<int64_t> want{m_tok->bosId()};
            for (int64_t id : ids(qs[i].question))
                want.push_back(id);
            want.push_back(m_tok->bosId());
            const size_t prefix = want.size();
            for (int64_t id : ids(qs[i].context))
                want.push_back(id);
            QCOMPARE(w.example.inputIds, want);
            QCOMPARE(w.example.labels, std::vector<int64_t>(want.size(), core::kIgnoreIndex));
            QCOMPARE(w.example.recordIndex, int64_t(i));
            QCOMPARE(w.question, int64_t(i));
            QCOMPARE(w.contextOffset, int64_t(0));
            QCOMPARE(w.spans.size(), want.size());
            for (size_t t = 0; t < prefix; ++t)
                QCOMPARE(w.spans[t], (std::pair<int64_t, int64_t>(-1, -1)));
            // The spans tile the context: each starts where the last ended, or one later (the space of a word).
            int64_t at = 0;
            for (size_t t = prefix; t < want.size(); ++t) {
                QVERIFY2(w.spans[t].first == at || (w.spans[t].first == at + 1 && qs[i].context[size_t(at)] == ' '),
                         qPrintable(QString("token %1").arg(t)));
                QVERIFY(w.spans[t].second > w.spans[t].first);
                at = w.spans[t].second;
            }
            QCOMPARE(at, int64_t(qs[i].context.size()));
            // The first answer's tokens decode back to it; they lie in the context part.
            const auto& target = w.example.target;
            QCOMPARE(target.size(), size_t(2));
            QVERIFY(target[0] >= float(prefix) && target[1] >= target[0]);
            QCOMPARE(core::answerText(qs[i], w, int64_t(target[0]), int64_t(target[1])), qs[i].answers[0].text);
        }
        // Not context: nothing to decode.
        QCOMPARE(core::answerText(qs[0], windows[0], 0, 3), std::string());
        QCOMPARE(core::answerText(qs[0], windows[0], 30, 29), std::string());
    }

    void stridedWindowsOverlapAndCover()
    {
        core::SquadQuestion q;
        q.id = "long-1";
        q.question = "How long did the flood last?";
        q.context = sentences(6) + "The flood lasted forty days and forty nights upon the earth.";
        q.answers.push_back({"forty days and forty nights", int64_t(q.context.find("forty days"))});
        const core::QaWindowOptions options{/*maxLength=*/64, /*docStride=*/16};
        const auto windows = core::buildQaWindows({q}, *m_tok, options, "long.json");
        const auto contextIds = ids(q.context);
        const int64_t prefix = 2 + int64_t(ids(q.question).size());
        const int64_t room = options.maxLength - prefix;
        QVERIFY2(windows.size() >= 3, "the test needs a context of several windows");
        std::vector<int64_t> covered;
        for (size_t k = 0; k < windows.size(); ++k) {
            const auto& w = windows[k];
            const int64_t n = int64_t(w.example.inputIds.size()) - prefix;
            QCOMPARE(w.contextOffset, int64_t(k) * (room - options.docStride));
            QVERIFY(int64_t(w.example.inputIds.size()) <= options.maxLength);
            if (k + 1 < windows.size())
                QCOMPARE(int64_t(w.example.inputIds.size()), options.maxLength); // only the last one is short
            const std::vector<int64_t> part(w.example.inputIds.begin() + prefix, w.example.inputIds.end());
            QCOMPARE(part, std::vector<int64_t>(contextIds.begin() + w.contextOffset,
                                                contextIds.begin() + w.contextOffset + n));
            if (k > 0) { // exactly docStride tokens shared with the window before
                const auto& before = windows[k - 1].example.inputIds;
                QCOMPARE(std::vector<int64_t>(before.end() - options.docStride, before.end()),
                         std::vector<int64_t>(part.begin(), part.begin() + options.docStride));
            }
            for (int64_t t = w.contextOffset; t < w.contextOffset + n; ++t)
                if (covered.empty() || t > covered.back())
                    covered.push_back(t);
        }
        QCOMPARE(int64_t(covered.size()), int64_t(contextIds.size())); // every context token in some window
        QCOMPARE(covered.back(), int64_t(contextIds.size()) - 1);
        // The answer is near the end: only the last window holds it whole; the others point at position 0.
        for (size_t k = 0; k + 1 < windows.size(); ++k)
            QCOMPARE(windows[k].example.target, (std::vector<float>{0, 0}));
        const auto& last = windows.back();
        const auto& target = last.example.target;
        QVERIFY(target[0] >= float(prefix));
        QCOMPARE(core::answerText(q, last, int64_t(target[0]), int64_t(target[1])), q.answers[0].text);
    }

    void answerInTheSecondWindowOnly()
    {
        core::SquadQuestion q;
        q.id = "second";
        q.question = "What prevailed?";
        q.context = sentences(3);
        // The third "waters" is context token 34 of 49; windows of 25 tokens, 21 apart: [0, 25), [21, 46), [42, 49).
        const size_t at = q.context.find("waters", q.context.find("verse 2"));
        q.answers.push_back({"waters", int64_t(at)});
        const auto windows = core::buildQaWindows({q}, *m_tok, {/*maxLength=*/30, /*docStride=*/4}, "second.json");
        QCOMPARE(windows.size(), size_t(3));
        QCOMPARE(windows[0].example.target, (std::vector<float>{0, 0}));
        const auto& target = windows[1].example.target;
        QVERIFY(target[0] > 0);
        QCOMPARE(core::answerText(q, windows[1], int64_t(target[0]), int64_t(target[1])), std::string("waters"));
        for (size_t k = 2; k < windows.size(); ++k)
            QCOMPARE(windows[k].example.target, (std::vector<float>{0, 0}));
    }

    void unanswerablePointsAtPositionZero()
    {
        const auto v2 = core::readSquadFile(kFixtures + "v2.0.json");
        const auto flat = core::readSquadFile(kFixtures + "flat.jsonl");
        const auto a = core::buildQaWindows(v2, *m_tok, {}, "v2.0.json");
        const auto b = core::buildQaWindows(flat, *m_tok, {}, "flat.jsonl");
        QVERIFY(a[0].example.target[0] > 0);
        QCOMPARE(a[1].example.target, (std::vector<float>{0, 0}));
        QVERIFY(b[0].example.target[0] > 0);
        QCOMPARE(b[1].example.target, (std::vector<float>{0, 0}));
    }

    void tokenizerWithoutBos()
    {
        const ByteTokenizer bytes(/*bos=*/-1, /*normalizing=*/false);
        core::SquadQuestion q{"nb", "Who?", "Noah built an ark.", {{"Noah", 0}}, false};
        const auto windows = core::buildQaWindows({q}, bytes, {/*maxLength=*/12, /*docStride=*/2}, "nb.json");
        QCOMPARE(windows.size(), size_t(3)); // 8 context bytes a window, 6 new each: 0-8, 6-14, 12-18
        QCOMPARE(windows[0].example.inputIds.size(), size_t(12));
        QCOMPARE(windows[0].example.inputIds[0], int64_t('W')); // no specials: the question comes first
        QCOMPARE(windows[0].example.target, (std::vector<float>{4, 7}));
        QCOMPARE(windows[2].contextOffset, int64_t(12));
        QCOMPARE(core::answerText(q, windows[0], 4, 7), std::string("Noah"));
    }

    void matchesTransformersRunQa()
    {
        // tests/reference/make_squad_reference.py: transformers' tokenizer(question, context,
        // truncation="only_second", max_length, stride, return_overflowing_tokens=True) and run_qa's labels.
        std::ifstream in(std::string(LORAWB_TEST_DATA_DIR) + "/reference/squad/windows.json");
        QVERIFY(in);
        const nlohmann::json reference = nlohmann::json::parse(in);
        QCOMPARE(reference["cases"].size(), size_t(5));
        for (const auto& c : reference["cases"]) {
            const QByteArray name = QByteArray::fromStdString(c["id"].get<std::string>());
            nlohmann::json record = c;
            record.erase("windows");
            const auto qs = core::readSquadFile(write(c["id"].get<std::string>() + ".jsonl", record.dump() + "\n"));
            const core::QaWindowOptions options{c["max_length"].get<int64_t>(), c["doc_stride"].get<int64_t>()};
            const auto windows = core::buildQaWindows(qs, *m_tok, options, "reference.jsonl");
            const auto& want = c["windows"];
            QVERIFY2(windows.size() == want.size(), name);
            for (size_t k = 0; k < windows.size(); ++k) {
                QVERIFY2(windows[k].example.inputIds == want[k]["input_ids"].get<std::vector<int64_t>>(), name);
                const std::vector<float> target{want[k]["start_position"].get<float>(),
                                                want[k]["end_position"].get<float>()};
                QVERIFY2(windows[k].example.target == target,
                         name + " window " + QByteArray::number(qulonglong(k)));
            }
        }
    }

    // ---- bad input ---------------------------------------------------------------------------------------------

    // prepareData with data.format squad: questions (not windows) split into train and validation, a span head's
    // classes, and beside the validation examples the questions and windows that exact match and F1 read.
    void preparesSpanExamplesWithTheirQuestions()
    {
        core::DataConfig cfg;
        cfg.path = kFixtures + "v1.1.json";
        cfg.validationPath = kFixtures + "v2.0.json";
        cfg.format = core::DataFormat::Squad;
        cfg.maxLength = 64;
        core::TaskConfig task;
        task.docStride = 16;
        task.maxAnswerLength = 5;
        const core::PreparedData data = core::prepareData(cfg, *m_tok, task);
        QVERIFY(data.classes.unit == core::ClassifiedUnit::Span);
        QCOMPARE(data.classes.numLabels, 2);
        QCOMPARE(data.report.records, int64_t(5));
        QVERIFY(data.questionAnswering);
        const core::QaValidation& qa = *data.questionAnswering;
        QCOMPARE(qa.questions.size(), size_t(2));
        QCOMPARE(qa.windows.size(), data.validation.size());
        QVERIFY(qa.allowsNoAnswer); // v2.0 validation file: "no answer" is a prediction
        QCOMPARE(qa.maxAnswerLength, int64_t(5));
        for (size_t w = 0; w < qa.windows.size(); ++w) {
            QCOMPARE(qa.windows[w].spans.size(), data.validation[w].inputIds.size());
            QCOMPARE(data.validation[w].target.size(), size_t(2));
        }
        // The answerable question's window points at "Egypt"; the unanswerable one's at position 0.
        const auto& first = qa.windows.front();
        const auto& target = data.validation.front().target;
        QCOMPARE(core::answerText(qa.questions[size_t(first.question)], first, int64_t(target[0]), int64_t(target[1])),
                 std::string("Egypt"));
        QCOMPARE(data.validation.back().target, (std::vector<float>{0, 0}));
        for (const auto& e : data.train)
            QVERIFY(e.target.size() == 2 && e.labels.size() == e.inputIds.size());

        // A share of one file held out instead: whole questions move, never a window without its question.
        cfg.validationPath.clear();
        cfg.validationSplit = 0.34;
        const core::PreparedData split = core::prepareData(cfg, *m_tok, task);
        QCOMPARE(split.questionAnswering->questions.size(), size_t(1));
        QCOMPARE(split.questionAnswering->windows.size(), split.validation.size());
        QVERIFY(!split.questionAnswering->allowsNoAnswer); // v1.1: every question has an answer
    }

    void refusesNotJson()
    {
        testutil::expectError([&] { core::readSquadFile(write("broken.json", "{\"version\": \"1.1\", \"data\": [")); },
                              {"broken.json: not JSON", "A SQuAD file is"});
        testutil::expectError([&] { core::readSquadFile(write("lines.jsonl", "{\"id\": \"a\", \"question\": \"Who?\", \"context\": \"Moses.\", "
                                                                "\"answers\": {\"text\": [\"Moses\"], \"answer_start\": [0]}}\n{oops\n")); },
                              {"lines.jsonl: line 2 is not JSON", "one JSON object per line"});
        testutil::expectError([&] { core::readSquadFile(write("missing.json", "x").append(".gone")); },
                              {"missing.json.gone: cannot open"});
    }

    void refusesNoDataList()
    {
        testutil::expectError([&] { core::readSquadFile(write("nodata.json", R"({"version": "1.1"})")); },
                              {"nodata.json: no 'data' list", "\"paragraphs\""});
        testutil::expectError(
            [&] { core::readSquadFile(write("datastr.json", R"({"version": "1.1", "data": "x"})")); },
            {"datastr.json: no 'data' list"});
    }

    void refusesAnswerStartThatMissesItsText()
    {
        const QString m = testutil::expectError(
            [&] {
                core::readSquadFile(squad("shifted.json", "Moses went up the mountain.",
                                          R"({"id": "q-7", "question": "Who went up?",
                                              "answers": [{"text": "Moses", "answer_start": 2}]})"));
            },
            {"shifted.json", "id 'q-7'", "answer_start 2 does not match", "'ses w'", "'Moses'",
             "occurs at character 0", "Fix answer_start"});
        QVERIFY(!m.isEmpty());
        // Byte offsets where characters are meant: the hint gives the character.
        testutil::expectError(
            [&] {
                core::readSquadFile(squad("bytes.json", "Le café de Genève.",
                                          R"({"id": "b-1", "question": "Where?",
                                              "answers": [{"text": "Genève", "answer_start": 12}]})"));
            },
            {"bytes.json", "'b-1'", "occurs at character 11", "code points"});
        testutil::expectError(
            [&] {
                core::readSquadFile(squad("absent.json", "Moses went up.",
                                          R"({"id": "a-1", "question": "Who?",
                                              "answers": [{"text": "Aaron", "answer_start": 0}]})"));
            },
            {"absent.json", "'a-1'", "'Aaron'", "does not hold it anywhere"});
    }

    void refusesAnswerStartOutOfRange()
    {
        testutil::expectError(
            [&] {
                core::readSquadFile(squad("range.json", "Moses went up.",
                                          R"({"id": "r-1", "question": "Who?",
                                              "answers": [{"text": "up.", "answer_start": 12}]})"));
            },
            {"range.json", "id 'r-1'", "runs outside the context (14 characters)", "Fix answer_start"});
        testutil::expectError(
            [&] {
                core::readSquadFile(squad("negative.json", "Moses went up.",
                                          R"({"id": "r-2", "question": "Who?",
                                              "answers": [{"text": "Moses", "answer_start": -1}]})"));
            },
            {"negative.json", "'r-2'", "runs outside the context"});
        testutil::expectError(
            [&] {
                core::readSquadFile(squad("text.json", "Moses went up.",
                                          R"({"id": "r-3", "question": "Who?",
                                              "answers": [{"text": "Moses", "answer_start": "0"}]})"));
            },
            {"text.json", "'r-3'", "a whole number"});
    }

    void refusesMissingAnswers()
    {
        testutil::expectError(
            [&] {
                core::readSquadFile(squad("noanswer.json", "Moses went up.",
                                          R"({"id": "n-1", "question": "Who?", "answers": []})"));
            },
            {"noanswer.json", "id 'n-1'", "has no answers", "\"is_impossible\": true"});
        testutil::expectError(
            [&] {
                core::readSquadFile(squad("both.json", "Moses went up.",
                                          R"({"id": "n-2", "question": "Who?", "is_impossible": true,
                                              "answers": [{"text": "Moses", "answer_start": 0}]})"));
            },
            {"both.json", "id 'n-2'", "\"is_impossible\" is true but the question has 1 answer",
             "plausible_answers"});
        testutil::expectError(
            [&] {
                core::readSquadFile(write("flatboth.jsonl",
                                          R"({"id": "f-1", "question": "Who?", "context": "Moses went up.",
                                              "is_impossible": false, "answers": {"text": [], "answer_start": []}})"));
            },
            {"flatboth.jsonl: line 1 (id 'f-1')", "has no answers"});
    }

    void refusesEmptyContextOrQuestion()
    {
        testutil::expectError(
            [&] { core::readSquadFile(squad("noctx.json", "  ", R"({"id": "e-1", "question": "Who?", "answers": []})")); },
            {"noctx.json: article 1 ('T'), paragraph 1", "'context' is empty"});
        testutil::expectError(
            [&] {
                core::readSquadFile(squad("noq.json", "Moses went up.",
                                          R"({"id": "e-2", "question": "", "answers": []})"));
            },
            {"noq.json", "id 'e-2'", "'question' is empty", "write the question"});
        testutil::expectError(
            [&] {
                core::readSquadFile(squad("noid.json", "Moses went up.", R"({"question": "Who?", "answers": []})"));
            },
            {"noid.json", "question 1", "'id' is missing"});
    }

    void refusesDuplicateIds()
    {
        testutil::expectError(
            [&] {
                core::readSquadFile(squad("dup.json", "Moses went up.",
                                          R"({"id": "d-1", "question": "Who?",
                                              "answers": [{"text": "Moses", "answer_start": 0}]},
                                             {"id": "d-1", "question": "Where?",
                                              "answers": [{"text": "up", "answer_start": 11}]})"));
            },
            {"dup.json: article 1 ('T'), paragraph 1, question 2 (id 'd-1')", "the id 'd-1' is already used (",
                              "question 1 (id 'd-1')", "its own id"});
    }

    void refusesNoQuestions()
    {
        testutil::expectError([&] { core::readSquadFile(write("empty.json", R"({"version": "1.1", "data": []})")); },
                              {"empty.json: no questions", "at least one"});
        testutil::expectError([&] { core::readSquadFile(write("empty.jsonl", "\n\n")); },
                              {"empty.jsonl: not JSON"});
    }

    void refusesStrideNotBelowTheRoom()
    {
        core::SquadQuestion q{"s-1", "Who?", sentences(4), {}, true};
        const int64_t room = 40 - 2 - int64_t(ids("Who?").size());
        testutil::expectError([&] { core::buildQaWindows({q}, *m_tok, {40, room}, "stride.json"); },
                              {"stride.json", "question 's-1'", "task.doc_stride " + QString::number(room),
                               "data.max_length 40", "Lower task.doc_stride below " + QString::number(room)});
        // One stride less works.
        QVERIFY(core::buildQaWindows({q}, *m_tok, {40, room - 1}, "stride.json").size() > 1);
        testutil::expectError([&] { core::buildQaWindows({q}, *m_tok, {40, -1}, "stride.json"); },
                              {"stride.json", "task.doc_stride is -1"});
    }

    // A context shorter than the stride (the issue's case): nothing to overlap, so one window holds it all, the
    // answer targeted in it — neither an error nor a window repeated.
    void contextShorterThanTheStrideIsOneWindow()
    {
        core::SquadQuestion q{"short-1", "What fell?", "Rain fell.", {{"Rain", 0}}, false};
        const auto contextTokens = int64_t(ids(q.context).size());
        QVERIFY(contextTokens < 128);
        const auto windows = core::buildQaWindows({q}, *m_tok, {384, 128}, "short.json");
        QCOMPARE(windows.size(), size_t(1));
        QCOMPARE(int64_t(windows[0].example.inputIds.size()), 2 + int64_t(ids("What fell?").size()) + contextTokens);
        const auto& target = windows[0].example.target;
        QCOMPARE(core::answerText(q, windows[0], int64_t(target[0]), int64_t(target[1])), std::string("Rain"));
    }

    void refusesQuestionLeavingNoRoom()
    {
        core::SquadQuestion q{"long-q", "Why did the waters prevail upon the earth so long?", "Rain.", {}, true};
        const auto n = int64_t(ids(q.question).size());
        testutil::expectError([&] { core::buildQaWindows({q}, *m_tok, {n + 2, 0}, "longq.json"); },
                              {"longq.json", "question 'long-q'", "no room is left for the context",
                               "Raise data.max_length above " + QString::number(n + 2)});
        QCOMPARE(core::buildQaWindows({q}, *m_tok, {n + 3, 0}, "longq.json").front().example.inputIds.size(),
                 size_t(n + 3));
        testutil::expectError([&] { core::buildQaWindows({q}, *m_tok, {3, 0}, "tiny.json"); },
                              {"tiny.json", "data.max_length is 3", "[BOS] question [BOS] context"});
    }

    void refusesANormalizingTokenizer()
    {
        const ByteTokenizer lower(/*bos=*/1, /*normalizing=*/true);
        core::SquadQuestion q{"norm-1", "Who?", "Moses went up.", {{"Moses", 0}}, false};
        testutil::expectError([&] { core::buildQaWindows({q}, lower, {}, "norm.json"); },
                              {"norm.json", "question 'norm-1'", "do not spell the context back",
                               "identity normalization"});
    }
};

QTEST_APPLESS_MAIN(TestSquadData)
#include "test_squad_data.moc"
