#include "core/io/MappedFile.h"

#include <algorithm>

#include "core/common/Error.h"
#include "core/io/OpenForReading.h"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace core {

std::shared_ptr<MappedFile> MappedFile::open(const std::string& path, const std::string& what)
{
    const int fd = openForReading(path, what);
    struct stat info {};
    if (::fstat(fd, &info) != 0) {
        const int error = errno;
        ::close(fd);
        LORAWB_FAIL("cannot read ", what, " '", path, "': ", std::strerror(error), "; check the file");
    }
    if (S_ISDIR(info.st_mode)) {
        ::close(fd);
        LORAWB_FAIL(what, " '", path, "' is a directory, not a file; pass the path of the file itself");
    }
    if (!S_ISREG(info.st_mode)) {
        ::close(fd);
        LORAWB_FAIL(what, " '", path, "' is not a regular file (a pipe or a device cannot be mapped); ",
                    "save it to a file first");
    }
    std::shared_ptr<MappedFile> file(new MappedFile);
    file->m_path = path;
    file->m_size = static_cast<std::size_t>(info.st_size);
    if (file->m_size > 0) {
        // MAP_PRIVATE + PROT_WRITE is copy-on-write, as torch's own UntypedStorage.from_file(shared=False) and HF
        // safetensors do: a caller that modifies a returned tensor in place (merging an adapter into a base weight)
        // gets private pages instead of a segfault, and the file itself is never written. Under strict overcommit
        // a large writable private mapping can be refused; a read-only one still works for reading.
        void* data = ::mmap(nullptr, file->m_size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
        file->m_writable = data != MAP_FAILED;
        if (data == MAP_FAILED)
            data = ::mmap(nullptr, file->m_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (data == MAP_FAILED) {
            const int error = errno;
            ::close(fd);
            LORAWB_FAIL("cannot map ", what, " '", path, "' into memory: ", std::strerror(error),
                        "; check that the file is on a local disk and that enough address space is free");
        }
        file->m_data = static_cast<std::uint8_t*>(data);
    }
    file->m_fd = fd; // the mapping holds its own reference; this one is for readAt
    return file;
}

MappedFile::~MappedFile()
{
    if (m_data)
        ::munmap(m_data, m_size);
    if (m_fd >= 0)
        ::close(m_fd);
}

void MappedFile::readAt(std::size_t offset, std::size_t size, void* out, const std::string& what) const
{
    auto* to = static_cast<std::uint8_t*>(out);
    std::size_t done = 0;
    while (done < size) {
        const ssize_t got = ::pread(m_fd, to + done, size - done, static_cast<off_t>(offset + done));
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            const int error = errno;
            LORAWB_FAIL("cannot read ", what, " from '", m_path, "': ", std::strerror(error),
                        "; check the file and the disk it is on");
        }
        if (got == 0) {
            struct stat info {};
            const bool known = ::fstat(m_fd, &info) == 0;
            LORAWB_FAIL("'", m_path, "' changed while it was being read: ", what, " needs its bytes up to ",
                        offset + size, ", but the file ", known ? "now ends at " + std::to_string(info.st_size) :
                        std::string("ends earlier"), " (it had ", m_size, " bytes when opened). Another program "
                        "truncated or rewrote it, e.g. a download still running: wait until it is complete, then "
                        "load again.");
        }
        done += static_cast<std::size_t>(got);
    }
}

} // namespace core
