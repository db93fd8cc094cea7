#include "core/task/TaskConfig.h"

#include "core/common/Error.h"
#include "core/task/TaskSettings.h"

namespace core {

std::string toString(ProblemType type)
{
    switch (type) {
    case ProblemType::Auto: return "auto";
    case ProblemType::SingleLabel: return "single_label_classification";
    case ProblemType::MultiLabel: return "multi_label_classification";
    case ProblemType::Regression: return "regression";
    }
    LORAWB_ASSERT(false, "unknown ProblemType ", static_cast<int>(type));
    return {};
}

std::vector<std::string> allProblemTypeNames()
{
    return {"auto", "single_label_classification", "multi_label_classification", "regression"};
}

ProblemType parseProblemType(const std::string& text, const std::string& field)
{
    for (ProblemType type : {ProblemType::Auto, ProblemType::SingleLabel, ProblemType::MultiLabel,
                             ProblemType::Regression})
        if (text == toString(type))
            return type;
    LORAWB_FAIL(field, " must be auto, single_label_classification (one class per record, cross-entropy), "
                "multi_label_classification (any number of classes per record, binary cross-entropy) or regression "
                "(a number per record, mean squared error); got '", text, "'");
}

void TaskConfig::validate() const
{
    checkSettings(taskSettingTable(), *this);
}

bool TaskConfig::hasClassifierKeys() const
{
    return numLabels != 0 || !labels.empty() || problemType != ProblemType::Auto || padTokenId != -1;
}

bool TaskConfig::hasSpanKeys() const
{
    const TaskConfig defaults;
    return docStride != defaults.docStride || maxAnswerLength != defaults.maxAnswerLength;
}

bool TaskConfig::hasEmbeddingKeys() const
{
    const TaskConfig defaults;
    return pooling != defaults.pooling || temperature != defaults.temperature;
}

} // namespace core
