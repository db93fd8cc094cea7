// saveSafetensors, declared in Safetensors.h.
#include "core/io/Safetensors.h"

#include "core/common/Error.h"
#include "core/io/AtomicFile.h"
#include "core/io/JsonFile.h"
#include "core/io/SafetensorsDtype.h"

#include <torch/torch.h>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace core {

void saveSafetensors(const std::string& path, const std::vector<std::pair<std::string, at::Tensor>>& tensors,
                     const std::map<std::string, std::string>& metadata)
{
    // Sorted by name: the header lists them sorted and the data follows in the same order.
    std::vector<const std::pair<std::string, at::Tensor>*> sorted;
    sorted.reserve(tensors.size());
    for (const auto& item : tensors)
        sorted.push_back(&item);
    std::sort(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) { return a->first < b->first; });

    nlohmann::json header = nlohmann::json::object();
    if (!metadata.empty())
        header["__metadata__"] = metadata;
    uint64_t offset = 0;
    for (size_t i = 0; i < sorted.size(); ++i) {
        const std::string& name = sorted[i]->first;
        const at::Tensor& tensor = sorted[i]->second;
        LORAWB_ASSERT(!name.empty() && name != "__metadata__", "cannot save a tensor named '", name, "' to ", path);
        LORAWB_ASSERT(i == 0 || sorted[i - 1]->first != name, "tensor '", name, "' given twice for ", path);
        LORAWB_ASSERT(tensor.defined(), "tensor '", name, "' is undefined, saving ", path);
        const auto dtype = safetensorsDtypeOf(tensor.scalar_type());
        LORAWB_ASSERT(dtype.has_value(), "tensor '", name, "' has dtype ", tensor.scalar_type(),
                      ", which safetensors cannot hold here, saving ", path);
        const uint64_t bytes = uint64_t(tensor.numel()) * uint64_t(tensor.element_size());
        header[name] = {{"dtype", *dtype}, {"shape", tensor.sizes().vec()}, {"data_offsets", {offset, offset + bytes}}};
        offset += bytes;
    }

    std::string headerText;
    try {
        headerText = header.dump();
    } catch (const nlohmann::json::exception& e) {
        LORAWB_FAIL("cannot write '", path, "': a tensor name or metadata entry is not valid UTF-8 (", jsonErrorText(e),
                    "); rename it");
    }
    // Spaces up to a multiple of 8 so that every tensor's data starts 8-byte aligned (as HF's writer does), which
    // lets the reader hand out zero-copy views.
    headerText.append((8 - headerText.size() % 8) % 8, ' ');

    AtomicFileWriter out(path);
    uint8_t length[8];
    for (int i = 0; i < 8; ++i)
        length[i] = uint8_t(uint64_t(headerText.size()) >> (8 * i)); // little-endian regardless of the host
    out.write(length, sizeof length);
    out.write(headerText);
    for (const auto* item : sorted) {
        // One tensor at a time on the CPU, so that saving a GPU model never holds a second full copy in RAM.
        const at::Tensor cpu = item->second.detach().to(at::kCPU).contiguous();
        out.write(cpu.data_ptr(), size_t(cpu.numel()) * size_t(cpu.element_size()));
    }
    out.commit();
}

} // namespace core
