#include "core/chat/BuiltinChatTemplates.h"

#include "core/common/Error.h"

#include <utility>

namespace core::chat {
namespace {

// A system message, if any, is the conversation's first; families without a system role (Mistral, Alpaca) put it
// before the first instruction, as their own templates or their trainers do.
const std::vector<std::pair<std::string, std::string>>& templates()
{
    static const std::vector<std::pair<std::string, std::string>> list = {
        // alpaca-lora's prompt (core/data/PromptTemplate) as turns: "### Instruction:" / "### Response:".
        {"alpaca",
         "{% if messages[0]['role'] == 'system' %}{{ messages[0]['content'] + '\\n\\n' }}"
         "{% set loop_messages = messages[1:] %}"
         "{% else %}{{ 'Below is an instruction that describes a task. Write a response that appropriately completes "
         "the request.\\n\\n' }}{% set loop_messages = messages %}{% endif %}"
         "{% for message in loop_messages %}"
         "{% if message['role'] == 'user' %}{{ '### Instruction:\\n' + message['content'] + '\\n\\n' }}"
         "{% elif message['role'] == 'assistant' %}{{ '### Response:\\n' + message['content'] + eos_token + '\\n\\n' }}"
         "{% endif %}{% endfor %}"
         "{% if add_generation_prompt %}{{ '### Response:\\n' }}{% endif %}"},
        // Qwen's and many fine-tunes' ChatML.
        {"chatml",
         "{% for message in messages %}"
         "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}"
         "{% endfor %}"
         "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"},
        // Llama 3 / 3.1 Instruct without tools: header ids around the role, content trimmed, <|eot_id|> per turn.
        {"llama3",
         "{{ bos_token }}{% for message in messages %}"
         "{{ '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n' + message['content'] | trim + "
         "'<|eot_id|>' }}"
         "{% endfor %}"
         "{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}{% endif %}"},
        // Mistral Instruct v0.1/v0.2: [INST] ... [/INST] answer</s>; the system message joins the first instruction.
        {"mistral",
         "{% if messages[0]['role'] == 'system' %}{% set system = messages[0]['content'] + '\\n\\n' %}"
         "{% set loop_messages = messages[1:] %}{% else %}{% set system = '' %}{% set loop_messages = messages %}"
         "{% endif %}{{ bos_token }}"
         "{% for message in loop_messages %}"
         "{% if message['role'] == 'user' %}"
         "{% if loop.first %}{{ '[INST] ' + system + message['content'] + ' [/INST]' }}"
         "{% else %}{{ '[INST] ' + message['content'] + ' [/INST]' }}{% endif %}"
         "{% elif message['role'] == 'assistant' %}{{ message['content'] + eos_token }}"
         "{% else %}{{ raise_exception('The mistral template has user and assistant turns (and one leading system "
         "message) only') }}"
         "{% endif %}{% endfor %}"},
        // Phi-3 mini / medium Instruct.
        {"phi3",
         "{% for message in messages %}"
         "{{ '<|' + message['role'] + '|>\\n' + message['content'] + '<|end|>\\n' }}"
         "{% endfor %}"
         "{% if add_generation_prompt %}{{ '<|assistant|>\\n' }}{% else %}{{ eos_token }}{% endif %}"},
    };
    return list;
}

} // namespace

const std::vector<std::string>& builtinChatTemplateNames()
{
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const auto& entry : templates())
            out.push_back(entry.first);
        return out;
    }();
    return names;
}

bool isBuiltinChatTemplate(const std::string& name)
{
    for (const auto& entry : templates())
        if (entry.first == name)
            return true;
    return false;
}

const std::string& builtinChatTemplate(const std::string& name, const std::string& field)
{
    for (const auto& entry : templates())
        if (entry.first == name)
            return entry.second;
    std::string known;
    for (const auto& n : builtinChatTemplateNames())
        known += (known.empty() ? "" : ", ") + n;
    LORAWB_FAIL(field, ": unknown chat template \"", name, "\". Use model (the model's own, from tokenizer_config.json) "
                "or one of ", known, ".");
}

} // namespace core::chat
