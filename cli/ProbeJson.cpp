#include "cli/ProbeJson.h"

#include <nlohmann/json.hpp>

namespace core::cli {

nlohmann::json probeJson(const ProbeResult& result)
{
    nlohmann::json tasks = nlohmann::json::array();
    for (const auto& task : result.tasks)
        tasks.push_back({{"name", task.name},
                         {"path", task.path},
                         {"records", task.records},
                         {"correct", task.correct},
                         {"accuracy", task.accuracy}});
    return {{"retain_loss", result.retainLoss},
            {"retain_perplexity", result.retainPerplexity},
            {"kl_from_base", result.klFromBase},
            {"max_abs_logit_diff", result.maxAbsLogitDiff},
            {"retain_tokens", result.retainTokens},
            {"tasks", tasks}};
}

} // namespace core::cli
