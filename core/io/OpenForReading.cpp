#include "core/io/OpenForReading.h"

#include "core/common/Error.h"

#include <fcntl.h>

#include <cerrno>
#include <cstring>

namespace core {

int openForReading(const std::string& path, const std::string& what)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        const int error = errno;
        if (error == ENOENT)
            LORAWB_FAIL(what, " '", path, "' not found; check the path");
        LORAWB_FAIL("cannot open ", what, " '", path, "': ", std::strerror(error),
                    "; check the path and its permissions");
    }
    return fd;
}

} // namespace core
