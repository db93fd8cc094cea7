#include "core/data/DataConfig.h"

#include "core/chat/BuiltinChatTemplates.h"
#include "core/common/Error.h"
#include "core/data/ColumnMapping.h"
#include "core/data/PromptTemplate.h"

#include <cmath>

namespace core {

void DataConfig::validate() const
{
    LORAWB_CHECK(!path.empty(), "data.path is not set. Point it at the dataset: a .json (array), .jsonl or .csv file ",
                 "of Alpaca records, or a plain text file with data.format: text.");
    LORAWB_CHECK(std::isfinite(validationSplit) && validationSplit >= 0 && validationSplit < 1,
                 "data.validation_split must be in [0, 1), got ", validationSplit, ". Use e.g. 0.1 to hold out 10%.");
    LORAWB_CHECK(validationPath.empty() || validationSplit == 0, "data.validation_path and data.validation_split are ",
                 "both set; use one: a separate validation file, or a share of data.path held out.");
    LORAWB_CHECK(maxLength >= 2, "data.max_length must be at least 2 tokens (BOS and EOS included), got ", maxLength,
                 ". Typical values are 256 to 2048.");
    LORAWB_CHECK(tokenizeThreads >= 0, "data.tokenize_threads must be >= 0 (0 = all cores), got ", tokenizeThreads,
                 ".");
    if (format == DataFormat::Alpaca) {
        (void)ColumnMapping(columns);            // throws for an unknown field or two columns on one field
        (void)PromptTemplate::fromConfig(*this); // throws for a bad placeholder
    } else {
        const std::string name = toString(format);
        LORAWB_CHECK(columns.empty(), "data.columns applies to Alpaca data only; remove it for data.format: ", name, ".");
        LORAWB_CHECK(templateWithInput.empty() && templateWithoutInput.empty(),
                     "data.template applies to Alpaca data only; remove it for data.format: ", name,
                     name == "messages" ? " (chat records take data.chat_template)." : ".");
    }
    if (format == DataFormat::Messages) {
        if (chatTemplate != "model")
            (void)chat::builtinChatTemplate(chatTemplate, "data.chat_template"); // throws naming the known ones
    } else {
        LORAWB_CHECK(chatTemplate == "model" || chatTemplate.empty(), "data.chat_template applies to chat records "
                     "only; set data.format: messages or remove it.");
    }
}

std::string toString(DataFormat format)
{
    switch (format) {
    case DataFormat::Alpaca: return "alpaca";
    case DataFormat::Text: return "text";
    case DataFormat::Messages: return "messages";
    }
    return "?";
}

DataFormat parseDataFormat(const std::string& text, const std::string& field)
{
    if (text == "alpaca")
        return DataFormat::Alpaca;
    if (text == "text")
        return DataFormat::Text;
    if (text == "messages" || text == "sharegpt")
        return DataFormat::Messages;
    LORAWB_FAIL(field, ": unknown data format '", text, "'. Use alpaca (instruction/input/output records), messages ",
                "(chat records: a \"messages\" list of role/content, or ShareGPT \"conversations\") or text (a plain "
                "text file for language-model training).");
}

std::string toString(OverlongPolicy policy)
{
    switch (policy) {
    case OverlongPolicy::Truncate: return "truncate";
    case OverlongPolicy::Drop: return "drop";
    }
    return "?";
}

OverlongPolicy parseOverlongPolicy(const std::string& text, const std::string& field)
{
    if (text == "truncate")
        return OverlongPolicy::Truncate;
    if (text == "drop")
        return OverlongPolicy::Drop;
    LORAWB_FAIL(field, ": unknown policy '", text, "'. Use truncate (cut records longer than data.max_length) or drop ",
                "(leave them out).");
}

} // namespace core
