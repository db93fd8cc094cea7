#pragma once
// SEQ_CLS labels as records write them (a class name, an index, a list of them, a number) and the classes they settle
// (core/task/ClassLabels.h): the problem type (never Auto after this), the names in id order, the number of outputs.
#include "core/task/ClassLabels.h"

#include <string>
#include <vector>

namespace core {

// A record's label as written: one value (a name, an index, a number) or a list of them (multi-label).
struct RawLabel {
    std::vector<std::string> values; ///< each as text ("law", "2", "0.75")
    bool isList = false;
};

// The label slot's text as the readers keep it (a string as is; a JSON number or list as its JSON text).
// Throws core::Error naming `where` for a list that holds anything but strings and numbers.
RawLabel parseRawLabel(const std::string& text, const std::string& where);

// Settles the classes from task: and the labels of the training records (validation records must then fit them):
// problem type Auto → regression when task.num_labels is 1, multi-label when any label is a list, else single-label.
// Names: task.labels; else, when every label is a whole number, indices with names LABEL_0 … (num_labels: task's or
// the largest + 1); else the distinct labels, sorted. Throws core::Error with the fix.
ClassLabels settleClassLabels(const TaskConfig& task, const std::vector<RawLabel>& labels, const std::string& path);

// The training target of one record (Example::target): {index} single-label, the multi-hot vector multi-label,
// the values regression. Throws core::Error naming `where` for a label outside the classes.
std::vector<float> labelTarget(const ClassLabels& classes, const RawLabel& label, const std::string& where);

} // namespace core
