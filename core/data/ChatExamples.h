#pragma once
// Conversations as training examples: each rendered through the chat template, tokenized span by span, with loss on
// the assistant's turns (and the end-of-turn text after each) or, with data.train_on_prompt, on everything.
#include "core/data/ChatFormatter.h"
#include "core/data/ChatRecord.h"
#include "core/data/Example.h"

#include <cstdint>
#include <vector>

namespace core {

class Tokenizer;

// The spans are tokenized one by one and joined, as LLaMA-Factory and Axolotl do: a span border falls where a turn
// begins or ends (a special token or a newline), where the pre-tokenizers split anyway. No BOS or EOS is added:
// the template writes them (transformers' apply_chat_template tokenizes without adding special tokens).
Example tokenizeConversation(const std::vector<ChatSegment>& segments, const Tokenizer& tok, bool trainAllTurns);

// Every record, on `threads` threads (0 = all cores); result i belongs to record i. A template error names the file
// and the record: "FILE: record 3: <the template's message>".
std::vector<Example> tokenizeConversations(const std::vector<ChatRecord>& records,
                                           const std::vector<int64_t>& recordIndex, const ChatFormatter& formatter,
                                           const Tokenizer& tok, bool trainAllTurns, const std::string& path,
                                           int threads = 0);

} // namespace core
