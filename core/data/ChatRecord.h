#pragma once
// One conversation of a chat dataset (data.format: messages): the messages in order, each a JSON object with "role"
// (system, user, assistant, tool) and "content" (a string), plus whatever else the chat template may read
// (tool_calls, reasoning_content, name). ShareGPT records ("conversations" of from/value) are mapped onto it.
#include "core/data/DatasetReport.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace core {

struct ChatRecord {
    // ordered: a template's tojson prints a message's keys in the order the file has them, as Python does.
    nlohmann::ordered_json messages = nlohmann::ordered_json::array();
};

// The valid conversations of one file, in file order.
struct ChatRecordSet {
    std::string path;
    std::vector<ChatRecord> records;
    std::vector<int64_t> fileIndex; ///< per record: 0-based position in the file, skipped records counted
    DatasetReport report;
};

} // namespace core
