#pragma once
// GGUF v3, the file format of llama.cpp and Ollama (ggml/docs/gguf.md): "GGUF", version 3, tensor count, metadata
// count; the metadata as typed key/value pairs; one info per tensor (name, dims innermost first, ggml type, offset);
// then the data, every tensor starting at a multiple of general.alignment (32). Written streaming like the
// safetensors shards: the header is fixed by the metadata and the tensor infos, then each tensor's bytes follow.
#include "core/export/GgmlType.h"

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace core {

class AtomicFileWriter;

// The value types this project writes (GGUF has more): uint32, int32, float32, bool, string, and arrays of string,
// float32 and int32.
using GgufValue = std::variant<uint32_t, int32_t, float, bool, std::string, std::vector<std::string>,
                               std::vector<float>, std::vector<int32_t>>;
using GgufMetadata = std::vector<std::pair<std::string, GgufValue>>; // in file order

struct GgufTensorInfo {
    std::string name;
    std::vector<uint64_t> ne; ///< dimensions, innermost first (a [out, in] torch weight is ne = {in, out})
    GgmlType type = GgmlType::F32;
};

constexpr uint64_t kGgufAlignment = 32;

class GgufWriter {
public:
    // Writes the header; core::Error naming path if the file cannot be created.
    GgufWriter(const std::string& path, const GgufMetadata& metadata, std::vector<GgufTensorInfo> tensors);
    ~GgufWriter();
    GgufWriter(const GgufWriter&) = delete;
    GgufWriter& operator=(const GgufWriter&) = delete;

    // The next tensor's encoded bytes (ggmlRowBytes × rows), in the order the infos were given.
    void writeTensor(const std::string& name, const std::string& bytes);
    void commit();
    uint64_t fileSize() const { return m_fileSize; }

private:
    std::vector<GgufTensorInfo> m_tensors;
    size_t m_next = 0;
    uint64_t m_written = 0; // bytes of data written so far (padding included)
    uint64_t m_fileSize = 0;
    std::string m_path;
    std::unique_ptr<AtomicFileWriter> m_out;
};

// Bytes a tensor of this shape and type occupies.
uint64_t ggufTensorBytes(const GgufTensorInfo& info);

} // namespace core
