#include "core/tokenizer/HfDecoder.h"

#include "core/common/Error.h"
#include "core/tokenizer/ByteLevelAlphabet.h"
#include "core/tokenizer/HfPattern.h"
#include "core/tokenizer/HfPreTokenizer.h"
#include "core/tokenizer/Utf8.h"

namespace core {
namespace {

using nlohmann::json;

// Byte-level tokens back to bytes, all tokens as one string (invalid UTF-8 replaced as Rust's from_utf8_lossy).
class ByteLevelDecoder final : public HfDecoder {
public:
    void decodeChain(std::vector<std::string>& tokens) const override
    {
        const ByteLevelAlphabet& alphabet = ByteLevelAlphabet::instance();
        std::string bytes;
        for (const std::string& token : tokens)
            if (!alphabet.decode(token, bytes))
                bytes += token;
        tokens.assign(1, utf8::lossy(bytes));
    }
};

class MetaspaceDecoder final : public HfDecoder {
public:
    explicit MetaspaceDecoder(MetaspaceSettings settings) : m_settings(std::move(settings)) {}
    void decodeChain(std::vector<std::string>& tokens) const override
    {
        const std::string& r = m_settings.replacement;
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            std::string out;
            const std::string& token = tokens[i];
            for (std::size_t pos = 0; pos < token.size();) {
                if (token.compare(pos, r.size(), r) == 0) {
                    // The first token's replacement is the prefix the pre-tokenizer added: dropped.
                    if (!(i == 0 && m_settings.prepend != MetaspaceSettings::Prepend::Never))
                        out += ' ';
                    pos += r.size();
                } else {
                    out += token[pos++];
                }
            }
            tokens[i] = std::move(out);
        }
    }

private:
    MetaspaceSettings m_settings;
};

// "<0x41>" tokens to their bytes; a run of byte tokens that is not valid UTF-8 becomes one U+FFFD per byte.
class ByteFallbackDecoder final : public HfDecoder {
public:
    void decodeChain(std::vector<std::string>& tokens) const override
    {
        std::vector<std::string> out;
        std::string pending;
        const auto flush = [&] {
            if (pending.empty())
                return;
            if (utf8::isValid(pending))
                out.push_back(pending);
            else
                out.insert(out.end(), pending.size(), "\xEF\xBF\xBD");
            pending.clear();
        };
        for (std::string& token : tokens) {
            if (int byte = byteOf(token); byte >= 0) {
                pending += static_cast<char>(byte);
                continue;
            }
            flush();
            out.push_back(std::move(token));
        }
        flush();
        tokens = std::move(out);
    }

private:
    static int byteOf(const std::string& token)
    {
        if (token.size() != 6 || token.compare(0, 3, "<0x") != 0 || token[5] != '>')
            return -1;
        const auto hex = [](char c) {
            return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        };
        const int hi = hex(token[3]), lo = hex(token[4]);
        return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
    }
};

class FuseDecoder final : public HfDecoder {
public:
    void decodeChain(std::vector<std::string>& tokens) const override
    {
        std::string all;
        for (const std::string& t : tokens)
            all += t;
        tokens.assign(1, all);
    }
};

// Up to `start` leading and `stop` trailing copies of one character removed from every token.
class StripDecoder final : public HfDecoder {
public:
    StripDecoder(std::string content, std::size_t start, std::size_t stop) : m_content(std::move(content)), m_start(start), m_stop(stop) {}
    void decodeChain(std::vector<std::string>& tokens) const override
    {
        const std::size_t n = m_content.size();
        for (std::string& token : tokens) {
            std::size_t begin = 0, end = token.size();
            for (std::size_t i = 0; i < m_start && token.compare(begin, n, m_content) == 0; ++i)
                begin += n;
            for (std::size_t i = 0; i < m_stop && end >= begin + n && token.compare(end - n, n, m_content) == 0; ++i)
                end -= n;
            token = token.substr(begin, end - begin);
        }
    }

private:
    std::string m_content;
    std::size_t m_start, m_stop;
};

class ReplaceDecoder final : public HfDecoder {
public:
    ReplaceDecoder(Pcre2Regex pattern, std::string content) : m_pattern(std::move(pattern)), m_content(std::move(content)) {}
    void decodeChain(std::vector<std::string>& tokens) const override
    {
        for (std::string& token : tokens)
            token = replacedAll(token, m_pattern, m_content);
    }

private:
    Pcre2Regex m_pattern;
    std::string m_content;
};

class SequenceDecoder final : public HfDecoder {
public:
    explicit SequenceDecoder(std::vector<std::unique_ptr<HfDecoder>> parts) : m_parts(std::move(parts)) {}
    void decodeChain(std::vector<std::string>& tokens) const override
    {
        for (const auto& part : m_parts)
            part->decodeChain(tokens);
    }

private:
    std::vector<std::unique_ptr<HfDecoder>> m_parts;
};

} // namespace

std::unique_ptr<HfDecoder> parseHfDecoder(const json& spec, const std::string& where)
{
    if (spec.is_null())
        return nullptr;
    LORAWB_CHECK(spec.is_object() && spec.contains("type") && spec.at("type").is_string(), where,
                 ": \"decoder\" must be null or an object with a \"type\", got ", spec.dump().substr(0, 200));
    const std::string type = spec.at("type").get<std::string>();
    const std::string here = where + ": decoder " + type;
    if (type == "ByteLevel")
        return std::make_unique<ByteLevelDecoder>();
    if (type == "Metaspace")
        return std::make_unique<MetaspaceDecoder>(parseMetaspaceSettings(spec, here));
    if (type == "ByteFallback")
        return std::make_unique<ByteFallbackDecoder>();
    if (type == "Fuse")
        return std::make_unique<FuseDecoder>();
    if (type == "Strip") {
        LORAWB_CHECK(spec.contains("content") && spec.at("content").is_string(), here, " needs a \"content\" character");
        return std::make_unique<StripDecoder>(spec.at("content").get<std::string>(), spec.value("start", std::size_t{0}),
                                              spec.value("stop", std::size_t{0}));
    }
    if (type == "Replace") {
        LORAWB_CHECK(spec.contains("pattern") && spec.contains("content") && spec.at("content").is_string(), here,
                     " needs a \"pattern\" and a string \"content\"");
        return std::make_unique<ReplaceDecoder>(parseHfPattern(spec.at("pattern"), here), spec.at("content").get<std::string>());
    }
    if (type == "Sequence") {
        LORAWB_CHECK(spec.contains("decoders") && spec.at("decoders").is_array(), here, " needs a \"decoders\" list");
        std::vector<std::unique_ptr<HfDecoder>> parts;
        for (const json& part : spec.at("decoders"))
            if (auto parsed = parseHfDecoder(part, where))
                parts.push_back(std::move(parsed));
        return std::make_unique<SequenceDecoder>(std::move(parts));
    }
    LORAWB_FAIL(where, ": decoder type \"", type,
                "\" is not supported (supported: ByteLevel, Metaspace, ByteFallback, Fuse, Strip, Replace, Sequence).");
}

} // namespace core
