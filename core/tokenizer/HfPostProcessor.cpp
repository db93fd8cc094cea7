#include "core/tokenizer/HfPostProcessor.h"

#include "core/common/Error.h"
#include "core/io/JsonFile.h"

namespace core {

using nlohmann::json;

namespace {

// One "[token, id]" pair of BertProcessing / RobertaProcessing.
int pairId(const json& spec, const char* key, const std::string& where)
{
    LORAWB_CHECK(spec.contains(key) && spec.at(key).is_array() && spec.at(key).size() == 2 &&
                     spec.at(key)[1].is_number_integer(),
                 where, ": post_processor ", spec.value("type", std::string("?")), " needs \"", key,
                 "\" as [token, id]");
    return spec.at(key)[1].get<int>();
}

void addTemplate(const json& spec, SpecialTokensAround& around, const std::string& where)
{
    const std::string here = where + ": post_processor TemplateProcessing";
    LORAWB_CHECK(spec.contains("single") && spec.at("single").is_array(), here, " needs a \"single\" template list");
    const json special = spec.value("special_tokens", json::object());
    bool sawSequence = false;
    SpecialTokensAround mine;
    for (const json& item : spec.at("single")) {
        if (item.contains("Sequence")) {
            sawSequence = true;
            continue;
        }
        LORAWB_CHECK(item.contains("SpecialToken") && item.at("SpecialToken").contains("id"), here,
                     ": a template item must be {\"Sequence\": ...} or {\"SpecialToken\": ...}, got ", item.dump());
        const std::string name = item.at("SpecialToken").at("id").get<std::string>();
        LORAWB_CHECK(special.contains(name) && special.at(name).contains("ids") && special.at(name).at("ids").is_array(),
                     here, ": the template names \"", name, "\", which \"special_tokens\" does not define");
        std::vector<int>& side = sawSequence ? mine.after : mine.before;
        for (const json& id : special.at(name).at("ids"))
            side.push_back(jsonWholeNumber<int>(id, here + ": special_tokens \"" + name + "\" ids"));
    }
    LORAWB_CHECK(sawSequence, here, ": the \"single\" template has no $A (Sequence) item");
    around.before.insert(around.before.end(), mine.before.begin(), mine.before.end());
    around.after.insert(around.after.end(), mine.after.begin(), mine.after.end());
}

void addProcessor(const json& spec, SpecialTokensAround& around, const std::string& where)
{
    if (spec.is_null())
        return;
    LORAWB_CHECK(spec.is_object() && spec.contains("type") && spec.at("type").is_string(), where,
                 ": \"post_processor\" must be null or an object with a \"type\"");
    const std::string type = spec.at("type").get<std::string>();
    if (type == "ByteLevel")
        return;
    if (type == "TemplateProcessing")
        return addTemplate(spec, around, where);
    if (type == "BertProcessing" || type == "RobertaProcessing") {
        around.before.push_back(pairId(spec, "cls", where));
        around.after.push_back(pairId(spec, "sep", where));
        return;
    }
    if (type == "Sequence") {
        LORAWB_CHECK(spec.contains("processors") && spec.at("processors").is_array(), where,
                     ": post_processor Sequence needs a \"processors\" list");
        for (const json& part : spec.at("processors"))
            addProcessor(part, around, where);
        return;
    }
    LORAWB_FAIL(where, ": post_processor type \"", type,
                "\" is not supported (supported: TemplateProcessing, ByteLevel, BertProcessing, RobertaProcessing, "
                "Sequence).");
}

} // namespace

SpecialTokensAround parseHfPostProcessor(const json& spec, const std::string& where)
{
    SpecialTokensAround around;
    addProcessor(spec, around, where);
    return around;
}

} // namespace core
