#include "core/run/RunProvenance.h"

#include "core/chat/BuiltinChatTemplates.h"
#include "core/data/PromptTemplate.h"
#include "core/history/RunDatabase.h"
#include "core/history/Sha256.h"

#include <algorithm>
#include <filesystem>

namespace core {

namespace fs = std::filesystem;

namespace {

bool isModelFile(const fs::path& file)
{
    const std::string name = file.filename().string();
    return name == "config.json" || name == "tokenizer.model" || name == "tokenizer.json" ||
           // A tokenizer.json model's BOS/EOS and chat template live in tokenizer_config.json (a sentencepiece model's
           // hash stays as older histories recorded it).
           (name == "tokenizer_config.json" && fs::exists(file.parent_path() / "tokenizer.json")) || name == "model.safetensors.index.json" ||
           file.extension() == ".safetensors";
}

// "name sha256" per file, sorted by name: a digest of a folder's files that ignores where the folder is.
std::string folderDigest(RunDatabase& db, const std::string& dir, bool (*wanted)(const fs::path&))
{
    std::vector<fs::path> files;
    std::error_code error;
    for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error))
        if (it->is_regular_file() && wanted(it->path()))
            files.push_back(it->path());
    std::sort(files.begin(), files.end());
    std::string listing;
    for (const auto& file : files)
        listing += file.filename().string() + " " + db.fileHash(file.string()) + "\n";
    return listing;
}

bool isAdapterFile(const fs::path& file)
{
    const std::string name = file.filename().string();
    return name == "adapter_config.json" || name == "adapter_model.safetensors";
}

} // namespace

std::string templateFingerprint(const DataConfig& data)
{
    // Chat records: the template by name; the model's own is the model's (its tokenizer_config.json is hashed with it).
    if (data.format == DataFormat::Messages) {
        const std::string source = data.chatTemplate == "model" ? std::string("model")
                                                                 : chat::builtinChatTemplate(data.chatTemplate, "data.chat_template");
        return "messages\x1f" + source + "\x1f" + (data.trainOnPrompt ? "all_turns" : "assistant_turns");
    }
    AlpacaRecord withInput{"{instruction}", "{input}", "{output}"};
    AlpacaRecord withoutInput{"{instruction}", "", "{output}"};
    return recordText(withInput, data) + "\x1f" + recordText(withoutInput, data) + "\x1f" +
           (data.trainOnPrompt ? "train_on_prompt" : "response_only");
}

RunProvenance runProvenance(RunDatabase& db, const ExperimentConfig& cfg)
{
    RunProvenance out;
    std::string model = folderDigest(db, cfg.model, isModelFile);
    if (!cfg.baseAdapter.empty())
        model += "base_adapter\n" + folderDigest(db, cfg.baseAdapter, isAdapterFile);
    out.modelHash = sha256Hex(model);
    std::string data = db.fileHash(cfg.data.path);
    if (!cfg.data.validationPath.empty())
        data += " " + db.fileHash(cfg.data.validationPath);
    out.dataHash = sha256Hex(data);
    out.templateHash = sha256Hex(templateFingerprint(cfg.data));
    return out;
}

} // namespace core
