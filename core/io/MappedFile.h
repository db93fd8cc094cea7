#pragma once
// A whole file mapped into memory (POSIX mmap), so that multi-gigabyte weights are paged in on demand instead of
// being read up front, and tensors can point straight into the file.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace core {

class MappedFile {
public:
    // core::Error naming `what` and the path if the file is missing, a directory, unreadable or cannot be mapped.
    // An empty file maps to data() == nullptr, size() == 0.
    static std::shared_ptr<MappedFile> open(const std::string& path, const std::string& what);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    const std::string& path() const { return m_path; }
    std::size_t size() const { return m_size; }
    const std::uint8_t* data() const { return m_data; }
    // The mapping is private copy-on-write where the system allows it: writing through this pointer changes this
    // process's copy of the page only, never the file. Where it is read-only (isWritable() false) a write faults.
    std::uint8_t* mutableData() const { return m_data; }
    bool isWritable() const { return m_writable; }
    // Copies [offset, offset + size) with pread from the file itself, not through the mapping: if another program
    // truncated the file since it was opened, touching the lost pages of a mapping kills the process with SIGBUS,
    // while a read just comes back short. core::Error naming the file, `what` and the fix in that case.
    void readAt(std::size_t offset, std::size_t size, void* out, const std::string& what) const;

private:
    MappedFile() = default;

    std::string m_path;
    std::uint8_t* m_data = nullptr;
    std::size_t m_size = 0;
    bool m_writable = false;
    int m_fd = -1; // kept open for readAt
};

} // namespace core
