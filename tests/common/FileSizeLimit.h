#pragma once
// A full disk, for real: RLIMIT_FSIZE makes write() fail with EFBIG part-way through, which is what the atomic-write
// and checkpoint code must survive. Mocking the file layer would prove nothing about the real error path.
#include <sys/resource.h>

#include <csignal>

namespace testutil {

// Makes the process's file writes fail with EFBIG past `bytes` while it lives. SIGXFSZ is ignored meanwhile, so that
// the write fails instead of the process being killed. Restored on destruction, also when a check in between fails
// and returns early.
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        m_haveOld = getrlimit(RLIMIT_FSIZE, &m_old) == 0;
        m_oldHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit limit = m_old;
        limit.rlim_cur = bytes;
        m_active = m_haveOld && setrlimit(RLIMIT_FSIZE, &limit) == 0;
    }
    ~FileSizeLimit()
    {
        if (m_haveOld)
            setrlimit(RLIMIT_FSIZE, &m_old);
        std::signal(SIGXFSZ, m_oldHandler);
    }
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;

    // Whether the limit is in force (a test that relies on it checks this first).
    bool isActive() const { return m_active; }

private:
    rlimit m_old{};
    void (*m_oldHandler)(int) = nullptr;
    bool m_haveOld = false;
    bool m_active = false;
};

} // namespace testutil
