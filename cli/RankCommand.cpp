// lorawb rank (--matrix TEXT | --model DIR --adapter DIR [--truncate-eval FILE]) [--json]: the rank lab from the
// command line — the rank, a basis and the column dependencies of a small matrix, the singular-value spectrum of every
// ΔW of an adapter, or "what if r were smaller?": the adapter truncated to rank k and evaluated for each k.
#include "cli/ArgParser.h"
#include "cli/Commands.h"
#include "cli/JsonOutput.h"
#include "cli/ModelOptions.h"
#include "core/common/Error.h"
#include "core/eval/RankAnalysis.h"
#include "core/eval/TruncationCurve.h"
#include "core/lora/AdapterIO.h"
#include "core/lora/ParameterCount.h"
#include "core/model/DeviceSelection.h"
#include "core/model/ModelLoader.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <cstdio>
#include <iostream>
#include <sstream>
#include <unistd.h>

namespace core::cli {
namespace {

const std::string kHelp =
    "usage: lorawb rank --matrix TEXT [--json]\n"
    "       lorawb rank --model DIR --adapter DIR [--top N] [--json]\n"
    "       lorawb rank --model DIR --adapter DIR --truncate-eval FILE [--ks 1,2,4,8] [--accuracy-limit N] [--json]\n"
    "\n"
    "--matrix: the rank of a small matrix (rows separated by ';', entries by spaces or commas), a basis of its\n"
    "          column space and how every other column depends on it. Example: --matrix \"1 2 -1; 0 1 -1; 3 1 2\"\n"
    "--adapter: for every LoRA module, the singular values of dW = scaling * B A, its effective rank, its norm and\n"
    "          the share of its energy in the top singular values (where learning happened, and how low-rank it is).\n"
    "--truncate-eval FILE: what if r were smaller? For each k, every dW is cut to its best rank-k approximation (SVD)\n"
    "          and the model is evaluated on FILE, then the adapter is restored. FILE ending in .jsonl, .json or .csv:\n"
    "          Alpaca records (loss on the responses and exact-match accuracy, as lorawb eval --data); anything else:\n"
    "          plain text (loss, as lorawb eval --text). k = r is the adapter as trained. Also shows the LoRA\n"
    "          parameters an adapter trained at r = k would have.\n"
    "  --ks LIST            ranks to evaluate, e.g. 1,2,4,8 (each 1..r; default: powers of two below r, and r)\n"
    "  --accuracy-limit N   accuracy on the first N records only (0: all; default 0). The loss uses every record.\n"
    "  --device D           auto (default), cpu, cuda or cuda:N\n"
    "  --dtype T            auto (default: float32 on CPU, bfloat16 on CUDA), float32, bfloat16 or float16\n"
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

// "1,2,4,8" -> {1, 2, 4, 8}; anything else is a UsageError naming --ks.
std::vector<int> parseRanks(const ArgParser& parser)
{
    std::vector<int> ks;
    std::string text = parser.value("--ks");
    for (char& c : text)
        if (c == ',')
            c = ' ';
    std::stringstream entries(text);
    std::string entry;
    while (entries >> entry) {
        size_t used = 0;
        long value = 0;
        try {
            value = std::stol(entry, &used);
        } catch (const std::logic_error&) {
            used = 0;
        }
        if (used != entry.size() || value < 1 || value > 1000000)
            parser.fail("--ks: '" + entry + "' is not a rank; give whole numbers >= 1 separated by commas, e.g. 1,2,4,8");
        ks.push_back(static_cast<int>(value));
    }
    if (ks.empty())
        parser.fail("--ks: no rank given; write e.g. --ks 1,2,4,8");
    return ks;
}

LoadedModel loadForRank(const ArgParser& parser, bool withTokenizer)
{
    parser.require("--model");
    LoadOptions options;
    options.device = parser.value("--device", "auto");
    options.dtype = parser.value("--dtype", "auto");
    options.loadTokenizer = withTokenizer;
    // Resolved here first so that a message names the option the user typed.
    const c10::Device device = resolveDevice(options.device, "--device");
    (void)resolveDtype(options.dtype, device, "--dtype");
    LoadedModel loaded = loadModel(parser.value("--model"), options);
    loadAdapterTellingWhy(*loaded.model, parser.value("--adapter"));
    return loaded;
}

int truncationReport(const ArgParser& parser)
{
    TruncationOptions options;
    if (parser.has("--ks"))
        options.ks = parseRanks(parser);
    options.accuracyLimit = parser.integer("--accuracy-limit", 0, 0);
    const std::string data = parser.value("--truncate-eval");
    if (parser.has("--accuracy-limit") && !isAlpacaDatasetPath(data))
        parser.fail("--accuracy-limit applies to Alpaca records (.jsonl, .json, .csv) only; " + data +
                    " is read as plain text");
    LoadedModel loaded = loadForRank(parser, /*withTokenizer=*/true);
    const bool showProgress = isatty(STDERR_FILENO);
    const auto points = truncationCurve(*loaded.model, *loaded.tokenizer, data, options, [&](int64_t done, int64_t total) {
        if (showProgress)
            std::cerr << "\rtruncation: " << done << "/" << total << " ranks" << (done == total ? "\n" : "")
                      << std::flush;
    });
    if (parser.has("--json")) {
        nlohmann::json rows = nlohmann::json::array();
        for (const auto& p : points)
            rows.push_back({{"k", p.k}, {"loss", p.loss}, {"perplexity", p.perplexity},
                            {"accuracy", p.accuracy < 0 ? nlohmann::json() : nlohmann::json(p.accuracy)},
                            {"parameters", p.parameters}});
        printJson({{"truncation", rows}, {"data", data}, {"max_r", maxAdapterRank(*loaded.model)}});
        return 0;
    }
    std::printf("%4s %10s %12s %9s %14s\n", "k", "loss", "perplexity", "accuracy", "LoRA params");
    for (const auto& p : points) {
        std::printf("%4d %10.6f %12.6g ", p.k, p.loss, p.perplexity);
        if (p.accuracy < 0)
            std::printf("%9s", "-");
        else
            std::printf("%8.1f%%", 100.0 * p.accuracy);
        std::printf(" %14s\n", withThousandsSeparators(p.parameters).c_str());
    }
    std::printf("k = %d is the adapter as trained; lower k keeps only the top k singular directions of each dW.\n",
                maxAdapterRank(*loaded.model));
    return 0;
}

int adapterReport(const ArgParser& parser)
{
    if (parser.has("--truncate-eval"))
        return truncationReport(parser);
    for (const char* option : {"--ks", "--accuracy-limit"})
        if (parser.has(option))
            parser.fail(std::string(option) + " needs --truncate-eval FILE");
    LoadedModel loaded = loadForRank(parser, /*withTokenizer=*/false);
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
    parser.addOption("--truncate-eval", "FILE");
    parser.addOption("--ks", "LIST");
    parser.addOption("--accuracy-limit", "N");
    parser.addOption("--device", "D");
    parser.addOption("--dtype", "T");
    parser.addFlag("--json");
    if (!parser.parse(args))
        return 0;
    parser.requireOneOf({"--matrix", "--adapter"});
    if (parser.has("--matrix")) {
        for (const char* option : {"--model", "--truncate-eval", "--ks", "--accuracy-limit", "--device", "--dtype"})
            if (parser.has(option))
                parser.fail(std::string(option) + " belongs to the adapter form (--model DIR --adapter DIR), not to --matrix");
        return matrixReport(parser.value("--matrix"), parser.has("--json"));
    }
    return adapterReport(parser);
}

} // namespace core::cli
