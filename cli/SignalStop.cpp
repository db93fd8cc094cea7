#include "cli/SignalStop.h"

#include <atomic>
#include <unistd.h>

namespace core::cli {

namespace {

std::atomic<RunControl*> g_control{nullptr};
static_assert(std::atomic<RunControl*>::is_always_lock_free, "the signal handler may only touch lock-free atomics");

extern "C" void onStopSignal(int)
{
    if (RunControl* control = g_control.load())
        control->requestStop(RunStopReason::Interrupted);
    static const char message[] = "\nstopping after this step (checkpoint and adapter are kept); press Ctrl-C again to "
                                  "abort at once\n";
    (void)!write(STDERR_FILENO, message, sizeof message - 1);
}

} // namespace

SignalStop::SignalStop(RunControl& control)
{
    g_control.store(&control);
    struct sigaction action {};
    action.sa_handler = onStopSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND; // the second Ctrl-C takes the default action: the process ends
    sigaction(SIGINT, &action, &m_oldInt);
    sigaction(SIGTERM, &action, &m_oldTerm);
}

SignalStop::~SignalStop()
{
    sigaction(SIGINT, &m_oldInt, nullptr);
    sigaction(SIGTERM, &m_oldTerm, nullptr);
    g_control.store(nullptr);
}

} // namespace core::cli
