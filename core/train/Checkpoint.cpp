#include "core/train/Checkpoint.h"

#include "core/common/Error.h"
#include "core/io/JsonFile.h"
#include "core/io/Safetensors.h"
#include "core/io/StagedDirectory.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>

namespace fs = std::filesystem;

namespace core {
namespace {

NamedTensors readAll(const std::string& path)
{
    const auto file = SafetensorsFile::open(path);
    NamedTensors out;
    for (const auto& name : file->names())
        out.emplace_back(name, file->tensor(name).clone());
    return out;
}

NamedTensors cpuCopies(const NamedTensors& tensors)
{
    NamedTensors out;
    for (const auto& [name, t] : tensors)
        out.emplace_back(name, t.detach().to(torch::kCPU).contiguous());
    return out;
}

bool isCheckpointName(const std::string& name)
{
    return name.size() == 11 && name.rfind("step-", 0) == 0 &&
           std::all_of(name.begin() + 5, name.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::vector<fs::path> checkpointFolders(const std::string& checkpointsDir)
{
    std::vector<fs::path> out;
    std::error_code ec;
    if (!fs::is_directory(checkpointsDir, ec))
        return out;
    for (const auto& entry : fs::directory_iterator(checkpointsDir, ec))
        if (entry.is_directory() && isCheckpointName(entry.path().filename().string()) &&
            fs::is_regular_file(entry.path() / "trainer_state.json"))
            out.push_back(entry.path());
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

std::string checkpointDirName(int64_t step)
{
    char name[32];
    std::snprintf(name, sizeof name, "step-%06lld", static_cast<long long>(step));
    return name;
}

std::string saveCheckpoint(const std::string& checkpointsDir, const CheckpointData& data,
                           const std::function<void(const std::string&)>& writeExtra)
{
    const std::string dir = (fs::path(checkpointsDir) / checkpointDirName(data.position.step)).string();
    const auto trainable = cpuCopies(data.trainable);
    const auto optimizer = cpuCopies(data.optimizer);
    writeDirectoryAtomically(dir, [&](const std::string& staging) {
        const fs::path s(staging);
        saveSafetensors((s / "trainable.safetensors").string(), trainable, {{"format", "pt"}});
        saveSafetensors((s / "optimizer.safetensors").string(), optimizer);
        NamedTensors generators = {{"cpu_generator", data.rngState.contiguous()}};
        for (size_t i = 0; i < data.cudaRngStates.size(); ++i)
            generators.emplace_back("cuda_generator_" + std::to_string(i), data.cudaRngStates[i].contiguous());
        saveSafetensors((s / "rng.safetensors").string(), generators);
        if (writeExtra)
            writeExtra(staging);
        // Written last: a folder without trainer_state.json is never taken for a checkpoint.
        nlohmann::json state = {{"step", data.position.step},
                                {"epoch", data.position.epoch},
                                {"batch_in_epoch", data.position.batchInEpoch},
                                {"last_loss", data.position.lastLoss},
                                {"loss_sum", data.position.lossSum},
                                {"fingerprint", data.fingerprint}};
        writeJsonFileAtomically((s / "trainer_state.json").string(), state);
    });
    return dir;
}

CheckpointData loadCheckpoint(const std::string& dir)
{
    const fs::path d(dir);
    const auto state = readJsonFile((d / "trainer_state.json").string(), "checkpoint state");
    CheckpointData data;
    try {
        const std::string where = (d / "trainer_state.json").string() + ": ";
        data.position.step = jsonWholeNumber<int64_t>(state.at("step"), where + "\"step\"");
        data.position.epoch = jsonWholeNumber<int64_t>(state.at("epoch"), where + "\"epoch\"");
        data.position.batchInEpoch = jsonWholeNumber<int64_t>(state.at("batch_in_epoch"), where + "\"batch_in_epoch\"");
        data.position.lastLoss = state.value("last_loss", 0.0);
        // Checkpoints from before 2026-12-07 have no sum: the steps before them count at their last loss.
        data.position.lossSum = state.value("loss_sum", data.position.lastLoss * static_cast<double>(data.position.step));
        data.fingerprint = state.value("fingerprint", "");
    } catch (const nlohmann::json::exception& e) {
        LORAWB_FAIL((d / "trainer_state.json").string(), ": not a LoRA Workbench checkpoint state (", e.what(), ").");
    }
    data.trainable = readAll((d / "trainable.safetensors").string());
    data.optimizer = readAll((d / "optimizer.safetensors").string());
    const auto rng = readAll((d / "rng.safetensors").string());
    bool cpu = false;
    std::map<std::string, at::Tensor> cuda;
    for (const auto& [name, state] : rng) {
        if (name == "cpu_generator") {
            data.rngState = state;
            cpu = true;
        } else {
            cuda[name] = state;
        }
    }
    for (auto it = cuda.find("cuda_generator_0"); it != cuda.end();
         it = cuda.find("cuda_generator_" + std::to_string(data.cudaRngStates.size())))
        data.cudaRngStates.push_back(it->second);
    LORAWB_CHECK(cpu, (d / "rng.safetensors").string(), ": has no cpu_generator state; the checkpoint is damaged.");
    return data;
}

std::string latestCheckpoint(const std::string& checkpointsDir)
{
    const auto folders = checkpointFolders(checkpointsDir);
    return folders.empty() ? std::string() : folders.back().string();
}

void pruneCheckpoints(const std::string& checkpointsDir, int keep)
{
    // Renamed first (one atomic step), then deleted: a kill -9 during the deletion leaves a folder that no longer
    // has a checkpoint's name, never a checkpoint with files missing (found by test_cli_crash_safety). Such leftovers
    // go on the next prune.
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(checkpointsDir, ec))
        if (entry.path().extension() == ".pruned")
            fs::remove_all(entry.path(), ec);
    const auto folders = checkpointFolders(checkpointsDir);
    for (size_t i = 0; i + keep < folders.size(); ++i) {
        const fs::path doomed = folders[i].string() + ".pruned";
        std::error_code renamed;
        fs::rename(folders[i], doomed, renamed);
        if (!renamed)
            fs::remove_all(doomed, ec);
    }
}

int64_t latestCheckpointStep(const std::string& checkpointsDir)
{
    const std::string dir = latestCheckpoint(checkpointsDir);
    if (dir.empty())
        return 0;
    const std::string name = fs::path(dir).filename().string();
    const auto digits = name.find_first_of("0123456789");
    return digits == std::string::npos ? 0 : std::stoll(name.substr(digits));
}

} // namespace core
