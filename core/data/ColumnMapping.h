#pragma once
#include "core/data/AlpacaRecord.h"

#include <map>
#include <string>
#include <vector>

namespace core {

// Which key (JSON) or column (CSV) of a file fills each Alpaca field: the field's own name unless data.columns maps
// another column to it ({"prompt": "instruction"} reads instruction from "prompt").
class ColumnMapping {
public:
    // columns: data.columns, file column → field name. Throws core::Error for an unknown field name or a field that
    // two columns map to.
    explicit ColumnMapping(const std::map<std::string, std::string>& columns = {});

    const std::string& source(AlpacaField field) const { return m_source[static_cast<int>(field)]; }
    // instruction and output are required, input is optional (missing = empty).
    static bool required(AlpacaField field) { return field != AlpacaField::Input; }
    static const char* fieldName(AlpacaField field);
    // "'output'", or "'completion' (data.columns maps it to output)".
    std::string describe(AlpacaField field) const;
    // Whether any of the source names is among keys.
    bool anyIn(const std::vector<std::string>& keys) const;
    // The message for a file whose records have none of the fields: what was found and how to map it.
    std::string noFieldsMessage(const std::string& path, const std::vector<std::string>& found) const;

private:
    std::string m_source[3];
    bool m_mapped[3] = {false, false, false};
};

extern const AlpacaField kAlpacaFields[3];

} // namespace core
