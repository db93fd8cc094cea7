#pragma once
#include <string>

namespace core {

// open(2) read-only with the project's messages: a missing file or an unreadable one is a core::Error naming `what`
// and the path. Returns the file descriptor; the caller closes it.
int openForReading(const std::string& path, const std::string& what);

} // namespace core
