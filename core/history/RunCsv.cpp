#include "core/history/RunCsv.h"

#include "core/history/RunColumns.h"

#include <cmath>
#include <iomanip>
#include <locale>
#include <set>
#include <sstream>

namespace core {
namespace {

// RFC 4180: a field holding a comma, a quote or a line break is quoted, its quotes doubled.
std::string csvField(const std::string& text)
{
    if (text.find_first_of(",\"\r\n") == std::string::npos)
        return text;
    std::string quoted = "\"";
    for (char c : text) {
        if (c == '"')
            quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

// The shortest text that reads back as `value`, in the classic locale: the GUI runs under the user's locale, where
// printf would write "0,0002" and break the columns. NaN (a diverged loss) is an empty cell.
std::string number(double value)
{
    if (std::isnan(value))
        return "";
    std::string text;
    for (int precision = 6; precision <= 17; ++precision) {
        std::ostringstream out;
        out.imbue(std::locale::classic());
        out << std::setprecision(precision) << value;
        text = out.str();
        std::istringstream in(text);
        in.imbue(std::locale::classic());
        double back = 0;
        if (in >> back && back == value)
            break;
    }
    return text;
}

// The CSV's columns, by their run-history names, in the order a spreadsheet reads best: what was run, how it went,
// where it came from. Text long enough to break a spreadsheet row (config_yaml, message) stays in the database.
const char* const kCsvColumns[] = {"name", "status", "started_at", "finished_at", "finetune", "model", "r",
                                   "lora_alpha", "lora_dropout", "targets", "bias", "learning_rate", "seed",
                                   "trainable_params", "all_params", "steps", "total_steps", "adapter_path",
                                   "model_hash", "data_hash", "template_hash"};

std::string cell(const RunValue& value)
{
    if (const auto* integer = std::get_if<int64_t>(&value))
        return std::to_string(*integer);
    if (const auto* real = std::get_if<double>(&value))
        return number(*real);
    if (const auto* text = std::get_if<std::string>(&value))
        return csvField(*text);
    return "";
}

} // namespace

std::string runsCsv(const std::vector<RunRecord>& runs)
{
    const std::vector<std::string> finalNames = finalMetricNames(runs);

    std::ostringstream csv;
    csv.imbue(std::locale::classic()); // no digit grouping in ids and counts, whatever the global locale
    csv << "id";
    for (const char* name : kCsvColumns)
        csv << ',' << name;
    for (const auto& name : finalNames)
        csv << ',' << csvField(name);
    csv << "\n"; // LF rather than RFC 4180's CRLF: shell tools choke on CR, and spreadsheets read either
    for (const auto& run : runs) {
        csv << run.id;
        for (const char* name : kCsvColumns)
            csv << ',' << cell(runColumn(name).get(run));
        for (const auto& name : finalNames) {
            const auto found = run.finals.find(name);
            csv << ',' << (found == run.finals.end() ? std::string() : number(found->second));
        }
        csv << "\n";
    }
    return csv.str();
}

} // namespace core
