#include "core/io/NpyFile.h"

#include "core/common/Error.h"

#include <cstring>

namespace core {

std::string npyFloat32Matrix(const std::vector<float>& values, int64_t rows, int64_t columns)
{
    LORAWB_ASSERT(static_cast<int64_t>(values.size()) == rows * columns, "npy: values do not fill the matrix");
    static_assert(sizeof(float) == 4, "float32 expected");
    const uint16_t probe = 1;
    LORAWB_ASSERT(*reinterpret_cast<const unsigned char*>(&probe) == 1, "npy: written as a little-endian host only");
    // The header is a Python dict literal padded with spaces so that the data starts at a multiple of 64 bytes, ending
    // in a newline (the format's own rule).
    std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + std::to_string(rows) + ", " +
                         std::to_string(columns) + "), }";
    const size_t preamble = 10; // magic (6) + version (2) + header length (2)
    while ((preamble + header.size() + 1) % 64 != 0)
        header += ' ';
    header += '\n';
    std::string out("\x93NUMPY\x01\x00", 8);
    out += static_cast<char>(header.size() & 0xff);
    out += static_cast<char>(header.size() >> 8);
    out += header;
    const size_t at = out.size();
    out.resize(at + values.size() * sizeof(float));
    if (!values.empty())
        std::memcpy(&out[at], values.data(), values.size() * sizeof(float));
    return out;
}

} // namespace core
