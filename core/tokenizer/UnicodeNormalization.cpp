#include "core/tokenizer/UnicodeNormalization.h"

#include "core/common/Error.h"
#include "core/tokenizer/Utf8.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>

#include <algorithm>

namespace core {
namespace {

bool isAscii(const std::string& text)
{
    return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

const icu::Normalizer2* normalizerFor(NormalizationForm form)
{
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = nullptr;
    switch (form) {
    case NormalizationForm::Nfc: n = icu::Normalizer2::getNFCInstance(status); break;
    case NormalizationForm::Nfd: n = icu::Normalizer2::getNFDInstance(status); break;
    case NormalizationForm::Nfkc: n = icu::Normalizer2::getNFKCInstance(status); break;
    case NormalizationForm::Nfkd: n = icu::Normalizer2::getNFKDInstance(status); break;
    }
    LORAWB_ASSERT(U_SUCCESS(status) && n, "ICU normalizer unavailable: ", u_errorName(status));
    return n;
}

} // namespace

std::string unicodeNormalized(const std::string& text, NormalizationForm form)
{
    if (isAscii(text))
        return text;
    const icu::Normalizer2* normalizer = normalizerFor(form);
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString source = icu::UnicodeString::fromUTF8(text);
    if (normalizer->isNormalized(source, status) && U_SUCCESS(status))
        return text;
    status = U_ZERO_ERROR;
    const icu::UnicodeString normalized = normalizer->normalize(source, status);
    LORAWB_ASSERT(U_SUCCESS(status), "ICU normalization failed: ", u_errorName(status));
    std::string out;
    normalized.toUTF8String(out);
    return out;
}

std::string unicodeLowercased(const std::string& text)
{
    // Character by character, without context (final sigma) or locale, as Rust's char::to_lowercase; u_tolower is
    // the simple mapping, which differs from the full one only for U+0130 (İ -> i̇).
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); i += utf8::sequenceLength(static_cast<unsigned char>(text[i]))) {
        const char32_t c = utf8::decodeAt(text, i);
        if (c == 0x130) {
            out += "i\xCC\x87";
            continue;
        }
        utf8::append(out, static_cast<char32_t>(u_tolower(static_cast<UChar32>(c))));
    }
    return out;
}

} // namespace core
