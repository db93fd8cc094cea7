#pragma once
// What `lorawb eval` with a task adapter (SEQ_CLS, TOKEN_CLS, QUESTION_ANS) reads from its options — the data file,
// its column mapping and length limit — and the lines it prints: progress on a terminal, one score per line.
#include "cli/ArgParser.h"
#include "core/data/DataConfig.h"

#include <cstdint>
#include <functional>
#include <map>
#include <string>

namespace core::cli {

// --columns "sentence=text,category=label" → data.columns (empty without the option); a malformed pair fails the
// parser with the expected form.
std::map<std::string, std::string> parseColumnsOption(const ArgParser& parser);

// --data, --columns and --max-length as a validated DataConfig of `format`.
DataConfig evalDataConfig(const ArgParser& parser, DataFormat format);

// "scoring: done/total <unit>" on stderr when it is a terminal (scripts see nothing extra); a no-op otherwise.
std::function<void(int64_t, int64_t)> scoringProgress(const char* unit);

// "label       0.123456": the label in 12 columns, the value with `digits` decimals, on stdout.
void printScoreLine(const char* label, double value, int digits = 6);

} // namespace core::cli
