#include "core/data/TokenClassificationData.h"

#include "core/common/Error.h"
#include "core/data/DatasetReader.h"
#include "core/data/LabelValues.h"
#include "core/data/TokenSpans.h"
#include "core/tokenizer/Tokenizer.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace core {

namespace {

std::vector<std::string> stringList(const std::string& json, const std::string& where, const char* field,
                                    bool numbersToo)
{
    const nlohmann::json list = nlohmann::json::parse(json); // the readers wrote it
    std::vector<std::string> out;
    out.reserve(list.size());
    for (const auto& item : list) {
        if (item.is_string())
            out.push_back(item.get<std::string>());
        else if (numbersToo && item.is_number_integer() && item.get<int64_t>() >= 0)
            out.push_back(item.dump());
        else
            LORAWB_FAIL(where, ": '", field, "' holds ", item.dump(), " (item ", out.size() + 1, "); ",
                        numbersToo ? "a tag is a name such as \"B-PER\" or a whole number (its index)"
                                   : "each token is a word, written as a string", ".");
    }
    return out;
}

// Each record's tokens with its tags as indices into classes, on the first sub-token of each word.
std::vector<Example> taggedExamples(const RecordSet& set, const std::string& path,
                                    const std::vector<std::vector<std::string>>& words,
                                    const std::vector<std::vector<std::string>>& tags, const ClassLabels& classes,
                                    int64_t cut, const Tokenizer& tok)
{
    std::vector<Example> list;
    list.reserve(set.records.size());
    for (size_t i = 0; i < set.records.size(); ++i) {
        const WordTokens tokens = tokenizeWords(words[i], tok);
        Example example;
        example.positionLabels = true;
        example.recordIndex = set.fileIndex.empty() ? static_cast<int64_t>(i) : set.fileIndex[i];
        example.inputIds = tokens.ids;
        example.labels.assign(tokens.ids.size(), kIgnoreIndex);
        int64_t previousWord = -1;
        for (size_t t = 0; t < tokens.ids.size(); ++t) {
            const int64_t word = tokens.wordOf[t];
            if (word >= 0 && word != previousWord) {
                RawLabel tag;
                tag.values.push_back(tags[i][static_cast<size_t>(word)]);
                const std::string where = recordWhere(path, set, i) + ", word " + std::to_string(word + 1) + " ('" +
                                          words[i][static_cast<size_t>(word)] + "')";
                example.labels[t] = static_cast<int64_t>(labelTarget(classes, tag, where).front());
            }
            previousWord = word;
        }
        if (cut > 0 && static_cast<int64_t>(example.inputIds.size()) > cut) {
            example.inputIds.resize(static_cast<size_t>(cut));
            example.labels.resize(static_cast<size_t>(cut));
            example.truncated = true;
        }
        list.push_back(std::move(example));
    }
    return list;
}

void parseSet(const RecordSet& set, const std::string& path, std::vector<std::vector<std::string>>& words,
              std::vector<std::vector<std::string>>& tags)
{
    words.resize(set.records.size());
    tags.resize(set.records.size());
    for (size_t i = 0; i < set.records.size(); ++i)
        parseTaggedWords(set.records[i], recordWhere(path, set, i), words[i], tags[i]);
}

} // namespace

WordTokens tokenizeWords(const std::vector<std::string>& words, const Tokenizer& tok)
{
    WordTokens out;
    if (tok.bosId() >= 0) {
        out.ids.push_back(tok.bosId());
        out.wordOf.push_back(-1);
    }
    std::string text;
    std::vector<size_t> wordStarts;
    for (const std::string& word : words) {
        if (!text.empty())
            text += ' ';
        wordStarts.push_back(text.size());
        text += word;
    }
    const std::vector<int> ids = tok.encode(text);
    SpelledTokens spelled;
    if (spellTokens(text, ids, tok, spelled)) {
        for (size_t k = 0; k < ids.size(); ++k) {
            // The word whose region [its start - 1 (the space before it), the next word's start - 1) holds the start.
            const size_t at = spelled.starts[k] + 1;
            const auto word = std::upper_bound(wordStarts.begin(), wordStarts.end(), at) - wordStarts.begin() - 1;
            out.ids.push_back(ids[k]);
            out.wordOf.push_back(std::max<int64_t>(word, 0));
        }
        return out;
    }
    for (size_t w = 0; w < words.size(); ++w)
        for (int id : tok.encode(words[w])) {
            out.ids.push_back(id);
            out.wordOf.push_back(static_cast<int64_t>(w));
        }
    return out;
}

void parseTaggedWords(const AlpacaRecord& record, const std::string& where, std::vector<std::string>& words,
                      std::vector<std::string>& tags)
{
    words = stringList(record.instruction, where, "tokens", /*numbersToo=*/false);
    tags = stringList(record.output, where, "tags", /*numbersToo=*/true);
    LORAWB_CHECK(!words.empty(), where, ": 'tokens' is empty; a sentence to tag needs words. Remove the record");
    LORAWB_CHECK(words.size() == tags.size(), where, ": ", words.size(), " tokens but ", tags.size(), " tags; every "
                 "word needs exactly one tag (\"O\" outside entities). Fix the record so the two lists line up");
    for (size_t w = 0; w < words.size(); ++w)
        LORAWB_CHECK(!words[w].empty() && words[w].find_first_of(" \t\n\r") == std::string::npos, where, ": word ",
                     w + 1, " is ", words[w].empty() ? "empty" : "'" + words[w] + "', with a space in it",
                     "; a token is one word. Split it, or drop the empty one with its tag");
}

void buildTokenClassificationExamples(const RecordSet& train, const RecordSet& validation, const DataConfig& cfg,
                                      const TaskConfig& task, const Tokenizer& tok, PreparedData& out)
{
    const std::string& trainPath = cfg.path;
    const std::string& validationPath = cfg.validationPath.empty() ? cfg.path : cfg.validationPath;
    std::vector<std::vector<std::string>> trainWords, trainTags, validationWords, validationTags;
    parseSet(train, trainPath, trainWords, trainTags);
    parseSet(validation, validationPath, validationWords, validationTags);
    std::vector<RawLabel> all;
    for (const auto& sentence : trainTags)
        for (const std::string& tag : sentence)
            all.push_back(RawLabel{{tag}, false});
    TaskConfig single = task;
    single.problemType = ProblemType::SingleLabel; // one tag per word
    out.classes = settleClassLabels(single, all, trainPath);
    out.classes.unit = ClassifiedUnit::Token;
    const int64_t cut = cfg.overlong == OverlongPolicy::Truncate ? cfg.maxLength : 0;
    out.train = taggedExamples(train, trainPath, trainWords, trainTags, out.classes, cut, tok);
    out.validation = taggedExamples(validation, validationPath, validationWords, validationTags, out.classes, cut, tok);
}

std::vector<Example> readTokenClassificationExamples(const DataConfig& cfg, const ClassLabels& classes,
                                                     const Tokenizer& tok)
{
    DataConfig shaped = cfg;
    shaped.format = DataFormat::TokenCls;
    const RecordSet set = readAlpacaRecords(cfg.path, shaped);
    std::vector<std::vector<std::string>> words, tags;
    parseSet(set, cfg.path, words, tags);
    return taggedExamples(set, cfg.path, words, tags, classes, cfg.maxLength, tok);
}

} // namespace core
