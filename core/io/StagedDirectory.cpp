#include "core/io/StagedDirectory.h"

#include "core/common/Error.h"
#include "core/io/AtomicFile.h"

#include <unistd.h>

#include <filesystem>

namespace fs = std::filesystem;

namespace core {

void writeDirectoryAtomically(const std::string& dir, const std::function<void(const std::string&)>& write)
{
    const fs::path target = fs::path(dir).lexically_normal();
    const fs::path parent = target.has_parent_path() ? target.parent_path() : fs::path(".");
    ensureDirectory(parent.string());
    const std::string suffix = "." + std::to_string(::getpid());
    const fs::path staging = target.string() + ".tmp" + suffix;
    const fs::path retired = target.string() + ".old" + suffix;
    std::error_code ec;
    // Leftovers of a crashed earlier save under the same pid would block the renames below.
    fs::remove_all(staging, ec);
    fs::remove_all(retired, ec);
    try {
        ensureDirectory(staging.string());
        write(staging.string());
    } catch (...) {
        fs::remove_all(staging, ec);
        throw;
    }
    // Two renames: the window in which `dir` is absent holds no partial state, and `retired` still has the old files.
    const bool hadOld = fs::exists(target);
    if (hadOld) {
        fs::rename(target, retired, ec);
        LORAWB_CHECK(!ec, dir, ": cannot replace the folder (", ec.message(), "); the new files are in ", staging.string());
    }
    fs::rename(staging, target, ec);
    if (ec) {
        std::error_code restore;
        if (hadOld)
            fs::rename(retired, target, restore);
        LORAWB_FAIL(dir, ": cannot move the new files into place (", ec.message(), "); the previous contents are kept.");
    }
    if (hadOld)
        fs::remove_all(retired, ec);
}

} // namespace core
