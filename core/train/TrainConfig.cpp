#include "core/train/TrainConfig.h"

#include "core/common/Error.h"
#include "core/common/Text.h"
#include "core/train/TrainSettings.h"

#include <utility>

namespace core {

namespace {

const std::pair<LrScheduler, const char*> kSchedulerNames[] = {
    {LrScheduler::Constant, "constant"},
    {LrScheduler::Linear, "linear"},
    {LrScheduler::Cosine, "cosine"},
    {LrScheduler::ConstantWithWarmup, "constant_with_warmup"},
};

} // namespace

void TrainConfig::validate() const
{
    checkSettings(trainSettingTable(), *this);
}

std::string toString(LrScheduler scheduler)
{
    for (const auto& [value, name] : kSchedulerNames)
        if (value == scheduler)
            return name;
    LORAWB_ASSERT(false, "unknown LrScheduler ", static_cast<int>(scheduler));
    return {};
}

std::vector<std::string> lrSchedulerNames()
{
    std::vector<std::string> names;
    for (const auto& entry : kSchedulerNames)
        names.push_back(entry.second);
    return names;
}

LrScheduler parseLrScheduler(const std::string& text, const std::string& field)
{
    for (const auto& [value, name] : kSchedulerNames)
        if (text == name)
            return value;
    LORAWB_FAIL(field, " must be one of ", joinedWithCommas(lrSchedulerNames()), "; got '", text,
                "' (constant ignores warmup, as in transformers; constant_with_warmup ramps up first)");
}

} // namespace core
