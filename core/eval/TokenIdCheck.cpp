#include "core/eval/TokenIdCheck.h"

#include "core/common/Error.h"

namespace core {

void checkTokenIdsFit(const std::vector<int64_t>& ids, int64_t vocabSize, const std::string& lead)
{
    for (const int64_t id : ids)
        LORAWB_CHECK(id >= 0 && id < vocabSize, lead, "token id ", id, " is outside the model's vocabulary (vocab_size ",
                     vocabSize, "); the tokenizer does not belong to this model.");
}

} // namespace core
