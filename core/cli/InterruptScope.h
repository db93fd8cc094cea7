#pragma once
// Ctrl-C (SIGINT) and SIGTERM while a long command runs: the first one asks the work to stop after its current step
// (checkpoint kept); a second Ctrl-C aborts at once. The signal handler only sets an atomic flag (the only
// async-signal-safe thing to do); a watcher thread turns the flag into the `stop` call, which may lock mutexes.
#include <atomic>
#include <functional>
#include <thread>

namespace core::cli {

class InterruptScope {
public:
    explicit InterruptScope(std::function<void()> stop);
    ~InterruptScope();
    InterruptScope(const InterruptScope&) = delete;
    InterruptScope& operator=(const InterruptScope&) = delete;

private:
    std::function<void()> m_stop;
    std::atomic<bool> m_done{false};
    std::thread m_watcher;
    void (*m_oldInt)(int) = nullptr;
    void (*m_oldTerm)(int) = nullptr;
};

} // namespace core::cli
