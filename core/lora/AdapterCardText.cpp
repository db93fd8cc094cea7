#include "core/lora/AdapterCardText.h"

#include "core/common/Version.h"

#include <nlohmann/json.hpp>

#include <sstream>

namespace core {

std::string adapterCardMarkdown(const LoraConfig& cfg, const nlohmann::ordered_json& adapterConfig, const AdapterCard& card)
{
    std::ostringstream md;
    md << "---\nlibrary_name: peft\n";
    if (!cfg.baseModelNameOrPath.empty())
        md << "base_model: " << cfg.baseModelNameOrPath << "\n";
    md << "tags:\n- lora\n- lora-workbench\n---\n\n";
    md << "# " << card.title << "\n\n";
    md << "A LoRA adapter trained with LoRA Workbench " << versionString() << ". Load it with HF PEFT:\n\n";
    md << "```python\nfrom transformers import AutoModelForCausalLM\nfrom peft import PeftModel\n"
       << "base = AutoModelForCausalLM.from_pretrained(\"" << cfg.baseModelNameOrPath << "\")\n"
       << "model = PeftModel.from_pretrained(base, \"path/to/this/folder\")\n```\n\n";
    md << "## LoRA settings\n\n| setting | value |\n|---|---|\n";
    for (const char* key : {"r", "lora_alpha", "lora_dropout", "bias", "task_type", "target_modules", "use_rslora",
                            "use_dora", "init_lora_weights", "layers_to_transform", "modules_to_save"})
        md << "| " << key << " | " << adapterConfig.value(key, nlohmann::ordered_json(nullptr)).dump() << " |\n";
    if (!card.facts.empty()) {
        md << "\n## Training\n\n| | |\n|---|---|\n";
        for (const auto& [k, v] : card.facts)
            md << "| " << k << " | " << v << " |\n";
    }
    return md.str();
}

} // namespace core
