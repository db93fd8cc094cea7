#include "core/data/RecordPreview.h"

#include "core/common/Error.h"
#include "core/data/ChatExamples.h"
#include "core/data/ClassificationData.h"
#include "core/data/ChatRecordReader.h"
#include "core/data/DataConfig.h"
#include "core/data/DatasetReader.h"
#include "core/data/ExampleBuilder.h"
#include "core/data/PairData.h"
#include "core/data/PromptTemplate.h"
#include "core/data/SquadData.h"
#include "core/data/TokenClassificationData.h"
#include "core/tokenizer/Tokenizer.h"
#include "core/tokenizer/Utf8.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>

namespace core {

RecordPreview previewRecord(const AlpacaRecord& record, int64_t recordIndex, const DataConfig& cfg)
{
    RecordPreview preview;
    preview.recordIndex = recordIndex;
    FormattedRecord formatted = PromptTemplate::fromConfig(cfg).format(record);
    preview.prompt = std::move(formatted.prompt);
    preview.completion = std::move(formatted.completion);
    return preview;
}

namespace {

// Record `index` is not among the valid ones: past the end, or invalid (then with its reason, when it is among the
// first reasons kept).
[[noreturn]] void failMissingRecord(const std::string& path, int64_t index, const DatasetReport& report)
{
    const int64_t total = report.records + report.skipped;
    LORAWB_CHECK(index < total, path, ": the file has ", total, " records (0 to ", total - 1, "); there is no record ",
                 index, ".");
    std::string reason;
    const std::string tag = ": record " + std::to_string(index + 1);
    for (const std::string& r : report.firstSkipReasons) {
        const std::size_t at = r.find(tag);
        if (at != std::string::npos && at + tag.size() < r.size() && (r[at + tag.size()] == ' ' || r[at + tag.size()] == ':'))
            reason = ": " + r;
    }
    LORAWB_FAIL(path, ": record ", index, " (record ", index + 1, " counting from 1) is invalid", reason,
                ". Fix it, or look at another record.");
}

TokenView tokenView(const Tokenizer& tok, int64_t id, bool trained)
{
    std::string text;
    tok.appendTokenText(static_cast<int>(id), text);
    TokenView view;
    view.id = id;
    view.piece = tok.idToPiece(static_cast<int>(id));
    view.text = std::move(text);
    view.trained = trained;
    return view;
}

// The tokens of an example as training sees them: max_length applied, each marked trained or not.
void showTokens(RecordPreview& preview, const Example& example, const DataConfig& cfg, const Tokenizer& tok)
{
    preview.fullLength = static_cast<int64_t>(example.inputIds.size());
    Example limited = example;
    const LengthOutcome outcome = applyMaxLength(limited, cfg.maxLength, cfg.overlong);
    preview.dropped = outcome == LengthOutcome::Dropped;
    preview.truncated = outcome == LengthOutcome::Truncated || (preview.dropped && limited.truncated);
    const Example& shown = preview.dropped ? example : limited;
    preview.trainedTokens = trainedTokenCount(shown);
    preview.tokens.reserve(shown.inputIds.size());
    for (size_t i = 0; i < shown.inputIds.size(); ++i) {
        const int64_t id = shown.inputIds[i];
        // labels[0] is never a target (nothing predicts the first token), so it never shows as trained.
        const bool trained = i > 0 && shown.labels[i] != kIgnoreIndex;
        preview.tokens.push_back(tokenView(tok, id, trained));
    }
}

// Valid record `index` (counted as in the file) of a set read with skip_invalid, or the reason it is missing.
template <typename Set>
const auto& validRecord(const Set& set, int64_t index, const std::string& path)
{
    const auto it = std::lower_bound(set.fileIndex.begin(), set.fileIndex.end(), index);
    if (it == set.fileIndex.end() || *it != index)
        failMissingRecord(path, index, set.report);
    return set.records[static_cast<size_t>(it - set.fileIndex.begin())];
}

// Record `index` of an Alpaca-shaped file (Alpaca, seq_cls, token_cls, pairs: cfg.format's shape), read leniently so
// that one bad record elsewhere does not hide this one; throws core::Error saying why this one is missing.
AlpacaRecord fileRecord(const DataConfig& cfg, int64_t index)
{
    DataConfig lenient = cfg;
    lenient.skipInvalid = true;
    const RecordSet set = readAlpacaRecords(cfg.path, lenient);
    return validRecord(set, index, cfg.path);
}

// Chat record `index` of cfg.path: the conversation rendered by the chat template; prompt is what comes before the
// first answer, completion the rest (later turns included), the tokens say what trains.
RecordPreview previewChatRecord(const DataConfig& cfg, int64_t index, const Tokenizer* tok)
{
    LORAWB_CHECK(tok != nullptr, cfg.path, ": previewing chat records needs the model's tokenizer and chat template "
                                           "(give the model).");
    DataConfig lenient = cfg;
    lenient.skipInvalid = true;
    const ChatRecordSet set = readChatRecords(cfg.path, lenient);
    return previewRecord(validRecord(set, index, cfg.path), index, cfg, *tok);
}

// Classification record `index` (data.format seq_cls): its text, text_pair and label, and with a tokenizer the ids
// of tokenizer(text, text_pair) cut to max_length, the token the score head reads marked.
RecordPreview previewClassificationRecord(const DataConfig& cfg, int64_t index, const Tokenizer* tok)
{
    const AlpacaRecord record = fileRecord(cfg, index); // slots: text, text_pair, label
    RecordPreview preview;
    preview.classification = true;
    preview.recordIndex = index;
    preview.prompt = record.instruction;
    preview.completion = record.input;
    preview.label = record.output;
    if (!tok)
        return preview;
    const Example whole = tokenizeClassificationText(record.instruction, record.input, *tok, 0);
    preview.fullLength = static_cast<int64_t>(whole.inputIds.size());
    preview.dropped = preview.fullLength > cfg.maxLength && cfg.overlong == OverlongPolicy::Drop;
    const Example shown =
        preview.dropped ? whole : tokenizeClassificationText(record.instruction, record.input, *tok, cfg.maxLength);
    preview.truncated = shown.truncated || (preview.dropped && preview.fullLength > cfg.maxLength);
    for (size_t i = 0; i < shown.inputIds.size(); ++i)
        preview.tokens.push_back(tokenView(*tok, shown.inputIds[i], false));
    if (!preview.tokens.empty())
        preview.tokens.back().pooled = true; // batches pad after it; pooling skips padding (unless this token is the
                                             // pad token itself, which the model config decides)
    return preview;
}

// Tagged sentence `index` (data.format token_cls): its words and tags, and with a tokenizer the ids training reads,
// each word's tag on its first sub-token, cut to max_length as training cuts them.
RecordPreview previewTaggedRecord(const DataConfig& cfg, int64_t index, const Tokenizer* tok)
{
    RecordPreview preview;
    preview.tagged = true;
    preview.recordIndex = index;
    parseTaggedWords(fileRecord(cfg, index), cfg.path + ": record " + std::to_string(index + 1),
                     preview.words, preview.tags);
    for (const std::string& word : preview.words)
        preview.prompt += (preview.prompt.empty() ? "" : " ") + word;
    if (!tok)
        return preview;
    const WordTokens tokens = tokenizeWords(preview.words, *tok);
    preview.fullLength = static_cast<int64_t>(tokens.ids.size());
    preview.dropped = preview.fullLength > cfg.maxLength && cfg.overlong == OverlongPolicy::Drop;
    preview.truncated = preview.fullLength > cfg.maxLength;
    const size_t shown = preview.dropped ? tokens.ids.size()
                                         : std::min(tokens.ids.size(), static_cast<size_t>(cfg.maxLength));
    for (size_t t = 0; t < shown; ++t) {
        const int64_t word = tokens.wordOf[t];
        const bool first = word >= 0 && (t == 0 || tokens.wordOf[t - 1] != word);
        TokenView view = tokenView(*tok, tokens.ids[t], first);
        if (first)
            view.tag = preview.tags[static_cast<size_t>(word)];
        preview.trainedTokens += first;
        preview.tokens.push_back(std::move(view));
    }
    return preview;
}

// A SQuAD question: its question, context and first answer, and the window holding that answer as training cuts it.
RecordPreview previewQuestionRecord(const DataConfig& cfg, int64_t index, const Tokenizer* tok, int64_t docStride)
{
    const std::vector<SquadQuestion> questions = readSquadFile(cfg.path);
    LORAWB_CHECK(index < static_cast<int64_t>(questions.size()), cfg.path, ": the file has ", questions.size(),
                 " questions; the index must be below that.");
    const SquadQuestion& question = questions[static_cast<size_t>(index)];
    RecordPreview preview;
    preview.answering = true;
    preview.recordIndex = index;
    preview.prompt = question.question;
    preview.completion = question.context;
    if (!question.answers.empty()) {
        preview.label = question.answers.front().text;
        preview.answerOffset = question.answers.front().start;
    }
    if (!tok)
        return preview;
    const std::vector<QaWindow> windows =
        buildQaWindows({question}, *tok, QaWindowOptions{cfg.maxLength, docStride}, cfg.path);
    preview.windows = static_cast<int64_t>(windows.size());
    for (size_t w = 0; w < windows.size(); ++w)
        if (windows[w].example.target.size() == 2 && windows[w].example.target[0] > 0) {
            preview.window = static_cast<int64_t>(w);
            break;
        }
    const Example& shown = windows[static_cast<size_t>(preview.window)].example;
    const auto start = static_cast<size_t>(shown.target.at(0)), end = static_cast<size_t>(shown.target.at(1));
    preview.fullLength = static_cast<int64_t>(shown.inputIds.size());
    for (size_t t = 0; t < shown.inputIds.size(); ++t) {
        const bool target = t == start || t == end;
        TokenView view = tokenView(*tok, shown.inputIds[t], target);
        view.answerStart = t == start;
        view.answerEnd = t == end;
        preview.trainedTokens += target;
        preview.tokens.push_back(std::move(view));
    }
    return preview;
}

// A pairs record: its three texts, and with a tokenizer each one's ids as tokenizer(text) gives them, cut to
// max_length (or whole, when the record is dropped for its length).
RecordPreview previewPairRecord(const DataConfig& cfg, int64_t index, const Tokenizer* tok)
{
    const AlpacaRecord record = fileRecord(cfg, index); // slots: query, negative, positive
    RecordPreview preview;
    preview.paired = true;
    preview.recordIndex = index;
    preview.prompt = record.instruction;
    preview.completion = record.output;
    preview.negative = record.input;
    if (!tok)
        return preview;
    Example pair = tokenizePair(record, *tok);
    preview.fullLength = longestPairText(pair);
    preview.dropped = preview.fullLength > cfg.maxLength && cfg.overlong == OverlongPolicy::Drop;
    preview.truncated = preview.fullLength > cfg.maxLength;
    if (!preview.dropped)
        cutPair(pair, cfg.maxLength);
    const auto views = [&](const std::vector<int64_t>& ids, std::vector<TokenView>& out) {
        for (int64_t id : ids)
            out.push_back(tokenView(*tok, id, false));
    };
    views(pair.inputIds, preview.tokens);
    views(pair.positiveIds, preview.positiveTokens);
    views(pair.negativeIds, preview.negativeTokens);
    return preview;
}

} // namespace

RecordPreview previewRecord(const ChatRecord& record, int64_t recordIndex, const DataConfig& cfg,
                            const Tokenizer& tok)
{
    const ChatFormatter formatter = ChatFormatter::forTokenizer(cfg.chatTemplate, tok);
    const std::vector<ChatSegment> segments = formatter.segments(record);
    RecordPreview preview;
    preview.recordIndex = recordIndex;
    bool answered = false;
    for (const ChatSegment& s : segments) {
        answered = answered || s.assistant;
        (answered ? preview.completion : preview.prompt) += s.text;
    }
    showTokens(preview, tokenizeConversation(segments, tok, cfg.trainOnPrompt), cfg, tok);
    return preview;
}

RecordPreview previewRecord(const AlpacaRecord& record, int64_t recordIndex, const DataConfig& cfg,
                            const Tokenizer& tok)
{
    RecordPreview preview = previewRecord(record, recordIndex, cfg);
    showTokens(preview, tokenizeRecord(FormattedRecord{preview.prompt, preview.completion}, tok, cfg.trainOnPrompt),
               cfg, tok);
    return preview;
}

RecordPreview previewFileRecord(const DataConfig& cfg, int64_t index, const Tokenizer* tok, int64_t docStride)
{
    LORAWB_CHECK(index >= 0, "the record index must be >= 0, got ", index, ".");
    if (cfg.format == DataFormat::Text) {
        LORAWB_CHECK(tok != nullptr, cfg.path, ": previewing text data needs the model's tokenizer (give the model).");
        const std::vector<Example> windows = textWindows(textIds(readTextFile(cfg.path), *tok), cfg.maxLength);
        LORAWB_CHECK(index < static_cast<int64_t>(windows.size()), cfg.path, ": the text gives ", windows.size(),
                     " windows of data.max_length = ", cfg.maxLength, " tokens; the index must be below that.");
        const Example& window = windows[static_cast<size_t>(index)];
        RecordPreview preview;
        preview.recordIndex = index;
        preview.completion = tok->decode(std::vector<int>(window.inputIds.begin(), window.inputIds.end()));
        preview.fullLength = static_cast<int64_t>(window.inputIds.size());
        preview.trainedTokens = trainedTokenCount(window);
        for (size_t i = 0; i < window.inputIds.size(); ++i)
            preview.tokens.push_back(tokenView(*tok, window.inputIds[i], i > 0));
        return preview;
    }
    if (cfg.format == DataFormat::Messages)
        return previewChatRecord(cfg, index, tok);
    if (cfg.format == DataFormat::SeqCls)
        return previewClassificationRecord(cfg, index, tok);
    if (cfg.format == DataFormat::TokenCls)
        return previewTaggedRecord(cfg, index, tok);
    if (cfg.format == DataFormat::Squad)
        return previewQuestionRecord(cfg, index, tok, docStride);
    if (cfg.format == DataFormat::Pairs)
        return previewPairRecord(cfg, index, tok);
    const AlpacaRecord record = fileRecord(cfg, index);
    return tok ? previewRecord(record, index, cfg, *tok) : previewRecord(record, index, cfg);
}

nlohmann::json toJson(const RecordPreview& p)
{
    if (p.answering) {
        nlohmann::json tokens = nlohmann::json::array();
        for (const TokenView& t : p.tokens)
            tokens.push_back({{"id", t.id}, {"piece", t.piece}, {"text", utf8::lossy(t.text)},
                              {"answer_start", t.answerStart}, {"answer_end", t.answerEnd}});
        return {{"record", p.recordIndex},   {"question", p.prompt},  {"context", p.completion},
                {"answer", p.label},         {"answer_offset", p.answerOffset}, {"window", p.window},
                {"windows", p.windows},      {"length", p.tokens.size()}, {"tokens", std::move(tokens)}};
    }
    if (p.paired) {
        const auto tokens = [](const std::vector<TokenView>& views) {
            nlohmann::json list = nlohmann::json::array();
            for (const TokenView& t : views)
                list.push_back({{"id", t.id}, {"piece", t.piece}, {"text", utf8::lossy(t.text)}});
            return list;
        };
        return {{"record", p.recordIndex},
                {"query", p.prompt},
                {"positive", p.completion},
                {"negative", p.negative.empty() ? nlohmann::json(nullptr) : nlohmann::json(p.negative)},
                {"full_length", p.fullLength},
                {"truncated", p.truncated},
                {"dropped", p.dropped},
                {"query_tokens", tokens(p.tokens)},
                {"positive_tokens", tokens(p.positiveTokens)},
                {"negative_tokens", tokens(p.negativeTokens)}};
    }
    if (p.tagged) {
        nlohmann::json tokens = nlohmann::json::array();
        for (const TokenView& t : p.tokens)
            tokens.push_back({{"id", t.id}, {"piece", t.piece}, {"text", utf8::lossy(t.text)},
                              {"tag", t.tag.empty() ? nlohmann::json(nullptr) : nlohmann::json(t.tag)}});
        return {{"record", p.recordIndex},         {"words", p.words},          {"tags", p.tags},
                {"text", p.prompt},                {"length", p.tokens.size()}, {"full_length", p.fullLength},
                {"trained_tokens", p.trainedTokens}, {"truncated", p.truncated}, {"dropped", p.dropped},
                {"tokens", std::move(tokens)}};
    }
    if (p.classification) {
        nlohmann::json tokens = nlohmann::json::array();
        for (const TokenView& t : p.tokens)
            tokens.push_back({{"id", t.id}, {"piece", t.piece}, {"text", utf8::lossy(t.text)}, {"pooled", t.pooled}});
        return {{"record", p.recordIndex},       {"text", p.prompt},      {"text_pair", p.completion},
                {"label", p.label},              {"length", p.tokens.size()}, {"full_length", p.fullLength},
                {"truncated", p.truncated},      {"dropped", p.dropped},  {"tokens", std::move(tokens)}};
    }
    nlohmann::json tokens = nlohmann::json::array();
    for (const TokenView& t : p.tokens)
        tokens.push_back({{"id", t.id}, {"piece", t.piece}, {"text", utf8::lossy(t.text)}, {"trained", t.trained}});
    return {{"record", p.recordIndex},
            {"prompt", p.prompt},
            {"completion", p.completion},
            {"text", p.prompt + p.completion},
            {"length", p.tokens.size()},
            {"full_length", p.fullLength},
            {"trained_tokens", p.trainedTokens},
            {"truncated", p.truncated},
            {"dropped", p.dropped},
            {"tokens", std::move(tokens)}};
}

std::string formatPreview(const RecordPreview& p)
{
    // Messages count records from 1 (as editors count lines); the index is 0-based.
    std::string out = "record " + std::to_string(p.recordIndex + 1) + " (index " + std::to_string(p.recordIndex) + ")\n";
    if (p.answering) {
        // The answer marked in its context with [[ ]], as the target the head learns.
        const auto at = static_cast<size_t>(std::max<int64_t>(p.answerOffset, 0));
        out += "--- question ---\n" + p.prompt + "\n--- context ---\n" +
               (p.answerOffset < 0 ? p.completion
                                   : p.completion.substr(0, at) + "[[" + p.completion.substr(at, p.label.size()) +
                                         "]]" + p.completion.substr(at + p.label.size())) +
               "\n--- answer ---\n" + (p.answerOffset < 0 ? "(none: the context does not answer it)" : p.label) +
               "\n";
        if (!p.tokens.empty())
            out += "--- window " + std::to_string(p.window + 1) + " of " + std::to_string(p.windows) + ": " +
                   std::to_string(p.tokens.size()) + " tokens, S and E mark the answer's first and last ---\n";
        char line[64];
        for (size_t i = 0; i < p.tokens.size(); ++i) {
            const TokenView& t = p.tokens[i];
            std::snprintf(line, sizeof line, "%5zu %7lld %c%c ", i, static_cast<long long>(t.id),
                          t.answerStart ? 'S' : ' ', t.answerEnd ? 'E' : ' ');
            out += line + t.piece + "\n";
        }
        return out;
    }
    if (p.paired) {
        const auto section = [&](const char* name, const std::string& text, const std::vector<TokenView>& views) {
            out += std::string("--- ") + name + " ---\n" + text + "\n";
            if (views.empty())
                return;
            out += "    (" + std::to_string(views.size()) + " tokens:";
            for (const TokenView& t : views)
                out += " " + t.piece;
            out += ")\n";
        };
        section("query", p.prompt, p.tokens);
        section("positive", p.completion, p.positiveTokens);
        if (!p.negative.empty())
            section("negative", p.negative, p.negativeTokens);
        if (p.truncated)
            out += p.dropped ? "DROPPED from training: a text is longer than max_length\n"
                             : "truncated: a text was cut to max_length\n";
        return out;
    }
    if (p.tagged) {
        out += "--- words/tags ---\n";
        for (size_t w = 0; w < p.words.size(); ++w)
            out += (w ? " " : "") + p.words[w] + (p.tags[w] == "O" ? "" : "/" + p.tags[w]);
        out += "\n";
    } else if (p.classification)
        out += "--- text ---\n" + p.prompt + (p.completion.empty() ? "" : "\n--- text_pair ---\n" + p.completion) +
               "\n--- label ---\n" + p.label + "\n";
    else
        out += "--- prompt ---\n" + p.prompt + "\n--- completion ---\n" + p.completion + "\n";
    if (p.tokens.empty())
        return out;
    char line[160];
    std::snprintf(line, sizeof line, "--- %zu tokens (%lld before max_length), %lld trained%s%s ---\n", p.tokens.size(),
                  static_cast<long long>(p.fullLength), static_cast<long long>(p.trainedTokens),
                  p.truncated ? ", truncated" : "", p.dropped ? ", DROPPED from training" : "");
    out += line;
    for (size_t i = 0; i < p.tokens.size(); ++i) {
        const TokenView& t = p.tokens[i];
        // '*' trains (language model; TOKEN_CLS: the tag follows); '>' is the token a SEQ_CLS head reads.
        std::snprintf(line, sizeof line, "%5zu %7lld %c ", i, static_cast<long long>(t.id),
                      t.trained ? '*' : t.pooled ? '>' : ' ');
        out += line + t.piece + (t.tag.empty() ? "" : "  " + t.tag) + "\n";
    }
    return out;
}

} // namespace core
