#pragma once
// SHA-256 (OpenSSL's libcrypto) as lowercase hex: provenance hashes of models, data and templates in the run history.
#include <string>

namespace core {

std::string sha256Hex(const std::string& bytes);
// Streams the file (no full read into memory). Throws core::Error naming the file when it cannot be read.
std::string sha256OfFile(const std::string& path);

} // namespace core
