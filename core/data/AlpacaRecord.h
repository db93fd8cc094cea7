#pragma once
#include "core/data/DatasetReport.h"

#include <cstdint>
#include <string>
#include <vector>

namespace core {

// One instruction-tuning record. input may be empty (then the template without input is used).
struct AlpacaRecord {
    std::string instruction, input, output;
};

// The fields of an Alpaca record, for column mapping and messages.
enum class AlpacaField { Instruction, Input, Output };

// The valid records of one file, in file order.
struct RecordSet {
    std::string path;
    std::vector<AlpacaRecord> records;
    std::vector<int64_t> fileIndex; ///< per record: 0-based position in the file, skipped records counted
    DatasetReport report;           ///< records and skipped filled in
};

} // namespace core
