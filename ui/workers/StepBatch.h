#pragma once
// Step metrics batched on a worker thread and handed out at most every intervalMs (DESIGN.md, "Threads": throttle at
// the source), so that a fast run does not flood the GUI thread with queued signals. Worker thread only.
#include "core/train/Metrics.h"

#include <QDateTime>
#include <QList>

namespace ui {

class StepBatch {
public:
    void setIntervalMs(int ms) { m_intervalMs = ms; }
    void reset()
    {
        m_pending.clear();
        m_lastSendMs = 0;
    }
    void add(const core::StepMetrics& m) { m_pending.append(m); }
    // The steps to send now: all pending ones when forced or when the interval has passed; else none.
    QList<core::StepMetrics> take(bool force)
    {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (m_pending.isEmpty() || (!force && now - m_lastSendMs < m_intervalMs))
            return {};
        m_lastSendMs = now;
        QList<core::StepMetrics> batch;
        batch.swap(m_pending);
        return batch;
    }

private:
    int m_intervalMs = 100;
    QList<core::StepMetrics> m_pending;
    qint64 m_lastSendMs = 0;
};

} // namespace ui
