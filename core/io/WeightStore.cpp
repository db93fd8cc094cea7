#include "core/io/WeightStore.h"

#include "core/common/Error.h"
#include "core/io/JsonFile.h"

#include <algorithm>
#include <filesystem>

namespace fs = std::filesystem;

namespace core {
namespace {

const char* const kSingleFile = "model.safetensors";
const char* const kIndexFile = "model.safetensors.index.json";

// Files in dir whose names end with one of the suffixes, sorted.
std::vector<std::string> filesEndingWith(const std::string& dir, const std::vector<std::string>& suffixes)
{
    std::vector<std::string> found;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code typeError;
        if (!it->is_regular_file(typeError))
            continue;
        const std::string name = it->path().filename().string();
        for (const auto& suffix : suffixes)
            if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
                found.push_back(name);
                break;
            }
    }
    std::sort(found.begin(), found.end());
    return found;
}

std::string listOf(const std::vector<std::string>& names)
{
    std::string out;
    for (size_t i = 0; i < names.size() && i < 3; ++i)
        out += (i ? ", " : "") + names[i];
    if (names.size() > 3)
        out += ", ... (" + std::to_string(names.size()) + " files)";
    return out;
}

// A shard name from an index must stay inside the model directory: the index is data, not a path to trust.
bool isPlainRelativePath(const std::string& name)
{
    if (name.empty() || fs::path(name).is_absolute())
        return false;
    for (const auto& part : fs::path(name))
        if (part == "..")
            return false;
    return true;
}

} // namespace

WeightStore WeightStore::openDirectory(const std::string& dir)
{
    std::error_code ec;
    const auto status = fs::status(dir, ec);
    LORAWB_CHECK(fs::exists(status), "model directory '", dir, "' not found; check the path");
    LORAWB_CHECK(fs::is_directory(status), "'", dir, "' is a file, not a model directory; pass the folder that ",
                 "holds config.json and model.safetensors");

    WeightStore store;
    store.m_directory = dir;
    const fs::path root(dir);
    if (fs::is_regular_file(root / kSingleFile, ec)) {
        auto file = SafetensorsFile::open((root / kSingleFile).string());
        for (const auto& name : file->names())
            store.m_files[name] = file;
        return store;
    }

    const std::string indexPath = (root / kIndexFile).string();
    if (fs::is_regular_file(indexPath, ec)) {
        const nlohmann::json index = readJsonFile(indexPath, "safetensors index");
        const auto weightMap = index.is_object() ? index.find("weight_map") : index.end();
        LORAWB_CHECK(weightMap != index.end() && weightMap->is_object() && !weightMap->empty(), "safetensors index '",
                     indexPath, "' has no non-empty object 'weight_map' {tensor name: shard file}; the index is ",
                     "corrupt: download it again");
        std::map<std::string, std::shared_ptr<SafetensorsFile>> shards; // each shard opened once
        for (const auto& [name, shardValue] : weightMap->items()) {
            LORAWB_CHECK(shardValue.is_string() && isPlainRelativePath(shardValue.get<std::string>()),
                         "safetensors index '", indexPath, "' maps tensor '", name, "' to ", shardValue.dump(),
                         ", which is not a file name inside the model directory; the index is corrupt: download ",
                         "it again");
            const std::string shard = shardValue.get<std::string>();
            auto& file = shards[shard];
            if (!file) {
                const fs::path shardPath = root / shard;
                LORAWB_CHECK(fs::is_regular_file(shardPath, ec), "safetensors index '", indexPath, "' maps tensor '",
                             name, "' to shard '", shard, "', which is missing from '", dir,
                             "'; the download is incomplete: download that file again");
                file = SafetensorsFile::open(shardPath.string());
            }
            LORAWB_CHECK(file->contains(name), "safetensors index '", indexPath, "' says tensor '", name,
                         "' is in '", shard, "', but that file does not hold it; the index and the shards do not ",
                         "belong together: download the model again");
            store.m_files[name] = file;
        }
        return store;
    }

    const auto pickles = filesEndingWith(dir, {".bin", ".pt", ".pth"});
    LORAWB_CHECK(pickles.empty(), "model directory '", dir, "' holds only PyTorch pickle checkpoints (",
                 listOf(pickles), "); LoRA Workbench reads safetensors only, because unpickling can run arbitrary ",
                 "code. Convert it with: python -c 'from transformers import AutoModelForCausalLM as M; ",
                 "M.from_pretrained(\"", dir, "\").save_pretrained(\"", dir, "\", safe_serialization=True)'");
    const auto others = filesEndingWith(dir, {".safetensors"});
    LORAWB_CHECK(std::find(others.begin(), others.end(), "adapter_model.safetensors") == others.end(),
                 "'", dir, "' holds a LoRA adapter (adapter_model.safetensors), not a base model; pass the base ",
                 "model's directory as the model and this one as the adapter");
    LORAWB_CHECK(others.empty(), "model directory '", dir, "' has no ", kSingleFile, " or ", kIndexFile,
                 " (found: ", listOf(others), "); rename a single-file checkpoint to ", kSingleFile,
                 ", or add the index that belongs to the shards");
    LORAWB_FAIL("model directory '", dir, "' holds no model weights: expected ", kSingleFile, " or ", kIndexFile,
                " with its shards; point to a complete Hugging Face model directory (download it again if files ",
                "are missing)");
}

std::vector<std::string> WeightStore::names() const
{
    std::vector<std::string> out;
    out.reserve(m_files.size());
    for (const auto& item : m_files)
        out.push_back(item.first);
    return out;
}

bool WeightStore::contains(const std::string& name) const
{
    return m_files.count(name) > 0;
}

const SafetensorsFile& WeightStore::fileFor(const std::string& name) const
{
    const auto it = m_files.find(name);
    LORAWB_CHECK(it != m_files.end(), "tensor '", name, "' is not in the weights of model directory '", m_directory,
                 "' (", m_files.size(), " tensors); the checkpoint does not match what config.json describes: ",
                 "check that the weights and config.json belong to the same model");
    return *it->second;
}

const SafetensorsEntry& WeightStore::entry(const std::string& name) const
{
    return fileFor(name).entry(name);
}

at::Tensor WeightStore::tensor(const std::string& name) const
{
    return fileFor(name).tensor(name);
}

void WeightStore::readInto(const std::string& name, at::Tensor& destination) const
{
    fileFor(name).readInto(name, destination);
}

std::string WeightStore::fileOf(const std::string& name) const
{
    return fileFor(name).path();
}

} // namespace core
