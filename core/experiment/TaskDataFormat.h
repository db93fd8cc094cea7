#pragma once
// Which data.format each task head trains on: SEQ_CLS seq_cls, TOKEN_CLS token_cls, QUESTION_ANS squad,
// FEATURE_EXTRACTION pairs; a language model (CAUSAL_LM) any format none of them claims. The experiment file's
// validation and the window's Data tab both ask here, so they cannot disagree.
#include "core/data/DataConfig.h"
#include "core/lora/LoraConfig.h"

namespace core {

struct TaskDataPairing {
    TaskType task;
    DataFormat format;
    const char* data;   ///< what the format holds: "classification data"
    const char* needed; ///< what the task trains on, and the setting that reads it
};

// The pairing of a task head, or of a format that only a head reads; nullptr for CAUSAL_LM and its formats.
const TaskDataPairing* pairingOfTask(TaskType task);
const TaskDataPairing* pairingOfFormat(DataFormat format);
// Whether task_type `task` trains on data.format `format`.
bool trainsOn(TaskType task, DataFormat format);

} // namespace core
