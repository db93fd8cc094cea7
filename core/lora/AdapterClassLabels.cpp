#include "core/lora/AdapterClassLabels.h"

#include "core/common/Error.h"
#include "core/io/JsonFile.h"

namespace core {

using json = nlohmann::ordered_json;

void writeClassLabels(json& j, const ClassLabels& classes)
{
    if (classes.empty())
        return;
    j["num_labels"] = classes.numLabels;
    json id2label = json::object(), label2id = json::object();
    for (size_t i = 0; i < classes.names.size(); ++i) {
        id2label[std::to_string(i)] = classes.names[i];
        label2id[classes.names[i]] = static_cast<int>(i);
    }
    j["id2label"] = id2label;
    j["label2id"] = label2id;
    j["problem_type"] = toString(classes.problemType);
    j["pad_token_id"] = classes.padTokenId >= 0 ? json(classes.padTokenId) : json(nullptr);
}

ClassLabels readClassLabels(const json& j, const std::string& path)
{
    ClassLabels out;
    if (!j.contains("num_labels"))
        return out;
    out.numLabels = jsonWholeNumber<int>(j.at("num_labels"), path + ": num_labels");
    LORAWB_CHECK(out.numLabels >= 1, path, ": num_labels must be at least 1, got ", out.numLabels);
    if (j.contains("problem_type") && !j.at("problem_type").is_null()) {
        LORAWB_CHECK(j.at("problem_type").is_string(), path, ": problem_type must be a string");
        out.problemType = parseProblemType(j.at("problem_type").get<std::string>(), path + ": problem_type");
    }
    if (j.contains("id2label") && !j.at("id2label").is_null()) {
        const json& names = j.at("id2label");
        LORAWB_CHECK(names.is_object(), path, ": id2label must map class ids to names, e.g. {\"0\": \"negative\"}");
        out.names.assign(static_cast<size_t>(out.numLabels), "");
        for (const auto& [key, value] : names.items()) {
            const bool digits = !key.empty() && key.size() < 7 && key.find_first_not_of("0123456789") == std::string::npos;
            LORAWB_CHECK(digits && std::stoi(key) < out.numLabels && value.is_string(), path, ": id2label entry \"",
                         key, "\": ", value.dump(), " must map an id from 0 to ", out.numLabels - 1, " to a name");
            out.names[static_cast<size_t>(std::stoi(key))] = value.get<std::string>();
        }
        if (out.problemType == ProblemType::Regression)
            out.names.clear();
    }
    if (j.contains("pad_token_id") && !j.at("pad_token_id").is_null())
        out.padTokenId = jsonWholeNumber<int64_t>(j.at("pad_token_id"), path + ": pad_token_id");
    return out;
}

ClassLabels completedClassLabels(ClassLabels classes, int numLabels)
{
    classes.numLabels = numLabels;
    if (classes.problemType == ProblemType::Auto)
        classes.problemType = numLabels == 1 ? ProblemType::Regression : ProblemType::SingleLabel;
    if (classes.problemType != ProblemType::Regression) {
        classes.names.resize(static_cast<size_t>(numLabels));
        for (int i = 0; i < numLabels; ++i)
            if (classes.names[static_cast<size_t>(i)].empty())
                classes.names[static_cast<size_t>(i)] = "LABEL_" + std::to_string(i);
    }
    return classes;
}

} // namespace core
