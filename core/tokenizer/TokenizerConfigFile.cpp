#include "core/tokenizer/TokenizerConfigFile.h"

#include "core/common/Error.h"

namespace core {

using nlohmann::json;

std::string chatTemplateOf(const json& config, const std::string& path)
{
    if (!config.is_object() || !config.contains("chat_template") || config.at("chat_template").is_null())
        return {};
    const json& tmpl = config.at("chat_template");
    if (tmpl.is_string())
        return tmpl.get<std::string>();
    LORAWB_CHECK(tmpl.is_array(), path, ": \"chat_template\" must be a string or a list of {name, template}");
    for (const json& named : tmpl)
        if (named.is_object() && named.value("name", std::string()) == "default" && named.contains("template") &&
            named.at("template").is_string())
            return named.at("template").get<std::string>();
    return {};
}

} // namespace core
