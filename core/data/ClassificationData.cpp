#include "core/data/ClassificationData.h"

#include "core/common/Error.h"
#include "core/data/ClassCounts.h"
#include "core/data/DatasetReader.h"
#include "core/data/LabelValues.h"
#include "core/tokenizer/Tokenizer.h"

#include <algorithm>

namespace core {

namespace {

std::vector<int64_t> withBos(const std::string& text, const Tokenizer& tok)
{
    std::vector<int64_t> ids;
    if (tok.bosId() >= 0)
        ids.push_back(tok.bosId());
    for (int id : tok.encode(text))
        ids.push_back(id);
    return ids;
}

// Each record's tokens and target; the record's slots are text, text_pair, label (seqClsRecordShape).
std::vector<Example> classificationExamples(const RecordSet& set, const std::string& path,
                                            const std::vector<RawLabel>& labels, const ClassLabels& classes,
                                            int64_t cut, const Tokenizer& tok)
{
    std::vector<Example> list;
    list.reserve(set.records.size());
    for (size_t i = 0; i < set.records.size(); ++i) {
        const AlpacaRecord& record = set.records[i];
        LORAWB_CHECK(!record.instruction.empty(), recordWhere(path, set, i), ": the text is empty; a classifier "
                     "needs text to read. Fill it in, or remove the record");
        Example example = tokenizeClassificationText(record.instruction, record.input, tok, cut);
        example.recordIndex = set.fileIndex.empty() ? static_cast<int64_t>(i) : set.fileIndex[i];
        example.target = labelTarget(classes, labels[i], recordWhere(path, set, i));
        list.push_back(std::move(example));
    }
    return list;
}

std::vector<RawLabel> rawLabels(const RecordSet& set, const std::string& path)
{
    std::vector<RawLabel> labels;
    labels.reserve(set.records.size());
    for (size_t i = 0; i < set.records.size(); ++i)
        labels.push_back(parseRawLabel(set.records[i].output, recordWhere(path, set, i)));
    return labels;
}

} // namespace

Example tokenizeClassificationText(const std::string& text, const std::string& textPair, const Tokenizer& tok,
                                   int64_t maxLength)
{
    Example example;
    std::vector<int64_t> first = withBos(text, tok);
    std::vector<int64_t> second = textPair.empty() ? std::vector<int64_t>{} : withBos(textPair, tok);
    const auto total = [&] { return static_cast<int64_t>(first.size() + second.size()); };
    if (maxLength > 0 && total() > maxLength) {
        example.truncated = true;
        while (total() > maxLength) // longest_first: the longer one loses its last token (the first on a tie)
            (second.size() > first.size() ? second : first).pop_back();
    }
    example.inputIds = std::move(first);
    example.inputIds.insert(example.inputIds.end(), second.begin(), second.end());
    example.labels.assign(example.inputIds.size(), kIgnoreIndex);
    return example;
}

void buildClassificationExamples(const RecordSet& train, const RecordSet& validation, const DataConfig& cfg,
                                 const TaskConfig& task, const Tokenizer& tok, PreparedData& out)
{
    // A split leaves both sets without a path of their own.
    const std::string& trainPath = cfg.path;
    const std::string& validationPath = cfg.validationPath.empty() ? cfg.path : cfg.validationPath;
    const std::vector<RawLabel> trainLabels = rawLabels(train, trainPath);
    out.classes = settleClassLabels(task, trainLabels, trainPath);
    // Overlong records stay whole under drop, so that prepareData's policy leaves them out and counts them.
    const int64_t cut = cfg.overlong == OverlongPolicy::Truncate ? cfg.maxLength : 0;
    const auto examples = [&](const RecordSet& set, const std::string& path, const std::vector<RawLabel>& labels) {
        return classificationExamples(set, path, labels, out.classes, cut, tok);
    };
    out.train = examples(train, trainPath, trainLabels);
    // Trainable, but a head shown one class learns to answer it always (task.labels named the others).
    if (out.classes.problemType == ProblemType::SingleLabel) {
        const std::vector<int64_t> counts = classCounts(out.train, out.classes);
        if (std::count(counts.begin(), counts.end(), 0) + 1 == static_cast<std::ptrdiff_t>(counts.size()))
            out.report.warnings.push_back(
                trainPath + ": every training record has the label '" +
                out.classes.names[static_cast<size_t>(std::find_if(counts.begin(), counts.end(),
                                                                   [](int64_t n) { return n > 0; }) -
                                                      counts.begin())] +
                "'; the head will learn to answer it always. Add records of the other classes.");
    }
    out.validation = examples(validation, validationPath, rawLabels(validation, validationPath));
}

std::vector<Example> readClassificationExamples(const DataConfig& cfg, const ClassLabels& classes, const Tokenizer& tok)
{
    DataConfig shaped = cfg;
    shaped.format = DataFormat::SeqCls;
    const RecordSet set = readAlpacaRecords(cfg.path, shaped);
    return classificationExamples(set, cfg.path, rawLabels(set, cfg.path), classes, cfg.maxLength, tok);
}

} // namespace core
