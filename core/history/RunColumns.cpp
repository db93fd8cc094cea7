#include "core/history/RunColumns.h"

#include "core/common/Error.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>
#include <type_traits>

namespace core {

namespace {

template <typename T>
RunColumn plain(const char* name, T RunRecord::*field, bool sortBy)
{
    RunColumn column;
    column.name = name;
    column.sortable = sortBy;
    if constexpr (std::is_same_v<T, std::string>) {
        column.type = RunColumn::Type::Text;
        column.get = [field](const RunRecord& run) { return RunValue(run.*field); };
        column.set = [field](RunRecord& run, const RunValue& value, const std::string&) {
            run.*field = std::holds_alternative<std::string>(value) ? std::get<std::string>(value) : std::string();
        };
    } else if constexpr (std::is_same_v<T, double>) {
        column.type = RunColumn::Type::Real;
        column.get = [field](const RunRecord& run) { return RunValue(run.*field); };
        column.set = [field](RunRecord& run, const RunValue& value, const std::string&) {
            // SQLite has no NaN: a NaN was stored as NULL and reads back as NaN.
            run.*field = std::holds_alternative<double>(value) ? std::get<double>(value)
                         : std::holds_alternative<int64_t>(value)
                             ? static_cast<double>(std::get<int64_t>(value))
                             : std::numeric_limits<double>::quiet_NaN();
        };
    } else {
        column.type = RunColumn::Type::Integer;
        column.get = [field](const RunRecord& run) { return RunValue(static_cast<int64_t>(run.*field)); };
        column.set = [field](RunRecord& run, const RunValue& value, const std::string&) {
            run.*field = std::holds_alternative<int64_t>(value) ? static_cast<T>(std::get<int64_t>(value)) : T{};
        };
    }
    return column;
}

std::string finalsJson(const std::map<std::string, double>& finals)
{
    nlohmann::json object = nlohmann::json::object();
    for (const auto& [name, value] : finals)
        object[name] = value; // NaN is written as null and read back as NaN
    return object.dump();
}

RunColumn statusColumn()
{
    RunColumn column;
    column.name = "status";
    column.sortable = true;
    column.get = [](const RunRecord& run) { return RunValue(toString(run.status)); };
    column.set = [](RunRecord& run, const RunValue& value, const std::string&) {
        run.status = parseRunStatus(std::holds_alternative<std::string>(value) ? std::get<std::string>(value) : "");
    };
    return column;
}

RunColumn finalsColumn()
{
    RunColumn column;
    column.name = "finals";
    column.get = [](const RunRecord& run) { return RunValue(finalsJson(run.finals)); };
    column.set = [](RunRecord& run, const RunValue& value, const std::string& where) {
        const std::string text = std::holds_alternative<std::string>(value) ? std::get<std::string>(value) : "";
        const auto finals = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
        LORAWB_CHECK(finals.is_object(), "run ", run.id, " in the run database '", where,
                     "' has damaged final metrics (not a JSON object); remove that run or pass another database with "
                     "--db / $LORAWB_DB");
        run.finals.clear();
        for (const auto& [name, number] : finals.items())
            run.finals[name] =
                number.is_number() ? number.get<double>() : std::numeric_limits<double>::quiet_NaN();
    };
    return column;
}

RunColumn sweepIdColumn()
{
    RunColumn column = plain("sweep_id", &RunRecord::sweepId, true);
    // A foreign key: 0 would name a sweep that does not exist, so a run of its own stores NULL (and reads back 0).
    column.get = [](const RunRecord& run) { return run.sweepId > 0 ? RunValue(run.sweepId) : RunValue(); };
    return column;
}

} // namespace

const std::vector<RunColumn>& runColumns()
{
    using R = RunRecord;
    static const std::vector<RunColumn> columns = {
        plain("name", &R::name, true),
        statusColumn(),
        plain("started_at", &R::startedAt, true),
        plain("finished_at", &R::finishedAt, true),
        plain("finetune", &R::finetune, true),
        plain("config_yaml", &R::configYaml, false),
        plain("model", &R::model, true),
        plain("r", &R::r, true),
        plain("lora_alpha", &R::loraAlpha, true),
        plain("lora_dropout", &R::loraDropout, true),
        plain("targets", &R::targets, true),
        plain("bias", &R::bias, true),
        plain("learning_rate", &R::learningRate, true),
        plain("seed", &R::seed, true),
        plain("trainable_params", &R::trainableParams, true),
        plain("all_params", &R::allParams, true),
        plain("model_hash", &R::modelHash, false),
        plain("data_hash", &R::dataHash, false),
        plain("template_hash", &R::templateHash, false),
        plain("lorawb_version", &R::lorawbVersion, false),
        plain("torch_version", &R::torchVersion, false),
        plain("device", &R::device, true),
        plain("output_dir", &R::outputDir, false),
        plain("adapter_path", &R::adapterPath, false),
        plain("steps", &R::steps, true),
        plain("total_steps", &R::totalSteps, true),
        plain("message", &R::message, false),
        finalsColumn(),
        sweepIdColumn(),
        plain("sweep_index", &R::sweepIndex, true),
    };
    return columns;
}

const RunColumn& runColumn(const std::string& name)
{
    for (const auto& column : runColumns())
        if (column.name == name)
            return column;
    LORAWB_ASSERT(false, "'", name, "' is not a column of the run history (core/history/RunColumns.cpp)");
    return runColumns().front();
}

std::vector<std::string> runSortColumns()
{
    std::vector<std::string> names = {"id"};
    for (const auto& column : runColumns())
        if (column.sortable)
            names.push_back(column.name);
    return names;
}

} // namespace core
