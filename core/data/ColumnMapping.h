#pragma once
#include "core/data/AlpacaRecord.h"
#include "core/data/RecordShape.h"

#include <map>
#include <string>
#include <vector>

namespace core {

// Which key (JSON) or column (CSV) of a file fills each field of a record shape (Alpaca's instruction, input, output;
// seq_cls's text, text_pair, label): the field's own name unless data.columns maps another column to it
// ({"prompt": "instruction"} reads instruction from "prompt"). AlpacaField names the slots.
class ColumnMapping {
public:
    // columns: data.columns, file column → field name. Throws core::Error for an unknown field name or a field that
    // two columns map to.
    explicit ColumnMapping(const std::map<std::string, std::string>& columns = {},
                           const RecordShape& shape = alpacaRecordShape());

    const RecordShape& shape() const { return *m_shape; }

    const std::string& source(AlpacaField field) const { return m_source[static_cast<int>(field)]; }
    // Alpaca: instruction and output are required, input is optional (missing = empty).
    bool required(AlpacaField field) const { return m_shape->required[static_cast<int>(field)]; }
    const std::string& fieldName(AlpacaField field) const { return m_shape->fields[static_cast<int>(field)]; }
    // "'output'", or "'completion' (data.columns maps it to output)".
    std::string describe(AlpacaField field) const;
    // Whether any of the source names is among keys.
    bool anyIn(const std::vector<std::string>& keys) const;
    // The message for a file whose records have none of the fields: what was found and how to map it.
    std::string noFieldsMessage(const std::string& path, const std::vector<std::string>& found) const;

private:
    const RecordShape* m_shape;
    std::string m_source[3];
    bool m_mapped[3] = {false, false, false};
};

extern const AlpacaField kAlpacaFields[3];

} // namespace core
