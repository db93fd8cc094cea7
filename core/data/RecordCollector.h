#pragma once
#include "core/data/AlpacaRecord.h"
#include "core/data/ColumnMapping.h"
#include "core/data/SourceText.h"

#include <optional>
#include <string>
#include <vector>

namespace core {

// Gathers the records a reader finds, good and bad, in file order, and applies data.skip_invalid at the end: the
// first bad record stops with its message, or every bad one is skipped and counted. Deciding at the end lets a file
// whose records have none of the expected fields get that message (with a mapping to set) rather than "record 1:
// missing field".
class RecordCollector {
public:
    RecordCollector(const SourceText& source, const ColumnMapping& mapping, bool skipInvalid);

    const SourceText& source() const { return m_source; }
    const ColumnMapping& mapping() const { return m_mapping; }

    void add(AlpacaRecord&& record);
    // A bad record. recordOffset: where it starts; errorOffset: the exact place, when known (adds the column).
    // problem: what is wrong; fix: how to repair it.
    void reject(size_t recordOffset, std::optional<size_t> errorOffset, const std::string& problem,
                const std::string& fix);
    // The keys of a record, for the "none of the expected fields" message (only the first few are kept).
    void noteKeys(const std::vector<std::string>& keys);
    // Whether noteKeys still matters (saves building key lists for every record of a large file).
    bool needsKeys() const { return m_keyRecords < 3 || !m_anyExpected; }

    // True once the outcome is known to be an error (a bad record, skipping is off, the fields were found): a reader
    // may stop early instead of parsing the rest of a large file.
    bool failed() const { return !m_skipInvalid && m_rejected > 0 && m_anyExpected; }

    // Throws core::Error for the first bad record (unless skipInvalid), for a file whose records have none of the
    // expected fields, and for a file without any valid record.
    RecordSet finish();

private:
    struct Rejection {
        int64_t index;
        std::string where, problem, fix;
    };
    const SourceText& m_source;
    const ColumnMapping& m_mapping;
    bool m_skipInvalid;
    RecordSet m_set;
    int64_t m_count = 0;
    std::vector<Rejection> m_rejections; // with skipInvalid only the first few keep their text
    int64_t m_rejected = 0;
    std::vector<std::string> m_keys;
    int m_keyRecords = 0;
    bool m_anyExpected = false;
};

} // namespace core
