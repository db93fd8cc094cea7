#pragma once
// A reader of GGUF v3 files for tests: every metadata value as canonical text ("u32 4", "str llama", "arr[f32] …"),
// every tensor's info and data bytes. It reads what the gguf spec (ggml/docs/gguf.md) defines, so that files written
// by llama.cpp's converter and by lorawb can be compared field by field; it is deliberately independent of the
// writer in core/export.
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace testutil {

struct GgufTensor {
    std::vector<uint64_t> ne;
    uint32_t type = 0;
    uint64_t offset = 0;
    std::string data; // filled by readGguf from the offset to the next tensor's (or the end), without padding
};

struct GgufContents {
    std::map<std::string, std::string> metadata;
    std::vector<std::string> tensorOrder;
    std::map<std::string, GgufTensor> tensors;
};

namespace detail {

class Cursor {
public:
    explicit Cursor(const std::string& bytes) : m_bytes(bytes) {}
    template <typename T>
    T get()
    {
        if (m_pos + sizeof(T) > m_bytes.size())
            throw std::runtime_error("GGUF truncated");
        T value;
        std::memcpy(&value, m_bytes.data() + m_pos, sizeof(T));
        m_pos += sizeof(T);
        return value;
    }
    std::string string()
    {
        const uint64_t n = get<uint64_t>();
        if (m_pos + n > m_bytes.size())
            throw std::runtime_error("GGUF string truncated");
        std::string s = m_bytes.substr(m_pos, n);
        m_pos += n;
        return s;
    }
    size_t position() const { return m_pos; }

private:
    const std::string& m_bytes;
    size_t m_pos = 0;
};

inline std::string scalarText(Cursor& c, uint32_t type)
{
    std::ostringstream out;
    out.precision(9);
    switch (type) {
    case 0: out << "u8 " << int(c.get<uint8_t>()); break;
    case 1: out << "i8 " << int(c.get<int8_t>()); break;
    case 2: out << "u16 " << c.get<uint16_t>(); break;
    case 3: out << "i16 " << c.get<int16_t>(); break;
    case 4: out << "u32 " << c.get<uint32_t>(); break;
    case 5: out << "i32 " << c.get<int32_t>(); break;
    case 6: out << "f32 " << c.get<float>(); break;
    case 7: out << "bool " << int(c.get<uint8_t>()); break;
    case 8: out << "str " << c.string(); break;
    case 10: out << "u64 " << c.get<uint64_t>(); break;
    case 11: out << "i64 " << c.get<int64_t>(); break;
    case 12: out << "f64 " << c.get<double>(); break;
    default: throw std::runtime_error("GGUF value type " + std::to_string(type));
    }
    return out.str();
}

inline uint64_t rowBytes(uint32_t type, uint64_t n)
{
    switch (type) {
    case 0: return 4 * n;
    case 1: case 30: return 2 * n;
    case 8: return n / 32 * 34;
    case 2: return n / 32 * 18;
    default: throw std::runtime_error("GGUF tensor type " + std::to_string(type));
    }
}

} // namespace detail

inline GgufContents readGguf(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    detail::Cursor c(bytes);
    if (c.get<uint32_t>() != 0x46554747 || c.get<uint32_t>() != 3)
        throw std::runtime_error(path + " is not GGUF v3");
    const uint64_t tensors = c.get<uint64_t>();
    const uint64_t kv = c.get<uint64_t>();
    GgufContents out;
    uint64_t alignment = 32;
    for (uint64_t i = 0; i < kv; ++i) {
        const std::string key = c.string();
        const uint32_t type = c.get<uint32_t>();
        std::string text;
        if (type == 9) {
            const uint32_t element = c.get<uint32_t>();
            const uint64_t n = c.get<uint64_t>();
            text = "arr[" + std::to_string(element) + "] " + std::to_string(n) + ":";
            for (uint64_t j = 0; j < n; ++j)
                text += " " + detail::scalarText(c, element);
        } else {
            text = detail::scalarText(c, type);
        }
        if (key == "general.alignment")
            alignment = std::stoull(text.substr(4));
        out.metadata[key] = text;
    }
    for (uint64_t i = 0; i < tensors; ++i) {
        const std::string name = c.string();
        GgufTensor t;
        const uint32_t dims = c.get<uint32_t>();
        for (uint32_t d = 0; d < dims; ++d)
            t.ne.push_back(c.get<uint64_t>());
        t.type = c.get<uint32_t>();
        t.offset = c.get<uint64_t>();
        out.tensorOrder.push_back(name);
        out.tensors[name] = t;
    }
    const uint64_t dataStart = (c.position() + alignment - 1) / alignment * alignment;
    for (auto& [name, t] : out.tensors) {
        uint64_t rows = 1;
        for (size_t d = 1; d < t.ne.size(); ++d)
            rows *= t.ne[d];
        const uint64_t size = rows * detail::rowBytes(t.type, t.ne[0]);
        if (dataStart + t.offset + size > bytes.size())
            throw std::runtime_error(path + ": tensor " + name + " past the end");
        t.data = bytes.substr(dataStart + t.offset, size);
    }
    return out;
}

} // namespace testutil
