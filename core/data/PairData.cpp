#include "core/data/PairData.h"

#include "core/common/Error.h"
#include "core/data/DatasetReader.h"
#include "core/tokenizer/DefaultEncoding.h"

#include <algorithm>

namespace core {

namespace {

std::vector<int64_t> idsOf(const std::string& text, const Tokenizer& tok)
{
    const std::vector<int> ids = encodeWithDefaultSpecialTokens(tok, text);
    return {ids.begin(), ids.end()};
}

// Each record's three texts (query in instruction, negative in input, positive in output: pairsRecordShape).
// maxLength 0: no limit. Overlong records under drop are counted and left out here, since the length policy of
// prepareData looks at inputIds (the query) only.
std::vector<Example> pairExamples(const RecordSet& set, const std::string& path, int64_t maxLength,
                                  OverlongPolicy overlong, const Tokenizer& tok, DatasetReport& report)
{
    std::vector<Example> list;
    list.reserve(set.records.size());
    for (size_t i = 0; i < set.records.size(); ++i) {
        const AlpacaRecord& record = set.records[i];
        LORAWB_CHECK(record.output != record.instruction, recordWhere(path, set, i), ": the positive is the query "
                     "itself, so it teaches nothing; give a different text that matches the query, or remove the "
                     "record");
        LORAWB_CHECK(record.input != record.output, recordWhere(path, set, i), ": the negative equals the positive; "
                     "a negative must be a text that does not match the query. Change it or leave it out");
        Example example = tokenizePair(record, tok);
        LORAWB_CHECK(!example.inputIds.empty() && !example.positiveIds.empty(), recordWhere(path, set, i),
                     ": a text gives no tokens (the tokenizer adds no BOS and the text is empty); give it text");
        example.recordIndex = set.fileIndex.empty() ? static_cast<int64_t>(i) : set.fileIndex[i];
        if (maxLength > 0 && longestPairText(example) > maxLength) {
            if (overlong == OverlongPolicy::Drop) {
                ++report.dropped;
                continue;
            }
            cutPair(example, maxLength);
            example.truncated = true;
        }
        list.push_back(std::move(example));
    }
    return list;
}

} // namespace

Example tokenizePair(const AlpacaRecord& record, const Tokenizer& tok)
{
    Example example;
    example.inputIds = idsOf(record.instruction, tok);
    example.positiveIds = idsOf(record.output, tok);
    if (!record.input.empty())
        example.negativeIds = idsOf(record.input, tok);
    example.labels.assign(example.inputIds.size(), kIgnoreIndex);
    return example;
}

int64_t longestPairText(const Example& pair)
{
    return static_cast<int64_t>(std::max({pair.inputIds.size(), pair.positiveIds.size(), pair.negativeIds.size()}));
}

void cutPair(Example& pair, int64_t maxLength)
{
    for (auto* ids : {&pair.inputIds, &pair.positiveIds, &pair.negativeIds})
        if (static_cast<int64_t>(ids->size()) > maxLength)
            ids->resize(static_cast<size_t>(maxLength));
    pair.labels.resize(pair.inputIds.size());
}

void buildPairExamples(const RecordSet& train, const RecordSet& validation, const DataConfig& cfg,
                       const Tokenizer& tok, PreparedData& out)
{
    const std::string& validationPath = cfg.validationPath.empty() ? cfg.path : cfg.validationPath;
    out.train = pairExamples(train, cfg.path, cfg.maxLength, cfg.overlong, tok, out.report);
    out.validation = pairExamples(validation, validationPath, cfg.maxLength, cfg.overlong, tok, out.report);
    // One pair in a batch has no other positive to be told apart from: the loss is 0 and nothing trains.
    if (out.train.size() == 1)
        out.report.warnings.push_back(cfg.path + ": one training pair only; the in-batch contrastive loss needs other "
                                      "pairs in the batch to learn from. Add pairs.");
}

std::vector<Example> readPairExamples(const DataConfig& cfg, const Tokenizer& tok, DatasetReport& report)
{
    DataConfig shaped = cfg;
    shaped.format = DataFormat::Pairs;
    const RecordSet set = readAlpacaRecords(cfg.path, shaped);
    report.records += set.report.records;
    report.skipped += set.report.skipped;
    return pairExamples(set, cfg.path, cfg.maxLength, OverlongPolicy::Truncate, tok, report);
}

} // namespace core
