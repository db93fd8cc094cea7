#include "core/data/LabelValues.h"

#include "core/common/Error.h"
#include "core/common/Text.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <set>

namespace core {

namespace {

// A whole number written as digits only ("2", not "2.0" or "+2"): how an index label looks in JSON and CSV.
bool parseIndex(const std::string& text, long long& out)
{
    if (text.empty() || text.size() > 9 || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return false;
    out = std::stoll(text);
    return true;
}

bool parseNumber(const std::string& text, double& out)
{
    if (text.empty())
        return false;
    char* end = nullptr;
    errno = 0;
    out = std::strtod(text.c_str(), &end);
    return end == text.c_str() + text.size() && errno == 0 && std::isfinite(out);
}

std::string quotedList(const std::vector<std::string>& names)
{
    std::string out;
    const size_t shown = std::min<size_t>(names.size(), 12);
    for (size_t i = 0; i < shown; ++i)
        out += (i ? ", " : "") + names[i];
    if (shown < names.size())
        out += ", … (" + std::to_string(names.size()) + " in all)";
    return out;
}

} // namespace

RawLabel parseRawLabel(const std::string& text, const std::string& where)
{
    RawLabel out;
    if (text.empty() || text.front() != '[') {
        out.values.push_back(text);
        return out;
    }
    nlohmann::json list;
    try {
        list = nlohmann::json::parse(text);
    } catch (const std::exception&) {
        out.values.push_back(text); // a name that starts with '['
        return out;
    }
    out.isList = true;
    for (const auto& item : list) {
        LORAWB_CHECK(item.is_string() || item.is_number(), where, ": a label list holds ", item.type_name(), " (",
                     item.dump(), "); write class names or indices only, e.g. [\"law\", \"prophets\"] or [0, 2]");
        out.values.push_back(item.is_string() ? item.get<std::string>() : item.dump());
    }
    return out;
}

ClassLabels settleClassLabels(const TaskConfig& task, const std::vector<RawLabel>& labels, const std::string& path)
{
    ClassLabels out;
    out.problemType = task.problemType;
    if (out.problemType == ProblemType::Auto) {
        const bool anyList = std::any_of(labels.begin(), labels.end(), [](const RawLabel& l) { return l.isList; });
        out.problemType = task.numLabels == 1 ? ProblemType::Regression
                          : anyList           ? ProblemType::MultiLabel
                                              : ProblemType::SingleLabel;
    }
    if (out.problemType == ProblemType::Regression) {
        size_t width = 0;
        for (const auto& label : labels)
            width = std::max(width, label.values.size());
        out.numLabels = task.numLabels > 0 ? task.numLabels : static_cast<int>(std::max<size_t>(width, 1));
        return out;
    }
    if (!task.labels.empty()) {
        out.names = task.labels;
    } else {
        std::set<std::string> distinct;
        bool allIndices = true;
        long long largest = -1;
        for (const auto& label : labels)
            for (const auto& value : label.values) {
                distinct.insert(value);
                long long index = 0;
                if (parseIndex(value, index))
                    largest = std::max(largest, index);
                else
                    allIndices = false;
            }
        if (allIndices) {
            const long long count = task.numLabels > 0 ? task.numLabels : largest + 1;
            LORAWB_CHECK(largest < count, path, ": the labels go up to ", largest, ", outside task.num_labels ",
                         task.numLabels, " (indices 0 to ", task.numLabels - 1, "); raise task.num_labels or fix "
                         "the labels");
            LORAWB_CHECK(count <= 100000, path, ": the largest label index is ", largest, "; more than 100000 "
                         "classes is not a classification task this app trains (a typo in a label?)");
            for (long long i = 0; i < count; ++i)
                out.names.push_back("LABEL_" + std::to_string(i));
        } else {
            out.names.assign(distinct.begin(), distinct.end());
            LORAWB_CHECK(task.numLabels == 0 || task.numLabels == static_cast<int>(out.names.size()), path,
                         ": the labels name ", out.names.size(), " classes (", quotedList(out.names),
                         ") but task.num_labels is ", task.numLabels, "; remove task.num_labels, or list the "
                         "classes in task.labels");
        }
    }
    out.numLabels = static_cast<int>(out.names.size());
    LORAWB_CHECK(out.numLabels >= 2 || out.problemType == ProblemType::MultiLabel, path, ": only one class (",
                 quotedList(out.names), "); single-label classification needs at least two. Add records of the "
                 "other classes, list every class in task.labels, or set task.num_labels");
    return out;
}

std::vector<float> labelTarget(const ClassLabels& classes, const RawLabel& label, const std::string& where)
{
    const int n = classes.numLabels;
    if (classes.problemType == ProblemType::Regression) {
        LORAWB_CHECK(static_cast<int>(label.values.size()) == n, where, ": regression with num_labels ", n,
                     " needs ", n == 1 ? "one number" : std::to_string(n) + " numbers", ", got ",
                     label.values.size());
        std::vector<float> values;
        for (const auto& text : label.values) {
            double v = 0;
            LORAWB_CHECK(parseNumber(text, v), where, ": regression needs a number as label, got '", text,
                         "'; write it as a number (0.75), or use single_label_classification for class names");
            values.push_back(static_cast<float>(v));
        }
        return values;
    }
    const auto indexOf = [&](const std::string& value) -> int {
        const auto it = std::find(classes.names.begin(), classes.names.end(), value);
        if (it != classes.names.end())
            return static_cast<int>(it - classes.names.begin());
        long long index = -1;
        LORAWB_CHECK(parseIndex(value, index) && index < n, where, ": label '", value, "' is ",
                     parseIndex(value, index) ? "outside the " + std::to_string(n) + " classes (indices 0 to " +
                                                    std::to_string(n - 1) + ")"
                                              : "not one of the classes (" + quotedList(classes.names) + ")",
                     ". Fix the label, or list every class in task.labels");
        return static_cast<int>(index);
    };
    if (classes.problemType == ProblemType::SingleLabel) {
        LORAWB_CHECK(!label.isList && label.values.size() == 1, where, ": single-label classification takes one "
                     "label per record, got a list; set task.problem_type: multi_label_classification for several");
        return {static_cast<float>(indexOf(label.values.front()))};
    }
    std::vector<float> hot(static_cast<size_t>(n), 0.0f);
    for (const auto& value : label.values)
        hot[static_cast<size_t>(indexOf(value))] = 1.0f;
    return hot;
}

} // namespace core
