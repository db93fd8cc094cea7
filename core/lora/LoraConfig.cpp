#include "core/lora/LoraConfig.h"
#include "core/common/Text.h"

#include "core/common/Error.h"
#include "core/lora/LoraSettings.h"

#include <algorithm>
#include <utility>

namespace core {

namespace {

// PEFT's spellings, in PEFT's order (the order error messages list them in).
const std::pair<TaskType, const char*> kTaskTypeNames[] = {
    {TaskType::CausalLm, "CAUSAL_LM"},
    {TaskType::SeqCls, "SEQ_CLS"},
    {TaskType::TokenCls, "TOKEN_CLS"},
    {TaskType::QuestionAns, "QUESTION_ANS"},
    {TaskType::FeatureExtraction, "FEATURE_EXTRACTION"},
    {TaskType::Seq2SeqLm, "SEQ_2_SEQ_LM"},
};

const std::pair<LoraBias, const char*> kBiasNames[] = {
    {LoraBias::None, "none"},
    {LoraBias::All, "all"},
    {LoraBias::LoraOnly, "lora_only"},
};


} // namespace

void LoraConfig::validate() const
{
    checkSettings(loraSettingTable(), *this);
}

std::string toString(LoraBias bias)
{
    for (const auto& [value, name] : kBiasNames)
        if (value == bias)
            return name;
    LORAWB_ASSERT(false, "unknown LoraBias ", static_cast<int>(bias));
    return {};
}

std::string toString(TaskType taskType)
{
    for (const auto& [value, name] : kTaskTypeNames)
        if (value == taskType)
            return name;
    LORAWB_ASSERT(false, "unknown TaskType ", static_cast<int>(taskType));
    return {};
}

LoraBias parseLoraBias(const std::string& text, const std::string& field)
{
    for (const auto& [value, name] : kBiasNames)
        if (text == name)
            return value;
    LORAWB_FAIL(field, " must be one of none, all, lora_only; got '", text,
                "' (none: only the adapters train; all: every bias trains too; lora_only: biases of targeted "
                "layers train)");
}

TaskType parseTaskType(const std::string& text, const std::string& field)
{
    for (const auto& [value, name] : kTaskTypeNames)
        if (text == name)
            return value;
    LORAWB_FAIL(field, " must be one of ", joinedWithCommas(allTaskTypeNames()), "; got '", text,
                "' (PEFT's spelling; use CAUSAL_LM for instruction tuning of a language model)");
}

std::vector<std::string> allTaskTypeNames()
{
    std::vector<std::string> names;
    for (const auto& entry : kTaskTypeNames)
        names.emplace_back(entry.second);
    return names;
}

std::optional<std::string> taskTypeNotTrainableReason(TaskType taskType)
{
    switch (taskType) {
    case TaskType::CausalLm:
    case TaskType::SeqCls:
    case TaskType::TokenCls:
    case TaskType::QuestionAns:
    case TaskType::FeatureExtraction:
        return std::nullopt;
    case TaskType::Seq2SeqLm:
        return "SEQ_2_SEQ_LM needs an encoder-decoder model, and LoRA Workbench loads decoder-only (LLaMA-family) "
               "models; use CAUSAL_LM";
    }
    LORAWB_ASSERT(false, "unknown TaskType ", static_cast<int>(taskType));
    return std::nullopt;
}

const std::vector<std::string>& automaticModulesToSave(TaskType taskType)
{
    // PEFT's PeftModelForSequenceClassification and PeftModelForTokenClassification both add the first two,
    // PeftModelForQuestionAnswering its span head.
    static const std::vector<std::string> none, classifier{"classifier", "score"}, span{"qa_outputs"};
    if (taskType == TaskType::QuestionAns)
        return span;
    return taskType == TaskType::SeqCls || taskType == TaskType::TokenCls ? classifier : none;
}

bool isAutomaticHeadName(TaskType taskType, const std::string& moduleName)
{
    const auto& names = automaticModulesToSave(taskType);
    return std::find(names.begin(), names.end(), moduleName) != names.end();
}

LoraConfig withAutomaticModulesToSave(LoraConfig cfg)
{
    for (const auto& name : automaticModulesToSave(cfg.taskType))
        if (std::find(cfg.modulesToSave.begin(), cfg.modulesToSave.end(), name) == cfg.modulesToSave.end())
            cfg.modulesToSave.push_back(name);
    return cfg;
}

} // namespace core

namespace core {

std::string initLoraWeightsName(LoraInit init, int niter)
{
    switch (init) {
    case LoraInit::Kaiming: return "true";
    case LoraInit::Gaussian: return "gaussian";
    case LoraInit::Pissa: return "pissa";
    case LoraInit::PissaNiter: return "pissa_niter_" + std::to_string(niter);
    case LoraInit::Olora: return "olora";
    }
    LORAWB_ASSERT(false, "unknown LoraInit ", static_cast<int>(init));
    return {};
}

void parseInitLoraWeights(const std::string& text, const std::string& field, LoraInit& init, int& niter)
{
    const std::string value = asciiLower(text);
    if (value == "true" || value == "yes" || value == "on") {
        init = LoraInit::Kaiming;
    } else if (value == "gaussian") {
        init = LoraInit::Gaussian;
    } else if (value == "pissa") {
        init = LoraInit::Pissa;
    } else if (value == "olora") {
        init = LoraInit::Olora;
    } else if (value.rfind("pissa_niter_", 0) == 0) {
        const std::string digits = value.substr(std::string("pissa_niter_").size());
        const bool number = !digits.empty() && digits.size() <= 4 &&
                            digits.find_first_not_of("0123456789") == std::string::npos;
        LORAWB_CHECK(number && std::stoi(digits) >= 1, field, ": '", text, "' needs a number of subspace iterations "
                     "from 1 to 9999 after pissa_niter_, e.g. pissa_niter_4 (or pissa for the exact SVD)");
        init = LoraInit::PissaNiter;
        niter = std::stoi(digits);
    } else if (value == "false" || value == "no" || value == "off") {
        LORAWB_FAIL(field, ": false (random B, so a fresh adapter already changes the model) is not supported; use "
                    "true (PEFT's default: A Kaiming-uniform, B zeros), gaussian, pissa, pissa_niter_N or olora");
    } else {
        LORAWB_FAIL(field, " must be true, gaussian, pissa, pissa_niter_N (e.g. pissa_niter_4) or olora, got '", text,
                    "' (PEFT's loftq, corda, eva and lora_ga are not supported)");
    }
}

bool rewritesBaseWeights(LoraInit init)
{
    return init == LoraInit::Pissa || init == LoraInit::PissaNiter || init == LoraInit::Olora;
}

} // namespace core
