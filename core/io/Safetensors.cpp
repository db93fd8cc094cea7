#include "core/io/Safetensors.h"

#include "core/common/Error.h"
#include "core/io/JsonFile.h"
#include "core/io/MappedFile.h"
#include "core/io/SafetensorsDtype.h"

#include <torch/torch.h>

#include <nlohmann/json.hpp>

#include <cstring>
#include <limits>

#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "safetensors data is little-endian; this reader maps it directly and needs a little-endian host"
#endif

namespace core {
namespace {

const char* const kCorrupt = "the file is truncated or corrupt; re-download or re-export it";

std::string jsonTypeName(const nlohmann::json& value)
{
    if (value.is_number_float())
        return "a fractional number";
    if (value.is_number_integer())
        return "an integer";
    return std::string("a JSON ") + value.type_name(); // "a JSON string", "a JSON array", ...
}

std::string formatShape(const std::vector<int64_t>& shape)
{
    std::string out = "[";
    for (size_t i = 0; i < shape.size(); ++i)
        out += (i ? ", " : "") + std::to_string(shape[i]);
    return out + "]";
}

// A non-negative JSON integer that fits int64 (shapes and offsets); nullopt for anything else.
std::optional<uint64_t> nonNegativeInteger(const nlohmann::json& value)
{
    if (value.is_number_unsigned() && value.get<uint64_t>() <= uint64_t(std::numeric_limits<int64_t>::max()))
        return value.get<uint64_t>();
    if (value.is_number_integer() && value.get<int64_t>() >= 0)
        return uint64_t(value.get<int64_t>());
    return std::nullopt;
}

class HeaderParser {
public:
    HeaderParser(const std::string& path, uint64_t dataSize) : m_path(path), m_dataSize(dataSize) {}

    SafetensorsEntry parseEntry(const std::string& name, const nlohmann::json& value) const
    {
        const std::string where = "tensor '" + name + "'";
        check(value.is_object(), where, " is ", jsonTypeName(value), " instead of an object with dtype, shape and ",
              "data_offsets; ", kCorrupt);
        SafetensorsEntry entry;
        const auto dtype = value.find("dtype");
        check(dtype != value.end() && dtype->is_string(), where, " has no string field 'dtype'; ", kCorrupt);
        entry.dtype = dtype->get<std::string>();
        const int64_t itemSize = safetensorsItemSize(entry.dtype);
        check(itemSize > 0, where, " has dtype '", entry.dtype, "', which LoRA Workbench does not read (supported: ",
              supportedSafetensorsDtypes(), "); convert the checkpoint to F32, F16 or BF16 and save it again");

        const auto shape = value.find("shape");
        check(shape != value.end() && shape->is_array(), where, " has no array field 'shape'; ", kCorrupt);
        uint64_t bytes = uint64_t(itemSize);
        for (const auto& dim : *shape) {
            const auto size = nonNegativeInteger(dim);
            check(size.has_value(), where, " has shape entry ", dim.dump(), ", but shapes hold non-negative ",
                  "integers; ", kCorrupt);
            entry.shape.push_back(int64_t(*size));
            check(!__builtin_mul_overflow(bytes, *size, &bytes), where, " has shape ", formatShape(entry.shape),
                  "..., too large to address; ", kCorrupt);
        }

        const auto offsets = value.find("data_offsets");
        check(offsets != value.end() && offsets->is_array() && offsets->size() == 2, where,
              " has no field 'data_offsets' of the form [begin, end]; ", kCorrupt);
        const auto begin = nonNegativeInteger((*offsets)[0]);
        const auto end = nonNegativeInteger((*offsets)[1]);
        check(begin && end, where, " has data_offsets ", offsets->dump(), " that are not non-negative integers; ",
              kCorrupt);
        entry.begin = *begin;
        entry.end = *end;
        const std::string span = "[" + std::to_string(entry.begin) + ", " + std::to_string(entry.end) + "]";
        check(entry.begin <= entry.end, where, " has data_offsets ", span, " with begin after end; ", kCorrupt);
        check(entry.end <= m_dataSize, where, " has data_offsets ", span, " that run past the end of the data (",
              m_dataSize, " bytes after the header); ", kCorrupt);
        check(entry.end - entry.begin == bytes, where, " has data_offsets ", span, " spanning ",
              entry.end - entry.begin, " bytes, but shape ", formatShape(entry.shape), " of ", entry.dtype, " needs ",
              bytes, " bytes; ", kCorrupt);
        return entry;
    }

    std::map<std::string, std::string> parseMetadata(const nlohmann::json& value) const
    {
        check(value.is_object(), "'__metadata__' is ", jsonTypeName(value), " instead of an object of strings; ",
              kCorrupt);
        std::map<std::string, std::string> metadata;
        for (const auto& [key, item] : value.items()) {
            check(item.is_string(), "'__metadata__' entry '", key, "' is ", jsonTypeName(item),
                  " but safetensors metadata maps strings to strings; re-export the file");
            metadata[key] = item.get<std::string>();
        }
        return metadata;
    }

    template <typename... Parts>
    void check(bool ok, const Parts&... parts) const
    {
        if (!ok)
            LORAWB_FAIL("safetensors file '", m_path, "': ", parts...);
    }

private:
    const std::string& m_path;
    uint64_t m_dataSize;
};

} // namespace

std::shared_ptr<SafetensorsFile> SafetensorsFile::open(const std::string& path)
{
    std::shared_ptr<SafetensorsFile> file(new SafetensorsFile);
    file->m_path = path;
    file->m_mapping = MappedFile::open(path, "safetensors file");
    const uint64_t fileSize = file->m_mapping->size();
    LORAWB_CHECK(fileSize > 0, "safetensors file '", path, "' is empty (0 bytes); ", kCorrupt);
    LORAWB_CHECK(fileSize >= 8, "safetensors file '", path, "' is only ", fileSize,
                 " bytes, shorter than the 8-byte header length every safetensors file starts with; ", kCorrupt);
    uint64_t headerSize = 0;
    std::memcpy(&headerSize, file->m_mapping->data(), 8); // little-endian on disk; the host is checked above
    LORAWB_CHECK(headerSize <= fileSize - 8, "safetensors file '", path, "': header length ", headerSize,
                 " bytes runs past the end of the file (", fileSize, " bytes); ", kCorrupt,
                 " (or it is not a safetensors file at all)");
    file->m_dataStart = 8 + headerSize;

    const char* headerBegin = reinterpret_cast<const char*>(file->m_mapping->data()) + 8;
    nlohmann::json header;
    try {
        header = nlohmann::json::parse(headerBegin, headerBegin + headerSize);
    } catch (const nlohmann::json::exception& e) {
        LORAWB_FAIL("safetensors file '", path, "': the ", headerSize, "-byte header is not valid JSON (",
                    jsonErrorText(e), "); ", kCorrupt, " (or it is not a safetensors file at all)");
    }
    HeaderParser parser(path, fileSize - file->m_dataStart);
    parser.check(header.is_object(), "the header is ", jsonTypeName(header), " instead of a JSON object; ", kCorrupt,
                 " (or it is not a safetensors file at all)");
    for (const auto& [name, value] : header.items()) {
        if (name == "__metadata__")
            file->m_metadata = parser.parseMetadata(value);
        else
            file->m_entries.emplace(name, parser.parseEntry(name, value));
    }
    return file;
}

std::vector<std::string> SafetensorsFile::names() const
{
    std::vector<std::string> out;
    out.reserve(m_entries.size());
    for (const auto& item : m_entries)
        out.push_back(item.first);
    return out;
}

bool SafetensorsFile::contains(const std::string& name) const
{
    return m_entries.count(name) > 0;
}

const SafetensorsEntry& SafetensorsFile::entry(const std::string& name) const
{
    const auto it = m_entries.find(name);
    LORAWB_CHECK(it != m_entries.end(), "safetensors file '", m_path, "' has no tensor '", name, "' (it holds ",
                 m_entries.size(), m_entries.size() == 1 ? " tensor" : " tensors",
                 "); check the tensor name, or that this is the file you meant");
    return it->second;
}

at::Tensor SafetensorsFile::tensor(const std::string& name) const
{
    const SafetensorsEntry& e = entry(name);
    const c10::ScalarType type = *scalarTypeOfSafetensorsDtype(e.dtype); // validated in open()
    const auto options = at::TensorOptions().dtype(type).device(at::kCPU);
    if (e.end == e.begin) // no bytes: nothing to map (and the address may be one past the mapping)
        return at::empty(e.shape, options);
    uint8_t* data = m_mapping->mutableData() + m_dataStart + e.begin;
    // The deleter owns a reference to the mapping: the view stays valid after this SafetensorsFile is gone.
    auto view = [&](c10::ScalarType viewType) {
        return at::from_blob(data, e.shape, [mapping = m_mapping](void*) {}, options.dtype(viewType));
    };
    if (type == at::kBool) // a byte other than 0/1 is not a valid C++ bool; != 0 makes every byte one
        return view(at::kByte).ne(0);
    if (reinterpret_cast<uintptr_t>(data) % uintptr_t(safetensorsItemSize(e.dtype)) != 0) {
        // Misaligned element access is undefined behaviour (and even a typed clone would do it): copy bytes.
        at::Tensor aligned = at::empty(e.shape, options);
        std::memcpy(aligned.data_ptr(), data, e.end - e.begin);
        return aligned;
    }
    return view(type);
}

void SafetensorsFile::readInto(const std::string& name, at::Tensor& destination) const
{
    const SafetensorsEntry& e = entry(name);
    const c10::ScalarType type = *scalarTypeOfSafetensorsDtype(e.dtype);
    const int64_t numel = static_cast<int64_t>((e.end - e.begin) / safetensorsItemSize(e.dtype));
    LORAWB_ASSERT(destination.numel() == numel, "readInto: ", name, " has ", numel, " elements, the destination ",
                  destination.numel());
    if (numel == 0)
        return;
    const std::string what = "tensor '" + name + "'";
    const bool direct = type != at::kBool && destination.device().is_cpu() && destination.is_contiguous() &&
                        destination.scalar_type() == type;
    if (direct) {
        m_mapping->readAt(m_dataStart + e.begin, e.end - e.begin, destination.data_ptr(), what);
        return;
    }
    at::Tensor staged = at::empty({numel}, at::TensorOptions().dtype(type == at::kBool ? at::kByte : type));
    m_mapping->readAt(m_dataStart + e.begin, e.end - e.begin, staged.data_ptr(), what);
    if (type == at::kBool)
        staged = staged.ne(0);
    destination.copy_(staged.view(destination.sizes()));
}

} // namespace core
