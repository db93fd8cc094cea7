#pragma once
// The weights of a Hugging Face model directory, single-file or sharded, looked up by tensor name.
#include "core/io/Safetensors.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace core {

class WeightStore {
public:
    // dir/model.safetensors, or dir/model.safetensors.index.json {"weight_map": {tensor: shard file}} with its
    // shards (each shard opened once). model.safetensors wins when both exist, as in HF transformers.
    // A directory with only pickle checkpoints (pytorch_model.bin, *.bin, *.pt, *.pth) is refused with the command
    // that converts it, because unpickling can run arbitrary code. A missing directory, no weights at all, an index
    // naming a missing shard, an index that is not JSON: core::Error.
    static WeightStore openDirectory(const std::string& dir);

    const std::string& directory() const { return m_directory; }
    std::vector<std::string> names() const; // sorted
    bool contains(const std::string& name) const;
    const SafetensorsEntry& entry(const std::string& name) const;
    // As SafetensorsFile::tensor: the stored dtype, a zero-copy CPU view. core::Error naming the tensor and the
    // directory if missing.
    at::Tensor tensor(const std::string& name) const;
    // As SafetensorsFile::readInto: the values copied into destination by reading the file (no SIGBUS when another
    // program truncates it meanwhile).
    void readInto(const std::string& name, at::Tensor& destination) const;
    std::string fileOf(const std::string& name) const; // the path of the file holding the tensor

private:
    const SafetensorsFile& fileFor(const std::string& name) const;

    std::string m_directory;
    std::map<std::string, std::shared_ptr<SafetensorsFile>> m_files; // tensor name → the file holding it
};

} // namespace core
