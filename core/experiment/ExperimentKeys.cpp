#include "core/experiment/ExperimentKeys.h"

#include "core/common/Error.h"
#include "core/experiment/ExperimentSettings.h"

#include <algorithm>

namespace core {

namespace {

// Mappings whose keys are user data (module-name patterns, dataset column names), not settings.
bool isFreeForm(const std::string& path)
{
    const SettingInfo* info = findExperimentSetting(path);
    return info != nullptr && info->freeForm;
}

std::string trimmed(const std::string& text)
{
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos)
        return "";
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

} // namespace

const YamlSchema& experimentSchema()
{
    // From the field tables: each section's keys, and the keys of a structured setting that is a mapping.
    static const YamlSchema schema = [] {
        YamlSchema out;
        out[""];
        for (const auto& info : experimentSettings()) {
            const auto dot = info.key.find('.');
            const std::string section = dot == std::string::npos ? "" : info.key.substr(0, dot);
            auto& sectionKeys = out[""];
            if (!section.empty() && out.count(section) == 0)
                sectionKeys.push_back(section);
            out[section].push_back(dot == std::string::npos ? info.key : info.key.substr(dot + 1));
            if (!info.subkeys.empty())
                out[info.key] = info.subkeys;
        }
        return out;
    }();
    return schema;
}

const std::map<std::string, std::string>& experimentKeyAliases()
{
    static const std::map<std::string, std::string> aliases = {
        {"model_name_or_path", "model"},
        {"base_model_name_or_path", "model"},
        {"base_model", "model"},
        {"run_name", "name"},
        {"output", "output_dir"},
        {"rank", "lora.r"},
        {"alpha", "lora.lora_alpha"},
        {"dropout", "lora.lora_dropout"},
        {"dataset", "data.path"},
        {"max_seq_length", "data.max_length"},
        {"num_train_epochs", "train.epochs"},
        {"per_device_train_batch_size", "train.batch_size"},
        {"lr", "train.learning_rate"},
        {"lr_scheduler_type", "train.lr_scheduler"},
        {"logging_steps", "train.log_every"},
        {"eval_steps", "train.eval_every"},
        {"save_steps", "train.save_every"},
    };
    return aliases;
}

std::string applyOverride(YAML::Node& root, const std::string& assignment)
{
    const auto equals = assignment.find('=');
    const std::string key = equals == std::string::npos ? "" : trimmed(assignment.substr(0, equals));
    LORAWB_CHECK(!key.empty(), "--set expects key=value (e.g. --set lora.r=4), got '", assignment, "'");
    const std::string text = assignment.substr(equals + 1);

    YAML::Node value;
    try {
        value = YAML::Load(text);
    } catch (const YAML::Exception& e) {
        LORAWB_FAIL("--set ", assignment, ": the value is not valid YAML (", e.msg,
                    "); quote it if it holds YAML punctuation, e.g. --set 'name=\"a: b\"'");
    }

    YamlContext context;
    context.schema = &experimentSchema();
    context.aliases = &experimentKeyAliases();

    // Walk the dotted key through the schema; below a free-form mapping the rest of the key is one user key.
    std::vector<std::string> segments;
    for (size_t start = 0;;) {
        const auto dot = key.find('.', start);
        segments.push_back(key.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
        if (dot == std::string::npos)
            break;
        start = dot + 1;
    }
    std::string path;
    YAML::Node section = root;
    for (size_t i = 0; i < segments.size(); ++i) {
        std::string segment = segments[i];
        if (isFreeForm(path)) {
            for (size_t j = i + 1; j < segments.size(); ++j)
                segment += "." + segments[j];
            i = segments.size() - 1;
        }
        LORAWB_CHECK(!segment.empty(), "--set ", assignment, ": the key '", key,
                     "' has an empty part; write dotted keys such as lora.r");
        const std::string dotted = path.empty() ? segment : path + "." + segment;
        if (!isFreeForm(path)) {
            const auto& known = experimentSchema().at(path);
            LORAWB_CHECK(std::find(known.begin(), known.end(), segment) != known.end(), "--set ", assignment,
                         ": unknown key '", dotted, "'", unknownKeySuggestion(context, path, segment));
        }
        if (i + 1 == segments.size()) {
            section[segment] = value;
            return dotted;
        }
        LORAWB_CHECK(experimentSchema().count(dotted) > 0 || isFreeForm(dotted), "--set ", assignment, ": '",
                     dotted, "' is a setting, not a section; write --set ", dotted, "=VALUE");
        YAML::Node child = section[segment];
        if (!child.IsDefined() || child.IsNull())
            section[segment] = YAML::Node(YAML::NodeType::Map);
        else if (!child.IsMap())
            LORAWB_FAIL("--set ", assignment, ": '", dotted, "' in the file is ", describeYaml(child),
                        ", not a mapping of settings; fix the file first");
        section.reset(section[segment]);
        path = dotted;
    }
    LORAWB_ASSERT(false, "unreachable");
    return key;
}

} // namespace core
