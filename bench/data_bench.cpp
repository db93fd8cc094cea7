// Times the dataset layer on an Alpaca-sized file: 50,000 generated records shaped like the original alpaca_data.json
// (52,002 records, 22.7 MB: short instructions, an input on ~40%, outputs of a few sentences) read, formatted,
// tokenized and masked by prepareData. Prints wall time and CPU time (all threads), so that a busy machine shows.
//
//   lorawb_data_bench [--records N] [--tokenizer tokenizer.model|MODEL_DIR] [--threads T] [--keep DIR] [--train-on-prompt]
//
// A MODEL_DIR is read as the engine reads it: its tokenizer.json when present (HF tokenizers' format), else tokenizer.model.
// Without --tokenizer a LLaMA-like sentencepiece model (BPE, 8000 pieces, byte fallback, identity normalization) is
// trained on a sample of the generated text first; that time is not part of the figure.
#include "core/common/Error.h"
#include "core/data/DatasetReader.h"
#include "core/data/DatasetStats.h"
#include "core/data/PreparedData.h"
#include "core/data/PromptTemplate.h"
#include "core/tokenizer/SentencePieceTokenizer.h"
#include "core/tokenizer/TokenizerLoader.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <ctime>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

const char* const kWords[] = {
    "the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "as", "with", "was", "on", "be", "by", "this",
    "are", "or", "from", "an", "which", "can", "have", "more", "their", "not", "but", "they", "one", "all", "been",
    "use", "data", "model", "write", "story", "explain", "describe", "list", "three", "ways", "improve", "health",
    "energy", "water", "climate", "change", "computer", "science", "language", "learning", "people", "world",
    "important", "example", "following", "sentence", "paragraph", "summary", "question", "answer", "create", "poem",
    "reduce", "increase", "benefits", "renewable", "sources", "government", "economy", "history", "research",
    "students", "school", "time", "money", "business", "customer", "service", "product", "design", "system",
    "network", "security", "privacy", "information", "technology", "artificial", "intelligence", "neural",
    "algorithm", "function", "number", "between", "difference", "similar", "compare", "contrast", "translate",
    "French", "Spanish", "recipe", "cook", "chicken", "vegetables", "healthy", "diet", "exercise", "sleep", "stress",
    "city", "country", "travel", "nature", "animal", "species", "ocean", "forest", "planet", "space", "rocket",
    "identify", "classify", "categorize", "generate", "suggest", "provide", "rewrite", "edit", "evaluate",
    "Python", "code", "program", "array", "string", "sort", "search", "efficient", "simple", "complex", "However,",
    "Therefore,", "First,", "Second,", "Finally,", "also", "should", "would", "could", "because", "while", "when",
    "2", "10", "25", "100", "1999", "2021", "3.14", "e.g.", "i.e.", "(", ")", ":", ";", "-", "\"quoted\"", "café",
    "naïve", "Zürich", "—", "€", "über", "résumé"};
constexpr size_t kWordCount = sizeof(kWords) / sizeof(kWords[0]);

std::string phrase(std::mt19937_64& rng, int minWords, int maxWords, bool sentence)
{
    const int n = minWords + static_cast<int>(rng() % static_cast<uint64_t>(maxWords - minWords + 1));
    std::string text;
    for (int i = 0; i < n; ++i) {
        if (i)
            text += (sentence && rng() % 12 == 0) ? ". " : (rng() % 40 == 0 ? ",\n" : " ");
        text += kWords[rng() % kWordCount];
    }
    return sentence ? text + "." : text;
}

double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

int main(int argc, char** argv)
{
    int records = 50000;
    int threads = 0;
    bool trainOnPrompt = false;
    std::string tokenizerPath, keep;
    for (int i = 1; i < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--train-on-prompt") {
            trainOnPrompt = true;
            --i;
            continue;
        }
        if (i + 1 >= argc) {
            std::fprintf(stderr, "%s needs a value\n", flag.c_str());
            return 2;
        }
        if (flag == "--records")
            records = std::stoi(argv[i + 1]);
        else if (flag == "--tokenizer")
            tokenizerPath = argv[i + 1];
        else if (flag == "--threads")
            threads = std::stoi(argv[i + 1]);
        else if (flag == "--keep")
            keep = argv[i + 1];
        else {
            std::fprintf(stderr, "unknown flag %s\n", flag.c_str());
            return 2;
        }
    }
    try {
        namespace fs = std::filesystem;
        const fs::path dir = keep.empty()
            ? fs::temp_directory_path() / ("lorawb_data_bench_" + std::to_string(::getpid()))
            : fs::path(keep);
        fs::create_directories(dir);

        // Alpaca-like records: short instruction, input on ~40%, outputs of a few sentences.
        std::mt19937_64 rng(1234);
        nlohmann::json array = nlohmann::json::array();
        for (int i = 0; i < records; ++i)
            array.push_back({{"instruction", phrase(rng, 5, 18, false)},
                             {"input", rng() % 10 < 4 ? phrase(rng, 5, 35, true) : ""},
                             {"output", phrase(rng, 8, 72, true)}});
        const std::string jsonPath = (dir / "alpaca_data.json").string();
        const std::string jsonlPath = (dir / "alpaca_data.jsonl").string();
        {
            std::ofstream(jsonPath) << array.dump(4); // indented as the original release
            std::ofstream lines(jsonlPath);
            for (const auto& record : array)
                lines << record.dump() << "\n";
        }
        std::printf("data: %d records, %.1f MB as a JSON array (%s)\n", records,
                    static_cast<double>(fs::file_size(jsonPath)) / 1e6, jsonPath.c_str());

        if (tokenizerPath.empty()) {
            const std::string corpus = (dir / "corpus.txt").string();
            std::ofstream out(corpus);
            // Formatted records, template included, so that its words are pieces as in a real model's vocabulary.
            const core::PromptTemplate alpaca = core::PromptTemplate::alpaca();
            for (int i = 0; i < std::min(records, 5000); ++i) {
                const auto& r = array[static_cast<size_t>(i)];
                out << alpaca.format({r["instruction"], r["input"], r["output"]}).text() << "\n";
            }
            out.close();
            const auto start = std::chrono::steady_clock::now();
            core::trainSentencePiece("--input=" + corpus + " --model_prefix=" + (dir / "tok").string() +
                                     " --vocab_size=8000 --model_type=bpe --byte_fallback=true --split_digits=true "
                                     "--normalization_rule_name=identity --remove_extra_whitespaces=false "
                                     "--hard_vocab_limit=false --minloglevel=2");
            tokenizerPath = (dir / "tok.model").string();
            std::printf("tokenizer: trained %s in %.1f s (not timed below)\n", tokenizerPath.c_str(),
                        secondsSince(start));
        }
        const std::unique_ptr<core::Tokenizer> tok = fs::is_directory(tokenizerPath)
            ? core::loadTokenizer(tokenizerPath)
            : std::unique_ptr<core::Tokenizer>(core::SentencePieceTokenizer::fromFile(tokenizerPath));
        array = nlohmann::json();

        core::DataConfig cfg;
        cfg.maxLength = 1024;
        cfg.tokenizeThreads = threads;
        cfg.trainOnPrompt = trainOnPrompt;
        for (const std::string& path : {jsonPath, jsonlPath}) {
            cfg.path = path;
            auto start = std::chrono::steady_clock::now();
            const core::RecordSet set = core::readAlpacaRecords(path, cfg);
            const double read = secondsSince(start);
            start = std::chrono::steady_clock::now();
            const std::clock_t cpuStart = std::clock();
            const core::PreparedData data = core::prepareData(cfg, *tok);
            const double total = secondsSince(start);
            const double cpu = static_cast<double>(std::clock() - cpuStart) / CLOCKS_PER_SEC;
            const core::DatasetStats stats = core::computeStats(data.train, data.report);
            std::printf(
                "%-6s read %.2f s; prepareData (read + format + tokenize + mask) %.2f s wall, %.2f s CPU = %.0f "
                "records/s, %.2f M tokens (median %.0f, max %lld per record), %u threads\n",
                path == jsonPath ? "json" : "jsonl", read, total, cpu, static_cast<double>(set.records.size()) / total,
                static_cast<double>(stats.totalTokens) / 1e6, stats.medianLength,
                static_cast<long long>(stats.maxLength),
                threads > 0 ? static_cast<unsigned>(threads) : std::thread::hardware_concurrency());
        }
        if (keep.empty())
            fs::remove_all(dir);
    } catch (const core::Error& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 2;
    }
    return 0;
}
