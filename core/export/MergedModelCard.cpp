#include "core/export/MergedModelCard.h"

#include "core/common/Version.h"
#include "core/history/Sha256.h"
#include "core/io/AtomicFile.h"
#include "core/io/JsonFile.h"

#include <filesystem>
#include <regex>
#include <sstream>

namespace fs = std::filesystem;

namespace core {

namespace {

// The training data hash an adapter card of ours carries in its table ("| training data sha256 | … |").
std::string dataHashInCard(const std::string& card)
{
    static const std::regex row(R"(\|\s*training data sha256\s*\|\s*([0-9a-f]{64})\s*\|)");
    std::smatch match;
    return std::regex_search(card, match, row) ? match[1].str() : std::string();
}

} // namespace

std::string mergedModelCard(const MergedModelFacts& facts)
{
    std::ostringstream md;
    md << "---\nbase_model: " << facts.baseDir << "\ntags:\n- lora-workbench\n- merged-lora\n---\n\n";
    md << "# Merged model\n\n";
    if (facts.adapterDir.empty())
        md << "The base model " << facts.baseDir << " re-saved by LoRA Workbench " << versionString() << ".\n\n";
    else
        md << "The base model with a LoRA adapter folded into its weights (W = W0 + scaling·B·A, as PEFT's "
              "merge_and_unload), written by LoRA Workbench "
           << versionString() << ". It loads without PEFT:\n\n";
    md << "```python\nfrom transformers import AutoModelForCausalLM, AutoTokenizer\n"
       << "model = AutoModelForCausalLM.from_pretrained(\"path/to/this/folder\")\n"
       << "tokenizer = AutoTokenizer.from_pretrained(\"path/to/this/folder\")\n```\n\n";
    md << "| | |\n|---|---|\n| base model | " << facts.baseDir << " |\n";
    std::string adapterCard;
    if (!facts.adapterDir.empty()) {
        md << "| adapter | " << facts.adapterDir << " |\n";
        const fs::path weights = fs::path(facts.adapterDir) / "adapter_model.safetensors";
        if (fs::is_regular_file(weights))
            md << "| adapter_model.safetensors sha256 | " << sha256OfFile(weights.string()) << " |\n";
        const fs::path readme = fs::path(facts.adapterDir) / "README.md";
        if (fs::is_regular_file(readme))
            adapterCard = readWholeFile(readme.string(), "adapter card");
        if (const std::string hash = dataHashInCard(adapterCard); !hash.empty())
            md << "| training data sha256 | " << hash << " |\n";
    }
    md << "| dtype | " << facts.dtype << " |\n| safetensors shards | " << facts.shards << " |\n";
    if (!facts.adapterDir.empty()) {
        const auto config = readJsonFile((fs::path(facts.adapterDir) / "adapter_config.json").string(),
                                         "adapter config");
        md << "\n## LoRA settings\n\n| setting | value |\n|---|---|\n";
        for (const char* key : {"r", "lora_alpha", "lora_dropout", "bias", "target_modules", "use_rslora", "use_dora",
                                "layers_to_transform", "rank_pattern", "alpha_pattern", "modules_to_save"})
            md << "| " << key << " | " << config.value(key, nlohmann::json(nullptr)).dump() << " |\n";
    }
    if (!adapterCard.empty()) {
        // Demote the adapter card's own front matter and headings so they nest under this section.
        std::string body = adapterCard;
        if (body.rfind("---\n", 0) == 0)
            if (const auto end = body.find("\n---\n", 3); end != std::string::npos)
                body = body.substr(end + 5);
        md << "\n## The adapter's card\n\n" << std::regex_replace(body, std::regex("(^|\n)#"), "$1###");
    }
    return md.str();
}

} // namespace core
