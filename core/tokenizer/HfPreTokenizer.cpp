#include "core/tokenizer/HfPreTokenizer.h"

#include "core/common/Error.h"
#include "core/tokenizer/ByteLevelAlphabet.h"
#include "core/tokenizer/HfPattern.h"

namespace core {
namespace {

using nlohmann::json;

// GPT-2's word regex, which ByteLevel applies when use_regex is true.
constexpr const char* kGpt2Pattern = R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)";

class RegexSplit final : public HfPreTokenizer {
public:
    RegexSplit(Pcre2Regex regex, SplitBehavior behavior, bool invert)
        : m_regex(std::move(regex)), m_behavior(behavior), m_invert(invert) {}

protected:
    void split(const TextPiece& piece, std::vector<TextPiece>& out) const override
    {
        splitPiece(piece, m_regex.findAll(piece.text), m_behavior, m_invert, out);
    }

private:
    Pcre2Regex m_regex;
    SplitBehavior m_behavior;
    bool m_invert;
};

class ByteLevelPreTokenizer final : public HfPreTokenizer {
public:
    ByteLevelPreTokenizer(bool addPrefixSpace, bool useRegex)
        : m_addPrefixSpace(addPrefixSpace), m_regex(useRegex ? std::make_unique<Pcre2Regex>(kGpt2Pattern, "ByteLevel") : nullptr) {}

protected:
    void split(const TextPiece& piece, std::vector<TextPiece>& out) const override
    {
        TextPiece prefixed = piece;
        if (m_addPrefixSpace && (prefixed.text.empty() || prefixed.text[0] != ' '))
            prefixed.text.insert(0, " ");
        const std::size_t first = out.size();
        if (m_regex)
            splitPiece(prefixed, m_regex->findAll(prefixed.text), SplitBehavior::Isolated, /*invert=*/false, out);
        else if (!prefixed.text.empty())
            out.push_back(prefixed);
        const ByteLevelAlphabet& alphabet = ByteLevelAlphabet::instance();
        for (std::size_t i = first; i < out.size(); ++i)
            out[i].text = alphabet.encode(out[i].text);
    }

private:
    bool m_addPrefixSpace;
    std::unique_ptr<Pcre2Regex> m_regex;
};

class MetaspacePreTokenizer final : public HfPreTokenizer {
public:
    explicit MetaspacePreTokenizer(MetaspaceSettings settings)
        : m_settings(std::move(settings)), m_space(escapedForRegex(" "), "Metaspace"),
          m_replacement(escapedForRegex(m_settings.replacement), "Metaspace") {}

protected:
    void split(const TextPiece& piece, std::vector<TextPiece>& out) const override
    {
        TextPiece replaced = piece;
        replaced.text = replacedAll(piece.text, m_space, m_settings.replacement);
        const bool startsWithReplacement = replaced.text.compare(0, m_settings.replacement.size(), m_settings.replacement) == 0;
        const bool prepend = !startsWithReplacement &&
            (m_settings.prepend == MetaspaceSettings::Prepend::Always ||
             (m_settings.prepend == MetaspaceSettings::Prepend::First && piece.atInputStart));
        if (prepend)
            replaced.text.insert(0, m_settings.replacement);
        if (m_settings.split)
            splitPiece(replaced, m_replacement.findAll(replaced.text), SplitBehavior::MergedWithNext, false, out);
        else if (!replaced.text.empty())
            out.push_back(std::move(replaced));
    }

private:
    MetaspaceSettings m_settings;
    Pcre2Regex m_space, m_replacement;
};

} // namespace

class SequencePreTokenizer final : public HfPreTokenizer {
public:
    explicit SequencePreTokenizer(std::vector<std::unique_ptr<HfPreTokenizer>> parts) : m_parts(std::move(parts)) {}

protected:
    void split(const TextPiece& piece, std::vector<TextPiece>& out) const override
    {
        std::vector<TextPiece> pieces{piece};
        for (const auto& part : m_parts)
            part->preTokenize(pieces);
        for (auto& p : pieces)
            out.push_back(std::move(p));
    }

private:
    std::vector<std::unique_ptr<HfPreTokenizer>> m_parts;
};

void HfPreTokenizer::preTokenize(std::vector<TextPiece>& pieces) const
{
    std::vector<TextPiece> out;
    out.reserve(pieces.size() * 2);
    for (const TextPiece& piece : pieces) {
        if (piece.addedTokenId >= 0)
            out.push_back(piece);
        else
            split(piece, out);
    }
    pieces = std::move(out);
}

MetaspaceSettings parseMetaspaceSettings(const json& spec, const std::string& where)
{
    MetaspaceSettings s;
    if (spec.contains("replacement")) {
        LORAWB_CHECK(spec.at("replacement").is_string() && !spec.at("replacement").get<std::string>().empty(), where,
                     ": Metaspace \"replacement\" must be one character");
        s.replacement = spec.at("replacement").get<std::string>();
    }
    s.split = spec.value("split", true);
    // Files from before tokenizers 0.19 say add_prefix_space instead of prepend_scheme.
    const std::string scheme = spec.contains("prepend_scheme") && spec.at("prepend_scheme").is_string()
        ? spec.at("prepend_scheme").get<std::string>()
        : (spec.value("add_prefix_space", true) ? "always" : "never");
    if (scheme == "always")
        s.prepend = MetaspaceSettings::Prepend::Always;
    else if (scheme == "first")
        s.prepend = MetaspaceSettings::Prepend::First;
    else if (scheme == "never")
        s.prepend = MetaspaceSettings::Prepend::Never;
    else
        LORAWB_FAIL(where, ": Metaspace prepend_scheme \"", scheme, "\" is not one of always, first, never");
    return s;
}

namespace {

SplitBehavior parseBehavior(const json& spec, const std::string& where)
{
    const std::string name = spec.value("behavior", std::string("Isolated"));
    if (name == "Removed")
        return SplitBehavior::Removed;
    if (name == "Isolated")
        return SplitBehavior::Isolated;
    if (name == "MergedWithPrevious")
        return SplitBehavior::MergedWithPrevious;
    if (name == "MergedWithNext")
        return SplitBehavior::MergedWithNext;
    if (name == "Contiguous")
        return SplitBehavior::Contiguous;
    LORAWB_FAIL(where, ": split behavior \"", name,
                "\" is not one of Removed, Isolated, MergedWithPrevious, MergedWithNext, Contiguous");
}

} // namespace

std::unique_ptr<HfPreTokenizer> parseHfPreTokenizer(const json& spec, const std::string& where)
{
    if (spec.is_null())
        return nullptr;
    LORAWB_CHECK(spec.is_object() && spec.contains("type") && spec.at("type").is_string(), where,
                 ": \"pre_tokenizer\" must be null or an object with a \"type\", got ", spec.dump().substr(0, 200));
    const std::string type = spec.at("type").get<std::string>();
    const std::string here = where + ": pre_tokenizer " + type;
    if (type == "Split") {
        LORAWB_CHECK(spec.contains("pattern"), here, " needs a \"pattern\"");
        return std::make_unique<RegexSplit>(parseHfPattern(spec.at("pattern"), here), parseBehavior(spec, here),
                                            spec.value("invert", false));
    }
    if (type == "ByteLevel")
        return std::make_unique<ByteLevelPreTokenizer>(spec.value("add_prefix_space", true), spec.value("use_regex", true));
    if (type == "Metaspace")
        return std::make_unique<MetaspacePreTokenizer>(parseMetaspaceSettings(spec, here));
    if (type == "Digits") {
        const bool individual = spec.value("individual_digits", false);
        return std::make_unique<RegexSplit>(Pcre2Regex(individual ? "\\p{N}" : "\\p{N}+", here),
                                            SplitBehavior::Isolated, false);
    }
    if (type == "Whitespace") // \w+|[^\w\s]+, everything else dropped
        return std::make_unique<RegexSplit>(Pcre2Regex("\\w+|[^\\w\\s]+", here), SplitBehavior::Removed, /*invert=*/true);
    if (type == "WhitespaceSplit")
        return std::make_unique<RegexSplit>(Pcre2Regex("\\s+", here), SplitBehavior::Removed, false);
    if (type == "Punctuation") // Unicode punctuation and all ASCII punctuation (Rust's is_ascii_punctuation)
        return std::make_unique<RegexSplit>(Pcre2Regex("[\\p{P}!-/:-@\\[-`{-~]", here), parseBehavior(spec, here), false);
    if (type == "Sequence") {
        LORAWB_CHECK(spec.contains("pretokenizers") && spec.at("pretokenizers").is_array(), here,
                     " needs a \"pretokenizers\" list");
        std::vector<std::unique_ptr<HfPreTokenizer>> parts;
        for (const json& part : spec.at("pretokenizers"))
            if (auto parsed = parseHfPreTokenizer(part, where))
                parts.push_back(std::move(parsed));
        return std::make_unique<SequencePreTokenizer>(std::move(parts));
    }
    LORAWB_FAIL(where, ": pre_tokenizer type \"", type,
                "\" is not supported (supported: Split, ByteLevel, Metaspace, Digits, Whitespace, WhitespaceSplit, "
                "Punctuation, Sequence). Use the model's sentencepiece tokenizer.model if it has one.");
}

} // namespace core
