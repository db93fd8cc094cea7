#include "core/io/AtomicFile.h"

#include "core/common/Error.h"
#include "core/io/OpenForReading.h"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace core {
namespace {

std::string directoryOf(const std::string& path)
{
    const std::string parent = fs::path(path).parent_path().string();
    return parent.empty() ? std::string(".") : parent;
}

// Out of space (or over a quota / file size limit): the user can fix it by freeing space.
bool isOutOfSpace(int error)
{
    return error == ENOSPC || error == EFBIG || error == EDQUOT;
}

std::string fixFor(int error)
{
    if (isOutOfSpace(error))
        return "free disk space or choose another output directory";
    if (error == EISDIR)
        return "a folder has that name: choose another file name or output directory";
    return "check that the folder exists and is writable, or choose another output directory";
}

// Flushes the directory entry of a rename. Some filesystems refuse fsync on a directory; the data itself is already
// safe by then, so that is not worth failing a save over.
void syncDirectory(const std::string& dir)
{
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return;
    ::fsync(fd);
    ::close(fd);
}

} // namespace

AtomicFileWriter::AtomicFileWriter(const std::string& path) : m_path(path)
{
    LORAWB_CHECK(!path.empty(), "cannot write a file with an empty path; choose an output file");
    static std::atomic<unsigned> counter{0};
    const std::string dir = directoryOf(path);
    const std::string base = fs::path(path).filename().string();
    // A hidden name that cannot collide with the target or with another writer (pid + counter, O_EXCL).
    for (int attempt = 0; attempt < 100 && m_fd < 0; ++attempt) {
        m_tempPath = (fs::path(dir) / ("." + base + ".tmp-" + std::to_string(::getpid()) + "-" +
                                       std::to_string(counter.fetch_add(1))))
                         .string();
        // 0666 so that the umask decides the final permissions, as for any newly created file.
        m_fd = ::open(m_tempPath.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (m_fd < 0 && errno != EEXIST) {
            const int error = errno;
            m_tempPath.clear();
            LORAWB_FAIL("cannot write '", path, "': cannot create a file in '", dir, "': ", std::strerror(error), "; ",
                        fixFor(error));
        }
    }
    if (m_fd < 0) {
        m_tempPath.clear();
        LORAWB_FAIL("cannot write '", path, "': no free temporary file name in '", directoryOf(path),
                    "'; remove the stale hidden '.", base, ".tmp-*' files there");
    }
    // Replacing a file keeps its permissions (a user who made a file group-readable expects it to stay so).
    struct stat old {};
    if (::stat(path.c_str(), &old) == 0 && S_ISREG(old.st_mode))
        ::fchmod(m_fd, old.st_mode & 07777);
}

AtomicFileWriter::~AtomicFileWriter()
{
    discard();
}

void AtomicFileWriter::discard() noexcept
{
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    if (!m_done && !m_tempPath.empty())
        ::unlink(m_tempPath.c_str());
    m_done = true;
}

void AtomicFileWriter::fail(const std::string& action, int error)
{
    discard();
    LORAWB_FAIL("cannot ", action, " '", m_path, "': ", std::strerror(error), "; ", fixFor(error),
                " (the previous file, if any, is unchanged)");
}

void AtomicFileWriter::write(const void* data, std::size_t size)
{
    LORAWB_ASSERT(!m_done, "write after commit or failure");
    const char* bytes = static_cast<const char*>(data);
    while (size > 0) {
        // Bounded chunks: some kernels refuse single writes above 2 GiB.
        const std::size_t chunk = size < (std::size_t(1) << 30) ? size : (std::size_t(1) << 30);
        const ssize_t written = ::write(m_fd, bytes, chunk);
        if (written < 0) {
            if (errno == EINTR)
                continue;
            fail("write", errno);
        }
        if (written == 0)
            fail("write", ENOSPC); // no progress and no error: the device is full
        bytes += written;
        size -= static_cast<std::size_t>(written);
    }
}

void AtomicFileWriter::commit()
{
    LORAWB_ASSERT(!m_done, "commit twice or after failure");
    // fsync before rename: otherwise a crash can leave the new name pointing at an empty file.
    if (::fsync(m_fd) != 0)
        fail("write", errno);
    const int fd = m_fd;
    m_fd = -1;
    if (::close(fd) != 0) // NFS and some FUSE filesystems report a full disk only here
        fail("write", errno);
    if (::rename(m_tempPath.c_str(), m_path.c_str()) != 0)
        fail("replace", errno);
    m_done = true;
    syncDirectory(directoryOf(m_path));
}

void writeFileAtomically(const std::string& path, const std::string& bytes)
{
    AtomicFileWriter out(path);
    out.write(bytes);
    out.commit();
}

std::string readWholeFile(const std::string& path, const std::string& what)
{
    const int fd = openForReading(path, what);
    struct stat info {};
    if (::fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) {
        ::close(fd);
        LORAWB_FAIL(what, " '", path, "' is a directory, not a file; pass the path of the file itself");
    }
    std::string bytes;
    if (info.st_size > 0)
        bytes.reserve(static_cast<std::size_t>(info.st_size));
    char buffer[1 << 16];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            const int error = errno;
            ::close(fd);
            LORAWB_FAIL("cannot read ", what, " '", path, "': ", std::strerror(error),
                        "; check the file and the disk it is on");
        }
        if (n == 0)
            break;
        bytes.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return bytes;
}

void ensureDirectory(const std::string& dir)
{
    LORAWB_CHECK(!dir.empty(), "the output directory is empty; choose an output directory");
    std::error_code ec;
    fs::create_directories(dir, ec);
    std::error_code statError;
    if (!ec && fs::is_directory(dir, statError))
        return;
    // Name the component in the way: "runs/x is a file" is clearer than "Not a directory".
    for (fs::path part = fs::path(dir); !part.empty(); part = part.parent_path()) {
        std::error_code partError;
        const auto status = fs::status(part, partError);
        if (fs::exists(status) && !fs::is_directory(status))
            LORAWB_FAIL("cannot create directory '", dir, "': '", part.string(),
                        "' is a file, not a directory; remove or rename it, or choose another output directory");
        if (part == part.parent_path())
            break;
    }
    LORAWB_FAIL("cannot create directory '", dir, "': ", (ec ? ec.message() : std::string("unknown error")),
                "; check the permissions of its parent or choose another output directory");
}

} // namespace core
