#include "core/eval/NearestTexts.h"

#include "core/common/Error.h"

#include <torch/torch.h>

#include <set>

namespace core {

std::vector<NearText> nearestTexts(CausalLm& model, const Tokenizer& tok, const std::string& query,
                                   const std::vector<std::string>& corpus, EmbeddingOptions options, int64_t k)
{
    LORAWB_CHECK(!query.empty(), "the query to search with is empty.");
    LORAWB_CHECK(!corpus.empty(), "there are no texts to search.");
    options.normalize = true;
    std::vector<std::string> texts{query};
    texts.insert(texts.end(), corpus.begin(), corpus.end());
    const TextEmbeddings embedded = embedTexts(model, tok, texts, options, [](size_t i) {
        return i == 0 ? std::string("the query") : "text " + std::to_string(i) + " of the corpus";
    });
    const at::Tensor documents = embedded.vectors.narrow(0, 1, static_cast<int64_t>(corpus.size()));
    const at::Tensor cosines = documents.matmul(embedded.vectors[0]).to(torch::kFloat64);
    // A stable descending order: equal similarities keep the corpus order.
    const at::Tensor order = std::get<1>(cosines.sort(/*stable=*/true, /*dim=*/0, /*descending=*/true));
    std::vector<NearText> out;
    for (int64_t i = 0; i < std::min<int64_t>(k, order.size(0)); ++i) {
        const int64_t d = order[i].item<int64_t>();
        out.push_back({corpus[static_cast<size_t>(d)], cosines[d].item<double>()});
    }
    return out;
}

std::vector<std::string> pairDocuments(const RecordSet& pairs)
{
    // The pairs shape keeps query, negative and positive in Alpaca's instruction, input and output slots.
    std::vector<std::string> documents;
    std::set<std::string> seen;
    for (const AlpacaRecord& r : pairs.records)
        for (const std::string* text : {&r.output, &r.input})
            if (!text->empty() && seen.insert(*text).second)
                documents.push_back(*text);
    return documents;
}

} // namespace core
