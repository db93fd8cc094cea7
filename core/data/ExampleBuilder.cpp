#include "core/data/ExampleBuilder.h"

#include "core/common/Error.h"
#include "core/data/ParallelChunks.h"
#include "core/tokenizer/Tokenizer.h"

#include <algorithm>

namespace core {

size_t promptTokenCount(const std::string& prompt, const std::vector<int>& fullIds, const Tokenizer& tok)
{
    if (prompt.empty())
        return 0;
    const std::vector<int> promptIds = tok.encode(prompt);
    const size_t common =
        std::mismatch(promptIds.begin(), promptIds.end(), fullIds.begin(), fullIds.end()).first - promptIds.begin();
    if (common == promptIds.size())
        return common; // the clean case: the prompt's tokens are a prefix of the full ids
    // The tokenizations diverge near the boundary: walk on while a full-ids prefix still ends inside the prompt.
    const size_t promptChars = tok.decode(promptIds).size();
    size_t count = common;
    std::vector<int> prefix(fullIds.begin(), fullIds.begin() + static_cast<std::ptrdiff_t>(common));
    for (size_t k = common; k < fullIds.size(); ++k) {
        prefix.push_back(fullIds[k]);
        if (tok.decode(prefix).size() > promptChars)
            break; // token k reaches into the completion: it straddles or follows the boundary
        count = k + 1;
    }
    return count;
}

namespace {

// The same count as promptTokenCount without encoding the prompt a second time, when the pieces of ids spell the
// text exactly (a LLaMA-style tokenizer: identity normalization, byte fallback, a leading space from the dummy prefix
// allowed; a byte-level BPE tokenizer such as Llama 3's or Qwen's). Then each token's span in the text is known and the rule is applied to the spans directly. False when the
// pieces do not spell the text (a normalizing tokenizer, <unk>): the caller falls back to promptTokenCount.
bool spelledPromptTokenCount(const std::string& prompt, const std::string& text, const std::vector<int>& ids,
                             const Tokenizer& tok, size_t& count)
{
    if (prompt.empty()) {
        count = 0; // as promptTokenCount: nothing is masked, not even a lone dummy-prefix "▁"
        return true;
    }
    thread_local std::string surface;
    thread_local std::vector<size_t> ends;
    surface.clear();
    ends.clear();
    for (int id : ids) {
        tok.appendTokenText(id, surface);
        ends.push_back(surface.size());
    }
    if (surface.size() < text.size() || surface.size() > text.size() + 1)
        return false;
    const size_t shift = surface.size() - text.size();
    if ((shift == 1 && surface[0] != ' ') || surface.compare(shift, std::string::npos, text) != 0)
        return false;
    // Masked: the tokens that end inside the prompt. A token that starts in it and ends past it straddles: trained.
    count = static_cast<size_t>(std::upper_bound(ends.begin(), ends.end(), prompt.size() + shift) - ends.begin());
    return true;
}

} // namespace

Example tokenizeRecord(const FormattedRecord& record, const Tokenizer& tok, bool trainOnPrompt)
{
    const std::string text = record.prompt + record.completion;
    const std::vector<int> ids = tok.encode(text);
    size_t promptTokens = 0;
    if (!trainOnPrompt && !spelledPromptTokenCount(record.prompt, text, ids, tok, promptTokens))
        promptTokens = promptTokenCount(record.prompt, ids, tok);
    const int bos = tok.bosId();
    const int eos = tok.eosId();
    const size_t offset = bos >= 0 ? 1 : 0;
    Example example;
    example.inputIds.reserve(ids.size() + 2);
    if (bos >= 0)
        example.inputIds.push_back(bos);
    example.inputIds.insert(example.inputIds.end(), ids.begin(), ids.end());
    if (eos >= 0)
        example.inputIds.push_back(eos);
    example.labels = example.inputIds;
    if (!trainOnPrompt)
        std::fill_n(example.labels.begin(), offset + promptTokens, kIgnoreIndex);
    return example;
}

int64_t trainedTokenCount(const Example& example)
{
    if (example.positionLabels)
        return std::count_if(example.labels.begin(), example.labels.end(), [](int64_t l) { return l != kIgnoreIndex; });
    if (example.labels.size() < 2)
        return 0;
    return std::count_if(example.labels.begin() + 1, example.labels.end(), [](int64_t l) { return l != kIgnoreIndex; });
}

int64_t lossItemCount(const Example& example)
{
    if (!example.positiveIds.empty())
        return 1;
    return example.target.empty() ? trainedTokenCount(example) : static_cast<int64_t>(example.target.size());
}

LengthOutcome applyMaxLength(Example& example, int64_t maxLength, OverlongPolicy policy)
{
    LengthOutcome outcome = LengthOutcome::Kept;
    if (static_cast<int64_t>(example.inputIds.size()) > maxLength) {
        if (policy == OverlongPolicy::Drop)
            return LengthOutcome::Dropped;
        example.inputIds.resize(static_cast<size_t>(maxLength));
        example.labels.resize(static_cast<size_t>(maxLength));
        example.truncated = true;
        outcome = LengthOutcome::Truncated;
    }
    return lossItemCount(example) == 0 ? LengthOutcome::Dropped : outcome;
}

std::vector<Example> tokenizeRecords(const std::vector<AlpacaRecord>& records, const std::vector<int64_t>& recordIndex,
                                     const PromptTemplate& prompts, const Tokenizer& tok, bool trainOnPrompt,
                                     int threads)
{
    LORAWB_ASSERT(recordIndex.empty() || recordIndex.size() == records.size());
    std::vector<Example> examples(records.size());
    const auto work = [&](size_t begin, size_t end) {
        FormattedRecord formatted;
        for (size_t i = begin; i < end; ++i) {
            prompts.format(records[i], formatted);
            examples[i] = tokenizeRecord(formatted, tok, trainOnPrompt);
            examples[i].recordIndex = recordIndex.empty() ? static_cast<int64_t>(i) : recordIndex[i];
        }
    };
    forEachChunk(records.size(), threads, work);
    return examples;
}

std::vector<int64_t> textIds(const std::string& text, const Tokenizer& tok)
{
    const std::vector<int> ids = tok.encode(text);
    std::vector<int64_t> out;
    out.reserve(ids.size() + 1);
    if (tok.bosId() >= 0)
        out.push_back(tok.bosId());
    out.insert(out.end(), ids.begin(), ids.end());
    return out;
}

std::vector<Example> textWindows(const std::vector<int64_t>& ids, int64_t maxLength)
{
    LORAWB_ASSERT(maxLength >= 2);
    std::vector<Example> windows;
    for (size_t begin = 0; begin + 1 < ids.size(); begin += static_cast<size_t>(maxLength)) {
        const size_t end = std::min(ids.size(), begin + static_cast<size_t>(maxLength));
        Example example;
        example.inputIds.assign(ids.begin() + static_cast<std::ptrdiff_t>(begin),
                                ids.begin() + static_cast<std::ptrdiff_t>(end));
        example.labels = example.inputIds;
        example.recordIndex = static_cast<int64_t>(windows.size());
        windows.push_back(std::move(example));
    }
    return windows;
}

} // namespace core
