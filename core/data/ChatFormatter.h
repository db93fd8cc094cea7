#pragma once
// A conversation as the model sees it: rendered through a chat template (the model's own or a built-in one) and cut
// into the spans that train (the assistant's turns, each with the end-of-turn text its template writes after it) and
// the spans that do not (system, user and tool turns, the headers before each answer).
#include "core/data/ChatRecord.h"

#include <memory>
#include <string>
#include <vector>

namespace core {

namespace chat {
class ChatTemplate;
}
class Tokenizer;

struct ChatSegment {
    std::string text;
    bool assistant = false; ///< an assistant turn: trained (all turns train with data.train_on_prompt)
};

class ChatFormatter {
public:
    // templateSource: Jinja. where: names it in messages ("tokenizer_config.json chat_template", "data.chat_template
    // chatml"). bos / eos: the token texts the template may write (bos_token, eos_token), "" when the model has none.
    ChatFormatter(const std::string& templateSource, const std::string& where, std::string bosToken,
                  std::string eosToken);
    // The template the experiment asks for: data.chat_template "model" (or empty) means the tokenizer's own, else a
    // built-in name. Throws core::Error when the model has none and naming the built-in ones.
    static ChatFormatter forTokenizer(const std::string& chatTemplate, const Tokenizer& tok);
    ~ChatFormatter();
    ChatFormatter(ChatFormatter&&) noexcept;

    // The whole conversation, split where the loss starts and stops. Throws core::Error (the template's own
    // raise_exception, e.g. "roles must alternate") without naming the record: the caller adds it.
    std::vector<ChatSegment> segments(const ChatRecord& record) const;
    // The text generation continues from: the messages and the template's generation prompt.
    std::string generationPrompt(const nlohmann::ordered_json& messages) const;

private:
    std::string render(const nlohmann::ordered_json& messages, bool addGenerationPrompt) const;

    std::unique_ptr<chat::ChatTemplate> m_template;
    std::string m_bos, m_eos;
};

// The ids of a chat text. Special-token text the template wrote (bos_token, <|im_start|>, ...) becomes its id: a
// tokenizer.json knows its added tokens; for a sentencepiece tokenizer the BOS and EOS texts are matched here.
std::vector<int> encodeChatText(const std::string& text, const Tokenizer& tok);

} // namespace core
