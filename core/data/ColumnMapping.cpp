#include "core/data/ColumnMapping.h"

#include "core/common/Error.h"
#include "core/common/Text.h"

#include <algorithm>
#include <cctype>

namespace core {

const AlpacaField kAlpacaFields[3] = {AlpacaField::Instruction, AlpacaField::Input, AlpacaField::Output};

namespace {

// Common names of the same fields in other datasets, to suggest a mapping.
bool looksLike(const RecordShape& shape, AlpacaField field, const std::string& key)
{
    const std::string k = asciiLower(key);
    const auto& list = shape.similarNames[static_cast<int>(field)];
    return std::find(list.begin(), list.end(), k) != list.end();
}

} // namespace

ColumnMapping::ColumnMapping(const std::map<std::string, std::string>& columns, const RecordShape& shape)
    : m_shape(&shape)
{
    for (AlpacaField f : kAlpacaFields)
        m_source[static_cast<int>(f)] = fieldName(f);
    for (const auto& [column, field] : columns) {
        int index = -1;
        for (AlpacaField f : kAlpacaFields)
            if (shape.used(static_cast<int>(f)) && field == fieldName(f))
                index = static_cast<int>(f);
        LORAWB_CHECK(index >= 0, "data.columns: '", column, "' maps to '", field, "', which is not a field of ",
                     shape.formatName, " records. Map columns to one of ", shape.fieldList(), ", e.g. ",
                     shape.exampleMapping, ".");
        LORAWB_CHECK(!m_mapped[index], "data.columns: two columns map to '", field,
                     "' ('", m_source[index], "' and '", column, "'). Keep one of them.");
        LORAWB_CHECK(!column.empty(), "data.columns: an empty column name maps to '", field, "'.");
        m_source[index] = column;
        m_mapped[index] = true;
    }
}

std::string ColumnMapping::describe(AlpacaField field) const
{
    const int i = static_cast<int>(field);
    if (!m_mapped[i])
        return "'" + m_source[i] + "'";
    return "'" + m_source[i] + "' (data.columns maps it to " + fieldName(field) + ")";
}

bool ColumnMapping::anyIn(const std::vector<std::string>& keys) const
{
    for (const std::string& key : keys)
        for (const std::string& source : m_source)
            if (!source.empty() && key == source)
                return true;
    return false;
}

std::string ColumnMapping::noFieldsMessage(const std::string& path, const std::vector<std::string>& found) const
{
    std::string foundList;
    for (const std::string& key : found)
        foundList += (foundList.empty() ? "" : ", ") + key;
    std::string expected;
    for (AlpacaField f : kAlpacaFields)
        if (m_shape->used(static_cast<int>(f)))
            expected += (expected.empty() ? "" : ", ") + describe(f);
    // A mapping guessed from the names that were found, when both required fields have a candidate.
    std::string guess;
    bool complete = true;
    for (AlpacaField f : kAlpacaFields) {
        if (!m_shape->used(static_cast<int>(f)))
            continue;
        const auto it = std::find_if(found.begin(), found.end(),
                                     [&](const std::string& k) { return looksLike(*m_shape, f, k); });
        if (it != found.end())
            guess += (guess.empty() ? "" : ", ") + *it + ": " + fieldName(f);
        else if (required(f))
            complete = false;
    }
    std::string message = detail::concat(path, ": none of the expected fields (", expected,
                                         ") is in the records; found: ", foundList.empty() ? "(no fields)" : foundList,
                                         ". Map the file's columns to the ", m_shape->formatName,
                                         " fields: set data.columns, e.g. ", m_shape->exampleMapping);
    if (complete && !guess.empty())
        message += "; for this file probably data.columns: {" + guess + "}";
    return message + ".";
}

} // namespace core
