#include "core/data/ChatRecordReader.h"

#include "core/common/Error.h"
#include "core/data/SourceText.h"
#include "core/io/JsonFile.h"

#include <map>
#include <utility>

namespace core {

using json = nlohmann::ordered_json;

namespace {

const char* const kRoles[] = {"system", "user", "assistant", "tool"};

bool knownRole(const std::string& role)
{
    for (const char* r : kRoles)
        if (role == r)
            return true;
    return false;
}

// ShareGPT's speaker names (as LLaMA-Factory and Axolotl read them) → roles.
std::string roleOfShareGptSpeaker(const std::string& from)
{
    if (from == "human" || from == "user")
        return "user";
    if (from == "gpt" || from == "assistant" || from == "function_call")
        return "assistant";
    if (from == "system")
        return "system";
    if (from == "tool" || from == "observation" || from == "function")
        return "tool";
    return {};
}

ChatRecord fromShareGpt(const json& turns)
{
    ChatRecord record;
    for (std::size_t i = 0; i < turns.size(); ++i) {
        const json& turn = turns[i];
        LORAWB_CHECK(turn.is_object() && turn.contains("from") && turn.at("from").is_string(),
                     "conversations[", i, "] needs a string \"from\" (human, gpt, system, tool); got ",
                     turn.dump().substr(0, 120));
        const std::string from = turn.at("from").get<std::string>();
        const std::string role = roleOfShareGptSpeaker(from);
        LORAWB_CHECK(!role.empty(), "conversations[", i, "]: unknown \"from\": \"", from,
                     "\". ShareGPT speakers are human, gpt, system, tool, function_call and observation; rename it.");
        LORAWB_CHECK(turn.contains("value") && turn.at("value").is_string(), "conversations[", i,
                     "] (from ", from, "): \"value\" must be a string");
        record.messages.push_back({{"role", role}, {"content", turn.at("value")}});
    }
    return record;
}

} // namespace

ChatRecord chatRecordFromJson(const json& record)
{
    LORAWB_CHECK(record.is_object(), "a record must be a JSON object with a \"messages\" list; got ",
                 record.dump().substr(0, 120));
    ChatRecord out;
    if (!record.contains("messages") && record.contains("conversations")) {
        LORAWB_CHECK(record.at("conversations").is_array(), "\"conversations\" must be a list");
        out = fromShareGpt(record.at("conversations"));
    } else {
        LORAWB_CHECK(record.contains("messages"), "no \"messages\" list (nor ShareGPT \"conversations\"). Chat records "
                     "look like {\"messages\": [{\"role\": \"user\", \"content\": \"...\"}, {\"role\": \"assistant\", "
                     "\"content\": \"...\"}]}; for instruction/input/output records use data.format: alpaca.");
        LORAWB_CHECK(record.at("messages").is_array(), "\"messages\" must be a list of {role, content} objects");
        for (std::size_t i = 0; i < record.at("messages").size(); ++i) {
            const json& m = record.at("messages")[i];
            LORAWB_CHECK(m.is_object() && m.contains("role") && m.at("role").is_string(), "messages[", i,
                         "] needs a string \"role\"; got ", m.dump().substr(0, 120));
            const std::string role = m.at("role").get<std::string>();
            LORAWB_CHECK(knownRole(role), "messages[", i, "]: unknown role \"", role,
                         "\". Roles are system, user, assistant and tool; rename it.");
            // An assistant turn that only calls tools may have no content (OpenAI's format).
            const bool toolCallsOnly = role == "assistant" && m.contains("tool_calls") &&
                (!m.contains("content") || m.at("content").is_null());
            LORAWB_CHECK(toolCallsOnly || (m.contains("content") && m.at("content").is_string()), "messages[", i,
                         "] (", role, "): \"content\" must be a string, got ",
                         m.contains("content") ? m.at("content").dump().substr(0, 80) : std::string("nothing"),
                         ". Lists of content parts (images, audio) are not supported; give the text as a string.");
            json message = m;
            if (toolCallsOnly)
                message["content"] = "";
            out.messages.push_back(std::move(message));
        }
    }
    LORAWB_CHECK(!out.messages.empty(), "the conversation is empty");
    bool anyAssistant = false;
    for (const json& m : out.messages)
        anyAssistant = anyAssistant || m.at("role") == "assistant";
    LORAWB_CHECK(anyAssistant, "the conversation has no assistant turn, so nothing would be trained; add the "
                               "assistant's answer or leave the record out.");
    return out;
}

ChatRecordSet readChatRecords(const std::string& path, const DataConfig& cfg)
{
    const SourceText source = SourceText::load(path);
    return readChatRecordsFromString(path, source.text(), cfg);
}

ChatRecordSet readChatRecordsFromString(const std::string& path, std::string text, const DataConfig& cfg)
{
    const SourceText source = SourceText::fromString(path, std::move(text));
    const std::string& body = source.text();
    ChatRecordSet set;
    set.path = path;
    auto skipOrFail = [&](const std::string& where, const std::string& problem) {
        if (!cfg.skipInvalid)
            LORAWB_FAIL(where, ": ", problem, " (data.skip_invalid: true skips bad records instead.)");
        ++set.report.skipped;
        if (set.report.firstSkipReasons.size() < DatasetReport::kMaxReasons)
            set.report.firstSkipReasons.push_back(where + ": " + problem);
    };
    // The records with where each starts: a JSON array's elements, or the non-empty lines of JSON Lines.
    std::vector<std::pair<json, std::size_t>> records;
    std::map<std::size_t, std::string> badLines; // JSON Lines: records that did not parse, with nlohmann's reason
    const std::size_t first = body.find_first_not_of(" \t\r\n");
    if (body[first] == '[') {
        json array;
        try {
            array = json::parse(body);
        } catch (const json::parse_error& e) {
            LORAWB_FAIL(path, ": not valid JSON at ", source.location(e.byte > 0 ? e.byte - 1 : 0),
                        ". Fix the file (a JSON array of {\"messages\": [...]} records, or one record per line).");
        } catch (const json::out_of_range& e) {
            LORAWB_FAIL(path, ": not valid JSON (", jsonErrorText(e), "): a number is beyond what a double holds ",
                        "(about 1.8e308); fix that number.");
        }
        LORAWB_CHECK(array.is_array(), path, ": expected a JSON array of chat records");
        for (json& r : array)
            records.emplace_back(std::move(r), std::string::npos);
    } else {
        std::size_t start = 0;
        while (start < body.size()) {
            std::size_t end = body.find('\n', start);
            if (end == std::string::npos)
                end = body.size();
            const std::string line = body.substr(start, end - start);
            if (line.find_first_not_of(" \t\r") != std::string::npos) {
                try {
                    records.emplace_back(json::parse(line), start);
                } catch (const json::exception& e) { // parse_error, or out_of_range for a number like 1e999
                    // Kept as a null record, so that record numbers stay those of the file.
                    records.emplace_back(json(), start);
                    badLines.emplace(records.size() - 1, e.what());
                }
            }
            start = end + 1;
        }
    }
    for (std::size_t i = 0; i < records.size(); ++i) {
        const std::string where = detail::concat(path, ": record ", i + 1,
                                                 records[i].second == std::string::npos
                                                     ? std::string()
                                                     : " (line " + std::to_string(source.line(records[i].second)) + ")");
        const auto bad = badLines.find(i);
        if (bad != badLines.end()) {
            skipOrFail(where, "not valid JSON (" + bad->second + "). Each line of a .jsonl file is one JSON object");
            continue;
        }
        try {
            set.records.push_back(chatRecordFromJson(records[i].first));
            set.fileIndex.push_back(static_cast<int64_t>(i));
        } catch (const Error& e) {
            skipOrFail(where, e.what());
        }
    }
    set.report.records = static_cast<int64_t>(set.records.size());
    LORAWB_CHECK(!set.records.empty(), path, ": no valid chat record (", set.report.skipped,
                 " skipped). Chat records look like {\"messages\": [{\"role\": \"user\", \"content\": \"...\"}, "
                 "{\"role\": \"assistant\", \"content\": \"...\"}]}.");
    return set;
}

} // namespace core
