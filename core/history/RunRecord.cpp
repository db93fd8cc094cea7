#include "core/history/RunRecord.h"

#include "core/common/Error.h"

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

} // namespace core
