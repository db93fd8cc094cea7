#pragma once
// Shared by the eval suites: a tiny random Llama model and a stand-in tokenizer whose decoded ids survive re-encoding.
#include "common/TinyModels.h"
#include "core/model/CausalLm.h"
#include "core/tokenizer/Tokenizer.h"

#include <torch/torch.h>

#include <sstream>
#include <string>
#include <vector>

namespace evaltest {

constexpr int kVocab = 64;

// Words "t<id>" are that id; any other word is one id per byte (3 + byte % 50). decode writes "t<id>" words, so the
// ids the model generates survive decode → encode, which the accuracy test needs.
class WordTokenizer final : public core::Tokenizer {
public:
    explicit WordTokenizer(int eos = 2) : m_eos(eos) {}
    std::vector<int> encode(const std::string& text) const override
    {
        std::vector<int> ids;
        std::istringstream in(text);
        std::string word;
        while (in >> word) {
            if (word.size() > 1 && word[0] == 't' && word.find_first_not_of("0123456789", 1) == std::string::npos) {
                ids.push_back(std::stoi(word.substr(1)));
                continue;
            }
            for (unsigned char c : word)
                ids.push_back(3 + c % 50);
        }
        return ids;
    }
    std::string decode(const std::vector<int>& ids) const override
    {
        std::string out;
        for (int id : ids)
            out += (out.empty() ? "t" : " t") + std::to_string(id);
        return out;
    }
    std::string idToPiece(int id) const override { return "t" + std::to_string(id); }
    int vocabSize() const override { return kVocab; }
    int bosId() const override { return 1; }
    int eosId() const override { return m_eos; }
    int padId() const override { return 0; }

private:
    int m_eos;
};

// maxPositions is what the window and last-position tests vary. Weights 25 times transformers' 0.02 so that the logits
// are far from uniform (distinct greedy choices).
inline std::shared_ptr<core::CausalLm> tinyModel(int64_t maxPositions = 64, uint64_t seed = 7)
{
    return testutil::randomModel(testutil::tinyConfig(kVocab, maxPositions, /*intermediateSize=*/64), seed,
                                 /*matrixScale=*/25);
}

inline std::vector<int64_t> randomIds(int64_t n, uint64_t seed)
{
    auto gen = at::detail::createCPUGenerator(seed);
    auto t = at::randint(3, kVocab, {n}, gen, torch::TensorOptions(torch::kLong));
    return std::vector<int64_t>(t.data_ptr<int64_t>(), t.data_ptr<int64_t>() + n);
}

inline torch::Tensor row(const std::vector<int64_t>& ids)
{
    return torch::tensor(ids, torch::kLong).unsqueeze(0);
}

} // namespace evaltest
