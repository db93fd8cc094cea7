#pragma once
// The three fields a record reader (JSON array, JSON Lines, CSV) takes from each record, by slot: the main text, an
// optional second text, and the target. Alpaca: instruction, input, output. seq_cls: text, text_pair, label, where
// the label may also be a JSON number or a list of labels (multi-label), which the readers keep as JSON text.
// token_cls: tokens and tags, both JSON lists (kept as their JSON text), and no second slot.
// The readers, the column mapping (data.columns) and their messages are written once for every shape.
#include "core/data/DataConfig.h"

#include <array>
#include <string>
#include <vector>

namespace core {

// What a slot's value may be in a JSON record.
enum class SlotValue {
    Text,   ///< a string
    Label,  ///< a string, a number or a list of them (kept as JSON text unless a string)
    List,   ///< a list of strings or numbers (kept as its JSON text)
    Unused, ///< the shape has no field in this slot (its name is empty)
};

struct RecordShape {
    std::string formatName;              ///< as messages say it: "Alpaca", "seq_cls"
    std::array<std::string, 3> fields;   ///< the field names, by slot (AlpacaField's order)
    std::array<bool, 3> required;
    std::array<SlotValue, 3> values;     ///< what each slot takes
    std::array<std::vector<std::string>, 3> similarNames; ///< other datasets' names for each field, for suggestions
    std::string exampleMapping;          ///< a data.columns example for messages
    std::string fieldsHint;              ///< "'instruction' and 'output' strings ('input' is optional)"

    bool used(int slot) const { return values[static_cast<size_t>(slot)] != SlotValue::Unused; }
    std::string fieldList() const;       ///< the used fields' names: "instruction, input, output"
};

const RecordShape& alpacaRecordShape();
const RecordShape& seqClsRecordShape();
const RecordShape& tokenClsRecordShape();
const RecordShape& pairsRecordShape(); // data.format pairs: query, negative (optional), positive
// Alpaca's shape for every format without one of its own.
const RecordShape& recordShapeOf(DataFormat format);

} // namespace core
