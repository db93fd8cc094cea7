#pragma once
// data.format pairs: records of a query, a positive (a text that matches it) and optionally a negative (one that does
// not), turned into FEATURE_EXTRACTION examples. Each text is tokenized as tokenizer(text) does by default, as
// lorawb embed reads texts, so that training and use see the same ids.
#include "core/data/AlpacaRecord.h"
#include "core/data/PreparedData.h"

#include <string>
#include <vector>

namespace core {

class Tokenizer;

// One record's texts (query in instruction, negative in input, positive in output: pairsRecordShape) tokenized whole:
// inputIds the query, positiveIds, negativeIds (empty without a negative), labels all kIgnoreIndex.
Example tokenizePair(const AlpacaRecord& record, const Tokenizer& tok);
// The longest of a pair's texts, in tokens; every text cut to maxLength.
int64_t longestPairText(const Example& pair);
void cutPair(Example& pair, int64_t maxLength);

// The records of a pairs file as the readers give them (RecordShape: query, negative, positive in Alpaca's slots) →
// out.train / out.validation. A text longer than data.max_length: data.overlong truncate cuts it (the example is
// marked truncated), drop leaves the record out (counted in out.report.dropped). Throws core::Error naming the file
// and record when a positive equals its own query or negative (nothing to learn from).
void buildPairExamples(const RecordSet& train, const RecordSet& validation, const DataConfig& cfg,
                       const Tokenizer& tok, PreparedData& out);

// A pairs file scored by an adapter (lorawb eval): cfg.path read with cfg.columns, each text cut to cfg.maxLength.
std::vector<Example> readPairExamples(const DataConfig& cfg, const Tokenizer& tok, DatasetReport& report);

} // namespace core
