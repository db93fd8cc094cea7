// Times tokenizer.json encoding on one thread: every line of a text file encoded (HF's add_special_tokens=False),
// after one untimed pass. Prints lines, tokens, seconds, tokens per second and an order-sensitive checksum of the ids,
// so that bench/tokenizer_speed.py can check it encoded exactly what HF tokenizers encoded before it compares times.
//
//   lorawb_tokenizer_bench MODEL_OR_TOKENIZER_DIR CORPUS.txt [--repeat N]
#include "core/common/Error.h"
#include "core/tokenizer/TokenizerLoader.h"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

int main(int argc, char** argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: lorawb_tokenizer_bench DIR CORPUS.txt [--repeat N]\n");
        return 2;
    }
    int repeat = 3;
    if (argc >= 5 && std::string(argv[3]) == "--repeat")
        repeat = std::stoi(argv[4]);
    try {
        const auto tok = core::loadTokenizer(argv[1]);
        std::vector<std::string> lines;
        std::ifstream in(argv[2], std::ios::binary);
        std::string line;
        while (std::getline(in, line))
            lines.push_back(line);
        std::uint64_t checksum = 0, tokens = 0;
        for (const auto& l : lines) // warm-up, and the checksum
            for (int id : tok->encode(l)) {
                checksum = checksum * 1000003u + static_cast<std::uint64_t>(id);
                ++tokens;
            }
        double best = 1e30;
        for (int r = 0; r < repeat; ++r) {
            const auto start = std::chrono::steady_clock::now();
            std::size_t n = 0;
            for (const auto& l : lines)
                n += tok->encode(l).size();
            const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            if (n != tokens)
                return 1;
            best = std::min(best, s);
        }
        std::printf("{\"lines\": %zu, \"tokens\": %llu, \"seconds\": %.4f, \"tokens_per_second\": %.0f, "
                    "\"checksum\": \"%llu\"}\n",
                    lines.size(), static_cast<unsigned long long>(tokens), best, static_cast<double>(tokens) / best,
                    static_cast<unsigned long long>(checksum));
    } catch (const core::Error& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 2;
    }
    return 0;
}
