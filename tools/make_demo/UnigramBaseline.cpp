#include "UnigramBaseline.h"

#include "core/common/Error.h"

#include <cmath>

namespace demo {

UnigramBaseline::UnigramBaseline(const std::vector<int>& fitIds, int vocabSize)
    : m_logProb(static_cast<size_t>(vocabSize), 1.0)
{
    for (int id : fitIds) {
        LORAWB_ASSERT(id >= 0 && id < vocabSize);
        m_logProb[static_cast<size_t>(id)] += 1.0;
    }
    const double total = static_cast<double>(fitIds.size()) + vocabSize;
    for (double& p : m_logProb)
        p = std::log(p / total);
}

UnigramResult UnigramBaseline::evaluate(const std::vector<int>& ids) const
{
    UnigramResult result;
    double sum = 0;
    for (int id : ids) {
        LORAWB_ASSERT(id >= 0 && static_cast<size_t>(id) < m_logProb.size());
        sum -= m_logProb[static_cast<size_t>(id)];
    }
    result.tokens = static_cast<int64_t>(ids.size());
    result.loss = ids.empty() ? 0.0 : sum / static_cast<double>(ids.size());
    result.perplexity = std::exp(result.loss);
    return result;
}

} // namespace demo
