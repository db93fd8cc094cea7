// A checkpoint folder's trainer_state.json (what --resume reads first), next to small valid tensor files: the
// position, losses and fingerprint are taken or refused with a message; the input's first byte, when odd, puts the
// fuzzed bytes into rng.safetensors instead, the state a generator is restored from.
#include "FuzzSupport.h"
#include "core/io/Safetensors.h"
#include "core/train/Checkpoint.h"

#include <torch/torch.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0)
        return 0;
    static const bool prepared = [] {
        const auto dir = fuzz::workFolder();
        core::saveSafetensors((dir / "trainable.safetensors").string(), {{"w", torch::zeros({2, 2})}});
        core::saveSafetensors((dir / "optimizer.safetensors").string(), {{"step", torch::zeros({1}, torch::kInt64)}});
        core::saveSafetensors((dir / "rng.safetensors").string(),
                              {{"cpu_generator", at::detail::getDefaultCPUGenerator().get_state()}});
        return true;
    }();
    (void)prepared;
    const bool rng = data[0] & 1;
    const auto rngBackup = fuzz::workFolder() / "rng.good";
    if (rng && !std::filesystem::exists(rngBackup))
        std::filesystem::copy_file(fuzz::workFolder() / "rng.safetensors", rngBackup);
    if (rng) {
        fuzz::writeInput(data + 1, size - 1, "rng.safetensors");
        const std::string state = R"({"step": 3, "epoch": 0, "batch_in_epoch": 3, "last_loss": 1.5, "loss_sum": 4.5})";
        fuzz::writeInput(reinterpret_cast<const uint8_t*>(state.data()), state.size(), "trainer_state.json");
    } else {
        fuzz::writeInput(data + 1, size - 1, "trainer_state.json");
        if (std::filesystem::exists(rngBackup))
            std::filesystem::copy_file(rngBackup, fuzz::workFolder() / "rng.safetensors",
                                       std::filesystem::copy_options::overwrite_existing);
    }
    fuzz::refusedClearlyOrRead([&] { (void)core::loadCheckpoint(fuzz::workFolder().string()); });
    return 0;
}
