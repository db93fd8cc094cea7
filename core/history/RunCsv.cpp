#include "core/history/RunCsv.h"

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

} // namespace

std::string runsCsv(const std::vector<RunRecord>& runs)
{
    const std::vector<std::string> finalNames = finalMetricNames(runs);

    std::ostringstream csv;
    csv.imbue(std::locale::classic()); // no digit grouping in ids and counts, whatever the global locale
    csv << "id,name,status,started_at,finished_at,finetune,model,r,lora_alpha,lora_dropout,targets,bias,"
           "learning_rate,seed,trainable_params,all_params,steps,total_steps,adapter_path,model_hash,data_hash,"
           "template_hash";
    for (const auto& name : finalNames)
        csv << ',' << csvField(name);
    csv << "\n"; // LF rather than RFC 4180's CRLF: shell tools choke on CR, and spreadsheets read either
    for (const auto& run : runs) {
        csv << run.id << ',' << csvField(run.name) << ',' << toString(run.status) << ',' << csvField(run.startedAt)
            << ',' << csvField(run.finishedAt) << ',' << csvField(run.finetune) << ',' << csvField(run.model) << ','
            << run.r << ',' << number(run.loraAlpha) << ',' << number(run.loraDropout) << ','
            << csvField(run.targets) << ',' << csvField(run.bias) << ',' << number(run.learningRate) << ','
            << run.seed << ',' << run.trainableParams << ',' << run.allParams << ',' << run.steps << ','
            << run.totalSteps << ',' << csvField(run.adapterPath) << ',' << csvField(run.modelHash) << ','
            << csvField(run.dataHash) << ',' << csvField(run.templateHash);
        for (const auto& name : finalNames) {
            const auto found = run.finals.find(name);
            csv << ',' << (found == run.finals.end() ? std::string() : number(found->second));
        }
        csv << "\n";
    }
    return csv.str();
}

} // namespace core
