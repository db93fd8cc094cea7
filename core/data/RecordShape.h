#pragma once
// The three fields a record reader (JSON array, JSON Lines, CSV) takes from each record, by slot: the main text, an
// optional second text, and the target. Alpaca: instruction, input, output. seq_cls: text, text_pair, label, where
// the label may also be a JSON number or a list of labels (multi-label), which the readers keep as JSON text.
// The readers, the column mapping (data.columns) and their messages are written once for every shape.
#include "core/data/DataConfig.h"

#include <array>
#include <string>
#include <vector>

namespace core {

struct RecordShape {
    std::string formatName;              ///< as messages say it: "Alpaca", "seq_cls"
    std::array<std::string, 3> fields;   ///< the field names, by slot (AlpacaField's order)
    std::array<bool, 3> required;
    bool targetMayBeJson = false;        ///< the target slot also takes numbers and lists (kept as their JSON text)
    std::array<std::vector<std::string>, 3> similarNames; ///< other datasets' names for each field, for suggestions
    std::string exampleMapping;          ///< a data.columns example for messages
    std::string fieldsHint;              ///< "'instruction' and 'output' strings ('input' is optional)"
};

const RecordShape& alpacaRecordShape();
const RecordShape& seqClsRecordShape();
// Alpaca's shape for every format without one of its own.
const RecordShape& recordShapeOf(DataFormat format);

} // namespace core
