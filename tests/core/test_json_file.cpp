// JSON files: pretty atomic writes, and parse errors that say where (line, column) and in which file.
#include "common/ErrorCapture.h"
#include "common/FileBytes.h"
#include "core/io/JsonFile.h"

#include <QTemporaryDir>
#include <QtTest>

using testutil::errorOf;
using testutil::readBytes;
using testutil::writeBytes;

class TestJsonFile : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    std::string pathOf(const char* name) const { return m_dir.filePath(name).toStdString(); }

    // The message of reading `text` as a model config.
    QString parseErrorOf(const char* name, const std::string& text)
    {
        const std::string path = pathOf(name);
        writeBytes(path, text);
        const QString message = errorOf([&] { core::readJsonFile(path, "model config"); });
        // Every parse error names the role and the file; the callers check the position.
        const QString prefix = QString::fromStdString("model config '" + path + "' is not valid JSON");
        return message.contains(prefix) ? message : QString("missing '%1' in: %2").arg(prefix, message);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void writesPrettyJsonWithATrailingNewline()
    {
        const std::string path = pathOf("adapter_config.json");
        const nlohmann::json value = {{"r", 8}, {"target_modules", {"q_proj", "v_proj"}}};
        core::writeJsonFileAtomically(path, value);
        QCOMPARE(QString::fromStdString(readBytes(path)),
                 QString("{\n  \"r\": 8,\n  \"target_modules\": [\n    \"q_proj\",\n    \"v_proj\"\n  ]\n}\n"));
        QCOMPARE(core::readJsonFile(path, "adapter config"), value);
    }

    void parseErrorReportsLineAndColumn()
    {
        // Line 3 is `  "b": tru,`: the ',' in column 11 is where the literal turns out to be invalid.
        const QString message = parseErrorOf("bad.json", "{\n  \"a\": 1,\n  \"b\": tru,\n  \"c\": 3\n}\n");
        VERIFY_CONTAINS(message, "line 3, column 11");
        VERIFY_CONTAINS(message, "invalid literal");
        QVERIFY(!message.contains("json.exception")); // nlohmann's internal prefix is not for users
    }

    void parseErrorOnTheFirstLine()
    {
        const QString message = parseErrorOf("first.json", "{\"a\" 1}");
        VERIFY_CONTAINS(message, "line 1, column 6");
    }

    void parseErrorAfterBlankLines()
    {
        const QString message = parseErrorOf("blank.json", "{\n\"x\": \n\n ]");
        VERIFY_CONTAINS(message, "line 4, column 2");
        VERIFY_CONTAINS(message, "unexpected ']'");
    }

    void truncatedFileReportsItsEnd()
    {
        const QString message = parseErrorOf("truncated.json", "{\n  \"hidden_size\": 64,\n");
        VERIFY_CONTAINS(message, "line 3, column 1");
        VERIFY_CONTAINS(message, "unexpected end of input");
    }

    // Found by fuzz_adapter_config: nlohmann reports a number beyond a double's range as out_of_range, not as a
    // parse_error; it escaped readJsonFile and ended the program.
    void numberOverflowIsAClearError()
    {
        const QString message = parseErrorOf("overflow.json", "{\"r\": 8, \"lora_alpha\": 8e88888}");
        QVERIFY2(message.contains("number overflow") && message.contains("1.8e308"), qPrintable(message));
    }

    // nlohmann's get<int>() casts a float, which is undefined behaviour out of range: whole numbers from a user's file
    // go through jsonWholeNumber (optionalJsonField does for integer fields and lists of them).
    void wholeNumbersAreCheckedBeforeTheyAreCast()
    {
        using nlohmann::json;
        QCOMPARE(core::jsonWholeNumber<int>(json(8), "r"), 8);
        QCOMPARE(core::jsonWholeNumber<int>(json(8.0), "r"), 8);
        QCOMPARE(core::jsonWholeNumber<int64_t>(json(INT64_MAX), "n"), INT64_MAX);
        QCOMPARE(core::jsonWholeNumber<uint64_t>(json(UINT64_MAX), "n"), UINT64_MAX);
        for (const json& bad : {json(4e50), json(8.5), json(-1e300), json(9223372036854775808.0), json("8"), json(nullptr)})
            QVERIFY2(errorOf([&] { core::jsonWholeNumber<int64_t>(bad, "field \"r\""); }).contains("must be a whole number"),
                     bad.dump().c_str());
        QVERIFY(errorOf([&] { core::jsonWholeNumber<int>(json(int64_t(1) << 40), "r"); }).contains("2147483647"));
        QVERIFY(errorOf([&] { core::jsonWholeNumber<uint64_t>(json(-1), "r"); }).contains("must be a whole number"));
        const json config = json::parse(R"({"r": 4e50, "layers": [0, 1.5], "ok": [0, 2.0]})");
        QVERIFY(errorOf([&] { core::optionalJsonField<int>(config, "r", 8, "adapter_config.json"); })
                    .contains("adapter_config.json: field \"r\" must be a whole number"));
        QVERIFY(errorOf([&] { core::optionalJsonField<std::vector<int>>(config, "layers", {}, "a.json"); })
                    .contains("\"layers\" entry must be a whole number"));
        QCOMPARE(core::optionalJsonField<std::vector<int>>(config, "ok", {}, "a.json"), (std::vector<int>{0, 2}));
    }

    void emptyFileIsAParseError()
    {
        const QString message = parseErrorOf("empty.json", "");
        VERIFY_CONTAINS(message, "line 1, column 1");
    }

    void missingFileNamesThePathAndTheRole()
    {
        const std::string path = pathOf("absent.json");
        const QString message = errorOf([&] { core::readJsonFile(path, "model config"); });
        VERIFY_CONTAINS(message, QString::fromStdString("model config '" + path + "' not found"));
    }

    void invalidUtf8IsRefusedWithoutWriting()
    {
        const std::string path = pathOf("utf8.json");
        const QString message = errorOf([&] { core::writeJsonFileAtomically(path, {{"name", "caf\xe9"}}); });
        VERIFY_CONTAINS(message, QString::fromStdString(path));
        VERIFY_CONTAINS(message, "UTF-8");
        QVERIFY(!QFileInfo::exists(QString::fromStdString(path)));
    }
};

QTEST_APPLESS_MAIN(TestJsonFile)
#include "test_json_file.moc"
