#pragma once
// safetensors (https://github.com/huggingface/safetensors): 8-byte little-endian header length, a JSON header
// {name: {dtype, shape, data_offsets}, "__metadata__": {string: string}}, then the raw tensor bytes.
// Reader in Safetensors.cpp, writer (saveSafetensors) in SafetensorsWriter.cpp.
#include <ATen/core/Tensor.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace core {

class AtomicFileWriter;
class MappedFile;

struct SafetensorsEntry {
    std::string dtype;          // "F32", "BF16", ... as in the file
    std::vector<int64_t> shape; // [] for a scalar
    uint64_t begin = 0;         // byte offsets relative to the start of the data (after the header)
    uint64_t end = 0;
};

class SafetensorsFile {
public:
    // mmaps the file and validates the whole header before any data is touched: file >= 8 bytes, header length
    // fits the file, header is a JSON object, each entry has a known dtype (F64 F32 F16 BF16 I64 I32 I16 I8 U8 BOOL),
    // a shape of non-negative ints, data_offsets [begin, end] with begin <= end <= data size and
    // end - begin == numel * itemsize; "__metadata__" is a string→string map.
    // Every failure: core::Error naming the file, the tensor where relevant, what is wrong and the fix.
    static std::shared_ptr<SafetensorsFile> open(const std::string& path);

    const std::string& path() const { return m_path; }
    std::vector<std::string> names() const; // sorted
    bool contains(const std::string& name) const;
    const SafetensorsEntry& entry(const std::string& name) const; // core::Error naming file + tensor if missing
    const std::map<std::string, std::string>& metadata() const { return m_metadata; }

    // The tensor as stored (its file dtype, on the CPU): a zero-copy view on the mapping that keeps the mapping
    // alive. The mapping is copy-on-write, so writing into the view never changes the file, but it does change what
    // later views of the same tensor from this SafetensorsFile show: .clone() before modifying in place.
    // Two cases copy instead of viewing: BOOL (bytes other than 0/1 are normalised) and data that is not aligned to
    // its element size (files from writers that do not pad the header).
    at::Tensor tensor(const std::string& name) const;
    // Copies the tensor into `destination` (same number of elements, any dtype and device: converted as copy_ does)
    // by reading the file, not the mapping (MappedFile::readAt): a file truncated by another program while it loads
    // is a core::Error, not a SIGBUS. Straight into destination's memory when it is a contiguous CPU tensor of the
    // stored dtype, so a model costs no second copy. For loaders that keep the values.
    void readInto(const std::string& name, at::Tensor& destination) const;

private:
    SafetensorsFile() = default;

    std::string m_path;
    std::shared_ptr<MappedFile> m_mapping;
    uint64_t m_dataStart = 0; // 8 + header length
    std::map<std::string, SafetensorsEntry> m_entries;
    std::map<std::string, std::string> m_metadata;
};

// One tensor as a header describes it, before its data exists (a streamed file's header is written first).
struct SafetensorsTensorSpec {
    std::string name;
    c10::ScalarType dtype = c10::kFloat;
    std::vector<int64_t> shape;
};

// Writes a safetensors file one tensor at a time, so that a file larger than RAM (a merged 8B model's shard) never
// has to exist in memory: the header (names sorted, data in the same order) is written from the specs, then write()
// takes each tensor in that order and converts it to its spec's dtype. commit() checks every tensor came and renames
// the temporary file into place; a writer destroyed before that leaves nothing at `path`.
class SafetensorsStreamWriter {
public:
    SafetensorsStreamWriter(const std::string& path, std::vector<SafetensorsTensorSpec> specs,
                            const std::map<std::string, std::string>& metadata = {});
    ~SafetensorsStreamWriter();
    SafetensorsStreamWriter(const SafetensorsStreamWriter&) = delete;
    SafetensorsStreamWriter& operator=(const SafetensorsStreamWriter&) = delete;

    // The names in the order write() expects them.
    std::vector<std::string> order() const;
    // The next tensor: its name and shape must be the next spec's (InternalError otherwise).
    void write(const std::string& name, const at::Tensor& tensor);
    void commit();
    // Bytes the finished file has: 8 + header + data.
    uint64_t fileSize() const { return m_fileSize; }

private:
    std::string m_path;
    std::vector<SafetensorsTensorSpec> m_specs; // sorted by name
    size_t m_next = 0;
    uint64_t m_fileSize = 0;
    std::unique_ptr<AtomicFileWriter> m_out;
};

// Writes a safetensors file atomically (temp file in the same directory + fsync + rename): tensors are made
// contiguous and CPU; the header lists names sorted, is padded with spaces so that the data starts 8-byte aligned,
// and includes "__metadata__" when metadata is non-empty (PEFT writes {"format": "pt"}).
// On any failure the previous file at path is intact and core::Error names the path and the OS reason.
void saveSafetensors(const std::string& path, const std::vector<std::pair<std::string, at::Tensor>>& tensors,
                     const std::map<std::string, std::string>& metadata = {});

} // namespace core
