#include "core/data/DataSettings.h"

#include "core/chat/BuiltinChatTemplates.h"
#include "core/common/Error.h"
#include "core/data/ColumnMapping.h"
#include "core/data/PromptTemplate.h"

#include <cmath>

namespace core {

namespace {

// data.columns and data.template shape Alpaca records; other formats have no use for them.
void checkAlpacaOnly(const DataConfig& c, bool set, const char* key, const char* otherwise)
{
    if (c.format == DataFormat::Alpaca)
        return;
    const std::string name = toString(c.format);
    LORAWB_CHECK(!set, key, " applies to Alpaca data only; remove it for data.format: ", name,
                 name == "messages" ? otherwise : ".");
}

} // namespace

const SettingTable<DataConfig>& dataSettingTable()
{
    using C = DataConfig;
    static const SettingTable<C> table = {
        {"path", "the training data: Alpaca records (.json array, .jsonl, .csv), chat records, or a plain text file",
         &C::path,
         [](const C& c) {
             LORAWB_CHECK(!c.path.empty(),
                          "data.path is not set. Point it at the dataset: a .json (array), .jsonl or "
                          ".csv file of Alpaca records, or a plain text file with data.format: text.");
         }},
        {"format", "alpaca, messages (chat, sharegpt), text, seq_cls (text, label), token_cls (tokens, tags), squad or "
                   "pairs (query, positive)",
         ChoiceAccess<C>{
             [](const C& c) { return toString(c.format); },
             [](C& c, const std::string& text, const std::string& key) { c.format = parseDataFormat(text, key); },
             {toString(DataFormat::Alpaca), toString(DataFormat::Messages), toString(DataFormat::Text),
              toString(DataFormat::SeqCls), toString(DataFormat::TokenCls), toString(DataFormat::Squad),
              toString(DataFormat::Pairs)}}},
        {"validation_path", "a separate validation file; empty = hold out data.validation_split of data.path",
         &C::validationPath},
        {"validation_split", "share of the records held out for validation, in [0, 1)", &C::validationSplit,
         [](const C& c) {
             LORAWB_CHECK(std::isfinite(c.validationSplit) && c.validationSplit >= 0 && c.validationSplit < 1,
                          "data.validation_split must be in [0, 1), got ", c.validationSplit,
                          ". Use e.g. 0.1 to hold out 10%.");
             LORAWB_CHECK(c.validationPath.empty() || c.validationSplit == 0,
                          "data.validation_path and "
                          "data.validation_split are both set; use one: a separate validation file, or a share of "
                          "data.path held out.");
         }},
        {"max_length", "tokens per sequence, BOS and EOS included", &C::maxLength,
         [](const C& c) {
             LORAWB_CHECK(c.maxLength >= 2, "data.max_length must be at least 2 tokens (BOS and EOS included), got ",
                          c.maxLength, ". Typical values are 256 to 2048.");
         }},
        {"overlong", "records longer than max_length: truncate (cut) or drop (leave out)",
         ChoiceAccess<C>{
             [](const C& c) { return toString(c.overlong); },
             [](C& c, const std::string& text, const std::string& key) { c.overlong = parseOverlongPolicy(text, key); },
             {toString(OverlongPolicy::Truncate), toString(OverlongPolicy::Drop)}}},
        {"train_on_prompt", "false: loss on the responses (the assistant's turns) only; true: on every token",
         &C::trainOnPrompt},
        {"chat_template", "chat records: model (tokenizer_config.json's template) or a built-in one such as chatml",
         &C::chatTemplate,
         [](const C& c) {
             if (c.format == DataFormat::Messages) {
                 if (c.chatTemplate != "model")
                     (void)chat::builtinChatTemplate(c.chatTemplate, "data.chat_template"); // names the known ones
             } else {
                 LORAWB_CHECK(c.chatTemplate == "model" || c.chatTemplate.empty(),
                              "data.chat_template applies to "
                              "chat records only; set data.format: messages or remove it.");
             }
         },
         [](const C& c) { return c.format == DataFormat::Messages; }},
        {"columns", "file column → record field, for other column names, e.g. {prompt: instruction} or {sentence: text}",
         &C::columns,
         [](const C& c) {
             if (c.format == DataFormat::Alpaca || c.format == DataFormat::SeqCls || c.format == DataFormat::TokenCls ||
                 c.format == DataFormat::Pairs)
                 (void)ColumnMapping(c.columns, recordShapeOf(c.format));
             else
                 checkAlpacaOnly(c, !c.columns.empty(), "data.columns", ".");
         }},
        {"template", "your own prompt format: with_input and without_input, with {instruction} {input} {output}",
         StructuredAccess<C>{[](const C& c) {
                                 if (c.templateWithInput.empty() && c.templateWithoutInput.empty())
                                     return std::string();
                                 return "{with_input: " + c.templateWithInput
                                     + ", without_input: " + c.templateWithoutInput + "}";
                             },
                             "mapping {with_input, without_input}", {"with_input", "without_input"}},
         [](const C& c) {
             if (c.format == DataFormat::Alpaca)
                 (void)PromptTemplate::fromConfig(c); // throws for a bad placeholder
             checkAlpacaOnly(c, !c.templateWithInput.empty() || !c.templateWithoutInput.empty(), "data.template",
                             " (chat records take data.chat_template).");
         }},
        {"skip_invalid", "skip bad records (counted, first reasons reported) instead of stopping at the first",
         &C::skipInvalid},
        {"shuffle", "shuffle the records every epoch (seed + epoch); false keeps the file's order", &C::shuffle},
        {"group_by_length", "batch records of similar length together (less padding, less even batches)",
         &C::groupByLength},
        {"split_seed", "seed of the train/validation split", &C::splitSeed},
        {"tokenize_threads", "threads that tokenize the records; 0 = every core (the result is the same for any count)",
         &C::tokenizeThreads,
         [](const C& c) {
             LORAWB_CHECK(c.tokenizeThreads >= 0, "data.tokenize_threads must be >= 0 (0 = all cores), got ",
                          c.tokenizeThreads, ".");
         }},
    };
    return table;
}

} // namespace core
