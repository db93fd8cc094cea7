#pragma once
#include "core/data/RecordCollector.h"

namespace core {

// token_cls records from CoNLL column text (CoNLL-2003's eng.train, WNUT, most NER corpora): one token per line, the
// word in the first column and its tag in the last (columns split by spaces or tabs, so POS and chunk columns in
// between are skipped), a blank line between sentences, "-DOCSTART-" lines ignored. Each sentence becomes one record
// whose tokens and tags slots hold JSON lists, as the JSON readers keep them. A line with one column is a bad record
// (named by its line), skipped under data.skip_invalid like any other.
void readConll(RecordCollector& out);

} // namespace core
