#include "core/data/RecordShape.h"

namespace core {

const RecordShape& alpacaRecordShape()
{
    static const RecordShape shape{
        "Alpaca",
        {"instruction", "input", "output"},
        {true, false, true},
        false,
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
        true,
        {{{"text", "sentence", "sentence1", "premise", "question", "content", "document", "review", "input"},
          {"text_pair", "sentence2", "hypothesis", "context", "second"},
          {"label", "labels", "class", "category", "target", "score", "y"}}},
        "{sentence: text, category: label}",
        "a 'text' string and a 'label' (a class name, a class index, a list of them, or a number; 'text_pair' is "
        "optional)"};
    return shape;
}

const RecordShape& recordShapeOf(DataFormat format)
{
    return format == DataFormat::SeqCls ? seqClsRecordShape() : alpacaRecordShape();
}

} // namespace core
