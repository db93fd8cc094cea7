#pragma once
#include <cstdint>
#include <map>
#include <string>

namespace core {

enum class DataFormat { Alpaca, Text, Messages, SeqCls, TokenCls, Squad, Pairs };
enum class OverlongPolicy { Truncate, Drop };

struct DataConfig {
    std::string path;                      ///< JSON array, JSONL or CSV (alpaca), a plain text file (text), or
                                           ///< chat records, JSON array or JSONL (messages), or classification
                                           ///< records with text [, text_pair] and label (seq_cls), or
                                           ///< tokens + tags records, JSON / JSONL or CoNLL columns (token_cls),
                                           ///< or questions on contexts as SQuAD JSON or its JSONL export (squad)
    DataFormat format = DataFormat::Alpaca;
    std::string validationPath;            ///< separate validation file; empty = split off validationSplit
    double validationSplit = 0.0;          ///< share of records held out for validation, in [0, 1)
    int maxLength = 512;                   ///< tokens per sequence, BOS and EOS included
    OverlongPolicy overlong = OverlongPolicy::Truncate;
    bool trainOnPrompt = false;            ///< false: loss on the response tokens only (the default); messages:
                                           ///< true trains every turn, false the assistant's turns only
    std::string chatTemplate = "model";    ///< messages: "model" (tokenizer_config.json's) or a built-in name
    std::map<std::string, std::string> columns; ///< file column → alpaca field, e.g. {"prompt": "instruction"}
    std::string templateWithInput;         ///< user template with {instruction} {input} {output}; empty = Alpaca's
    std::string templateWithoutInput;      ///< same, for records with an empty input; empty = templateWithInput
                                           ///< serves every record (setting only this one is an error)
    bool skipInvalid = false;              ///< skip bad records (count and first reasons reported) instead of failing
    bool shuffle = true;                   ///< shuffle every epoch (seed + epoch); false: file order
    bool groupByLength = false;            ///< batch records of similar length together
    uint64_t splitSeed = 42;               ///< seed of the train/validation split
    int tokenizeThreads = 0;               ///< threads that tokenize records; 0 = all cores (same result for any count)

    // Throws core::Error naming the setting (data.max_length, data.columns, …) and how to fix it.
    void validate() const;
};

std::string toString(DataFormat format);
DataFormat parseDataFormat(const std::string& text, const std::string& field = "data.format");
std::string toString(OverlongPolicy policy);
OverlongPolicy parseOverlongPolicy(const std::string& text, const std::string& field = "data.overlong");

} // namespace core
