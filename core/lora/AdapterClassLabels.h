#pragma once
// A SEQ_CLS adapter's classes in adapter_config.json, under the names transformers' config.json gives them:
// num_labels, id2label {"0": name}, label2id {name: 0}, problem_type, pad_token_id. PEFT ignores fields it does not
// know (with a warning when it loads the file), so the folder stays a PEFT adapter; in Python the same values rebuild
// the head: AutoModelForSequenceClassification.from_pretrained(base, num_labels=…, id2label=…, pad_token_id=…).
#include "core/task/ClassLabels.h"

#include <nlohmann/json.hpp>

#include <string>

namespace core {

void writeClassLabels(nlohmann::ordered_json& adapterConfig, const ClassLabels& classes);
// The fields above when present (an adapter PEFT made has none: then empty). Throws core::Error naming the file and
// field for a malformed value (id2label keys that are not 0 … num_labels-1, a problem_type transformers lacks).
ClassLabels readClassLabels(const nlohmann::ordered_json& adapterConfig, const std::string& path);
// Fills what an adapter without the fields leaves open, from its score head's size: names LABEL_i, problem type
// regression for one output and single-label otherwise (transformers' rule for integer labels).
ClassLabels completedClassLabels(ClassLabels classes, int numLabels);

} // namespace core
