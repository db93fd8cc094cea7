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

SafetensorsStreamWriter::SafetensorsStreamWriter(const std::string& path, std::vector<SafetensorsTensorSpec> specs,
                                                 const std::map<std::string, std::string>& metadata)
    : m_path(path), m_specs(std::move(specs))
{
    std::sort(m_specs.begin(), m_specs.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    nlohmann::json header = nlohmann::json::object();
    if (!metadata.empty())
        header["__metadata__"] = metadata;
    uint64_t offset = 0;
    for (size_t i = 0; i < m_specs.size(); ++i) {
        const auto& spec = m_specs[i];
        LORAWB_ASSERT(!spec.name.empty() && spec.name != "__metadata__", "cannot save a tensor named '", spec.name,
                      "' to ", path);
        LORAWB_ASSERT(i == 0 || m_specs[i - 1].name != spec.name, "tensor '", spec.name, "' given twice for ", path);
        const auto dtype = safetensorsDtypeOf(spec.dtype);
        LORAWB_ASSERT(dtype.has_value(), "tensor '", spec.name, "' has dtype ", spec.dtype,
                      ", which safetensors cannot hold here, saving ", path);
        uint64_t numel = 1;
        for (int64_t d : spec.shape)
            numel *= uint64_t(d);
        const uint64_t bytes = numel * uint64_t(c10::elementSize(spec.dtype));
        header[spec.name] = {{"dtype", *dtype}, {"shape", spec.shape}, {"data_offsets", {offset, offset + bytes}}};
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
    m_fileSize = 8 + headerText.size() + offset;

    m_out = std::make_unique<AtomicFileWriter>(path);
    uint8_t length[8];
    for (int i = 0; i < 8; ++i)
        length[i] = uint8_t(uint64_t(headerText.size()) >> (8 * i)); // little-endian regardless of the host
    m_out->write(length, sizeof length);
    m_out->write(headerText);
}

SafetensorsStreamWriter::~SafetensorsStreamWriter() = default;

std::vector<std::string> SafetensorsStreamWriter::order() const
{
    std::vector<std::string> names;
    for (const auto& spec : m_specs)
        names.push_back(spec.name);
    return names;
}

void SafetensorsStreamWriter::write(const std::string& name, const at::Tensor& tensor)
{
    LORAWB_ASSERT(m_next < m_specs.size() && m_specs[m_next].name == name, "tensor '", name,
                  "' written out of order to ", m_path);
    const auto& spec = m_specs[m_next];
    LORAWB_ASSERT(tensor.defined() && tensor.sizes().vec() == spec.shape, "tensor '", name,
                  "' does not have the shape its header entry promised, saving ", m_path);
    // One tensor at a time on the CPU, so that saving a GPU model never holds a second full copy in RAM.
    const at::Tensor cpu = tensor.detach().to(at::kCPU, spec.dtype).contiguous();
    m_out->write(cpu.data_ptr(), size_t(cpu.numel()) * size_t(cpu.element_size()));
    ++m_next;
}

void SafetensorsStreamWriter::commit()
{
    LORAWB_ASSERT(m_next == m_specs.size(), m_path, ": ", m_specs.size() - m_next, " tensors were never written");
    m_out->commit();
}

void saveSafetensors(const std::string& path, const std::vector<std::pair<std::string, at::Tensor>>& tensors,
                     const std::map<std::string, std::string>& metadata)
{
    std::vector<SafetensorsTensorSpec> specs;
    std::map<std::string, const at::Tensor*> byName;
    for (const auto& [name, tensor] : tensors) {
        LORAWB_ASSERT(tensor.defined(), "tensor '", name, "' is undefined, saving ", path);
        specs.push_back({name, tensor.scalar_type(), tensor.sizes().vec()});
        byName[name] = &tensor;
    }
    SafetensorsStreamWriter out(path, std::move(specs), metadata);
    for (const std::string& name : out.order())
        out.write(name, *byName.at(name));
    out.commit();
}

} // namespace core
