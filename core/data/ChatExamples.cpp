#include "core/data/ChatExamples.h"

#include "core/common/Error.h"
#include "core/data/ParallelChunks.h"

namespace core {

Example tokenizeConversation(const std::vector<ChatSegment>& segments, const Tokenizer& tok, bool trainAllTurns)
{
    Example example;
    for (const ChatSegment& segment : segments) {
        const std::vector<int> ids = encodeChatText(segment.text, tok);
        const bool trained = trainAllTurns || segment.assistant;
        for (int id : ids) {
            example.inputIds.push_back(id);
            example.labels.push_back(trained ? id : kIgnoreIndex);
        }
    }
    return example;
}

std::vector<Example> tokenizeConversations(const std::vector<ChatRecord>& records,
                                           const std::vector<int64_t>& recordIndex, const ChatFormatter& formatter,
                                           const Tokenizer& tok, bool trainAllTurns, const std::string& path,
                                           int threads)
{
    LORAWB_ASSERT(recordIndex.empty() || recordIndex.size() == records.size());
    std::vector<Example> examples(records.size());
    forEachChunk(records.size(), threads, [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            const int64_t index = recordIndex.empty() ? static_cast<int64_t>(i) : recordIndex[i];
            try {
                examples[i] = tokenizeConversation(formatter.segments(records[i]), tok, trainAllTurns);
            } catch (const Error& e) {
                LORAWB_FAIL(path, ": record ", index + 1, ": ", e.what());
            }
            examples[i].recordIndex = index;
        }
    });
    return examples;
}

} // namespace core
