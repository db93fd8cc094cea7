#include "core/data/RecordCollector.h"

#include "core/common/Error.h"

#include <algorithm>

namespace core {

RecordCollector::RecordCollector(const SourceText& source, const ColumnMapping& mapping, bool skipInvalid)
    : m_source(source), m_mapping(mapping), m_skipInvalid(skipInvalid)
{
    m_set.path = source.path();
}

void RecordCollector::add(AlpacaRecord&& record)
{
    m_set.records.push_back(std::move(record));
    m_set.fileIndex.push_back(m_count++);
}

void RecordCollector::reject(size_t recordOffset, std::optional<size_t> errorOffset, const std::string& problem,
                             const std::string& fix)
{
    const int64_t index = m_count++;
    ++m_rejected;
    // Without skipInvalid only the first one is reported; with it, the first few reasons.
    if (m_rejections.size() >= (m_skipInvalid ? DatasetReport::kMaxReasons : 1))
        return;
    std::string where = detail::concat("record ", index + 1, " (");
    where += errorOffset ? m_source.location(*errorOffset) : detail::concat("line ", m_source.line(recordOffset));
    where += ")";
    m_rejections.push_back({index, std::move(where), problem, fix});
}

void RecordCollector::noteKeys(const std::vector<std::string>& keys)
{
    if (m_mapping.anyIn(keys))
        m_anyExpected = true;
    if (m_keyRecords >= 3)
        return;
    ++m_keyRecords;
    for (const std::string& key : keys)
        if (std::find(m_keys.begin(), m_keys.end(), key) == m_keys.end())
            m_keys.push_back(key);
}

RecordSet RecordCollector::finish()
{
    const std::string& path = m_source.path();
    LORAWB_CHECK(m_anyExpected || m_keyRecords == 0, m_mapping.noFieldsMessage(path, m_keys));
    if (!m_rejections.empty() && !m_skipInvalid) {
        const Rejection& r = m_rejections.front();
        LORAWB_FAIL(path, ": ", r.where, ": ", r.problem, ". ", r.fix,
                    ". Or set data.skip_invalid: true to skip invalid records.");
    }
    m_set.report.records = static_cast<int64_t>(m_set.records.size());
    m_set.report.skipped = m_rejected;
    for (const Rejection& r : m_rejections)
        m_set.report.firstSkipReasons.push_back(path + ": " + r.where + ": " + r.problem);
    if (m_set.records.empty()) {
        if (m_rejected > 0)
            LORAWB_FAIL(path, ": none of its ", m_rejected, " records is valid (all skipped); the first: ",
                        m_set.report.firstSkipReasons.front(), ". Fix the records.");
        LORAWB_FAIL(path, ": the file holds no records. Add ", m_mapping.shape().formatName, " records (",
                    m_mapping.shape().fieldList(), ").");
    }
    return std::move(m_set);
}

} // namespace core
