// Dataset readers: JSON array, JSONL, CSV (RFC 4180), encodings and line ends, column mapping, and every kind of bad
// input with the message it must give (file, record, line/column, field, fix).
#include "common/ErrorCapture.h"
#include "common/FileBytes.h"
#include "core/data/DataConfig.h"
#include "core/data/DatasetReader.h"
#include "core/data/SourceText.h"

#include <QTemporaryDir>
#include <QtTest>

namespace {

core::RecordSet read(const std::string& path, const std::string& text, const core::DataConfig& cfg = {})
{
    return core::readAlpacaRecordsFromString(path, text, cfg);
}

using testutil::errorOf;

} // namespace

class TestDatasetReader : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    std::string writeFile(const QString& name, const std::string& bytes)
    {
        return testutil::writeBytesIn(m_dir, name, bytes);
    }

private Q_SLOTS:
    void jsonArrayReadsRecords()
    {
        const auto set =
            read("d.json",
                 "[\n"
                 "  {\"instruction\": \"Add\", \"input\": \"2 3\", \"output\": \"5\", \"extra\": [1, 2]},\n"
                 "  {\"instruction\": \"Say hi\", \"output\": \"hi\\nthere\"},\n"
                 "  {\"instruction\": \"Zürich \\u00e9\", \"input\": null, \"output\": \"€\"},\n"
                 "  {\"instruction\": \"brackets \\\"]}\\\" in a string\", \"output\": \"x\", \"nested\": {\"a\": "
                 "[{\"b\": \"]\"}]}}\n"
                 "]");
        QCOMPARE(set.records.size(), size_t(4));
        QCOMPARE(QString::fromStdString(set.records[3].instruction), QString("brackets \"]}\" in a string"));
        QCOMPARE(QString::fromStdString(set.records[0].input), QString("2 3"));
        QCOMPARE(QString::fromStdString(set.records[1].input), QString(""));
        QCOMPARE(QString::fromStdString(set.records[1].output), QString("hi\nthere"));
        QCOMPARE(QString::fromUtf8(set.records[2].instruction.c_str()), QString::fromUtf8("Zürich é"));
        QCOMPARE(set.fileIndex, (std::vector<int64_t>{0, 1, 2, 3}));
        QCOMPARE(set.report.records, int64_t(4));
        QCOMPARE(set.report.skipped, int64_t(0));
    }

    void jsonLinesWithBomCrlfAndBlankLines()
    {
        const std::string path = writeFile("d.jsonl",
                                           "\xEF\xBB\xBF{\"instruction\": \"a\", \"output\": \"b\"}\r\n\r\n"
                                           "{\"instruction\": \"c\", \"input\": \"i\", \"output\": \"d\"}\r\n");
        const auto set = core::readAlpacaRecords(path, {});
        QCOMPARE(set.records.size(), size_t(2));
        QCOMPARE(QString::fromStdString(set.records[0].instruction), QString("a"));
        QCOMPARE(QString::fromStdString(set.records[1].input), QString("i"));
        QCOMPARE(QString::fromStdString(set.records[1].output), QString("d"));
    }

    void csvFollowsRfc4180()
    {
        // BOM, CRLF rows, a quoted comma, a doubled quote, an embedded CRLF line break, no input column, blank line,
        // no newline at the end.
        const std::string path = writeFile("d.csv", "\xEF\xBB\xBFinstruction,output\r\n"
                                                    "\"Say \"\"hi\"\", politely\",\"Hello,\r\nfriend\"\r\n"
                                                    "\r\n"
                                                    "plain,text");
        const auto set = core::readAlpacaRecords(path, {});
        QCOMPARE(set.records.size(), size_t(2));
        QCOMPARE(QString::fromStdString(set.records[0].instruction), QString("Say \"hi\", politely"));
        QCOMPARE(QString::fromStdString(set.records[0].output), QString("Hello,\nfriend"));
        QCOMPARE(QString::fromStdString(set.records[0].input), QString(""));
        QCOMPARE(QString::fromStdString(set.records[1].instruction), QString("plain"));
        QCOMPARE(QString::fromStdString(set.records[1].output), QString("text"));
    }

    void csvEmptyFieldsAndTsv()
    {
        const auto csv = read("d.csv", "input,instruction,output\n,do it,done\n\"\",\"x\",\"\"\n");
        QCOMPARE(csv.records.size(), size_t(2));
        QCOMPARE(QString::fromStdString(csv.records[0].instruction), QString("do it"));
        QCOMPARE(QString::fromStdString(csv.records[1].output), QString(""));
        const auto tsv = read("d.tsv", "instruction\toutput\na, b\tc\n");
        QCOMPARE(QString::fromStdString(tsv.records[0].instruction), QString("a, b"));
    }

    void columnsMapOtherNames()
    {
        core::DataConfig cfg;
        cfg.columns = {{"prompt", "instruction"}, {"completion", "output"}};
        const auto json = read("d.jsonl", "{\"prompt\": \"p\", \"completion\": \"c\", \"output\": \"ignored\"}\n", cfg);
        QCOMPARE(QString::fromStdString(json.records[0].instruction), QString("p"));
        QCOMPARE(QString::fromStdString(json.records[0].output), QString("c"));
        const auto csv = read("d.csv", "prompt,completion\np,c\n", cfg);
        QCOMPARE(QString::fromStdString(csv.records[0].output), QString("c"));
        cfg.columns = {{"a", "answer"}};
        VERIFY_CONTAINS(errorOf([&] { read("d.jsonl", "{}", cfg); }), "not a field of Alpaca records");
    }

    // ---- bad input ----

    void truncatedJsonNamesLineAndColumn()
    {
        const QString m = errorOf([] {
            read("/data/t.json", "[\n  {\"instruction\": \"a\", \"output\": \"b\"},\n  {\"instruction\": \"c\", \"out");
        });
        VERIFY_CONTAINS(m, "/data/t.json: line 3, column 28");
        VERIFY_CONTAINS(m, "truncated");
        // A missing comma between records is a structural error too, at its place.
        const QString comma =
            errorOf([] { read("t.json", "[{\"instruction\": \"a\", \"output\": \"b\"}\n {\"x\": 1}]"); });
        VERIFY_CONTAINS(comma, "t.json: line 2, column 2");
    }

    void brokenJsonlLineNamesItsLine()
    {
        const QString m = errorOf([] {
            read("b.jsonl", "{\"instruction\": \"a\", \"output\": \"b\"}\n\n"
                            "{\"instruction\": \"c\", \"output\": \"d\"}\n"
                            "{\"instruction\": \"e\", \"output\": \"f\"\n");
        });
        VERIFY_CONTAINS(m, "b.jsonl: record 3 (line 4, column 35)");
        VERIFY_CONTAINS(m, "not valid JSON");
        VERIFY_CONTAINS(m, "skip_invalid");
    }

    // Found by fuzzing (tests/fuzz): a number beyond a double's range made nlohmann throw out_of_range, which escaped
    // as an uncaught exception. It is a bad record like any other.
    void numberOverflowIsABadRecord()
    {
        const QString jsonl = errorOf([] {
            read("n.jsonl", "{\"instruction\": \"a\", \"output\": \"b\"}\n{\"instruction\": \"c\", \"output\": 1e999}\n");
        });
        VERIFY_CONTAINS(jsonl, "n.jsonl: record 2");
        VERIFY_CONTAINS(jsonl, "number overflow");
        VERIFY_CONTAINS(jsonl, "1.8e308");
        const QString array = errorOf([] {
            read("n.json", "[{\"instruction\": \"a\", \"output\": \"b\"}, {\"instruction\": \"c\", \"output\": -8e88888}]");
        });
        VERIFY_CONTAINS(array, "n.json: record 2");
        VERIFY_CONTAINS(array, "number overflow");
    }

    // A binary file is named as such, its first byte as a value: a raw NUL would cut the message short.
    void binaryFileNamesItsFirstByte()
    {
        const QString m = errorOf([] { read("b.jsonl", std::string("\x00\x01binary", 8)); });
        VERIFY_CONTAINS(m, "b.jsonl: not a JSON array, JSON Lines or CSV file (it starts with byte 0x00");
        VERIFY_CONTAINS(m, "not a text file");
    }

    void missingFieldNamesRecordAndField()
    {
        const QString m = errorOf([] {
            read("m.json", "[{\"instruction\": \"a\", \"output\": \"b\"},\n {\"instruction\": \"c\"}]");
        });
        VERIFY_CONTAINS(m, "m.json: record 2 (line 2)");
        VERIFY_CONTAINS(m, "missing field 'output'");
        core::DataConfig cfg;
        cfg.columns = {{"answer", "output"}};
        const QString mapped = errorOf([&] { read("m.jsonl", "{\"instruction\": \"c\", \"output\": \"o\"}", cfg); });
        VERIFY_CONTAINS(mapped, "missing field 'answer' (data.columns maps it to output)");
        VERIFY_CONTAINS(errorOf([] { read("n.jsonl", "{\"instruction\": \"c\", \"output\": null}"); }),
                        "null field 'output'");
    }

    void wrongTypeNamesRecordAndField()
    {
        const QString m = errorOf([] {
            read("w.jsonl", "{\"instruction\": \"a\", \"output\": \"b\"}\n{\"instruction\": \"c\", \"output\": 42}\n");
        });
        VERIFY_CONTAINS(m, "w.jsonl: record 2 (line 2)");
        VERIFY_CONTAINS(m, "field 'output' must be a string, got number");
        const QString notObject =
            errorOf([] { read("w.json", "[{\"instruction\": \"a\", \"output\": \"b\"}, \"text\"]"); });
        VERIFY_CONTAINS(notObject, "record 2 (line 1): expected an object");
    }

    void invalidUtf8NamesRecord()
    {
        const QString jsonl = errorOf([] {
            read("u.jsonl",
                 "{\"instruction\": \"a\", \"output\": \"b\"}\n{\"instruction\": \"caf\xE9\", \"output\": \"b\"}\n");
        });
        VERIFY_CONTAINS(jsonl, "u.jsonl: record 2 (line 2, column 21): invalid UTF-8 (byte 0xE9)");
        VERIFY_CONTAINS(jsonl, "UTF-8");
        const QString json = errorOf(
            [] { read("u.json", "[{\"instruction\": \"ok\", \"output\": \"b\"},\n{\"instruction\": \"\xC3\x28\"}]"); });
        VERIFY_CONTAINS(json, "record 2 (line 2, column 18): invalid UTF-8 (byte 0xC3)");
        const QString csv = errorOf([] { read("u.csv", "instruction,output\na,b\n\xFF,c\n"); });
        VERIFY_CONTAINS(csv, "u.csv: record 2 (line 3, column 1): invalid UTF-8 (byte 0xFF)");
        // Columns count characters, not bytes: "é" before the bad byte is one column (19, not 20).
        const QString column = errorOf([] { read("c.jsonl", "{\"instruction\": \"é\x80\", \"output\": \"b\"}"); });
        VERIFY_CONTAINS(column, "record 1 (line 1, column 19)");
    }

    void emptyFileIsRefused()
    {
        VERIFY_CONTAINS(errorOf([&] { core::readAlpacaRecords(writeFile("e.json", ""), {}); }),
                        "e.json: the file is empty");
        VERIFY_CONTAINS(errorOf([] { read("e.jsonl", "\xEF\xBB\xBF \r\n\n"); }), "the file is empty");
        VERIFY_CONTAINS(errorOf([] { read("e.json", "[ ]"); }), "e.json: the file holds no records");
        VERIFY_CONTAINS(errorOf([] { read("e.csv", "instruction,output\n"); }), "holds no records");
    }

    void noExpectedFieldsListsWhatWasFoundAndHowToMap()
    {
        const QString m = errorOf([] {
            read("q.jsonl",
                 "{\"prompt\": \"a\", \"completion\": \"b\"}\n{\"prompt\": \"c\", \"completion\": \"d\", \"id\": 3}\n");
        });
        VERIFY_CONTAINS(m, "q.jsonl: none of the expected fields");
        VERIFY_CONTAINS(m, "found: prompt, completion, id");
        VERIFY_CONTAINS(m, "set data.columns, e.g. {prompt: instruction, completion: output}");
        const QString csv = errorOf([] { read("q.csv", "question,answer\nwhat,that\n"); });
        VERIFY_CONTAINS(csv, "found: question, answer");
        VERIFY_CONTAINS(csv, "probably data.columns: {question: instruction, answer: output}");
        // One required column missing is named as such.
        VERIFY_CONTAINS(errorOf([] { read("r.csv", "instruction,answer\na,b\n"); }),
                        "r.csv: the header has no column 'output' (columns: instruction, answer)");
    }

    void skipInvalidSkipsAndReports()
    {
        core::DataConfig cfg;
        cfg.skipInvalid = true;
        const auto set = read("s.jsonl", "{\"instruction\": \"a\", \"output\": \"1\"}\n"
                                         "{\"instruction\": \"b\"}\n"
                                         "not json\n"
                                         "{\"instruction\": \"c\", \"output\": \"3\"}\n"
                                         "{\"instruction\": 7, \"output\": \"4\"}\n",
                             cfg);
        QCOMPARE(set.records.size(), size_t(2));
        QCOMPARE(set.fileIndex, (std::vector<int64_t>{0, 3}));
        QCOMPARE(set.report.records, int64_t(2));
        QCOMPARE(set.report.skipped, int64_t(3));
        QCOMPARE(set.report.firstSkipReasons.size(), size_t(3));
        QVERIFY(QString::fromStdString(set.report.firstSkipReasons[0])
                    .contains("s.jsonl: record 2 (line 2): missing field 'output'"));
        QVERIFY(QString::fromStdString(set.report.firstSkipReasons[1])
                    .contains("record 3 (line 3, column 2): not valid JSON"));
        QVERIFY(QString::fromStdString(set.report.firstSkipReasons[2]).contains("'instruction' must be a string"));
        // CSV rows with the wrong number of fields are skipped the same way.
        const auto csv = read("s.csv", "instruction,output\na,b\na,b,c\nd,e\n", cfg);
        QCOMPARE(csv.records.size(), size_t(2));
        QVERIFY(QString::fromStdString(csv.report.firstSkipReasons[0])
                    .contains("record 2 (line 3): 3 fields, but the header has 2"));
        // Not skipped, the same row stops the read.
        VERIFY_CONTAINS(errorOf([] { read("s.csv", "instruction,output\na,b\na,b,c\n"); }), "Quote fields");
        // Only the first few reasons are kept.
        std::string many;
        for (int i = 0; i < 20; ++i)
            many += "{\"instruction\": \"x\"}\n";
        many += "{\"instruction\": \"x\", \"output\": \"y\"}\n";
        const auto lots = read("l.jsonl", many, cfg);
        QCOMPARE(lots.report.skipped, int64_t(20));
        QCOMPARE(lots.report.firstSkipReasons.size(), core::DatasetReport::kMaxReasons);
    }

    void allInvalidIsAnErrorEvenWhenSkipping()
    {
        core::DataConfig cfg;
        cfg.skipInvalid = true;
        VERIFY_CONTAINS(errorOf([&] { read("a.jsonl", "{\"instruction\": \"x\"}\n{\"instruction\": \"y\"}\n", cfg); }),
                        "none of its 2 records is valid");
    }

    void otherEncodingsAndShapesAreNamed()
    {
        VERIFY_CONTAINS(errorOf([] { read("u16.json", std::string("\xFF\xFE[\0", 4)); }), "UTF-16");
        VERIFY_CONTAINS(errorOf([] { read("x.txt", "hello"); }), "x.txt: not a JSON array, JSON Lines or CSV file");
        VERIFY_CONTAINS(errorOf([] { core::readAlpacaRecords("/nonexistent/d.json", {}); }),
                        "/nonexistent/d.json: data file not found");
        const QString pretty = errorOf([] {
            read("p.json", "{\n  \"data\": [\n    {\"instruction\": \"a\", \"output\": \"b\"}\n  ]\n}\n");
        });
        VERIFY_CONTAINS(pretty, "single JSON object spread over several lines");
        VERIFY_CONTAINS(pretty, "under \"data\"");
    }

    void csvQuotingErrorsNameThePlace()
    {
        const QString open = errorOf([] { read("q.csv", "instruction,output\na,b\nc,\"never closed\n"); });
        VERIFY_CONTAINS(open, "q.csv: line 3, column 3: a quoted field starts here and is never closed");
        const QString stray = errorOf([] { read("q.csv", "instruction,output\n\"say \"hi\" now\",b\n"); });
        VERIFY_CONTAINS(stray, "record 1 (line 2, column 6): text after the closing quote of a field");
    }

    void deepNestingEndsInAMessage()
    {
        const std::string open(200000, '['), close(200000, ']');
        VERIFY_CONTAINS(errorOf([&] { read("n.jsonl", "{\"a\": " + open + "\n"); }), "record 1 (line 1");
        VERIFY_CONTAINS(errorOf([&] { read("n.json", "[" + open + close + "]"); }), "expected an object");
        VERIFY_CONTAINS(errorOf([&] { read("n.json", "[" + open); }), "truncated");
    }

    void textFileIsCheckedAndNormalized()
    {
        const std::string path = writeFile("t.txt", "\xEF\xBB\xBFline one\r\nline two\n");
        QCOMPARE(QString::fromStdString(core::readTextFile(path)), QString("line one\nline two\n"));
        const std::string bad = writeFile("b.txt", "ok\nab\xFE");
        VERIFY_CONTAINS(errorOf([&] { core::readTextFile(bad); }),
                        "b.txt: line 2, column 3: invalid UTF-8 (byte 0xFE)");
    }

    void utf8ValidatorRejectsMalformedSequences()
    {
        QCOMPARE(core::findInvalidUtf8("plain ascii text that is long"), std::string_view::npos);
        QCOMPARE(core::findInvalidUtf8("Zürich € 𝄞"), std::string_view::npos);
        QCOMPARE(core::findInvalidUtf8("ab\xC0\x80"), size_t(2));         // overlong NUL
        QCOMPARE(core::findInvalidUtf8("\xED\xA0\x80"), size_t(0));       // surrogate
        QCOMPARE(core::findInvalidUtf8("xxxxxxxx\xF4\x90\x80\x80"), size_t(8)); // above U+10FFFF
        QCOMPARE(core::findInvalidUtf8("\xE2\x82"), size_t(0));           // cut short
    }
};

QTEST_APPLESS_MAIN(TestDatasetReader)
#include "test_dataset_reader.moc"
