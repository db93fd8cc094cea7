#pragma once
#include "core/data/AlpacaRecord.h"
#include "core/data/DataConfig.h"

#include <string>

namespace core {

// Reads the Alpaca records of a dataset file, mapping columns with cfg.columns and handling bad records per
// cfg.skipInvalid. The kind is told by the content: '[' starts a JSON array, '{' JSON Lines; a .csv (.tsv) file is
// CSV with a header. UTF-8 with or without BOM, LF or CRLF. Throws core::Error naming the file, the record (number,
// line, column) and the field, and saying how to fix it.
RecordSet readAlpacaRecords(const std::string& path, const DataConfig& cfg);
// The same from text in memory; path only names it in messages and tells CSV by its extension.
RecordSet readAlpacaRecordsFromString(const std::string& path, std::string text, const DataConfig& cfg);

// "<path>: record <n>" for set.records[i], n counted from 1 as the file stands (skipped records included): where a
// message about a read record points.
std::string recordWhere(const std::string& path, const RecordSet& set, size_t i);

// A plain text file for language-model data: UTF-8 checked (line and column of a bad byte), BOM removed, CRLF → LF.
std::string readTextFile(const std::string& path);

} // namespace core
