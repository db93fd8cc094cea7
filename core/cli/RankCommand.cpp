// lorawb rank (--matrix TEXT | --model DIR --adapter DIR) [--json]: the rank lab from the command line — the rank, a
// basis and the column dependencies of a small matrix, or the singular-value spectrum of every ΔW of an adapter.
#include "core/cli/ArgParser.h"
#include "core/cli/Commands.h"
#include "core/cli/JsonOutput.h"
#include "core/common/Error.h"
#include "core/eval/RankAnalysis.h"
#include "core/lora/AdapterIO.h"
#include "core/model/ModelLoader.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <cstdio>
#include <iostream>
#include <sstream>

namespace core::cli {
namespace {

const std::string kHelp =
    "usage: lorawb rank --matrix TEXT [--json]\n"
    "       lorawb rank --model DIR --adapter DIR [--top N] [--json]\n"
    "\n"
    "--matrix: the rank of a small matrix (rows separated by ';', entries by spaces or commas), a basis of its\n"
    "          column space and how every other column depends on it. Example: --matrix \"1 2 -1; 0 1 -1; 3 1 2\"\n"
    "--adapter: for every LoRA module, the singular values of dW = scaling * B A, its effective rank, its norm and\n"
    "          the share of its energy in the top singular values (where learning happened, and how low-rank it is).\n"
    "  --top N   text output: show the N largest singular values per module (default 4)\n"
    "  --json    one JSON object\n";

at::Tensor parseMatrix(const std::string& text)
{
    std::vector<std::vector<double>> rows;
    std::stringstream rowStream(text);
    std::string row;
    while (std::getline(rowStream, row, ';')) {
        for (char& c : row)
            if (c == ',' || c == '\n' || c == '\t')
                c = ' ';
        std::stringstream entries(row);
        std::vector<double> values;
        std::string entry;
        while (entries >> entry) {
            try {
                size_t used = 0;
                values.push_back(std::stod(entry, &used));
                LORAWB_CHECK(used == entry.size(), "--matrix: '", entry, "' is not a number");
            } catch (const std::logic_error&) {
                LORAWB_FAIL("--matrix: '", entry, "' is not a number");
            }
        }
        if (!values.empty())
            rows.push_back(values);
    }
    LORAWB_CHECK(!rows.empty(), "--matrix: no numbers given; write rows separated by ';', e.g. \"1 2; 3 4\"");
    for (size_t i = 1; i < rows.size(); ++i)
        LORAWB_CHECK(rows[i].size() == rows[0].size(), "--matrix: row ", i + 1, " has ", rows[i].size(),
                     " entries but row 1 has ", rows[0].size(), "; every row needs the same number of columns");
    auto m = torch::empty({static_cast<int64_t>(rows.size()), static_cast<int64_t>(rows[0].size())}, torch::kFloat64);
    for (size_t i = 0; i < rows.size(); ++i)
        for (size_t j = 0; j < rows[i].size(); ++j)
            m[i][j] = rows[i][j];
    return m;
}

int matrixReport(const std::string& text, bool json)
{
    const MatrixRank result = matrixRank(parseMatrix(text));
    if (json) {
        nlohmann::json deps = nlohmann::json::array();
        for (const auto& [column, coefficients] : result.dependencies)
            deps.push_back({{"column", column}, {"coefficients", coefficients}});
        printJson({{"rank", result.rank}, {"tolerance", result.tolerance}, {"singular_values", result.singularValues},
                   {"basis_columns", result.basisColumns}, {"dependencies", deps}});
        return 0;
    }
    std::cout << "rank " << result.rank << "\nsingular values:";
    for (double s : result.singularValues)
        std::printf(" %.6g", s);
    std::cout << "\nbasis columns (0-based):";
    for (auto c : result.basisColumns)
        std::cout << " c" << c;
    std::cout << "\n";
    for (const auto& [column, coefficients] : result.dependencies) {
        std::cout << "c" << column << " =";
        for (size_t i = 0; i < coefficients.size(); ++i)
            std::printf(" %+.6g·c%lld", coefficients[i], static_cast<long long>(result.basisColumns[i]));
        std::cout << "\n";
    }
    return 0;
}

int adapterReport(const ArgParser& parser)
{
    parser.require("--model");
    LoadOptions options;
    options.device = "cpu";
    options.dtype = "float32";
    options.loadTokenizer = false;
    LoadedModel loaded = loadModel(parser.value("--model"), options);
    loadAdapter(*loaded.model, parser.value("--adapter"));
    const auto spectra = adapterSpectra(*loaded.model);
    if (parser.has("--json")) {
        nlohmann::json modules = nlohmann::json::array();
        for (const auto& s : spectra)
            modules.push_back({{"module", s.module}, {"layer", s.layer}, {"kind", s.kind}, {"r", s.r},
                               {"singular_values", s.singularValues}, {"effective_rank", s.effectiveRank},
                               {"frobenius_norm", s.frobeniusNorm}, {"energy", s.energy}});
        printJson({{"modules", modules}});
        return 0;
    }
    const int64_t top = parser.integer("--top", 4, 1);
    std::printf("%-44s %4s %6s %10s %8s  %s\n", "module", "r", "eff.r", "|dW|_F", "top-1 E", "singular values");
    for (const auto& s : spectra) {
        std::printf("%-44s %4d %6lld %10.4g %7.1f%% ", s.module.c_str(), s.r, static_cast<long long>(s.effectiveRank),
                    s.frobeniusNorm, s.energy.empty() ? 0.0 : 100.0 * s.energy[0]);
        for (int64_t i = 0; i < std::min<int64_t>(top, static_cast<int64_t>(s.singularValues.size())); ++i)
            std::printf(" %.4g", s.singularValues[i]);
        std::printf("\n");
    }
    return 0;
}

} // namespace

int runRank(const std::vector<std::string>& args)
{
    ArgParser parser("rank", kHelp);
    parser.addOption("--matrix", "TEXT");
    parser.addOption("--model", "DIR");
    parser.addOption("--adapter", "DIR");
    parser.addOption("--top", "N");
    parser.addFlag("--json");
    if (!parser.parse(args))
        return 0;
    parser.requireOneOf({"--matrix", "--adapter"});
    if (parser.has("--matrix"))
        return matrixReport(parser.value("--matrix"), parser.has("--json"));
    return adapterReport(parser);
}

} // namespace core::cli
