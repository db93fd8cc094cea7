// `lorawb settings`: the experiment file's key reference from the field tables, as text, JSON and Markdown; one key
// or one section; an unknown one and contradictory flags end in exit 2.
#include "CliFixture.h"
#include "core/experiment/ExperimentSettings.h"

#include <QJsonArray>

using clitest::runLorawb;

class TestCliSettings : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void jsonListsEveryKeyWithItsDefault()
    {
        const auto result = runLorawb({"settings", "--json"});
        QVERIFY2(result.finished && result.exitCode == 0, qPrintable(result.describe()));
        const QJsonArray rows = QJsonDocument::fromJson(result.out.toUtf8()).array();
        QCOMPARE(rows.size(), static_cast<int>(core::experimentSettings().size()));
        QStringList keys;
        for (const QJsonValue& row : rows)
            keys << row.toObject().value("key").toString();
        for (const char* key : {"model", "task_type", "lora.r", "lora.target_modules", "data.chat_template",
                                "train.learning_rate", "forgetting.retain_path"})
            QVERIFY2(keys.contains(key), key);
        const QJsonObject r = rows.at(keys.indexOf("lora.r")).toObject();
        QCOMPARE(r.value("type").toString(), QString("integer"));
        QCOMPARE(r.value("default").toString(), QString::number(core::LoraConfig{}.r));
        QVERIFY(!r.value("doc").toString().isEmpty());
        const QJsonObject bias = rows.at(keys.indexOf("lora.bias")).toObject();
        QCOMPARE(bias.value("choices").toArray().size(), 3);
    }

    void oneKeyOrOneSection()
    {
        const auto one = runLorawb({"settings", "train.lr_scheduler"});
        QVERIFY2(one.exitCode == 0, qPrintable(one.describe()));
        QVERIFY(one.out.startsWith("train.lr_scheduler  (constant | linear | cosine | constant_with_warmup"));
        QCOMPARE(one.out.count('\n'), 2);
        const auto section = runLorawb({"settings", "forgetting", "--markdown"});
        QVERIFY2(section.exitCode == 0, qPrintable(section.describe()));
        QVERIFY(section.out.startsWith("| key | type | default | what it does |"));
        QCOMPARE(section.out.count("| `forgetting."), 4);
        QVERIFY(!section.out.contains("| `lora."));
    }

    void unknownKeyAndBadFlagsAreUsageErrors()
    {
        const auto unknown = runLorawb({"settings", "lora.rnak"});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.contains("no setting or section 'lora.rnak'"), qPrintable(unknown.err));
        const auto both = runLorawb({"settings", "--json", "--markdown"});
        QCOMPARE(both.exitCode, 2);
        QVERIFY2(both.err.contains("--json and --markdown"), qPrintable(both.err));
    }
};

QTEST_GUILESS_MAIN(TestCliSettings)
#include "test_cli_settings.moc"
