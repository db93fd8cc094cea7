#include "core/run/RunDescription.h"

#include "core/common/Version.h"
#include "core/history/RunDatabase.h"

namespace core {

std::string targetsText(const TargetModules& targets)
{
    switch (targets.kind) {
    case TargetModules::Kind::List: {
        std::string out;
        for (const auto& name : targets.names)
            out += (out.empty() ? "" : ",") + name;
        return out;
    }
    case TargetModules::Kind::Regex:
        return targets.regex;
    case TargetModules::Kind::AllLinear:
        return "all-linear";
    }
    return "";
}

void describeRun(RunRecord& record, const ExperimentConfig& cfg)
{
    const bool lora = cfg.train.finetune == FinetuneMode::Lora;
    record.name = cfg.name;
    record.status = RunStatus::Running;
    if (record.startedAt.empty())
        record.startedAt = utcTimestamp();
    record.finishedAt.clear();
    record.finetune = toString(cfg.train.finetune);
    record.configYaml = toYaml(cfg);
    record.model = cfg.model;
    record.r = lora ? cfg.lora.r : 0;
    record.loraAlpha = lora ? cfg.lora.loraAlpha : 0;
    record.loraDropout = lora ? cfg.lora.loraDropout : 0;
    record.targets = lora ? targetsText(cfg.lora.targetModules) : "all weights";
    record.bias = lora ? toString(cfg.lora.bias) : "";
    record.learningRate = cfg.train.learningRate;
    record.seed = static_cast<int64_t>(cfg.train.seed);
    record.outputDir = cfg.outputDir;
    record.lorawbVersion = versionString();
    record.torchVersion = torchVersionString();
}

} // namespace core
