#include "core/data/DataConfig.h"

#include "core/common/Error.h"
#include "core/data/DataSettings.h"

namespace core {

void DataConfig::validate() const
{
    checkSettings(dataSettingTable(), *this);
}

std::string toString(DataFormat format)
{
    switch (format) {
    case DataFormat::Alpaca: return "alpaca";
    case DataFormat::Text: return "text";
    case DataFormat::Messages: return "messages";
    case DataFormat::SeqCls: return "seq_cls";
    case DataFormat::TokenCls: return "token_cls";
    case DataFormat::Squad: return "squad";
    case DataFormat::Pairs: return "pairs";
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
    if (text == "seq_cls")
        return DataFormat::SeqCls;
    if (text == "token_cls")
        return DataFormat::TokenCls;
    if (text == "squad")
        return DataFormat::Squad;
    if (text == "pairs")
        return DataFormat::Pairs;
    LORAWB_FAIL(field, ": unknown data format '", text, "'. Use alpaca (instruction/input/output records), messages ",
                "(chat records: a \"messages\" list of role/content, or ShareGPT \"conversations\"), text (a plain "
                "text file for language-model training), seq_cls (text [, text_pair] and label records for "
                "task_type SEQ_CLS), token_cls (tokens and tags lists, or CoNLL columns, for task_type TOKEN_CLS) or "
                "squad (SQuAD v1.1 / v2.0 JSON, or its JSONL export, for task_type QUESTION_ANS) or pairs (query, positive [, "
                "negative] records for task_type FEATURE_EXTRACTION).");
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
