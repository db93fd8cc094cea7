#include "core/tokenizer/HfNormalizer.h"

#include "core/common/Error.h"
#include "core/tokenizer/HfPattern.h"
#include "core/tokenizer/UnicodeNormalization.h"

#include <vector>

namespace core {
namespace {

using nlohmann::json;

class FormNormalizer final : public HfNormalizer {
public:
    explicit FormNormalizer(NormalizationForm form) : m_form(form) {}
    void normalize(std::string& text) const override { text = unicodeNormalized(text, m_form); }

private:
    NormalizationForm m_form;
};

class LowercaseNormalizer final : public HfNormalizer {
public:
    void normalize(std::string& text) const override { text = unicodeLowercased(text); }
};

// Strip: Unicode whitespace (Rust's char::is_whitespace) at either end.
class StripNormalizer final : public HfNormalizer {
public:
    StripNormalizer(bool left, bool right) : m_left(left), m_right(right), m_space("^\\s+|\\s+$", "Strip") {}
    void normalize(std::string& text) const override
    {
        const auto matches = m_space.findAll(text);
        std::size_t begin = 0, end = text.size();
        for (const auto& [b, e] : matches) {
            if (m_left && b == 0)
                begin = e;
            if (m_right && e == text.size())
                end = b < begin ? begin : b;
        }
        text = text.substr(begin, end - begin);
    }

private:
    bool m_left, m_right;
    Pcre2Regex m_space;
};

// Prepend: only to non-empty text (HF), e.g. Llama-2's "▁" before every piece of text.
class PrependNormalizer final : public HfNormalizer {
public:
    explicit PrependNormalizer(std::string prefix) : m_prefix(std::move(prefix)) {}
    void normalize(std::string& text) const override
    {
        if (!text.empty())
            text.insert(0, m_prefix);
    }

private:
    std::string m_prefix;
};

class ReplaceNormalizer final : public HfNormalizer {
public:
    ReplaceNormalizer(Pcre2Regex pattern, std::string content) : m_pattern(std::move(pattern)), m_content(std::move(content)) {}
    void normalize(std::string& text) const override { text = replacedAll(text, m_pattern, m_content); }

private:
    Pcre2Regex m_pattern;
    std::string m_content;
};

class SequenceNormalizer final : public HfNormalizer {
public:
    explicit SequenceNormalizer(std::vector<std::unique_ptr<HfNormalizer>> parts) : m_parts(std::move(parts)) {}
    void normalize(std::string& text) const override
    {
        for (const auto& part : m_parts)
            part->normalize(text);
    }

private:
    std::vector<std::unique_ptr<HfNormalizer>> m_parts;
};

std::string stringField(const json& spec, const char* key, const std::string& where)
{
    LORAWB_CHECK(spec.contains(key) && spec.at(key).is_string(), where, ": normalizer ", spec.value("type", "?"),
                 " needs a string \"", key, "\"");
    return spec.at(key).get<std::string>();
}

} // namespace

std::unique_ptr<HfNormalizer> parseHfNormalizer(const json& spec, const std::string& where)
{
    if (spec.is_null())
        return nullptr;
    LORAWB_CHECK(spec.is_object() && spec.contains("type") && spec.at("type").is_string(), where,
                 ": \"normalizer\" must be null or an object with a \"type\", got ", spec.dump().substr(0, 200));
    const std::string type = spec.at("type").get<std::string>();
    if (type == "NFC")
        return std::make_unique<FormNormalizer>(NormalizationForm::Nfc);
    if (type == "NFD")
        return std::make_unique<FormNormalizer>(NormalizationForm::Nfd);
    if (type == "NFKC")
        return std::make_unique<FormNormalizer>(NormalizationForm::Nfkc);
    if (type == "NFKD")
        return std::make_unique<FormNormalizer>(NormalizationForm::Nfkd);
    if (type == "Lowercase")
        return std::make_unique<LowercaseNormalizer>();
    if (type == "Strip")
        return std::make_unique<StripNormalizer>(spec.value("strip_left", true), spec.value("strip_right", true));
    if (type == "Prepend")
        return std::make_unique<PrependNormalizer>(stringField(spec, "prepend", where));
    if (type == "Replace") {
        LORAWB_CHECK(spec.contains("pattern"), where, ": normalizer Replace needs a \"pattern\"");
        return std::make_unique<ReplaceNormalizer>(parseHfPattern(spec.at("pattern"), where + ": normalizer Replace"),
                                                   stringField(spec, "content", where));
    }
    if (type == "Sequence") {
        LORAWB_CHECK(spec.contains("normalizers") && spec.at("normalizers").is_array(), where,
                     ": normalizer Sequence needs a \"normalizers\" list");
        std::vector<std::unique_ptr<HfNormalizer>> parts;
        for (const json& part : spec.at("normalizers"))
            if (auto parsed = parseHfNormalizer(part, where))
                parts.push_back(std::move(parsed));
        return std::make_unique<SequenceNormalizer>(std::move(parts));
    }
    LORAWB_FAIL(where, ": normalizer type \"", type,
                "\" is not supported (supported: NFC, NFD, NFKC, NFKD, Lowercase, Strip, Prepend, Replace, Sequence). "
                "Use a model whose tokenizer.json has one of these, or its sentencepiece tokenizer.model.");
}

} // namespace core
