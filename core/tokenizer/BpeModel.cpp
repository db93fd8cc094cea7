#include "core/tokenizer/BpeModel.h"

#include "core/common/Error.h"
#include "core/tokenizer/Utf8.h"

#include <algorithm>
#include <cstdio>
#include <queue>

namespace core {

using nlohmann::json;

namespace {

std::string optionalString(const json& spec, const char* key, const std::string& where)
{
    if (!spec.contains(key) || spec.at(key).is_null())
        return {};
    LORAWB_CHECK(spec.at(key).is_string(), where, ": model \"", key, "\" must be a string or null, got ",
                 spec.at(key).dump());
    return spec.at(key).get<std::string>();
}

bool optionalBool(const json& spec, const char* key, const std::string& where)
{
    if (!spec.contains(key) || spec.at(key).is_null())
        return false;
    LORAWB_CHECK(spec.at(key).is_boolean(), where, ": model \"", key, "\" must be true or false, got ",
                 spec.at(key).dump());
    return spec.at(key).get<bool>();
}

} // namespace

BpeModel::BpeModel(const json& spec, const std::string& where)
{
    std::fill(std::begin(m_byteIds), std::end(m_byteIds), -1);
    LORAWB_CHECK(spec.contains("vocab") && spec.at("vocab").is_object(), where,
                 ": model BPE needs a \"vocab\" object of token -> id");
    int maxId = -1;
    for (const auto& [token, id] : spec.at("vocab").items()) {
        LORAWB_CHECK(id.is_number_integer() && id.get<long long>() >= 0 && id.get<long long>() < (1LL << 31), where,
                     ": vocab entry \"", token, "\" has id ", id.dump(), "; ids must be integers >= 0");
        m_vocab.emplace(token, id.get<int>());
        maxId = std::max(maxId, id.get<int>());
    }
    LORAWB_CHECK(maxId >= 0, where, ": model BPE has an empty vocabulary");
    m_tokens.assign(static_cast<std::size_t>(maxId) + 1, std::string());
    for (const auto& [token, id] : m_vocab)
        m_tokens[static_cast<std::size_t>(id)] = token;

    const json dropout = spec.value("dropout", json());
    LORAWB_CHECK(dropout.is_null() || (dropout.is_number() && dropout.get<double>() == 0.0), where,
                 ": model BPE has \"dropout\": ", dropout.dump(),
                 "; BPE dropout makes every encoding random and is for training a tokenizer, not a model. "
                 "Set it to null in the file.");
    const std::string unk = optionalString(spec, "unk_token", where);
    if (!unk.empty()) {
        const auto it = m_vocab.find(unk);
        LORAWB_CHECK(it != m_vocab.end(), where, ": model \"unk_token\" \"", unk,
                     "\" is not in the vocabulary; add it to \"vocab\" or set unk_token to null.");
        m_unkId = it->second;
    }
    m_byteFallback = optionalBool(spec, "byte_fallback", where);
    m_fuseUnk = optionalBool(spec, "fuse_unk", where);
    m_ignoreMerges = optionalBool(spec, "ignore_merges", where);
    m_continuingSubwordPrefix = optionalString(spec, "continuing_subword_prefix", where);
    m_endOfWordSuffix = optionalString(spec, "end_of_word_suffix", where);
    for (int b = 0; b < 256; ++b) {
        char name[8];
        std::snprintf(name, sizeof name, "<0x%02X>", b);
        const auto it = m_vocab.find(name);
        m_byteIds[b] = it == m_vocab.end() ? -1 : it->second;
    }

    // Merges: ["a b", ...] (tokenizers before 0.20) or [["a", "b"], ...] (since).
    const json merges = spec.value("merges", json::array());
    LORAWB_CHECK(merges.is_array(), where, ": model \"merges\" must be a list");
    m_mergeOrder.reserve(merges.size());
    for (std::size_t rank = 0; rank < merges.size(); ++rank) {
        const json& merge = merges[rank];
        if (merge.is_string()) {
            const std::string text = merge.get<std::string>();
            const std::size_t space = text.find(' ');
            LORAWB_CHECK(space != std::string::npos && text.find(' ', space + 1) == std::string::npos, where,
                         ": merge ", rank, " \"", text, "\" must be two tokens separated by one space");
            addMerge(text.substr(0, space), text.substr(space + 1), where);
        } else {
            LORAWB_CHECK(merge.is_array() && merge.size() == 2 && merge[0].is_string() && merge[1].is_string(), where,
                         ": merge ", rank, " must be \"a b\" or [\"a\", \"b\"], got ", merge.dump());
            addMerge(merge[0].get<std::string>(), merge[1].get<std::string>(), where);
        }
    }
}

void BpeModel::addMerge(const std::string& left, const std::string& right, const std::string& where)
{
    const int rank = static_cast<int>(m_mergeOrder.size());
    const auto l = m_vocab.find(left);
    const auto r = m_vocab.find(right);
    LORAWB_CHECK(l != m_vocab.end(), where, ": merge ", rank, " (\"", left, "\" + \"", right, "\") names \"", left,
                 "\", which is not in the vocabulary. The file is corrupt or cut; take tokenizer.json from the model.");
    LORAWB_CHECK(r != m_vocab.end(), where, ": merge ", rank, " (\"", left, "\" + \"", right, "\") names \"", right,
                 "\", which is not in the vocabulary. The file is corrupt or cut; take tokenizer.json from the model.");
    // With a continuing-subword prefix the right part carries it, and the merged token does not repeat it.
    const std::size_t prefix = right.compare(0, m_continuingSubwordPrefix.size(), m_continuingSubwordPrefix) == 0
        ? m_continuingSubwordPrefix.size()
        : 0;
    const std::string merged = left + right.substr(prefix);
    const auto m = m_vocab.find(merged);
    LORAWB_CHECK(m != m_vocab.end(), where, ": merge ", rank, " (\"", left, "\" + \"", right, "\") makes \"", merged,
                 "\", which is not in the vocabulary. The file is corrupt or cut; take tokenizer.json from the model.");
    // A repeated pair takes its later rank, as HF's map insert does.
    m_merges[pairKey(l->second, r->second)] = Merge{rank, m->second};
    m_mergeOrder.emplace_back(l->second, r->second);
}

int BpeModel::tokenToId(std::string_view token) const
{
    const auto it = m_vocab.find(std::string(token));
    return it == m_vocab.end() ? -1 : it->second;
}

const std::string& BpeModel::idToToken(int id) const
{
    static const std::string none;
    return id >= 0 && id < vocabSize() ? m_tokens[static_cast<std::size_t>(id)] : none;
}

std::vector<std::pair<std::string, std::string>> BpeModel::merges() const
{
    std::vector<std::pair<std::string, std::string>> out;
    out.reserve(m_mergeOrder.size());
    for (const auto& [l, r] : m_mergeOrder)
        out.emplace_back(idToToken(l), idToToken(r));
    return out;
}

void BpeModel::initialSymbols(std::string_view piece, std::vector<int>& symbols) const
{
    // The unknown token waiting to be written, so that a run of unknown characters can fuse into one.
    bool unkPending = false;
    std::string key;
    for (std::size_t pos = 0; pos < piece.size();) {
        const std::size_t len = std::min(utf8::sequenceLength(static_cast<unsigned char>(piece[pos])), piece.size() - pos);
        const bool first = pos == 0;
        const bool last = pos + len >= piece.size();
        key.clear();
        if (!first)
            key += m_continuingSubwordPrefix;
        key.append(piece.substr(pos, len));
        if (last)
            key += m_endOfWordSuffix;
        pos += len;
        const auto it = m_vocab.find(key);
        if (it != m_vocab.end()) {
            if (unkPending) {
                symbols.push_back(m_unkId);
                unkPending = false;
            }
            symbols.push_back(it->second);
            continue;
        }
        if (m_byteFallback &&
            std::all_of(key.begin(), key.end(), [&](char c) { return m_byteIds[static_cast<unsigned char>(c)] >= 0; })) {
            // As HF: the byte pieces go in at once, a pending unknown token stays pending.
            for (char c : key)
                symbols.push_back(m_byteIds[static_cast<unsigned char>(c)]);
            continue;
        }
        if (m_unkId < 0)
            continue; // no unknown token: HF drops the character
        if (unkPending && !m_fuseUnk)
            symbols.push_back(m_unkId);
        unkPending = true;
    }
    if (unkPending)
        symbols.push_back(m_unkId);
}

void BpeModel::applyMerges(std::vector<int>& symbols) const
{
    const int n = static_cast<int>(symbols.size());
    if (n < 2 || m_merges.empty())
        return;
    std::vector<int> prev(n), next(n);
    std::vector<char> alive(n, 1);
    for (int i = 0; i < n; ++i) {
        prev[i] = i - 1;
        next[i] = i + 1 < n ? i + 1 : -1;
    }
    struct Candidate {
        int rank, pos, result;
        // priority_queue pops the largest: the lowest rank, then the leftmost position, must compare largest.
        bool operator<(const Candidate& o) const { return rank != o.rank ? rank > o.rank : pos > o.pos; }
    };
    std::priority_queue<Candidate> queue;
    auto consider = [&](int pos) {
        if (pos < 0 || next[pos] < 0)
            return;
        const auto it = m_merges.find(pairKey(symbols[pos], symbols[next[pos]]));
        if (it != m_merges.end())
            queue.push({it->second.rank, pos, it->second.result});
    };
    for (int i = 0; i + 1 < n; ++i)
        consider(i);
    while (!queue.empty()) {
        const Candidate top = queue.top();
        queue.pop();
        if (!alive[top.pos] || next[top.pos] < 0)
            continue;
        const int right = next[top.pos];
        // An entry made before one of its symbols changed is stale.
        const auto it = m_merges.find(pairKey(symbols[top.pos], symbols[right]));
        if (it == m_merges.end() || it->second.result != top.result)
            continue;
        symbols[top.pos] = top.result;
        alive[right] = 0;
        next[top.pos] = next[right];
        if (next[right] >= 0)
            prev[next[right]] = top.pos;
        consider(prev[top.pos]);
        consider(top.pos);
    }
    std::size_t kept = 0;
    for (int i = 0; i < n; ++i)
        if (alive[i])
            symbols[kept++] = symbols[i];
    symbols.resize(kept);
}

void BpeModel::tokenize(std::string_view piece, std::vector<int>& ids) const
{
    if (piece.empty())
        return;
    if (m_ignoreMerges) {
        const auto it = m_vocab.find(std::string(piece));
        if (it != m_vocab.end()) {
            ids.push_back(it->second);
            return;
        }
    }
    std::vector<int> symbols;
    symbols.reserve(piece.size());
    initialSymbols(piece, symbols);
    applyMerges(symbols);
    ids.insert(ids.end(), symbols.begin(), symbols.end());
}

} // namespace core
