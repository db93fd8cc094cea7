#include "core/eval/ForgettingSettingTable.h"

#include "core/common/Error.h"

namespace core {

const SettingTable<ForgettingProbeOptions>& forgettingSettingTable()
{
    using C = ForgettingProbeOptions;
    const auto probeOn = [](const C& c) { return !c.retainPath.empty(); };
    static const SettingTable<C> table = {
        {"retain_path",
         "text the base model already knows; its loss before, during and after training measures "
         "forgetting (empty = no probe)",
         &C::retainPath,
         {},
         probeOn},
        {"task_paths", "Alpaca datasets of earlier tasks whose exact-match accuracy is tracked alongside",
         &C::taskPaths,
         [](const C& c) {
             LORAWB_CHECK(!c.retainPath.empty() || c.taskPaths.empty(),
                          "forgetting.task_paths is set but forgetting.retain_path is not; the probe needs a retain "
                          "text (text the base model knows, e.g. resources/demo/retain.txt)");
         },
         probeOn},
        {"max_retain_tokens", "the retain text is cut to BOS + this many tokens (at least 16)", &C::maxRetainTokens,
         [](const C& c) {
             LORAWB_CHECK(c.maxRetainTokens >= 16, "forgetting.max_retain_tokens must be at least 16, got ",
                          c.maxRetainTokens, " (the retain-set numbers need enough tokens to mean something)");
         },
         probeOn},
        {"accuracy_limit", "records per task whose accuracy is measured (the first N); 0 = all", &C::accuracyLimit,
         [](const C& c) {
             LORAWB_CHECK(c.accuracyLimit >= 0, "forgetting.accuracy_limit must be >= 0 (0 = every record), got ",
                          c.accuracyLimit);
         },
         probeOn},
    };
    return table;
}

} // namespace core
