#include "core/history/Sha256.h"

#include "core/common/Error.h"
#include "core/io/OpenForReading.h"

#include <openssl/evp.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <vector>

#include <unistd.h>

namespace core {
namespace {

using DigestContext = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

DigestContext newSha256Context()
{
    DigestContext context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    LORAWB_ASSERT(context && EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr) == 1,
                  "OpenSSL cannot start a SHA-256 digest");
    return context;
}

std::string finishHex(EVP_MD_CTX* context)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    LORAWB_ASSERT(EVP_DigestFinal_ex(context, digest, &size) == 1, "OpenSSL cannot finish a SHA-256 digest");
    static const char* const kHex = "0123456789abcdef";
    std::string hex;
    hex.reserve(2 * size);
    for (unsigned int i = 0; i < size; ++i) {
        hex += kHex[digest[i] >> 4];
        hex += kHex[digest[i] & 0xf];
    }
    return hex;
}

} // namespace

std::string sha256Hex(const std::string& bytes)
{
    DigestContext context = newSha256Context();
    LORAWB_ASSERT(EVP_DigestUpdate(context.get(), bytes.data(), bytes.size()) == 1, "SHA-256 update failed");
    return finishHex(context.get());
}

std::string sha256OfFile(const std::string& path)
{
    const int fd = openForReading(path, "file to hash");
    // A multi-GB weight file: stream it in blocks rather than reading it whole.
    std::vector<char> block(1 << 20);
    DigestContext context = newSha256Context();
    for (;;) {
        const ssize_t got = ::read(fd, block.data(), block.size());
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            const int error = errno;
            ::close(fd);
            LORAWB_FAIL("cannot read '", path, "' to compute its SHA-256: ", std::strerror(error),
                        "; check that the file is readable");
        }
        if (got == 0)
            break;
        if (EVP_DigestUpdate(context.get(), block.data(), static_cast<size_t>(got)) != 1) {
            ::close(fd);
            LORAWB_ASSERT(false, "SHA-256 update failed");
        }
    }
    ::close(fd);
    return finishHex(context.get());
}

} // namespace core
