#pragma once
// Ctrl-C (SIGINT) and SIGTERM while a long command runs: the first one asks the run to stop after its current step
// (checkpoint and adapter kept); a second one ends the process at once (the handler resets itself). The handler sets
// the command's RunControl directly — a lock-free atomic store, which is async-signal-safe — so no thread watches
// for it. One scope at a time; the previous handlers come back when it ends.
#include "core/train/RunControl.h"

#include <csignal>

namespace core::cli {

class SignalStop {
public:
    explicit SignalStop(RunControl& control);
    ~SignalStop();
    SignalStop(const SignalStop&) = delete;
    SignalStop& operator=(const SignalStop&) = delete;

private:
    struct sigaction m_oldInt {};
    struct sigaction m_oldTerm {};
};

} // namespace core::cli
