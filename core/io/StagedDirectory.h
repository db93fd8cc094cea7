#pragma once
// Writing a folder of files (an adapter, a checkpoint) so that a failure half-way never damages what was there:
// the files go to a fresh sibling "<dir>.tmp-<pid>", and only when all are written is the old folder swapped out.
#include <functional>
#include <string>

namespace core {

// Calls write(stagingDir) and then replaces `dir` with the staging folder. If write throws (disk full, permission),
// the staging folder is removed, `dir` is left exactly as it was, and the exception propagates.
void writeDirectoryAtomically(const std::string& dir, const std::function<void(const std::string& stagingDir)>& write);

} // namespace core
