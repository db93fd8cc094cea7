#include "cli/EvalDataOptions.h"

#include <iomanip>
#include <iostream>
#include <sstream>
#include <unistd.h>

namespace core::cli {

std::map<std::string, std::string> parseColumnsOption(const ArgParser& parser)
{
    std::map<std::string, std::string> columns;
    if (!parser.has("--columns"))
        return columns;
    std::stringstream list(parser.value("--columns"));
    for (std::string pair; std::getline(list, pair, ',');) {
        const auto eq = pair.find('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == pair.size())
            parser.fail("--columns takes file column=field pairs separated by commas, e.g. sentence=text,"
                        "category=label; got '" + pair + "'");
        columns[pair.substr(0, eq)] = pair.substr(eq + 1);
    }
    return columns;
}

DataConfig evalDataConfig(const ArgParser& parser, DataFormat format)
{
    DataConfig data;
    data.path = parser.value("--data");
    data.format = format;
    data.columns = parseColumnsOption(parser);
    data.maxLength = static_cast<int>(parser.integer("--max-length", 512, 2));
    data.validate();
    return data;
}

std::function<void(int64_t, int64_t)> scoringProgress(const char* unit)
{
    if (!isatty(STDERR_FILENO))
        return {};
    return [unit](int64_t done, int64_t total) {
        std::cerr << "\rscoring: " << done << "/" << total << " " << unit << (done == total ? "\n" : "")
                  << std::flush;
    };
}

void printScoreLine(const char* label, double value, int digits)
{
    std::cout << std::left << std::setw(12) << label << std::right << std::fixed << std::setprecision(digits) << value
              << std::defaultfloat << "\n";
}

} // namespace core::cli
