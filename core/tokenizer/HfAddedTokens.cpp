#include "core/tokenizer/HfAddedTokens.h"

#include "core/common/Error.h"
#include "core/tokenizer/BpeModel.h"
#include "core/tokenizer/HfNormalizer.h"
#include "core/tokenizer/Utf8.h"

#include <algorithm>

namespace core {

using nlohmann::json;

namespace {

bool flag(const json& entry, const char* key, bool fallback, const std::string& where)
{
    if (!entry.contains(key) || entry.at(key).is_null())
        return fallback;
    LORAWB_CHECK(entry.at(key).is_boolean(), where, ": added token ", entry.value("content", std::string("?")),
                 ": \"", key, "\" must be true or false");
    return entry.at(key).get<bool>();
}

// The start of the UTF-8 character that ends at `end` (text valid UTF-8).
std::size_t previousCharStart(const std::string& text, std::size_t end)
{
    std::size_t begin = end - 1;
    while (begin > 0 && (static_cast<unsigned char>(text[begin]) & 0xC0) == 0x80)
        --begin;
    return begin;
}

bool matchesWhole(const Pcre2Regex& regex, std::string_view character)
{
    const auto found = regex.findAll(character);
    return !found.empty() && found[0].first == 0 && found[0].second == character.size();
}

} // namespace

void HfAddedTokens::Matcher::build()
{
    byFirstByte.assign(256, {});
    for (std::size_t i = 0; i < patterns.size(); ++i)
        if (!patterns[i].empty())
            byFirstByte[static_cast<unsigned char>(patterns[i][0])].push_back(static_cast<int>(i));
    for (auto& bucket : byFirstByte)
        std::stable_sort(bucket.begin(), bucket.end(),
                         [&](int a, int b) { return patterns[a].size() > patterns[b].size(); });
}

HfAddedTokens::HfAddedTokens(const json& spec, const BpeModel& model, const HfNormalizer* normalizer,
                             const std::string& where)
    : m_normalizer(normalizer), m_wordChar("\\w", where), m_space("\\s", where)
{
    if (spec.is_null())
        return;
    LORAWB_CHECK(spec.is_array(), where, ": \"added_tokens\" must be a list");
    // HF's numbering: the model's vocabulary entry if there is one, else the next id after the vocabulary.
    int nextNewId = -1;
    for (const json& entry : spec) {
        LORAWB_CHECK(entry.is_object() && entry.contains("content") && entry.at("content").is_string() &&
                         entry.contains("id") && entry.at("id").is_number_integer(),
                     where, ": every added token needs a string \"content\" and an integer \"id\", got ",
                     entry.dump().substr(0, 200));
        AddedToken token;
        token.content = entry.at("content").get<std::string>();
        token.id = entry.at("id").get<int>();
        token.special = flag(entry, "special", false, where);
        token.singleWord = flag(entry, "single_word", false, where);
        token.lstrip = flag(entry, "lstrip", false, where);
        token.rstrip = flag(entry, "rstrip", false, where);
        token.normalized = flag(entry, "normalized", !token.special, where);
        LORAWB_CHECK(!token.content.empty(), where, ": added token ", token.id, " has empty content");
        LORAWB_CHECK(utf8::isValid(token.content), where, ": added token ", token.id, " is not valid UTF-8");
        if (m_indexByContent.count(token.content))
            continue; // HF ignores a repeated token
        int expected = model.tokenToId(token.content);
        if (expected < 0) {
            expected = nextNewId < 0 ? model.vocabSize() : nextNewId;
            nextNewId = expected + 1;
        }
        LORAWB_CHECK(token.id == expected, where, ": added token \"", token.content, "\" has id ", token.id,
                     " but HF tokenizers gives it id ", expected, " (the model's vocabulary has ", model.vocabSize(),
                     " entries and added tokens not in it follow in order). The file's ids are inconsistent; take "
                     "tokenizer.json from the model, or correct the id.");
        m_indexById[token.id] = static_cast<int>(m_tokens.size());
        m_indexByContent[token.content] = static_cast<int>(m_tokens.size());
        m_maxId = std::max(m_maxId, token.id);
        m_tokens.push_back(std::move(token));
    }
    // HF matches special tokens first, then the others, each group in file order (only ties of equal content and
    // length could tell the orders apart, and contents are unique).
    for (int pass = 0; pass < 2; ++pass)
        for (std::size_t i = 0; i < m_tokens.size(); ++i) {
            const AddedToken& t = m_tokens[i];
            if (t.special != (pass == 0))
                continue;
            Matcher& matcher = t.normalized ? m_normalized : m_raw;
            std::string pattern = t.content;
            if (t.normalized && m_normalizer)
                m_normalizer->normalize(pattern);
            matcher.patterns.push_back(pattern);
            matcher.tokenIndex.push_back(static_cast<int>(i));
        }
    m_raw.build();
    m_normalized.build();
}

HfAddedTokens::~HfAddedTokens() = default;

const AddedToken* HfAddedTokens::byId(int id) const
{
    const auto it = m_indexById.find(id);
    return it == m_indexById.end() ? nullptr : &m_tokens[static_cast<std::size_t>(it->second)];
}

const AddedToken* HfAddedTokens::byContent(const std::string& content) const
{
    const auto it = m_indexByContent.find(content);
    return it == m_indexByContent.end() ? nullptr : &m_tokens[static_cast<std::size_t>(it->second)];
}

bool HfAddedTokens::isSpecial(int id) const
{
    const AddedToken* t = byId(id);
    return t && t->special;
}

void HfAddedTokens::split(const TextPiece& piece, const Matcher& matcher, std::vector<TextPiece>& out) const
{
    const std::string& text = piece.text;
    auto emitText = [&](std::size_t begin, std::size_t end) {
        if (end <= begin)
            return;
        TextPiece part;
        part.text = text.substr(begin, end - begin);
        part.atInputStart = piece.atInputStart && begin == 0;
        out.push_back(std::move(part));
    };
    std::size_t consumed = 0; // end of the last kept match (HF's start_offset)
    std::size_t pos = 0;
    while (pos < text.size()) {
        // Leftmost-longest: the longest pattern starting here, else move on by one byte (patterns are valid UTF-8,
        // so no match can start inside a character).
        int found = -1;
        for (int p : matcher.byFirstByte[static_cast<unsigned char>(text[pos])]) {
            const std::string& pattern = matcher.patterns[static_cast<std::size_t>(p)];
            if (text.compare(pos, pattern.size(), pattern) == 0) {
                found = p;
                break;
            }
        }
        if (found < 0) {
            ++pos;
            continue;
        }
        const AddedToken& token = m_tokens[static_cast<std::size_t>(matcher.tokenIndex[static_cast<std::size_t>(found)])];
        std::size_t start = pos;
        std::size_t stop = pos + matcher.patterns[static_cast<std::size_t>(found)].size();
        pos = stop; // the search goes on after this match, kept or not (aho-corasick's non-overlapping iteration)
        if (token.singleWord) {
            const bool wordBefore = start > 0 &&
                matchesWhole(m_wordChar, std::string_view(text).substr(previousCharStart(text, start),
                                                                        start - previousCharStart(text, start)));
            const bool wordAfter = stop < text.size() &&
                matchesWhole(m_wordChar, std::string_view(text).substr(
                                             stop, utf8::sequenceLength(static_cast<unsigned char>(text[stop]))));
            if (wordBefore || wordAfter)
                continue;
        }
        if (token.lstrip) {
            std::size_t newStart = start;
            while (newStart > 0) {
                const std::size_t b = previousCharStart(text, newStart);
                if (!matchesWhole(m_space, std::string_view(text).substr(b, newStart - b)))
                    break;
                newStart = b;
            }
            start = std::max(newStart, consumed);
        }
        if (token.rstrip) {
            while (stop < text.size()) {
                const std::size_t len = utf8::sequenceLength(static_cast<unsigned char>(text[stop]));
                if (!matchesWhole(m_space, std::string_view(text).substr(stop, len)))
                    break;
                stop += len;
            }
        }
        emitText(consumed, start);
        TextPiece added;
        added.text = text.substr(start, stop - start);
        added.addedTokenId = token.id;
        out.push_back(std::move(added));
        consumed = stop;
        pos = std::max(pos, stop);
    }
    emitText(consumed, text.size());
}

std::vector<TextPiece> HfAddedTokens::extractAndNormalize(const std::string& text) const
{
    TextPiece whole;
    whole.text = text;
    whole.atInputStart = true;
    std::vector<TextPiece> raw;
    split(whole, m_raw, raw);
    std::vector<TextPiece> out;
    out.reserve(raw.size());
    for (TextPiece& piece : raw) {
        if (piece.addedTokenId >= 0) {
            out.push_back(std::move(piece));
            continue;
        }
        if (m_normalizer)
            m_normalizer->normalize(piece.text);
        if (m_normalized.patterns.empty()) {
            if (!piece.text.empty())
                out.push_back(std::move(piece));
        } else {
            split(piece, m_normalized, out);
        }
    }
    return out;
}

} // namespace core
