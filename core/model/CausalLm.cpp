#include "core/model/CausalLm.h"

#include "core/common/Error.h"

#include <torch/torch.h>

namespace core {

DecoderStack::DecoderStack(const ModelConfig& cfg)
{
    embedTokens = register_module("embed_tokens", torch::nn::Embedding(cfg.vocabSize, cfg.hiddenSize));
    layers = register_module("layers", torch::nn::ModuleList());
    for (int64_t i = 0; i < cfg.numHiddenLayers; ++i)
        layers->push_back(std::make_shared<DecoderLayer>(cfg, i));
    norm = register_module("norm", std::make_shared<RmsNorm>(cfg.hiddenSize, cfg.rmsNormEps));
}

CausalLm::CausalLm(const ModelConfig& cfg) : m_config(cfg), m_rope(cfg)
{
    m_stack = register_module("model", std::make_shared<DecoderStack>(cfg));
    if (cfg.tieWordEmbeddings)
        addLinear("lm_head", std::make_shared<DenseLinear>(m_stack->embedTokens->weight));
    else
        addLinear("lm_head", std::make_shared<DenseLinear>(cfg.hiddenSize, cfg.vocabSize, /*bias=*/false));
}

bool CausalLm::lmHeadTied() const
{
    return linear("lm_head")->baseWeight().unsafeGetTensorImpl() == m_stack->embedTokens->weight.unsafeGetTensorImpl();
}

torch::Tensor CausalLm::untieLmHead()
{
    const auto shared = m_stack->embedTokens->weight;
    auto copy = shared.detach().clone().set_requires_grad(shared.requires_grad());
    replaceLinear("lm_head", std::make_shared<DenseLinear>(copy));
    return copy;
}

void CausalLm::tieLmHead()
{
    replaceLinear("lm_head", std::make_shared<DenseLinear>(m_stack->embedTokens->weight));
}

void CausalLm::addTaskHead(const std::string& name, std::shared_ptr<LinearBase> head)
{
    LORAWB_ASSERT(!hasTaskHead(name) && name != "lm_head", "the model already has a head named ", name);
    addLinear(name, std::move(head));
}

bool CausalLm::hasTaskHead(const std::string& name) const
{
    return name != "lm_head" && named_children().contains(name);
}

std::shared_ptr<DecoderLayer> CausalLm::layer(int64_t i) const
{
    return m_stack->layers->ptr<DecoderLayer>(i);
}

torch::Tensor CausalLm::hiddenStates(const torch::Tensor& ids, KvCache* cache)
{
    if (cache && cache->empty())
        cache->resize(m_config.numHiddenLayers);
    const int64_t offset = cache && (*cache)[0].keys.defined() ? (*cache)[0].keys.size(2) : 0;
    auto h = m_stack->embedTokens->forward(ids);
    const auto [cos, sin] = m_rope.cosSin(offset, ids.size(1), h.scalar_type(), h.device());
    for (int64_t i = 0; i < m_config.numHiddenLayers; ++i)
        h = layer(i)->forward(h, cos, sin, cache ? &(*cache)[i] : nullptr);
    return m_stack->norm->forward(h);
}

torch::Tensor CausalLm::logits(const torch::Tensor& ids, KvCache* cache)
{
    return linear("lm_head")->forward(hiddenStates(ids, cache)).to(torch::kFloat32);
}

LossSum CausalLm::lossSum(const torch::Tensor& ids, const torch::Tensor& labels, bool perRow)
{
    const auto h = hiddenStates(ids);
    const int64_t t = ids.size(1);
    // Position i predicts token i+1; only rows whose target is not -100 need logits at all.
    const auto hidden = h.narrow(1, 0, t - 1).reshape({-1, h.size(-1)});
    const auto targets = labels.narrow(1, 1, t - 1).reshape({-1}).to(h.device());
    const auto rows = targets.ne(-100).nonzero().squeeze(1);
    LossSum out;
    out.tokens = rows.size(0);
    const int64_t batch = ids.size(0);
    if (perRow) {
        out.rowSums = torch::zeros({batch}, h.options().dtype(torch::kFloat32));
        out.rowTokens = torch::zeros({batch}, h.options().dtype(torch::kInt64));
    }
    if (out.tokens == 0) {
        out.sum = (h.sum() * 0).to(torch::kFloat32); // keeps the graph connected
        return out;
    }
    const auto logits = linear("lm_head")->forward(hidden.index_select(0, rows)).to(torch::kFloat32);
    auto options = torch::nn::functional::CrossEntropyFuncOptions();
    if (perRow)
        options.reduction(torch::kNone);
    else
        options.reduction(torch::kSum);
    const auto losses = torch::nn::functional::cross_entropy(logits, targets.index_select(0, rows), options);
    if (!perRow) {
        out.sum = losses;
        return out;
    }
    out.sum = losses.sum();
    const auto sequence = torch::div(rows, t - 1, "floor"); // flattened [B·(T−1)] row → its sequence
    out.rowSums.index_add_(0, sequence, losses);
    out.rowTokens.index_add_(0, sequence, torch::ones_like(sequence));
    return out;
}

torch::Tensor CausalLm::meanLoss(const torch::Tensor& ids, const torch::Tensor& labels)
{
    const auto loss = lossSum(ids, labels);
    return loss.sum / std::max<int64_t>(loss.tokens, 1);
}

} // namespace core
