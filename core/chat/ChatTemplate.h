#pragma once
// A Hugging Face chat template (tokenizer_config.json's "chat_template"), rendered the way transformers renders it:
// jinja2's ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True) with the loopcontrols extension, the
// globals raise_exception, strftime_now, namespace, dict and range, and transformers' own `tojson` filter. This is a
// sandboxed interpreter of the subset of Jinja that chat templates use (Llama 3.x, Qwen2.5/3, Mistral, ChatML,
// Phi-3, Gemma, DeepSeek), checked character for character against transformers (tests/core/test_chat_template.cpp).
//
//     core::chat::ChatTemplate tmpl(config.at("chat_template"), "models/x/tokenizer_config.json");
//     std::string prompt = tmpl.render({{"messages", messages}, {"add_generation_prompt", true},
//                                       {"bos_token", "<s>"}, {"eos_token", "</s>"}});
//
// A template can only read the context it is given: no files, environment, network or Python internals (names
// starting with "_" are unreachable), and RenderLimits bounds its time, output and recursion.
#include "core/chat/RenderLimits.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <type_traits>

namespace core::chat {

class ChatTemplate {
public:
    // Parses once; a syntax error is a core::Error: "<where>: chat template line L, column C: <what>. <fix>".
    ChatTemplate(const std::string& source, const std::string& where);
    ~ChatTemplate();
    ChatTemplate(ChatTemplate&&) noexcept;
    ChatTemplate& operator=(ChatTemplate&&) noexcept;

    // Renders with `context` as the template's variables (messages, add_generation_prompt, bos_token, eos_token,
    // tools, enable_thinking, any extra). Errors (raise_exception's message, unknown filter/test, exceeding a limit,
    // type errors) are core::Error naming `where` and the template line. Safe to call from several threads at once.
    //
    // Key order: tojson prints a dict's keys in the order the context holds them. nlohmann::json keeps object keys
    // sorted; pass an nlohmann::ordered_json (as parsed from the dataset) to print them as written, like Python does.
    std::string render(const nlohmann::json& context, const RenderLimits& limits = {}) const;
    // (A template only so that a braced context, render({{"messages", m}}), still picks the overload above.)
    template <typename OrderedJson, typename = std::enable_if_t<std::is_same_v<OrderedJson, nlohmann::ordered_json>>>
    std::string render(const OrderedJson& context, const RenderLimits& limits = {}) const
    {
        return renderOrdered(context, limits);
    }

    const std::string& where() const;

private:
    std::string renderOrdered(const nlohmann::ordered_json& context, const RenderLimits& limits) const;

    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace core::chat
