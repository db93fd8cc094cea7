// lorawb settings [KEY] [--json | --markdown]: every key an experiment file may hold, with its type, default and
// what it does — from the same field tables the file is read and written with, so the list is never out of date.
#include "cli/ArgParser.h"
#include "cli/Cli.h"
#include "cli/Commands.h"
#include "cli/JsonOutput.h"
#include "core/common/Error.h"
#include "core/experiment/ExperimentSettings.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace core::cli {
namespace {

const char* const kHelp
    = "usage: lorawb settings [KEY] [--json | --markdown]\n"
      "\n"
      "Lists every key of the experiment file (what `lorawb train` runs and `--set key=value` overrides): its dotted\n"
      "name, type (or accepted values), default and what it does. With KEY (e.g. lora.r or lora), only that key or\n"
      "section.\n"
      "\n"
      "  --json        one JSON array of {key, type, default, doc, choices}\n"
      "  --markdown    a Markdown table (docs/EXPERIMENT_FILE.md is this output)\n";

nlohmann::json toJson(const SettingInfo& info)
{
    nlohmann::json row = {{"key", info.key}, {"type", info.type}, {"default", info.defaultText}, {"doc", info.doc}};
    if (!info.choices.empty())
        row["choices"] = info.choices;
    if (!info.subkeys.empty())
        row["keys"] = info.subkeys;
    return row;
}

} // namespace

int runSettings(const std::vector<std::string>& args)
{
    ArgParser parser("settings", kHelp);
    parser.addPositional("KEY", /*required=*/false);
    parser.addFlag("--json");
    parser.addFlag("--markdown");
    if (!parser.parse(args))
        return kExitOk;
    if (parser.has("--json") && parser.has("--markdown"))
        parser.fail("--json and --markdown are alternatives; give one");

    const std::string key = parser.value("KEY");
    std::vector<SettingInfo> selected;
    for (const auto& info : experimentSettings())
        if (key.empty() || info.key == key || info.key.rfind(key + ".", 0) == 0)
            selected.push_back(info);
    if (selected.empty()) {
        throw UsageError("lorawb settings: no setting or section '" + key
                         + "'. Sections: lora, data, train, forgetting; run 'lorawb settings' for every key.");
    }

    if (parser.has("--json")) {
        nlohmann::json rows = nlohmann::json::array();
        for (const auto& info : selected)
            rows.push_back(toJson(info));
        printJson(rows);
    } else if (parser.has("--markdown")) {
        std::cout << settingsReferenceMarkdown(selected);
    } else {
        std::cout << settingsReferenceText(selected);
    }
    return kExitOk;
}

} // namespace core::cli
