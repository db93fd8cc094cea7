#include "core/task/Embedding.h"

#include "core/common/Error.h"

namespace core {

std::string toString(Pooling pooling)
{
    return pooling == Pooling::Mean ? "mean" : "last";
}

std::vector<std::string> allPoolingNames()
{
    return {"mean", "last"};
}

Pooling parsePooling(const std::string& text, const std::string& field)
{
    if (text == "mean")
        return Pooling::Mean;
    if (text == "last")
        return Pooling::LastToken;
    LORAWB_FAIL(field, " must be mean (the average of the real tokens' hidden states) or last (the last real token's, "
                "as decoder embedding models such as E5-Mistral and Qwen3-Embedding pool); got '", text, "'");
}

} // namespace core
