#include "core/eval/TextEmbeddings.h"

#include "core/common/Error.h"
#include "core/data/Collator.h"
#include "core/eval/EvalMode.h"
#include "core/eval/ModelDevice.h"
#include "core/model/SentenceEmbedding.h"
#include "core/tokenizer/DefaultEncoding.h"

#include <torch/torch.h>

#include <algorithm>

namespace core {

TextEmbeddings embedTexts(CausalLm& model, const Tokenizer& tok, const std::vector<std::string>& texts,
                          const EmbeddingOptions& options, const std::function<std::string(size_t)>& whereText,
                          const std::function<void(int64_t, int64_t)>& onProgress)
{
    torch::NoGradGuard noGrad;
    EvalModeGuard evalMode(model);
    const c10::Device device = modelDevice(model);
    const int64_t pad = batchPadId(tok);
    const int64_t n = static_cast<int64_t>(texts.size());
    const int64_t step = std::max<int64_t>(options.batchSize, 1);
    TextEmbeddings out;
    std::vector<at::Tensor> blocks;
    for (int64_t begin = 0; begin < n; begin += step) {
        const int64_t count = std::min(step, n - begin);
        int64_t width = 1;
        for (int64_t i = begin; i < begin + count; ++i) {
            std::vector<int> ids = encodeWithDefaultSpecialTokens(tok, texts[static_cast<size_t>(i)]);
            LORAWB_CHECK(!ids.empty(), whereText(static_cast<size_t>(i)), " gives no tokens");
            if (static_cast<int64_t>(ids.size()) > options.maxLength) {
                ids.resize(static_cast<size_t>(options.maxLength));
                ++out.truncated;
            }
            width = std::max<int64_t>(width, static_cast<int64_t>(ids.size()));
            out.ids.push_back(std::move(ids));
        }
        auto batch = torch::full({count, width}, pad, torch::kInt64);
        auto lengths = torch::empty({count}, torch::kInt64);
        auto cells = batch.accessor<int64_t, 2>();
        auto lens = lengths.accessor<int64_t, 1>();
        for (int64_t r = 0; r < count; ++r) {
            const auto& row = out.ids[static_cast<size_t>(begin + r)];
            for (size_t t = 0; t < row.size(); ++t)
                cells[r][static_cast<int64_t>(t)] = row[t];
            lens[r] = static_cast<int64_t>(row.size());
        }
        blocks.push_back(
            sentenceEmbeddings(model, batch.to(device), lengths, options.pooling, options.normalize).cpu());
        if (onProgress)
            onProgress(begin + count, n);
    }
    out.vectors = blocks.empty() ? torch::empty({0, 0}, torch::kFloat32) : torch::cat(blocks).contiguous();
    return out;
}

} // namespace core
