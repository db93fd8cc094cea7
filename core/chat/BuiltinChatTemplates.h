#pragma once
// Chat templates by name, for models without one of their own and for users who want another format: alpaca, chatml,
// llama3, mistral, phi3. Each is a Jinja template in the form the family's own tokenizer_config.json uses (the same
// special-token text, the same turn layout), rendered by the same interpreter as a model's template.
#include <string>
#include <vector>

namespace core::chat {

// The names, in the order the GUI lists them.
const std::vector<std::string>& builtinChatTemplateNames();
// The template's Jinja source; throws core::Error naming `field` and the known names when `name` is none of them.
const std::string& builtinChatTemplate(const std::string& name, const std::string& field);
bool isBuiltinChatTemplate(const std::string& name);

} // namespace core::chat
