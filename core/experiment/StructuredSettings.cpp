#include "core/experiment/StructuredSettings.h"

#include "core/common/Error.h"
#include "core/common/Text.h"
#include "core/experiment/NumberText.h"

#include <limits>

namespace core {

namespace {

YAML::Node flowList(const std::vector<std::string>& items)
{
    YAML::Node list(YAML::NodeType::Sequence);
    for (const auto& item : items)
        list.push_back(item);
    list.SetStyle(YAML::EmitterStyle::Flow);
    return list;
}

void readTargetModules(const YamlSection& lora, TargetModules& target)
{
    if (!lora.has("target_modules"))
        return; // the default stays (PEFT's for LLaMA-family models; see defaultExperimentConfig)
    const YAML::Node node = lora.node("target_modules");
    target = TargetModules{};
    if (node.IsSequence()) {
        target.kind = TargetModules::Kind::List;
        lora.read("target_modules", target.names);
    } else if (node.IsScalar() && asciiLower(node.Scalar()) == "all-linear") {
        target.kind = TargetModules::Kind::AllLinear;
    } else if (node.IsScalar()) {
        target.kind = TargetModules::Kind::Regex;
        target.regex = node.Scalar();
    } else {
        lora.fail("target_modules",
                  "expected a list of module names ([q_proj, v_proj]), a regex string or "
                  "\"all-linear\", got "
                      + describeYaml(node));
    }
}

void readLayersToTransform(const YamlSection& lora, std::vector<int>& layers)
{
    if (!lora.has("layers_to_transform"))
        return;
    // PEFT accepts one layer index or a list of them.
    const YAML::Node node = lora.node("layers_to_transform");
    std::vector<std::string> texts;
    if (node.IsScalar())
        texts.push_back(node.Scalar());
    else
        lora.read("layers_to_transform", texts);
    layers.clear();
    for (const auto& text : texts) {
        int64_t layer = 0;
        if (!parseInt64(text, layer) || layer < std::numeric_limits<int>::min()
            || layer > std::numeric_limits<int>::max())
            lora.fail("layers_to_transform",
                      "expected a layer index or a list of them (e.g. [0, 1, 2]), got '" + text + "'");
        layers.push_back(static_cast<int>(layer));
    }
}

} // namespace

void readStructured(const YamlSection& section, const std::string& key, LoraConfig& cfg)
{
    if (key == "target_modules")
        readTargetModules(section, cfg.targetModules);
    else if (key == "layers_to_transform")
        readLayersToTransform(section, cfg.layersToTransform);
    else if (key == "exclude_modules" && section.has(key) && section.node(key).IsScalar())
        cfg.excludeRegex = section.node(key).Scalar(); // a string, as in PEFT: a regex over the whole name
    else if (key == "exclude_modules")
        section.read(key, cfg.excludeModules);
    else
        LORAWB_ASSERT(false, "no YAML reader for lora.", key);
}

YAML::Node structuredNode(const std::string& key, const LoraConfig& cfg)
{
    if (key == "target_modules") {
        const auto& target = cfg.targetModules;
        switch (target.kind) {
        case TargetModules::Kind::List:
            return flowList(target.names);
        case TargetModules::Kind::Regex:
            return YAML::Node(target.regex);
        case TargetModules::Kind::AllLinear:
            return YAML::Node(std::string("all-linear"));
        }
    }
    if (key == "layers_to_transform") {
        if (cfg.layersToTransform.empty())
            return {};
        std::vector<std::string> texts;
        for (int layer : cfg.layersToTransform)
            texts.push_back(std::to_string(layer));
        return flowList(texts);
    }
    if (key == "exclude_modules") {
        if (!cfg.excludeRegex.empty())
            return YAML::Node(cfg.excludeRegex);
        return cfg.excludeModules.empty() ? YAML::Node() : flowList(cfg.excludeModules);
    }
    LORAWB_ASSERT(false, "no YAML writer for lora.", key);
    return {};
}

void readStructured(const YamlSection& section, const std::string& key, DataConfig& cfg)
{
    LORAWB_ASSERT(key == "template", "no YAML reader for data.", key);
    const YamlSection templates = section.section("template");
    templates.read("with_input", cfg.templateWithInput);
    templates.read("without_input", cfg.templateWithoutInput);
}

YAML::Node structuredNode(const std::string& key, const DataConfig& cfg)
{
    LORAWB_ASSERT(key == "template", "no YAML writer for data.", key);
    YAML::Node templates(YAML::NodeType::Map);
    if (!cfg.templateWithInput.empty())
        templates["with_input"] = cfg.templateWithInput;
    if (!cfg.templateWithoutInput.empty())
        templates["without_input"] = cfg.templateWithoutInput;
    return templates.size() == 0 ? YAML::Node() : templates;
}

} // namespace core
