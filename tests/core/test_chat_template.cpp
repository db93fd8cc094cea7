// Chat templates against HF transformers itself: tests/data/reference/chat_templates/cases.json was written by
// tests/reference/make_chat_template_reference.py (templates written for this project in the shape of Llama 3 / 3.1 /
// 3.2, Qwen2.5, Qwen3, Mistral v0.1 / v0.3 / Nemo, ChatML, Phi-3.5, Gemma 2, DeepSeek-R1-Distill and Hermes 3, using
// the constructs each family's template relies on, and a synthetic kitchen-sink template, rendered by
// apply_chat_template). Every case must render to exactly transformers' text, and every error case must fail with
// transformers' message. Then the sandbox: bad templates are refused with their line and column, and no template can
// loop, write, recurse or reach past its data without limit.
#include "common/ErrorCapture.h"
#include "common/PinnedVersion.h"
#include "core/chat/ChatTemplate.h"

#include <nlohmann/json.hpp>

#include <QElapsedTimer>
#include <QtTest>

#include <algorithm>
#include <atomic>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

namespace fs = std::filesystem;
using nlohmann::ordered_json;
using core::chat::ChatTemplate;
using core::chat::RenderLimits;

namespace {

const fs::path kFixture = fs::path(LORAWB_TEST_DATA_DIR) / "reference" / "chat_templates" / "cases.json";

const ordered_json& fixture()
{
    static const ordered_json cases = [] {
        std::ifstream in(kFixture);
        return in ? ordered_json::parse(in) : ordered_json();
    }();
    return cases;
}

ChatTemplate templateNamed(const std::string& name)
{
    return ChatTemplate(fixture().at("templates").at(name).at("source").get<std::string>(), "cases.json:" + name);
}

// Where two renders first differ, with the text around it, for a failure message that can be acted on.
QString firstDifference(const std::string& got, const std::string& want)
{
    std::size_t i = 0;
    while (i < got.size() && i < want.size() && got[i] == want[i])
        ++i;
    const std::size_t from = i > 60 ? i - 60 : 0;
    const std::size_t line = static_cast<std::size_t>(std::count(want.begin(), want.begin() + static_cast<long>(i), '\n')) + 1;
    return QString("first difference at byte %1 (line %2 of the expected text; got %3 bytes, want %4)\n  want: %5\n  got:  %6")
        .arg(i).arg(line).arg(got.size()).arg(want.size())
        .arg(QString::fromStdString(ordered_json(want.substr(from, 120)).dump(-1, ' ', false, ordered_json::error_handler_t::replace)))
        .arg(QString::fromStdString(ordered_json(got.substr(from, 120)).dump(-1, ' ', false, ordered_json::error_handler_t::replace)));
}

std::string render(const std::string& source, const ordered_json& context = ordered_json::object(),
                   const RenderLimits& limits = {})
{
    return ChatTemplate(source, "test.jinja").render(context, limits);
}

} // namespace

class TestChatTemplate : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fixtureComesFromThePinnedVersions()
    {
        QVERIFY2(fixture().is_object(), "tests/data/reference/chat_templates/cases.json is missing or not JSON: run "
                                        "tests/reference/make_chat_template_reference.py");
        const ordered_json& versions = fixture().at("versions");
        QVERIFY2(!testutil::pinnedVersion("jinja2").empty(), "tests/reference/requirements.txt pins no jinja2");
        QCOMPARE(QString::fromStdString(versions.at("jinja2").get<std::string>()),
                 QString::fromStdString(testutil::pinnedVersion("jinja2")));
        QCOMPARE(QString::fromStdString(versions.at("transformers").get<std::string>()),
                 QString::fromStdString(testutil::pinnedVersion("transformers")));
    }

    void everyFamilyIsCovered()
    {
        for (const char* family : {"llama3_style", "llama31_style", "llama32_style", "qwen25_style", "qwen3_style",
                                   "mistral_v1_style", "mistral_v3_style", "mistral_nemo_style", "chatml_style",
                                   "phi35_style", "gemma2_style", "deepseek_r1_style", "hermes3_style", "kitchen_sink"}) {
            int cases = 0;
            for (const auto& c : fixture().at("cases"))
                cases += c.at("template") == family ? 1 : 0;
            QVERIFY2(cases > 0, qPrintable(QString("no case renders the %1 template").arg(family)));
        }
    }

    void matchesTransformers_data()
    {
        QTest::addColumn<int>("index");
        const ordered_json& cases = fixture().at("cases");
        for (std::size_t i = 0; i < cases.size(); ++i)
            QTest::newRow(cases[i].at("name").get<std::string>().c_str()) << static_cast<int>(i);
    }

    void matchesTransformers()
    {
        QFETCH(int, index);
        const ordered_json& c = fixture().at("cases").at(static_cast<std::size_t>(index));
        const std::string want = c.at("expected").get<std::string>();
        std::string got;
        const QString error = testutil::errorOf([&] { got = templateNamed(c.at("template")).render(c.at("context")); });
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(got == want, qPrintable(firstDifference(got, want)));
    }

    void failsLikeTransformers_data()
    {
        QTest::addColumn<int>("index");
        const ordered_json& cases = fixture().at("error_cases");
        for (std::size_t i = 0; i < cases.size(); ++i)
            QTest::newRow(cases[i].at("name").get<std::string>().c_str()) << static_cast<int>(i);
    }

    void failsLikeTransformers()
    {
        QFETCH(int, index);
        const ordered_json& c = fixture().at("error_cases").at(static_cast<std::size_t>(index));
        const std::string name = c.at("template");
        testutil::expectError([&] { templateNamed(name).render(c.at("context")); },
                              {QString::fromStdString("cases.json:" + name), "chat template line",
                               QString::fromStdString(c.at("expected_error").get<std::string>())});
    }

    void raiseExceptionNamesTheTemplateAndLine()
    {
        const QString message = testutil::expectError(
            [] { render("{% for m in messages %}\n{% if m.role == 'bot' %}\n{{ raise_exception('Unknown role: ' ~ m.role) }}"
                        "{% endif %}{% endfor %}", ordered_json::parse(R"({"messages": [{"role": "bot"}]})")); },
            {"test.jinja: chat template line 3: Unknown role: bot"});
        QVERIFY(!message.contains("Traceback"));
    }

    void syntaxErrorsNameLineAndColumn()
    {
        testutil::expectError([] { render("hello\n{% if x %}\n  {{ x + }}\n{% endif %}"); },
                              {"test.jinja: chat template line 3, column 10:", "expected a value", "'}}'"});
        testutil::expectError([] { render("{% for m in messages %}\n{{ m }}"); },
                              {"line 2, column 8", "the {% for %} block opened on line 1 is never closed", "{% endfor %}"});
        testutil::expectError([] { render("a {% frobnicate x %}"); }, {"line 1, column 6", "unknown tag 'frobnicate'"});
        testutil::expectError([] { render("{% if x %}{% endfor %}{% endif %}"); },
                              {"unknown tag 'endfor'", "innermost open block is {% if %} from line 1"});
        testutil::expectError([] { render("{{ 'unterminated }}"); }, {"line 1, column 4", "string is never closed"});
        testutil::expectError([] { render("{{ x ) }}"); }, {"unexpected ')'"});
        testutil::expectError([] { render("{{ x\n"); }, {"expression is never closed", "'}}'"});
        testutil::expectError([] { render("{# note"); }, {"comment is never closed"});
        testutil::expectError([] { render("{% break %}"); }, {"{% break %} outside a for loop"});
        testutil::expectError([] { render("{% include 'other.jinja' %}"); }, {"not supported", "single file"});
        testutil::expectError([] { render("{{ " + std::string(300, '(') + "1" + std::string(300, ')') + " }}"); }, {"nests more than"});
    }

    void unknownFiltersAndTestsAreNamed()
    {
        testutil::expectError([] { render("line one\n{{ messages | frobnicate }}", {{"messages", ordered_json::array()}}); },
                              {"line 2", "no filter named 'frobnicate'"});
        testutil::expectError([] { render("{% if 3 is prime %}x{% endif %}"); }, {"no test named 'prime'"});
        // Python's OverflowError / ValueError; an infinite float once reached a cast to long long (undefined).
        testutil::expectError([] { render("{% set b = 1e300 %}{{ '%d' % (b * b) }}"); }, {"cannot convert float infinity to integer"});
        testutil::expectError([] { render("{% set b = 1e300 %}{{ '%i' % (b * b - b * b) }}"); }, {"cannot convert float NaN to integer"});
        testutil::expectError([] { render("{{ '%x' % 2.0 }}"); }, {"%x format: an integer is required, not float"});
        // As in jinja2, an unknown filter in a branch that never runs is harmless.
        QCOMPARE(QString::fromStdString(render("{% if false %}{{ x | frobnicate }}{% endif %}ok")), QString("ok"));
    }

    void runawayLoopsStopAtTheStepLimit()
    {
        QElapsedTimer timer;
        timer.start();
        testutil::expectError([] { render("{% for i in range(1000000000) %}x{% endfor %}"); },
                              {"RenderLimits::maxSteps", "10000000"});
        QVERIFY2(timer.elapsed() < 1000, qPrintable(QString("took %1 ms").arg(timer.elapsed())));
        timer.restart();
        testutil::expectError([] { render("{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"); },
                              {"RenderLimits::maxSteps"});
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString("took %1 ms").arg(timer.elapsed())));
        RenderLimits few;
        few.maxSteps = 50;
        testutil::expectError([&] { render("{% for i in range(20) %}{{ i }}{% endfor %}", ordered_json::object(), few); }, {"more than 50 steps"});
    }

    void workOnLargeValuesCountsAsSteps()
    {
        // Each doubling shares the previous list twice: 2^100 elements to print, compare or serialize, from 100 steps.
        const std::string doubling = "{% set ns = namespace(x=[1], y=[1]) %}{% for i in range(100) %}"
                                     "{% set ns.x = [ns.x, ns.x] %}{% set ns.y = [ns.y, ns.y] %}{% endfor %}";
        RenderLimits limits; // a tenth of the default keeps the test quick; the default bounds the same way
        limits.maxSteps = 1'000'000;
        QElapsedTimer timer;
        timer.start();
        for (const char* use : {"{{ ns.x }}", "{{ ns.x == ns.y }}", "{{ ns.x | tojson }}", "{{ ns.x | string | length }}"})
            testutil::expectError([&] { render(doubling + use, ordered_json::object(), limits); }, {"RenderLimits::maxSteps"});
        // The same object compares equal at once, as in Python.
        QCOMPARE(QString::fromStdString(render(doubling + "{{ ns.x == ns.x }}")), QString("True"));
        // Scanning a 1 MB string a million times.
        testutil::expectError([&] { render("{% set big = 'x' * 1000000 %}{% for i in range(1000000) %}{% if 'y' in big %}"
                                           "{% endif %}{% endfor %}", ordered_json::object(), limits); },
                              {"RenderLimits::maxSteps"});
        testutil::expectError([&] { render("{% set big = 'ab' * 400000 %}{% for i in range(100000) %}"
                                           "{% set parts = big.split('a') %}{% endfor %}", ordered_json::object(), limits); },
                              {"RenderLimits::maxSteps"});
        QVERIFY2(timer.elapsed() < 2000, qPrintable(QString("took %1 ms").arg(timer.elapsed())));
        // A context nested deeper than any conversation is refused before rendering.
        nlohmann::json deep = nlohmann::json::array();
        for (int i = 0; i < 5000; ++i)
            deep = nlohmann::json::array({deep});
        testutil::expectError([&] { ChatTemplate("{{ x }}", "t.jinja").render({{"x", deep}}); },
                              {"t.jinja", "nests more than 1000 levels"});
    }

    void outputIsBounded()
    {
        RenderLimits small;
        small.maxOutputBytes = 1000;
        testutil::expectError([&] { render("{% for i in range(1000) %}0123456789{% endfor %}", ordered_json::object(), small); },
                              {"RenderLimits::maxOutputBytes", "1000"});
        // Doubling a string in a namespace never prints anything, yet would take 2^40 bytes.
        testutil::expectError([] { render("{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
                                          "{% endfor %}"); },
                              {"RenderLimits::maxOutputBytes"});
        testutil::expectError([] { render("{{ 'x' * 100000000 }}"); }, {"output limit"});
        testutil::expectError([] { render("{{ ([1] * 100000) * 100000 }}"); }, {"too long"});
        QCOMPARE(render("{% for i in range(10) %}0123456789{% endfor %}", ordered_json::object(), small).size(), std::size_t(100));
    }

    void recursionIsBounded()
    {
        QElapsedTimer timer;
        timer.start();
        testutil::expectError([] { render("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}"); },
                              {"macro 'f'", "RenderLimits::maxDepth"});
        // hermes3_style's py_type macro, like Hermes 3's, recurses without end on a type it does not know such as "null"
        // (a string is iterable, so it is walked as a Union of its characters; Python stops at its recursion limit).
        const ordered_json hermesTools = ordered_json::parse(R"([{"type": "function", "function": {"name": "f",
            "description": "d", "parameters": {"type": "object", "properties": {"p": {"type": ["integer", "null"],
            "description": "x"}}}}}])");
        testutil::expectError([&] { templateNamed("hermes3_style").render({{"messages", ordered_json::array()}, {"tools", hermesTools}}); },
                              {"RenderLimits::maxDepth"});
        QVERIFY2(timer.elapsed() < 2000, qPrintable(QString("took %1 ms").arg(timer.elapsed())));
        RenderLimits shallow;
        shallow.maxDepth = 5;
        QCOMPARE(QString::fromStdString(render("{% macro f(n) %}{% if n > 0 %}{{ n }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(4) }}", ordered_json::object(), shallow)),
                 QString("4321"));
        testutil::expectError([&] { render("{% macro f(n) %}{% if n > 0 %}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(9) }}", ordered_json::object(), shallow); },
                              {"5 levels deep"});
        // A list nested in itself through a namespace, one level per iteration.
        testutil::expectError([] { render("{% set ns = namespace(x=[]) %}{% for i in range(1000) %}{% set ns.x = [ns.x] %}{% endfor %}"); },
                              {"nests more than RenderLimits::maxDepth"});
        // A namespace that holds itself prints (bounded) without hanging or leaking.
        testutil::expectError([] { render("{% set ns = namespace() %}{% set ns.me = ns %}{{ ns }}"); }, {"nested too deeply"});
    }

    void noWayPastTheData()
    {
        // jinja2's sandbox: "_" names are unreachable; the value prints as nothing and cannot be used.
        QCOMPARE(QString::fromStdString(render("[{{ ''.__class__ }}][{{ messages.__class__ }}][{{ range.__globals__ }}]"
                                               "[{{ namespace.__init__ }}][{{ messages._private }}]",
                                               {{"messages", ordered_json::array()}})),
                 QString("[][][][][]"));
        testutil::expectError([] { render("{{ ''.__class__.__mro__[1].__subclasses__() }}"); },
                              {"access to attribute '__class__' of 'str' object is unsafe"});
        testutil::expectError([] { render("{{ ''['__class__']() }}"); }, {"unsafe"});
        testutil::expectError([] { render("{% set ns = namespace() %}{% set ns.__dict__ = 1 %}"); },
                              {"underscore-prefixed attributes"});
        // Nothing names the machine, the environment or files.
        for (const char* name : {"os", "environ", "open", "import", "__import__", "config", "self", "cycler", "lipsum", "joiner"})
            QCOMPARE(QString::fromStdString(render(std::string("{{ ") + name + " is defined }}")), QString("False"));
    }

    void listsAndDictsAreImmutable()
    {
        testutil::expectError([] { render("{% set xs = [] %}{{ xs.append(1) }}"); },
                              {"access to attribute 'append' of 'list' object is unsafe."});
        testutil::expectError([] { render("{% set d = {} %}{{ d.update({'a': 1}) }}"); },
                              {"access to attribute 'update' of 'dict' object is unsafe."});
        testutil::expectError([] { render("{{ messages.pop() }}", {{"messages", {1, 2}}}); }, {"'pop' of 'list' object is unsafe"});
        // Building new values is how templates change things; that works.
        QCOMPARE(QString::fromStdString(render("{% set xs = [1] %}{% set xs = xs + [2] %}{{ xs }} {{ xs.index(2) }}")),
                 QString("[1, 2] 1"));
    }

    void strftimeNowIsTheLocalDate()
    {
        const std::time_t now = std::time(nullptr);
        std::tm local{};
        localtime_r(&now, &local);
        char date[64];
        std::strftime(date, sizeof date, "%d %b %Y", &local);
        const std::string text = templateNamed("llama32_style").render(ordered_json::parse(
            R"({"messages": [{"role": "user", "content": "hi"}], "bos_token": "<|begin_of_text|>", "add_generation_prompt": true})"));
        QVERIFY2(text.find(std::string("Today Date: ") + date + "\n") != std::string::npos, qPrintable(QString::fromStdString(text)));
    }

    void keyOrderFollowsTheContextType()
    {
        const std::string source = "{{ d | tojson }}";
        QCOMPARE(QString::fromStdString(ChatTemplate(source, "t").render(ordered_json::parse(R"({"d": {"b": 1, "a": 2}})"))),
                 QString(R"({"b": 1, "a": 2})"));
        QCOMPARE(QString::fromStdString(ChatTemplate(source, "t").render(nlohmann::json::parse(R"({"d": {"b": 1, "a": 2}})"))),
                 QString(R"({"a": 2, "b": 1})"));
        // A braced context picks the nlohmann::json overload.
        QCOMPARE(QString::fromStdString(ChatTemplate("{{ x }}", "t").render({{"x", 1.0}})), QString("1.0"));
        testutil::expectError([] { ChatTemplate("x", "t.jinja").render(nlohmann::json::array()); },
                              {"t.jinja", "must be a JSON object"});
    }

    void concurrentRendersAgree()
    {
        std::vector<ChatTemplate> templates;
        std::vector<std::pair<std::size_t, std::size_t>> work; // (template, case)
        const ordered_json& cases = fixture().at("cases");
        std::vector<std::string> names;
        for (const auto& [name, t] : fixture().at("templates").items()) {
            templates.push_back(templateNamed(name));
            names.push_back(name);
        }
        for (std::size_t i = 0; i < cases.size(); ++i)
            work.emplace_back(static_cast<std::size_t>(std::find(names.begin(), names.end(), cases[i].at("template")) - names.begin()), i);
        std::atomic<int> mismatches{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&, t] {
                for (int round = 0; round < 5; ++round)
                    for (std::size_t k = 0; k < work.size(); ++k) {
                        const auto& [ti, ci] = work[(k + static_cast<std::size_t>(t) * 7) % work.size()];
                        if (templates[ti].render(cases[ci].at("context")) != cases[ci].at("expected").get<std::string>())
                            ++mismatches;
                    }
            });
        for (auto& thread : threads)
            thread.join();
        QCOMPARE(mismatches.load(), 0);
    }

    void rendersFast()
    {
        const ordered_json& c = fixture().at("cases").at(0);
        ChatTemplate tmpl = templateNamed("qwen3_style");
        ordered_json context;
        for (const auto& candidate : fixture().at("cases"))
            if (candidate.at("name") == "qwen3_style/two_tool_calls")
                context = candidate.at("context");
        QVERIFY(!context.is_null() && c.is_object());
        QElapsedTimer timer;
        timer.start();
        const int renders = 500;
        for (int i = 0; i < renders; ++i)
            QVERIFY(!tmpl.render(context).empty());
        const double perRender = static_cast<double>(timer.nsecsElapsed()) / 1e3 / renders;
        qInfo("qwen3_style template with tool calls: %.1f us per render", perRender);
        QVERIFY2(perRender < 20000, "a chat template render should take well under 20 ms");
    }
};

QTEST_APPLESS_MAIN(TestChatTemplate)
#include "test_chat_template.moc"
