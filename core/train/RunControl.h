#pragma once
// Stop and pause for one run (or one sweep of runs), owned by whoever owns the button — the window's worker, the
// CLI's signal handler, a test — and passed by reference down to the step loop, which reads it between steps. There
// is one object and no relay: the sweep, the experiment runner and the trainer all read the same flags.
// Every member is a lock-free atomic, so setting a flag is async-signal-safe: a SIGINT handler calls requestStop()
// directly (cli/SignalStop.h). A stop takes effect before the next optimizer step and leaves a checkpoint.
#include <atomic>

namespace core {

enum class RunStopReason : int {
    None = 0,
    Requested = 1,   ///< a Stop button, Cancel, or a caller's requestStop()
    Interrupted = 2, ///< SIGINT / SIGTERM (Ctrl-C in the CLI)
};

class RunControl {
public:
    // The first reason wins: a Ctrl-C after a button press stays "requested".
    void requestStop(RunStopReason why = RunStopReason::Requested) noexcept
    {
        int none = static_cast<int>(RunStopReason::None);
        m_reason.compare_exchange_strong(none, static_cast<int>(why));
    }
    void setPaused(bool paused) noexcept { m_paused.store(paused); }
    // Before a new run that reuses this control (a Stop pressed after the run was queued still counts: call it
    // before queuing, not when the run starts).
    void reset() noexcept
    {
        m_reason.store(static_cast<int>(RunStopReason::None));
        m_paused.store(false);
    }

    bool stopRequested() const noexcept { return stopReason() != RunStopReason::None; }
    bool paused() const noexcept { return m_paused.load(); }
    RunStopReason stopReason() const noexcept { return static_cast<RunStopReason>(m_reason.load()); }

private:
    static_assert(std::atomic<int>::is_always_lock_free && std::atomic<bool>::is_always_lock_free,
                  "signal handlers may only touch lock-free atomics");
    std::atomic<int> m_reason{static_cast<int>(RunStopReason::None)};
    std::atomic<bool> m_paused{false};
};

// "requested", "interrupted" or "" — the words the history and the CLI's progress lines use.
inline const char* stopReasonName(RunStopReason why)
{
    switch (why) {
    case RunStopReason::Requested: return "requested";
    case RunStopReason::Interrupted: return "interrupted";
    case RunStopReason::None: break;
    }
    return "";
}

} // namespace core
