#include "core/data/ChatFormatter.h"

#include "core/chat/BuiltinChatTemplates.h"
#include "core/chat/ChatTemplate.h"
#include "core/common/Error.h"
#include "core/tokenizer/HfTokenizer.h"
#include "core/tokenizer/Tokenizer.h"

#include <algorithm>

namespace core {

using json = nlohmann::ordered_json;

ChatFormatter::ChatFormatter(const std::string& templateSource, const std::string& where, std::string bosToken,
                             std::string eosToken)
    : m_template(std::make_unique<chat::ChatTemplate>(templateSource, where)), m_bos(std::move(bosToken)),
      m_eos(std::move(eosToken))
{
}

ChatFormatter::~ChatFormatter() = default;
ChatFormatter::ChatFormatter(ChatFormatter&&) noexcept = default;

ChatFormatter ChatFormatter::forTokenizer(const std::string& chatTemplate, const Tokenizer& tok)
{
    const std::string bos = tok.bosId() >= 0 ? tok.idToPiece(tok.bosId()) : std::string();
    const std::string eos = tok.eosId() >= 0 ? tok.idToPiece(tok.eosId()) : std::string();
    if (chatTemplate.empty() || chatTemplate == "model") {
        LORAWB_CHECK(!tok.chatTemplate().empty(), "data.chat_template: the model has no chat template (its "
                     "tokenizer_config.json has no chat_template). Name one: data.chat_template: chatml (or alpaca, "
                     "llama3, mistral, phi3).");
        return ChatFormatter(tok.chatTemplate(), "the model's chat_template (tokenizer_config.json)", bos, eos);
    }
    return ChatFormatter(chat::builtinChatTemplate(chatTemplate, "data.chat_template"),
                         "data.chat_template " + chatTemplate, bos, eos);
}

std::string ChatFormatter::render(const json& messages, bool addGenerationPrompt) const
{
    json context = json::object();
    context["messages"] = messages;
    context["add_generation_prompt"] = addGenerationPrompt;
    context["bos_token"] = m_bos;
    context["eos_token"] = m_eos;
    return m_template->render(context);
}

std::string ChatFormatter::generationPrompt(const json& messages) const { return render(messages, true); }

namespace {

std::size_t commonPrefixLength(const std::string& a, const std::string& b)
{
    const std::size_t n = std::min(a.size(), b.size());
    std::size_t i = 0;
    while (i < n && a[i] == b[i])
        ++i;
    return i;
}

bool startsWith(const std::string& text, const std::string& prefix)
{
    return text.size() >= prefix.size() && text.compare(0, prefix.size(), prefix) == 0;
}

} // namespace

std::vector<ChatSegment> ChatFormatter::segments(const ChatRecord& record) const
{
    const json& messages = record.messages;
    const std::string full = render(messages, false);
    // Each answer starts where the conversation before it, with the generation prompt, ends (what the model is given
    // at inference), and ends where the conversation up to it stops agreeing with the whole one: its end-of-turn text
    // is trained, whatever the template writes only at the very end (Phi-3's eos) is not.
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    std::size_t previousEnd = 0;
    for (std::size_t i = 0; i < messages.size(); ++i) {
        if (messages[i].at("role") != "assistant")
            continue;
        const std::string content = messages[i].value("content", std::string());
        const json before(messages.begin(), messages.begin() + static_cast<std::ptrdiff_t>(i));
        const json upTo(messages.begin(), messages.begin() + static_cast<std::ptrdiff_t>(i) + 1);
        std::size_t start = std::string::npos;
        if (i > 0) {
            const std::string prompt = render(before, true);
            if (startsWith(full, prompt) && prompt.size() >= previousEnd)
                start = prompt.size();
        }
        if (start == std::string::npos) {
            // Templates that render earlier turns differently once later ones exist (Qwen3 drops old reasoning):
            // the answer is found by its text.
            const std::size_t found = content.empty() ? std::string::npos : full.find(content, previousEnd);
            LORAWB_CHECK(found != std::string::npos, "the chat template's output does not contain assistant message ",
                         i, " where it should; the template cannot be used to find what to train. Use another "
                         "data.chat_template.");
            start = found;
        }
        const std::string alone = render(upTo, false);
        std::size_t end = commonPrefixLength(full, alone);
        const std::size_t contentEnd =
            full.compare(start, content.size(), content) == 0 ? start + content.size() : start;
        if (end < alone.size()) {
            // The conversation ending here and the whole one part after the answer's end-of-turn text (Phi-3 writes
            // an EOS only at the very end). Where they part, both may begin with the same characters of two
            // different tags ("<|" of "<|user|>" and of "<|endoftext|>"): back off to the end of the last tag or line.
            while (end > contentEnd && std::string("\n>]").find(full[end - 1]) == std::string::npos)
                --end;
        }
        end = std::max(end, contentEnd);
        spans.emplace_back(start, end);
        previousEnd = end;
    }
    std::vector<ChatSegment> out;
    std::size_t pos = 0;
    for (const auto& [start, end] : spans) {
        if (start > pos)
            out.push_back({full.substr(pos, start - pos), false});
        if (end > start)
            out.push_back({full.substr(start, end - start), true});
        pos = std::max(pos, end);
    }
    if (pos < full.size())
        out.push_back({full.substr(pos), false});
    return out;
}

std::vector<int> encodeChatText(const std::string& text, const Tokenizer& tok)
{
    if (dynamic_cast<const HfTokenizer*>(&tok))
        return tok.encode(text); // added tokens are recognized by the tokenizer itself
    std::vector<std::pair<std::string, int>> specials;
    for (int id : {tok.bosId(), tok.eosId()})
        if (id >= 0 && !tok.idToPiece(id).empty())
            specials.emplace_back(tok.idToPiece(id), id);
    std::vector<int> ids;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t next = std::string::npos;
        int nextId = -1;
        std::size_t nextLength = 0;
        for (const auto& [piece, id] : specials) {
            const std::size_t at = text.find(piece, pos);
            if (at < next) {
                next = at;
                nextId = id;
                nextLength = piece.size();
            }
        }
        const std::string plain = text.substr(pos, next == std::string::npos ? std::string::npos : next - pos);
        if (!plain.empty()) {
            const std::vector<int> part = tok.encode(plain);
            ids.insert(ids.end(), part.begin(), part.end());
        }
        if (next == std::string::npos)
            break;
        ids.push_back(nextId);
        pos = next + nextLength;
    }
    return ids;
}

} // namespace core
