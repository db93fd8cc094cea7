#include "core/experiment/TaskDataFormat.h"

#include <iterator>

namespace core {

namespace {
const TaskDataPairing kPairings[] = {
    {TaskType::SeqCls, DataFormat::SeqCls, "classification data",
     "classification records; set data.format: seq_cls (columns text [, text_pair] and label)"},
    {TaskType::TokenCls, DataFormat::TokenCls, "token-tagging data",
     "tagged sentences; set data.format: token_cls (tokens and tags lists, or CoNLL columns)"},
    {TaskType::QuestionAns, DataFormat::Squad, "question-answering data",
     "questions with their answers in a context; set data.format: squad (SQuAD v1.1 / v2.0 JSON, or its JSONL "
     "export)"},
    {TaskType::FeatureExtraction, DataFormat::Pairs, "query/positive pairs",
     "texts paired with a text that matches them; set data.format: pairs (columns query, positive [, negative])"}};
} // namespace

const TaskDataPairing* pairingOfTask(TaskType task)
{
    for (const TaskDataPairing& pairing : kPairings)
        if (pairing.task == task)
            return &pairing;
    return nullptr;
}

const TaskDataPairing* pairingOfFormat(DataFormat format)
{
    for (const TaskDataPairing& pairing : kPairings)
        if (pairing.format == format)
            return &pairing;
    return nullptr;
}

bool trainsOn(TaskType task, DataFormat format)
{
    const TaskDataPairing* byTask = pairingOfTask(task);
    return byTask ? byTask->format == format : pairingOfFormat(format) == nullptr;
}

} // namespace core
