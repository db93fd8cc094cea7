#pragma once
// Reads chat datasets: a JSON array or JSON Lines of records with a "messages" list ({"role", "content"}: OpenAI's
// and HF's chat format) or a ShareGPT "conversations" list ({"from": human / gpt / system / tool / function_call /
// observation, "value"}). Every record is checked: known roles, string contents, at least one assistant turn. A bad
// record is an error naming the file, the record, its line and the message; with data.skip_invalid it is skipped
// and counted instead.
#include "core/data/ChatRecord.h"
#include "core/data/DataConfig.h"

#include <string>

namespace core {

ChatRecordSet readChatRecords(const std::string& path, const DataConfig& cfg);
ChatRecordSet readChatRecordsFromString(const std::string& path, std::string text, const DataConfig& cfg);

// One record's JSON as a conversation; throws core::Error with the problem and its fix (no file or record named:
// the caller adds them).
ChatRecord chatRecordFromJson(const nlohmann::ordered_json& record);

} // namespace core
