#pragma once
// Files that are either fully old or fully new: what the workbench saves (adapters, checkpoints, experiment files)
// must never be left half-written by a full disk, a crash or a power cut, because it may be the only copy of hours
// of training.
#include <cstddef>
#include <string>

namespace core {

// Streams bytes into a temporary file next to the target (same directory, hence the same filesystem, so the final
// rename is atomic), then commit() fsyncs it and renames it over the target. Any failure, or destroying the writer
// before commit(), removes the temporary file and leaves the previous file at the target untouched.
// Errors are core::Error naming the target path, the OS reason (strerror) and a fix.
class AtomicFileWriter {
public:
    explicit AtomicFileWriter(const std::string& path); // creates the temporary file
    ~AtomicFileWriter();
    AtomicFileWriter(const AtomicFileWriter&) = delete;
    AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

    void write(const void* data, std::size_t size);
    void write(const std::string& bytes) { write(bytes.data(), bytes.size()); }
    void commit(); // fsync + rename + fsync of the directory; the writer is finished afterwards

    const std::string& path() const { return m_path; }

private:
    [[noreturn]] void fail(const std::string& action, int error);
    void discard() noexcept;

    std::string m_path;
    std::string m_tempPath;
    int m_fd = -1;
    bool m_done = false;
};

// Temp file + fsync + rename; the old file is intact on failure. core::Error names the path, strerror and the fix.
void writeFileAtomically(const std::string& path, const std::string& bytes);

// The whole file as bytes. core::Error naming `what` and the path if it is missing, a directory or unreadable.
std::string readWholeFile(const std::string& path, const std::string& what = "file");

// create_directories; core::Error naming the directory (and the blocking path component) if it cannot be created.
void ensureDirectory(const std::string& dir);

} // namespace core
