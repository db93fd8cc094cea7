#include "core/history/RunJson.h"

#include "core/history/RunColumns.h"

#include <nlohmann/json.hpp>

namespace core {

nlohmann::json runToJson(const RunRecord& run)
{
    nlohmann::json object = {{"id", run.id}};
    for (const auto& column : runColumns()) {
        const RunValue value = column.get(run);
        if (const auto* integer = std::get_if<int64_t>(&value))
            object[column.name] = *integer;
        else if (const auto* real = std::get_if<double>(&value))
            object[column.name] = *real; // nlohmann writes NaN as null
        else if (const auto* text = std::get_if<std::string>(&value))
            object[column.name] = *text;
        else
            object[column.name] = nullptr;
    }
    // Two columns read better in JSON than as stored: the final metrics as an object rather than its text, and
    // sweep_id 0 (no sweep) rather than the database's NULL, as scripts have always read them.
    nlohmann::json finals = nlohmann::json::object();
    for (const auto& [name, value] : run.finals)
        finals[name] = value;
    object["finals"] = finals;
    object["sweep_id"] = run.sweepId;
    return object;
}

} // namespace core
