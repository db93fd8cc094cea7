#include "core/cli/InterruptScope.h"

#include <chrono>
#include <csignal>
#include <unistd.h>

namespace core::cli {

namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void onInterrupt(int)
{
    g_interrupted.store(true);
    static const char message[] = "\nstopping after this step (checkpoint and adapter are kept); press Ctrl-C again to "
                                  "abort at once\n";
    (void)!write(STDERR_FILENO, message, sizeof message - 1);
    std::signal(SIGINT, SIG_DFL);
}

} // namespace

InterruptScope::InterruptScope(std::function<void()> stop) : m_stop(std::move(stop))
{
    g_interrupted.store(false);
    m_oldInt = std::signal(SIGINT, onInterrupt);
    m_oldTerm = std::signal(SIGTERM, onInterrupt);
    m_watcher = std::thread([this] {
        while (!m_done.load()) {
            if (g_interrupted.exchange(false))
                m_stop();
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    });
}

InterruptScope::~InterruptScope()
{
    m_done.store(true);
    m_watcher.join();
    std::signal(SIGINT, m_oldInt);
    std::signal(SIGTERM, m_oldTerm);
}

} // namespace core::cli
