#include "core/export/GgufFile.h"

#include "core/common/Error.h"
#include "core/io/AtomicFile.h"

#include <cstring>
#include <type_traits>

namespace core {

namespace {

// gguf_type numbers.
enum : uint32_t { kUint32 = 4, kInt32 = 5, kFloat32 = 6, kBool = 7, kString = 8, kArray = 9 };

// Little-endian bytes regardless of the host.
class Bytes {
public:
    template <typename T>
    void put(T value)
    {
        static_assert(std::is_arithmetic_v<T>);
        unsigned char raw[sizeof(T)];
        std::memcpy(raw, &value, sizeof(T));
        for (size_t i = 0; i < sizeof(T); ++i)
            m_text.push_back(static_cast<char>(raw[isLittleEndian() ? i : sizeof(T) - 1 - i]));
    }
    void putString(const std::string& s)
    {
        put<uint64_t>(s.size());
        m_text += s;
    }
    void pad(uint64_t alignment) { m_text.append((alignment - m_text.size() % alignment) % alignment, '\0'); }
    const std::string& text() const { return m_text; }

private:
    static bool isLittleEndian()
    {
        const uint16_t one = 1;
        unsigned char first;
        std::memcpy(&first, &one, 1);
        return first == 1;
    }
    std::string m_text;
};

void putValue(Bytes& out, const GgufValue& value)
{
    std::visit(
        [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, uint32_t>) {
                out.put<uint32_t>(kUint32);
                out.put(v);
            } else if constexpr (std::is_same_v<T, int32_t>) {
                out.put<uint32_t>(kInt32);
                out.put(v);
            } else if constexpr (std::is_same_v<T, float>) {
                out.put<uint32_t>(kFloat32);
                out.put(v);
            } else if constexpr (std::is_same_v<T, bool>) {
                out.put<uint32_t>(kBool);
                out.put<uint8_t>(v ? 1 : 0);
            } else if constexpr (std::is_same_v<T, std::string>) {
                out.put<uint32_t>(kString);
                out.putString(v);
            } else {
                out.put<uint32_t>(kArray);
                using E = typename T::value_type;
                out.put<uint32_t>(std::is_same_v<E, std::string> ? kString
                                  : std::is_same_v<E, float>     ? kFloat32
                                                                 : kInt32);
                out.put<uint64_t>(v.size());
                for (const auto& e : v) {
                    if constexpr (std::is_same_v<E, std::string>)
                        out.putString(e);
                    else
                        out.put(e);
                }
            }
        },
        value);
}

} // namespace

uint64_t ggufTensorBytes(const GgufTensorInfo& info)
{
    LORAWB_ASSERT(!info.ne.empty(), "GGUF tensor '", info.name, "' has no dimensions");
    uint64_t rows = 1;
    for (size_t i = 1; i < info.ne.size(); ++i)
        rows *= info.ne[i];
    return rows * ggmlRowBytes(info.type, int64_t(info.ne[0]));
}

GgufWriter::GgufWriter(const std::string& path, const GgufMetadata& metadata, std::vector<GgufTensorInfo> tensors)
    : m_tensors(std::move(tensors)), m_path(path)
{
    Bytes header;
    header.put<uint32_t>(0x46554747); // "GGUF"
    header.put<uint32_t>(3);
    header.put<uint64_t>(m_tensors.size());
    header.put<uint64_t>(metadata.size());
    for (const auto& [key, value] : metadata) {
        header.putString(key);
        putValue(header, value);
    }
    uint64_t offset = 0;
    for (const auto& info : m_tensors) {
        header.putString(info.name);
        header.put<uint32_t>(uint32_t(info.ne.size()));
        for (uint64_t d : info.ne)
            header.put<uint64_t>(d);
        header.put<uint32_t>(static_cast<uint32_t>(info.type));
        header.put<uint64_t>(offset);
        offset += ggufTensorBytes(info);
        offset += (kGgufAlignment - offset % kGgufAlignment) % kGgufAlignment;
    }
    header.pad(kGgufAlignment);
    m_fileSize = header.text().size() + offset;
    m_out = std::make_unique<AtomicFileWriter>(path);
    m_out->write(header.text());
}

GgufWriter::~GgufWriter() = default;

void GgufWriter::writeTensor(const std::string& name, const std::string& bytes)
{
    LORAWB_ASSERT(m_next < m_tensors.size() && m_tensors[m_next].name == name, "GGUF tensor '", name,
                  "' written out of order to ", m_path);
    LORAWB_ASSERT(bytes.size() == ggufTensorBytes(m_tensors[m_next]), "GGUF tensor '", name, "' has ", bytes.size(),
                  " bytes, its info promised ", ggufTensorBytes(m_tensors[m_next]));
    m_out->write(bytes);
    const uint64_t padding = (kGgufAlignment - bytes.size() % kGgufAlignment) % kGgufAlignment;
    m_out->write(std::string(padding, '\0'));
    ++m_next;
}

void GgufWriter::commit()
{
    LORAWB_ASSERT(m_next == m_tensors.size(), m_path, ": ", m_tensors.size() - m_next, " GGUF tensors never written");
    m_out->commit();
}

} // namespace core
