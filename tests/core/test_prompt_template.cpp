// Prompt templates (Alpaca's exactly as Stanford Alpaca and DESIGN.md give them, user templates) and the data
// settings that choose them (DataConfig::validate, the enum spellings).
#include "common/ErrorCapture.h"
#include "core/data/DataConfig.h"
#include "core/data/PromptTemplate.h"

#include <QtTest>

#include <functional>

namespace {

using testutil::errorOf;

QString q(const std::string& s) { return QString::fromStdString(s); }

} // namespace

class TestPromptTemplate : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void alpacaWithInputIsExact()
    {
        const auto f = core::PromptTemplate::alpaca().format({"Add the numbers.", "2 3", "5"});
        QCOMPARE(q(f.prompt),
                 QString("Below is an instruction that describes a task, paired with an input that provides "
                         "further context. Write a response that appropriately completes the request.\n\n"
                         "### Instruction:\nAdd the numbers.\n\n### Input:\n2 3\n\n### Response:\n"));
        QCOMPARE(q(f.completion), QString("5"));
        QCOMPARE(q(f.text()), q(f.prompt) + "5");
    }

    void alpacaWithoutInputIsExact()
    {
        const auto f = core::PromptTemplate::alpaca().format({"Say hi.", "", "hi"});
        QCOMPARE(q(f.prompt), QString("Below is an instruction that describes a task. Write a response that "
                                      "appropriately completes the request.\n\n### Instruction:\nSay hi.\n\n"
                                      "### Response:\n"));
        QCOMPARE(q(f.completion), QString("hi"));
        QCOMPARE(q(core::alpacaPrompt("Say hi.")), q(f.prompt));
    }

    void placeholdersInFieldsAreNotExpanded()
    {
        // A record's own text is never read as a template.
        const auto f = core::PromptTemplate::alpaca().format({"Use {input} {{x}}", "", "{output}"});
        QVERIFY(q(f.prompt).contains("### Instruction:\nUse {input} {{x}}\n"));
        QCOMPARE(q(f.completion), QString("{output}"));
    }

    void userTemplateSplitsAtOutput()
    {
        const core::PromptTemplate t("Q: {instruction} ({input})\nA: {output}\n-- end {{ok}}", "Q: {instruction}\nA:");
        const auto withInput = t.format({"why", "ctx", "because"});
        QCOMPARE(q(withInput.prompt), QString("Q: why (ctx)\nA: "));
        QCOMPARE(q(withInput.completion), QString("because\n-- end {ok}")); // text after {output} is trained too
        const auto without = t.format({"why", "", "because"});
        QCOMPARE(q(without.prompt), QString("Q: why\nA:"));
        QCOMPARE(q(without.completion), QString("because")); // no {output}: appended
        QCOMPARE(q(t.prompt("why")), QString("Q: why\nA:"));
    }

    void oneUserTemplateServesEveryRecord()
    {
        core::DataConfig cfg;
        cfg.templateWithInput = "<{instruction}|{input}>";
        const core::PromptTemplate t = core::PromptTemplate::fromConfig(cfg);
        QCOMPARE(q(t.format({"a", "", "o"}).text()), QString("<a|>o"));
        QCOMPARE(q(t.format({"a", "b", "o"}).text()), QString("<a|b>o"));
        QCOMPARE(q(core::recordText({"a", "b", "o"}, cfg)), QString("<a|b>o"));
        QCOMPARE(q(core::recordPrompt({"a", "b", "o"}, cfg)), QString("<a|b>"));
        // Empty settings mean Alpaca's templates.
        QCOMPARE(q(core::recordPrompt({"a", "", "o"}, core::DataConfig{})), q(core::alpacaPrompt("a")));
    }

    void badTemplatesAreNamed()
    {
        VERIFY_CONTAINS(errorOf([] { core::PromptTemplate("{instruction} {answer}", ""); }),
                        "data.template.with_input: unknown placeholder {answer}");
        VERIFY_CONTAINS(errorOf([] { core::PromptTemplate("{instruction", ""); }), "is never closed");
        VERIFY_CONTAINS(errorOf([] { core::PromptTemplate("{instruction} }", ""); }), "a single '}'");
        VERIFY_CONTAINS(errorOf([] { core::PromptTemplate("no task here {output}", ""); }), "has no {instruction}");
        VERIFY_CONTAINS(errorOf([] { core::PromptTemplate("{instruction}{output}{output}", ""); }),
                        "{output} appears more than once");
        VERIFY_CONTAINS(errorOf([] { core::PromptTemplate("{instruction}", "{inptu}"); }),
                        "data.template.without_input: unknown placeholder {inptu}");
        core::DataConfig cfg;
        cfg.path = "d.jsonl";
        cfg.templateWithoutInput = "{instruction}";
        VERIFY_CONTAINS(errorOf([&] { cfg.validate(); }),
                        "data.template.without_input is set but data.template.with_input is not");
    }

    void validateNamesTheSetting()
    {
        core::DataConfig cfg;
        VERIFY_CONTAINS(errorOf([&] { cfg.validate(); }), "data.path is not set");
        cfg.path = "d.jsonl";
        QVERIFY(errorOf([&] { cfg.validate(); }).isEmpty());
        auto with = [&](const std::function<void(core::DataConfig&)>& change) {
            core::DataConfig c = cfg;
            change(c);
            return errorOf([&] { c.validate(); });
        };
        VERIFY_CONTAINS(with([](auto& c) { c.validationSplit = 1.0; }),
                        "data.validation_split must be in [0, 1), got 1");
        VERIFY_CONTAINS(with([](auto& c) { c.validationSplit = -0.1; }), "data.validation_split");
        VERIFY_CONTAINS(with([](auto& c) { c.validationSplit = std::nan(""); }), "data.validation_split");
        VERIFY_CONTAINS(with([](auto& c) { c.maxLength = 1; }), "data.max_length must be at least 2");
        VERIFY_CONTAINS(with([](auto& c) { c.tokenizeThreads = -1; }), "data.tokenize_threads");
        VERIFY_CONTAINS(with([](auto& c) { c.validationPath = "v.jsonl", c.validationSplit = 0.1; }),
                        "data.validation_path and data.validation_split are both set");
        VERIFY_CONTAINS(with([](auto& c) { c.columns = {{"q", "question"}}; }),
                        "data.columns: 'q' maps to 'question', which is not a field of Alpaca records");
        VERIFY_CONTAINS(with([](auto& c) { c.columns = {{"a", "output"}, {"b", "output"}}; }),
                        "two columns map to 'output'");
        VERIFY_CONTAINS(with([](auto& c) { c.format = core::DataFormat::Text, c.columns = {{"a", "output"}}; }),
                        "data.columns applies to Alpaca data only");
        QVERIFY(with([](auto& c) { c.validationPath = "v.jsonl"; }).isEmpty());
    }

    void enumsRoundTrip()
    {
        for (auto f : {core::DataFormat::Alpaca, core::DataFormat::Text})
            QVERIFY(core::parseDataFormat(core::toString(f)) == f);
        for (auto p : {core::OverlongPolicy::Truncate, core::OverlongPolicy::Drop})
            QVERIFY(core::parseOverlongPolicy(core::toString(p)) == p);
        QCOMPARE(q(core::toString(core::OverlongPolicy::Drop)), QString("drop"));
        VERIFY_CONTAINS(errorOf([] { core::parseDataFormat("jsonl"); }), "data.format: unknown data format 'jsonl'");
        VERIFY_CONTAINS(errorOf([] { core::parseOverlongPolicy("cut", "x.overlong"); }),
                        "x.overlong: unknown policy 'cut'");
    }
};

QTEST_APPLESS_MAIN(TestPromptTemplate)
#include "test_prompt_template.moc"
