// A chat template (tokenizer_config.json's chat_template: Jinja from a model repository, i.e. from strangers), parsed
// and rendered with a conversation, tools and the usual variables, under tight limits so that every input finishes.
#include "FuzzSupport.h"
#include "core/chat/ChatTemplate.h"

#include <nlohmann/json.hpp>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const nlohmann::ordered_json context = nlohmann::ordered_json::parse(R"({
        "messages": [{"role": "system", "content": "Be brief."},
                     {"role": "user", "content": "What is 2 + 2?"},
                     {"role": "assistant", "content": "4", "tool_calls": [{"type": "function",
                      "function": {"name": "add", "arguments": {"a": 2, "b": 2}}}]},
                     {"role": "tool", "content": "4"}],
        "tools": [{"type": "function", "function": {"name": "add", "parameters": {"type": "object",
                   "properties": {"a": {"type": "integer"}, "b": {"type": "integer"}}}}}],
        "add_generation_prompt": true, "bos_token": "<s>", "eos_token": "</s>", "enable_thinking": false})");
    core::chat::RenderLimits limits;
    limits.maxOutputBytes = 1 << 16;
    limits.maxSteps = 100'000;
    limits.maxDepth = 64;
    fuzz::refusedClearlyOrRead([&] {
        const core::chat::ChatTemplate tmpl(fuzz::asText(data, size), "fuzz chat_template");
        (void)tmpl.render(context, limits);
    });
    return 0;
}
