#include "core/run/RunRecorder.h"

#include "core/common/Error.h"
#include "core/history/RunDatabase.h"

namespace core {

namespace {
constexpr size_t kFlushPoints = 256;
constexpr auto kFlushInterval = std::chrono::seconds(2);
} // namespace

RunRecorder::RunRecorder(const std::string& databasePath, Log log) : m_log(std::move(log))
{
    if (databasePath.empty())
        return;
    try {
        m_db = std::make_unique<RunDatabase>(databasePath);
    } catch (const std::exception& e) {
        if (m_log)
            m_log(std::string("run history off for this run: ") + e.what());
    }
    m_lastFlush = std::chrono::steady_clock::now();
}

RunRecorder::~RunRecorder()
{
    // A run that ends by an exception the caller did not finish() still leaves its curves behind.
    if (m_db && m_record.id != 0 && !m_pending.empty())
        guarded([&] { m_db->appendMetrics(m_record.id, m_pending); });
}

template <typename Work>
void RunRecorder::guarded(Work&& work)
{
    if (!m_db)
        return;
    try {
        work();
    } catch (const std::exception& e) {
        if (m_log)
            m_log(std::string("run history off for the rest of this run: ") + e.what());
        m_db.reset();
        m_pending.clear();
    }
}

void RunRecorder::begin(RunRecord record, int64_t resumedAtStep)
{
    m_record = std::move(record);
    guarded([&] {
        if (m_record.id == 0) {
            m_record.id = m_db->addRun(m_record);
        } else {
            m_db->updateRun(m_record);
            m_db->deleteMetricsAfter(m_record.id, resumedAtStep);
        }
    });
}

void RunRecorder::add(int64_t step, const std::string& name, double value)
{
    if (!m_db || m_record.id == 0)
        return;
    m_pending.push_back(MetricPoint{step, name, value});
    if (m_pending.size() >= kFlushPoints || std::chrono::steady_clock::now() - m_lastFlush > kFlushInterval)
        flush();
}

void RunRecorder::flush()
{
    guarded([&] {
        if (!m_pending.empty())
            m_db->appendMetrics(m_record.id, m_pending);
        m_pending.clear();
    });
    m_lastFlush = std::chrono::steady_clock::now();
}

void RunRecorder::finish(RunStatus status, int64_t steps, int64_t totalSteps, const std::string& adapterPath,
                         const std::map<std::string, double>& finals, const std::string& message)
{
    flush();
    m_record.status = status;
    m_record.finishedAt = utcTimestamp();
    m_record.steps = steps;
    m_record.totalSteps = totalSteps;
    if (!adapterPath.empty())
        m_record.adapterPath = adapterPath;
    for (const auto& [name, value] : finals)
        m_record.finals[name] = value;
    m_record.message = message;
    guarded([&] { m_db->updateRun(m_record); });
}

} // namespace core
