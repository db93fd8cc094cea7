// LoraConfig: every validation error names the field and the value and says what to use instead; PEFT's spellings.
#include "common/ErrorCapture.h"
#include "core/lora/LoraConfig.h"

#include <QtTest>

#include <limits>

namespace {

using testutil::expectError;

core::LoraConfig valid()
{
    core::LoraConfig cfg;
    cfg.r = 8;
    cfg.loraAlpha = 16;
    cfg.targetModules.names = {"q_proj", "v_proj"};
    return cfg;
}

} // namespace

class TestLoraConfig : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void validConfigPasses()
    {
        auto cfg = valid();
        cfg.validate();
        cfg.targetModules = core::TargetModules{core::TargetModules::Kind::AllLinear, {}, ""};
        cfg.validate();
        cfg.targetModules = core::TargetModules{core::TargetModules::Kind::Regex, {}, R"(.*\.(q|v)_proj)"};
        cfg.validate();
        QVERIFY(true);
    }

    void rZeroIsRefused()
    {
        auto cfg = valid();
        cfg.r = 0;
        expectError([&] { cfg.validate(); }, {"lora.r", "positive integer", "got 0", "4–64"});
    }

    void rNegativeIsRefused()
    {
        auto cfg = valid();
        cfg.r = -3;
        expectError([&] { cfg.validate(); }, {"lora.r", "got -3"});
    }

    void alphaZeroIsRefused()
    {
        auto cfg = valid();
        cfg.loraAlpha = 0;
        expectError([&] { cfg.validate(); }, {"lora.lora_alpha", "positive", "got 0"});
    }

    void alphaNegativeIsRefused()
    {
        auto cfg = valid();
        cfg.loraAlpha = -1.5;
        expectError([&] { cfg.validate(); }, {"lora.lora_alpha", "got -1.5"});
    }

    void dropoutOfOneIsRefused()
    {
        auto cfg = valid();
        cfg.loraDropout = 1.0;
        expectError([&] { cfg.validate(); }, {"lora.lora_dropout", "[0, 1)", "got 1"});
    }

    void dropoutNegativeIsRefused()
    {
        auto cfg = valid();
        cfg.loraDropout = -0.1;
        expectError([&] { cfg.validate(); }, {"lora.lora_dropout", "got -0.1"});
    }

    void dropoutNanIsRefused()
    {
        auto cfg = valid();
        cfg.loraDropout = std::numeric_limits<double>::quiet_NaN();
        expectError([&] { cfg.validate(); }, {"lora.lora_dropout"});
    }

    void unknownBiasListsTheValues()
    {
        expectError([] { core::parseLoraBias("some"); }, {"lora.bias", "'some'", "none", "all", "lora_only"});
    }

    void unknownTaskTypeListsEveryPeftValue()
    {
        expectError([] { core::parseTaskType("CAUSAL"); },
                    {"task_type", "'CAUSAL'", "CAUSAL_LM", "SEQ_CLS", "TOKEN_CLS", "QUESTION_ANS", "FEATURE_EXTRACTION",
                     "SEQ_2_SEQ_LM"});
    }

    void parseNamesTheGivenField()
    {
        expectError([] { core::parseLoraBias("x", "--bias"); }, {"--bias"});
    }

    void emptyTargetListIsRefused()
    {
        auto cfg = valid();
        cfg.targetModules.names.clear();
        expectError([&] { cfg.validate(); }, {"lora.target_modules", "empty", "all-linear"});
    }

    void emptyTargetNameIsRefused()
    {
        auto cfg = valid();
        cfg.targetModules.names = {"q_proj", ""};
        expectError([&] { cfg.validate(); }, {"lora.target_modules", "empty name"});
    }

    void invalidRegexIsRefused()
    {
        auto cfg = valid();
        cfg.targetModules = core::TargetModules{core::TargetModules::Kind::Regex, {}, "model.(q_proj"};
        expectError([&] { cfg.validate(); }, {"lora.target_modules", "not a valid regular expression", "model.(q_proj"});
    }

    void emptyRegexIsRefused()
    {
        auto cfg = valid();
        cfg.targetModules = core::TargetModules{core::TargetModules::Kind::Regex, {}, ""};
        expectError([&] { cfg.validate(); }, {"lora.target_modules", "empty"});
    }

    void negativeLayerIsRefused()
    {
        auto cfg = valid();
        cfg.layersToTransform = {0, -1};
        expectError([&] { cfg.validate(); }, {"lora.layers_to_transform", "got -1"});
    }

    void layersWithRegexTargetIsRefusedAsInPeft()
    {
        auto cfg = valid();
        cfg.targetModules = core::TargetModules{core::TargetModules::Kind::Regex, {}, ".*q_proj"};
        cfg.layersToTransform = {0};
        expectError([&] { cfg.validate(); }, {"lora.layers_to_transform", "lora.target_modules"});
    }

    void rankPatternZeroIsRefused()
    {
        auto cfg = valid();
        cfg.rankPattern = {{"q_proj", 16}, {"v_proj", 0}};
        expectError([&] { cfg.validate(); }, {"lora.rank_pattern", "v_proj", "got 0"});
    }

    void rankPatternBadKeyIsRefused()
    {
        auto cfg = valid();
        cfg.rankPattern = {{"layers.[0", 4}};
        expectError([&] { cfg.validate(); }, {"lora.rank_pattern", "layers.[0", "regular expression"});
    }

    void alphaPatternNegativeIsRefused()
    {
        auto cfg = valid();
        cfg.alphaPattern = {{"down_proj", -2}};
        expectError([&] { cfg.validate(); }, {"lora.alpha_pattern", "down_proj", "got -2"});
    }

    void emptyModuleToSaveIsRefused()
    {
        auto cfg = valid();
        cfg.modulesToSave = {""};
        expectError([&] { cfg.validate(); }, {"lora.modules_to_save"});
    }

    void enumSpellingsRoundTrip()
    {
        for (auto bias : {core::LoraBias::None, core::LoraBias::All, core::LoraBias::LoraOnly})
            QVERIFY(core::parseLoraBias(core::toString(bias)) == bias);
        QCOMPARE(QString::fromStdString(core::toString(core::LoraBias::LoraOnly)), QString("lora_only"));
        const auto names = core::allTaskTypeNames();
        QCOMPARE(names.size(), size_t(6));
        QCOMPARE(QString::fromStdString(names.front()), QString("CAUSAL_LM"));
        for (const auto& name : names)
            QCOMPARE(QString::fromStdString(core::toString(core::parseTaskType(name))), QString::fromStdString(name));
        QVERIFY(core::parseTaskType("SEQ_2_SEQ_LM") == core::TaskType::Seq2SeqLm);
    }

    void untrainableTaskTypesSayWhy()
    {
        QVERIFY(!core::taskTypeNotTrainableReason(core::TaskType::CausalLm).has_value());
        for (const auto& name : core::allTaskTypeNames()) {
            const auto type = core::parseTaskType(name);
            if (type == core::TaskType::CausalLm || type == core::TaskType::SeqCls ||
                type == core::TaskType::TokenCls || type == core::TaskType::QuestionAns ||
                type == core::TaskType::FeatureExtraction)
                continue;
            const auto reason = core::taskTypeNotTrainableReason(type);
            QVERIFY(reason.has_value());
            QVERIFY(QString::fromStdString(*reason).startsWith(QString::fromStdString(name)));
            QVERIFY(QString::fromStdString(*reason).contains("CAUSAL_LM"));
        }
        QVERIFY(!core::taskTypeNotTrainableReason(core::TaskType::SeqCls).has_value()); // trains (issue 12)
        QVERIFY(!core::taskTypeNotTrainableReason(core::TaskType::TokenCls).has_value());
        QVERIFY(!core::taskTypeNotTrainableReason(core::TaskType::QuestionAns).has_value());
        QVERIFY(!core::taskTypeNotTrainableReason(core::TaskType::FeatureExtraction).has_value());
        // PeftModelForQuestionAnswering adds its span head.
        core::LoraConfig qa;
        qa.taskType = core::TaskType::QuestionAns;
        QCOMPARE(core::withAutomaticModulesToSave(qa).modulesToSave, (std::vector<std::string>{"qa_outputs"}));
        // PEFT's PeftModelForSequenceClassification adds both head names to modules_to_save, once each here.
        core::LoraConfig cfg;
        cfg.taskType = core::TaskType::SeqCls;
        cfg.modulesToSave = {"score"};
        QCOMPARE(core::withAutomaticModulesToSave(cfg).modulesToSave, (std::vector<std::string>{"score", "classifier"}));
        cfg.taskType = core::TaskType::TokenCls; // PeftModelForTokenClassification: the same two
        QCOMPARE(core::withAutomaticModulesToSave(cfg).modulesToSave, (std::vector<std::string>{"score", "classifier"}));
        cfg.taskType = core::TaskType::CausalLm;
        QCOMPARE(core::withAutomaticModulesToSave(cfg).modulesToSave, (std::vector<std::string>{"score"}));
    }
};

QTEST_APPLESS_MAIN(TestLoraConfig)
#include "test_lora_config.moc"
