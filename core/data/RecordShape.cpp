#include "core/data/RecordShape.h"

namespace core {

const RecordShape& alpacaRecordShape()
{
    static const RecordShape shape{
        "Alpaca",
        {"instruction", "input", "output"},
        {true, false, true},
        {SlotValue::Text, SlotValue::Text, SlotValue::Text},
        {{{"instruction", "prompt", "question", "query", "instructions", "task", "source", "user"},
          {"input", "context", "inputs", "passage"},
          {"output", "completion", "response", "answer", "target", "outputs", "chosen", "assistant", "solution"}}},
        "{prompt: instruction, completion: output}",
        "'instruction' and 'output' strings ('input' is optional)"};
    return shape;
}

const RecordShape& seqClsRecordShape()
{
    static const RecordShape shape{
        "seq_cls",
        {"text", "text_pair", "label"},
        {true, false, true},
        {SlotValue::Text, SlotValue::Text, SlotValue::Label},
        {{{"text", "sentence", "sentence1", "premise", "question", "content", "document", "review", "input"},
          {"text_pair", "sentence2", "hypothesis", "context", "second"},
          {"label", "labels", "class", "category", "target", "score", "y"}}},
        "{sentence: text, category: label}",
        "a 'text' string and a 'label' (a class name, a class index, a list of them, or a number; 'text_pair' is "
        "optional)"};
    return shape;
}

const RecordShape& tokenClsRecordShape()
{
    static const RecordShape shape{
        "token_cls",
        {"tokens", "", "tags"},
        {true, false, true},
        {SlotValue::List, SlotValue::Unused, SlotValue::List},
        {{{"tokens", "words", "sentence", "text"}, {}, {"tags", "ner_tags", "labels", "ner", "label", "pos_tags"}}},
        "{words: tokens, ner_tags: tags}",
        "a 'tokens' list of words and a 'tags' list of as many tags (names such as \"B-PER\", or indices)"};
    return shape;
}

// The negative sits in the optional middle slot, so that the two required texts keep Alpaca's required slots.
const RecordShape& pairsRecordShape()
{
    static const RecordShape shape{
        "pairs",
        {"query", "negative", "positive"},
        {true, false, true},
        {SlotValue::Text, SlotValue::Text, SlotValue::Text},
        {{{"query", "anchor", "question", "sentence1", "text", "q", "premise"},
          {"negative", "neg", "hard_negative", "negative_passage", "sentence3"},
          {"positive", "pos", "document", "passage", "answer", "sentence2", "positive_passage", "doc", "hypothesis"}}},
        "{anchor: query, pos: positive}",
        "a 'query' string and a 'positive' string (a text that answers or matches it; 'negative', a text that "
        "does not, is optional)"};
    return shape;
}

const RecordShape& recordShapeOf(DataFormat format)
{
    switch (format) {
    case DataFormat::SeqCls: return seqClsRecordShape();
    case DataFormat::TokenCls: return tokenClsRecordShape();
    case DataFormat::Pairs: return pairsRecordShape();
    default: return alpacaRecordShape();
    }
}

std::string RecordShape::fieldList() const
{
    std::string out;
    for (int slot = 0; slot < 3; ++slot)
        if (used(slot))
            out += (out.empty() ? "" : ", ") + fields[static_cast<size_t>(slot)];
    return out;
}

} // namespace core
