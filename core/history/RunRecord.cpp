#include "core/history/RunRecord.h"

#include "core/common/Error.h"

#include <set>

namespace core {

std::string toString(RunStatus status)
{
    switch (status) {
    case RunStatus::Running:
        return "running";
    case RunStatus::Finished:
        return "finished";
    case RunStatus::Stopped:
        return "stopped";
    case RunStatus::Failed:
        return "failed";
    }
    LORAWB_ASSERT(false, "unknown RunStatus ", static_cast<int>(status));
}

RunStatus parseRunStatus(const std::string& text)
{
    for (RunStatus status : {RunStatus::Running, RunStatus::Finished, RunStatus::Stopped, RunStatus::Failed})
        if (toString(status) == text)
            return status;
    LORAWB_FAIL("unknown run status '", text, "'; use one of: running, finished, stopped, failed");
}

std::vector<std::string> finalMetricNames(const std::vector<const RunRecord*>& runs)
{
    std::set<std::string> names;
    for (const RunRecord* run : runs)
        for (const auto& entry : run->finals)
            names.insert(entry.first);
    return {names.begin(), names.end()};
}

std::vector<std::string> finalMetricNames(const std::vector<RunRecord>& runs)
{
    std::vector<const RunRecord*> pointers;
    for (const auto& run : runs)
        pointers.push_back(&run);
    return finalMetricNames(pointers);
}

} // namespace core
