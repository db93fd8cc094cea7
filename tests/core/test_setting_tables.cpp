// The field tables (core/common/SettingField.h) every settings struct has: each row documented once, every row that
// is not structured read back from what was written without code of its own, the experiment file's keys, --set and
// the key reference all taken from them, and the reference in docs/ current.
#include "common/ErrorCapture.h"
#include "core/data/DataSettings.h"
#include "core/eval/ForgettingSettingTable.h"
#include "core/experiment/ConfigDiff.h"
#include "core/experiment/ExperimentKeys.h"
#include "core/experiment/ExperimentSettings.h"
#include "core/experiment/SettingsYaml.h"
#include "core/lora/LoraSettings.h"
#include "core/train/TrainSettings.h"

#include <QtTest>

#include <fstream>
#include <set>
#include <sstream>

namespace {

// A value unlike any default, for every kind of row: set through the row's own accessor.
template <typename Config>
bool setAwayFromDefault(const core::SettingField<Config>& field, Config& cfg)
{
    return std::visit(
        [&](const auto& access) -> bool {
            using Access = std::decay_t<decltype(access)>;
            if constexpr (core::detail::IsMemberPointer<Access>::value) {
                using Value = typename core::detail::IsMemberPointer<Access>::Value;
                auto& value = cfg.*access;
                if constexpr (std::is_same_v<Value, bool>)
                    value = !value;
                else if constexpr (std::is_same_v<Value, double>)
                    value = 0.375;
                else if constexpr (std::is_same_v<Value, std::string>)
                    value = "changed: value";
                else if constexpr (std::is_same_v<Value, std::vector<std::string>>)
                    value = {"first", "second"};
                else if constexpr (std::is_same_v<Value, std::map<std::string, std::string>>)
                    value = {{"column", "instruction"}};
                else if constexpr (std::is_same_v<Value, core::OrderedMapping<int>>)
                    value = {{".*q_proj", 5}};
                else if constexpr (std::is_same_v<Value, core::OrderedMapping<double>>)
                    value = {{".*q_proj", 2.5}};
                else
                    value = static_cast<Value>(value + 7);
                return true;
            } else if constexpr (std::is_same_v<Access, core::ChoiceAccess<Config>>) {
                const std::string current = access.get(cfg);
                for (const auto& name : access.names)
                    if (name != current) {
                        access.set(cfg, name, field.key);
                        return true;
                    }
                return false;
            } else {
                return false; // structured rows have their own tests (test_experiment_config)
            }
        },
        field.access);
}

template <typename Config>
std::string rowText(const core::SettingField<Config>& field, const Config& cfg)
{
    const YAML::Node node = core::settingNode(field, cfg);
    return node.IsDefined() && !node.IsNull() ? core::flowText(node) : "";
}

// Each row changed alone, written by settingsNode and read back by readSettings into a default struct: the row
// comes back, and no other row moves. A new row passes this without any code besides the row itself.
template <typename Config>
void everyRowRoundTrips(const core::SettingTable<Config>& table, const Config& defaults)
{
    int changed = 0;
    for (const auto& field : table) {
        Config cfg = defaults;
        if (!setAwayFromDefault(field, cfg))
            continue;
        ++changed;
        QVERIFY2(rowText(field, cfg) != rowText(field, defaults), field.key.c_str());
        YAML::Node written = core::settingsNode(table, cfg);
        if (!written.IsDefined() || written.IsNull())
            written = YAML::Node(YAML::NodeType::Map);
        const YAML::Node reparsed = YAML::Load(YAML::Dump(written));
        core::YamlSchema schema;
        for (const auto& row : table)
            schema[""].push_back(row.key);
        core::YamlContext context;
        context.source = "roundtrip.yaml";
        context.schema = &schema;
        Config back = defaults;
        core::readSettings(core::YamlSection(reparsed, "", context), table, back);
        for (const auto& row : table) {
            if (row.applies && !row.applies(cfg))
                continue; // not written, so not read back
            QVERIFY2(rowText(row, back) == rowText(row, cfg),
                     (field.key + " changed: " + row.key + " read back as '" + rowText(row, back) + "', written '" +
                      rowText(row, cfg) + "'")
                         .c_str());
        }
    }
    QVERIFY(changed > 0);
}

template <typename Config>
void rowsAreDocumented(const core::SettingTable<Config>& table)
{
    std::set<std::string> keys;
    for (const auto& field : table) {
        QVERIFY2(keys.insert(field.key).second, ("two rows for " + field.key).c_str());
        QVERIFY2(!field.doc.empty(), (field.key + " has no doc line").c_str());
        QVERIFY2(field.doc.find('\n') == std::string::npos, (field.key + ": the doc is one line").c_str());
        QVERIFY2(field.doc.size() <= 130, (field.key + ": a doc line, not a paragraph").c_str());
    }
}

std::string readText(const std::string& path)
{
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

class TestSettingTables : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyRowHasOneDocLine()
    {
        rowsAreDocumented(core::experimentTopSettingTable());
        rowsAreDocumented(core::loraSettingTable());
        rowsAreDocumented(core::dataSettingTable());
        rowsAreDocumented(core::trainSettingTable());
        rowsAreDocumented(core::forgettingSettingTable());
    }

    void everyRowRoundTripsThroughYaml()
    {
        const core::ExperimentConfig defaults = core::defaultExperimentConfig();
        everyRowRoundTrips(core::experimentTopSettingTable(), defaults);
        everyRowRoundTrips(core::loraSettingTable(), defaults.lora);
        core::DataConfig data = defaults.data;
        data.format = core::DataFormat::Messages; // so that chat_template applies and is written
        everyRowRoundTrips(core::dataSettingTable(), data);
        everyRowRoundTrips(core::trainSettingTable(), defaults.train);
        core::ForgettingProbeOptions forgetting = defaults.forgetting;
        forgetting.retainPath = "retain.txt"; // the probe's rows are written only when it is on
        everyRowRoundTrips(core::forgettingSettingTable(), forgetting);
    }

    void theFileSchemaIsTheTables()
    {
        const core::YamlSchema& schema = core::experimentSchema();
        const auto& top = schema.at("");
        for (const char* key : {"model", "name", "task_type", "finetune", "output_dir", "base_adapter", "lora", "data",
                                "train", "forgetting"})
            QVERIFY2(std::find(top.begin(), top.end(), key) != top.end(), key);
        QCOMPARE(schema.at("lora").size(), core::loraSettingTable().size());
        QCOMPARE(schema.at("data").size(), core::dataSettingTable().size());
        QCOMPARE(schema.at("train").size(), core::trainSettingTable().size());
        QCOMPARE(schema.at("forgetting").size(), core::forgettingSettingTable().size());
        QVERIFY((schema.at("data.template") == std::vector<std::string>{"with_input", "without_input"}));
        // Free-form mappings (user keys) are not sections of the schema; --set reaches below them.
        QCOMPARE(schema.count("lora.rank_pattern"), size_t(0));
        YAML::Node root(YAML::NodeType::Map);
        QCOMPARE(core::applyOverride(root, "lora.rank_pattern.model.layers.0.q_proj=4"),
                 std::string("lora.rank_pattern.model.layers.0.q_proj"));
        testutil::expectError(
            [] {
                YAML::Node r(YAML::NodeType::Map);
                core::applyOverride(r, "train.learnng_rate=1e-4");
            },
            {"unknown key 'train.learnng_rate'", "train.learning_rate"});
    }

    void defaultsComeFromTheStructs()
    {
        const core::SettingInfo* r = core::findExperimentSetting("lora.r");
        QVERIFY(r != nullptr);
        QCOMPARE(r->type, std::string("integer"));
        QCOMPARE(r->defaultText, std::to_string(core::LoraConfig{}.r));
        const core::SettingInfo* targets = core::findExperimentSetting("lora.target_modules");
        QVERIFY(targets != nullptr);
        QCOMPARE(targets->defaultText, std::string("[q_proj, v_proj]")); // PEFT's default for LLaMA-family models
        const core::SettingInfo* scheduler = core::findExperimentSetting("train.lr_scheduler");
        QVERIFY(scheduler != nullptr);
        QCOMPARE(scheduler->type, std::string("choice"));
        QCOMPARE(scheduler->choices, core::lrSchedulerNames());
        QCOMPARE(scheduler->defaultText, core::toString(core::TrainConfig{}.lrScheduler));
        QVERIFY(core::findExperimentSetting("lora.rank_pattern")->freeForm);
        QVERIFY(core::findExperimentSetting("lora") == nullptr); // a section, not a setting
        QVERIFY(core::findExperimentSetting("train.nonexistent") == nullptr);
    }

    void validationRunsEveryRowsCheck()
    {
        // Each struct's validate() is its table's checks: a bad value in any row is refused naming its key.
        core::TrainConfig train;
        train.adamBeta2 = 1.0;
        testutil::expectError([&] { train.validate(); }, {"train.adam_beta2", "[0, 1)"});
        core::LoraConfig lora = core::defaultExperimentConfig().lora;
        lora.alphaPattern = {{"(", 4.0}};
        testutil::expectError([&] { lora.validate(); }, {"lora.alpha_pattern key '('", "regular expression"});
        core::DataConfig data;
        data.path = "train.jsonl";
        data.format = core::DataFormat::Text;
        data.columns = {{"prompt", "instruction"}};
        testutil::expectError([&] { data.validate(); }, {"data.columns", "Alpaca data only", "data.format: text"});
        core::ExperimentConfig cfg = core::defaultExperimentConfig();
        cfg.model = "m";
        cfg.data.path = "d.jsonl";
        cfg.forgetting.taskPaths = {"task.jsonl"};
        testutil::expectError([&] { core::validateExperiment(cfg); }, {"forgetting.task_paths", "retain_path"});
    }

    void spellingOutADefaultIsNoDifference()
    {
        // A run recorded before a setting existed (or a hand-written file) leaves it out: that means the default.
        const char* left = "model: m\nlora: {r: 8}\n";
        const char* right = "model: m\nlora: {r: 8, use_rslora: false, lora_dropout: 0.1}\n";
        const auto diff = core::configDiff(left, right);
        QCOMPARE(diff.size(), size_t(1));
        QCOMPARE(diff[0].key, std::string("lora.lora_dropout"));
        QCOMPARE(diff[0].left, std::string(""));
        QCOMPARE(diff[0].defaultValue, std::string("0")); // what the left file means
        QCOMPARE(diff[0].right, std::string("0.1"));
    }

    void referenceListsEveryKey()
    {
        const std::string text = core::settingsReferenceText();
        const std::string markdown = core::settingsReferenceMarkdown();
        for (const auto& info : core::experimentSettings()) {
            QVERIFY2(text.find(info.key + "  (") != std::string::npos, info.key.c_str());
            QVERIFY2(markdown.find("| `" + info.key + "` |") != std::string::npos, info.key.c_str());
        }
        QVERIFY(text.find("none | all | lora_only") != std::string::npos);
    }

    void docsReferenceIsCurrent()
    {
        // docs/EXPERIMENT_FILE.md holds `lorawb settings --markdown` below its heading; regenerate it with
        //   lorawb settings --markdown   (and paste it under "## Every key")
        const std::string doc = readText(std::string(LORAWB_SOURCE_DIR) + "/docs/EXPERIMENT_FILE.md");
        QVERIFY2(!doc.empty(), "docs/EXPERIMENT_FILE.md is missing");
        QVERIFY2(doc.find(core::settingsReferenceMarkdown()) != std::string::npos,
                 "docs/EXPERIMENT_FILE.md is out of date: replace its table with `lorawb settings --markdown`");
    }
};

QTEST_APPLESS_MAIN(TestSettingTables)
#include "test_setting_tables.moc"
