#include "core/eval/TaskAccuracy.h"

#include "core/common/Error.h"
#include "core/data/PromptTemplate.h"
#include "core/eval/Generation.h"
#include "core/model/CausalLm.h"
#include "core/tokenizer/Tokenizer.h"

#include <algorithm>

namespace core {

std::string trimmed(const std::string& text)
{
    const char* space = " \t\n\r\f\v";
    const size_t begin = text.find_first_not_of(space);
    if (begin == std::string::npos)
        return {};
    return text.substr(begin, text.find_last_not_of(space) - begin + 1);
}

bool exactMatch(const std::string& generated, const std::string& reference)
{
    return trimmed(generated) == trimmed(reference);
}

AccuracyResult exactMatchAccuracy(CausalLm& model, const Tokenizer& tok, const std::vector<AlpacaRecord>& records,
                                  const PromptTemplate& prompts, const AccuracyOptions& options,
                                  const std::function<void(int64_t, int64_t)>& onProgress)
{
    LORAWB_CHECK(!records.empty(), "no records to evaluate accuracy on; give a dataset with at least one record.");
    LORAWB_CHECK(options.limit >= 0, "--limit must be >= 0 (0 = every record), got ", options.limit, ".");
    const int64_t total = options.limit > 0 ? std::min<int64_t>(options.limit, static_cast<int64_t>(records.size()))
                                            : static_cast<int64_t>(records.size());
    AccuracyResult result;
    for (int64_t i = 0; i < total; ++i) {
        const AlpacaRecord& record = records[static_cast<size_t>(i)];
        GenerationOptions generation;
        generation.temperature = 0; // greedy: accuracy must not depend on a seed
        // Enough room for the reference answer and its EOS plus a margin: an answer that runs on past that is wrong
        // whatever follows, so generating further would only cost time.
        generation.maxNewTokens = static_cast<int64_t>(tok.encode(record.output).size()) + options.extraTokens + 1;
        const Generation answer = generate(model, tok, prompts.prompt(record.instruction, record.input), generation);
        RecordVerdict verdict{i, answer.text, exactMatch(answer.text, record.output)};
        result.correct += verdict.correct ? 1 : 0;
        result.verdicts.push_back(std::move(verdict));
        ++result.records;
        if (onProgress)
            onProgress(i + 1, total);
    }
    result.accuracy = static_cast<double>(result.correct) / static_cast<double>(result.records);
    return result;
}

} // namespace core
