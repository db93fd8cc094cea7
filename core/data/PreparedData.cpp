#include "core/data/PreparedData.h"

#include "core/common/Error.h"
#include "core/data/ChatExamples.h"
#include "core/data/ClassificationData.h"
#include "core/data/ChatRecordReader.h"
#include "core/data/DatasetReader.h"
#include "core/data/ExampleBuilder.h"
#include "core/data/PairData.h"
#include "core/data/PromptTemplate.h"
#include "core/data/QuestionAnsweringData.h"
#include "core/data/TokenClassificationData.h"
#include "core/tokenizer/Tokenizer.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace core {

namespace {

// Applies max_length to examples in place, dropping what the policy drops; counts into report.
void applyPolicy(std::vector<Example>& examples, const DataConfig& cfg, DatasetReport& report)
{
    size_t kept = 0;
    for (Example& example : examples) {
        const LengthOutcome outcome = applyMaxLength(example, cfg.maxLength, cfg.overlong);
        if (outcome == LengthOutcome::Dropped) {
            ++report.dropped;
            continue;
        }
        if (outcome == LengthOutcome::Truncated || example.truncated) // classification text is cut on the way in
            ++report.truncated;
        if (&examples[kept] != &example)
            examples[kept] = std::move(example);
        ++kept;
    }
    examples.resize(kept);
}

void merge(DatasetReport& into, const DatasetReport& from)
{
    into.records += from.records;
    into.skipped += from.skipped;
    into.warnings.insert(into.warnings.end(), from.warnings.begin(), from.warnings.end());
    for (const std::string& reason : from.firstSkipReasons)
        if (into.firstSkipReasons.size() < DatasetReport::kMaxReasons)
            into.firstSkipReasons.push_back(reason);
}

std::string emptyMessage(const std::string& what, const std::string& path, const DataConfig& cfg,
                         const DatasetReport& report)
{
    const char* fix = cfg.overlong == OverlongPolicy::Drop
                          ? "Raise data.max_length or set data.overlong: truncate"
                          : "Raise data.max_length (a record whose prompt alone fills it has nothing left to train)";
    return detail::concat(path, ": no ", what, " example is left (", report.records, " valid records, ", report.skipped,
                          " skipped as invalid, ", report.dropped, " dropped by data.max_length = ", cfg.maxLength,
                          ", overlong: ", toString(cfg.overlong), "). ", fix, ".");
}

template <typename T>
void splitByIndex(std::vector<T>& all, const std::vector<int64_t>& validation, std::vector<T>& train,
                  std::vector<T>& held)
{
    size_t v = 0;
    for (size_t i = 0; i < all.size(); ++i) {
        if (v < validation.size() && validation[v] == static_cast<int64_t>(i)) {
            held.push_back(std::move(all[i]));
            ++v;
        } else
            train.push_back(std::move(all[i]));
    }
}

PreparedData prepareText(const DataConfig& cfg, const Tokenizer& tok)
{
    PreparedData data;
    const auto windowsOf = [&](const std::string& path) {
        const std::vector<int64_t> ids = textIds(readTextFile(path), tok);
        std::vector<Example> windows = textWindows(ids, cfg.maxLength);
        const int64_t all = (static_cast<int64_t>(ids.size()) + cfg.maxLength - 1) / cfg.maxLength;
        data.report.dropped += all - static_cast<int64_t>(windows.size());
        data.report.records += static_cast<int64_t>(windows.size());
        return windows;
    };
    std::vector<Example> windows = windowsOf(cfg.path);
    if (!cfg.validationPath.empty()) {
        data.train = std::move(windows);
        data.validation = windowsOf(cfg.validationPath);
        LORAWB_CHECK(!data.validation.empty(), cfg.validationPath, ": the validation text is too short for one window ",
                     "of two tokens; give it more text.");
    } else {
        LORAWB_CHECK(cfg.validationSplit == 0 || windows.size() >= 2, cfg.path, ": the text gives ", windows.size(),
                     " window(s) of data.max_length = ", cfg.maxLength, " tokens, too few to hold out validation. ",
                     "Lower data.max_length, give more text, or set data.validation_split: 0.");
        splitByIndex(windows,
                     validationIndices(static_cast<int64_t>(windows.size()), cfg.validationSplit, cfg.splitSeed),
                     data.train, data.validation);
    }
    LORAWB_CHECK(!data.train.empty(), cfg.path, ": the text is empty after tokenization; give it some text.");
    return data;
}

// max_length on both sets, then the checks that something is left to train and to validate on.
void finish(PreparedData& data, const DataConfig& cfg)
{
    applyPolicy(data.train, cfg, data.report);
    applyPolicy(data.validation, cfg, data.report);
    LORAWB_CHECK(!data.train.empty(), emptyMessage("training", cfg.path, cfg, data.report));
    const bool wantsValidation = !cfg.validationPath.empty() || cfg.validationSplit > 0;
    LORAWB_CHECK(
        !wantsValidation || !data.validation.empty(),
        emptyMessage("validation", cfg.validationPath.empty() ? cfg.path : cfg.validationPath, cfg, data.report));
}

// The train and validation records of a record file (Alpaca's RecordSet or a ChatRecordSet): cfg.validation_path
// read by `read`, or cfg.validation_split of cfg.path held out.
template <typename Set, typename Read>
void readTrainAndValidation(const DataConfig& cfg, const Read& read, Set& train, Set& validation,
                            DatasetReport& report)
{
    Set main = read(cfg.path);
    merge(report, main.report);
    if (!cfg.validationPath.empty()) {
        train = std::move(main);
        validation = read(cfg.validationPath);
        merge(report, validation.report);
        return;
    }
    const int64_t n = static_cast<int64_t>(main.records.size());
    LORAWB_CHECK(cfg.validationSplit == 0 || n >= 2, cfg.path, ": ", n, " record(s) are too few to hold out ",
                 "data.validation_split = ", cfg.validationSplit, "; add records or set data.validation_split: 0.");
    const std::vector<int64_t> held = validationIndices(n, cfg.validationSplit, cfg.splitSeed);
    splitByIndex(main.records, held, train.records, validation.records);
    splitByIndex(main.fileIndex, held, train.fileIndex, validation.fileIndex);
}

// Chat records: rendered by the chat template, loss on the assistant's turns (all turns with train_on_prompt).
PreparedData prepareMessages(const DataConfig& cfg, const Tokenizer& tok)
{
    const ChatFormatter formatter = ChatFormatter::forTokenizer(cfg.chatTemplate, tok);
    PreparedData data;
    ChatRecordSet train, validation;
    readTrainAndValidation(
        cfg, [&](const std::string& path) { return readChatRecords(path, cfg); }, train, validation, data.report);
    const std::string& validationFile = cfg.validationPath.empty() ? cfg.path : cfg.validationPath;
    data.train = tokenizeConversations(train.records, train.fileIndex, formatter, tok, cfg.trainOnPrompt, cfg.path,
                                       cfg.tokenizeThreads);
    data.validation = tokenizeConversations(validation.records, validation.fileIndex, formatter, tok,
                                            cfg.trainOnPrompt, validationFile, cfg.tokenizeThreads);
    finish(data, cfg);
    return data;
}

} // namespace

std::vector<int64_t> validationIndices(int64_t n, double share, uint64_t seed)
{
    if (n <= 0 || share <= 0)
        return {};
    int64_t count = std::max<int64_t>(1, std::llround(static_cast<double>(n) * share));
    count = std::min(count, n - 1); // keep at least one for training
    std::vector<int64_t> order(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i)
        order[static_cast<size_t>(i)] = i;
    // Fisher-Yates with mt19937_64 (fully specified by the standard); std::shuffle's algorithm is not, and would give
    // another split on another standard library.
    std::mt19937_64 rng(seed);
    for (int64_t i = n - 1; i > 0; --i)
        std::swap(order[static_cast<size_t>(i)], order[static_cast<size_t>(rng() % static_cast<uint64_t>(i + 1))]);
    order.resize(static_cast<size_t>(count));
    std::sort(order.begin(), order.end());
    return order;
}

PreparedData prepareData(const DataConfig& cfg, const Tokenizer& tok, const TaskConfig& task)
{
    cfg.validate();
    if (cfg.format == DataFormat::SeqCls || cfg.format == DataFormat::TokenCls || cfg.format == DataFormat::Pairs) {
        PreparedData data;
        RecordSet train, validation;
        readTrainAndValidation(
            cfg, [&](const std::string& path) { return readAlpacaRecords(path, cfg); }, train, validation,
            data.report);
        if (cfg.format == DataFormat::SeqCls)
            buildClassificationExamples(train, validation, cfg, task, tok, data);
        else if (cfg.format == DataFormat::TokenCls)
            buildTokenClassificationExamples(train, validation, cfg, task, tok, data);
        else
            buildPairExamples(train, validation, cfg, tok, data);
        finish(data, cfg);
        return data;
    }
    if (cfg.format == DataFormat::Squad) {
        PreparedData data;
        buildQuestionAnsweringExamples(cfg, task, tok, data);
        finish(data, cfg);
        return data;
    }
    if (cfg.format == DataFormat::Text)
        return prepareText(cfg, tok);
    if (cfg.format == DataFormat::Messages)
        return prepareMessages(cfg, tok);
    const PromptTemplate prompts = PromptTemplate::fromConfig(cfg);
    PreparedData data;
    RecordSet train, validation;
    readTrainAndValidation(
        cfg, [&](const std::string& path) { return readAlpacaRecords(path, cfg); }, train, validation, data.report);
    // Tokenize both sets in one pass so the threads stay busy.
    const size_t trainCount = train.records.size();
    std::vector<AlpacaRecord> records = std::move(train.records);
    std::vector<int64_t> fileIndex = std::move(train.fileIndex);
    std::move(validation.records.begin(), validation.records.end(), std::back_inserter(records));
    fileIndex.insert(fileIndex.end(), validation.fileIndex.begin(), validation.fileIndex.end());
    std::vector<Example> examples =
        tokenizeRecords(records, fileIndex, prompts, tok, cfg.trainOnPrompt, cfg.tokenizeThreads);
    records.clear();
    records.shrink_to_fit();
    data.validation.assign(std::make_move_iterator(examples.begin() + static_cast<std::ptrdiff_t>(trainCount)),
                           std::make_move_iterator(examples.end()));
    examples.resize(trainCount);
    data.train = std::move(examples);
    finish(data, cfg);
    return data;
}

} // namespace core
