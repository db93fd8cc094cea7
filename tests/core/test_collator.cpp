// From formatted records to batches: tokenization of prompt + response as one string, the label mask and its
// boundary, max_length, padding into tensors, batch order. Exact ids with a stand-in tokenizer; the boundary rule
// checked on a real sentencepiece model trained here (LLaMA-like: identity normalization, byte fallback).
#include "common/TinyTokenizer.h"
#include "core/common/Error.h"
#include "core/data/BatchOrder.h"
#include "core/data/Collator.h"
#include "core/data/ExampleBuilder.h"
#include "core/data/PromptTemplate.h"
#include "core/tokenizer/HfTokenizer.h"
#include "core/tokenizer/SentencePieceTokenizer.h"

#include <torch/torch.h>

#include <QTemporaryDir>
#include <QtTest>

#include <random>
#include <set>

namespace {

// ids: 0 <pad>, 1 <s>, 2 </s>, 3 + byte, then the merges; encoding takes the longest merge that matches, else a byte.
class StandInTokenizer : public core::Tokenizer {
public:
    explicit StandInTokenizer(std::vector<std::string> merges = {}, int pad = -1, int bos = 1, int eos = 2,
                              bool opaquePieces = false)
        : m_merges(std::move(merges)), m_pad(pad), m_bos(bos), m_eos(eos), m_opaque(opaquePieces)
    {
    }
    std::vector<int> encode(const std::string& text) const override
    {
        std::vector<int> ids;
        for (size_t i = 0; i < text.size();) {
            int best = -1;
            size_t bestLength = 1;
            for (size_t m = 0; m < m_merges.size(); ++m)
                if (m_merges[m].size() > bestLength && text.compare(i, m_merges[m].size(), m_merges[m]) == 0) {
                    best = static_cast<int>(m);
                    bestLength = m_merges[m].size();
                }
            ids.push_back(best >= 0 ? 259 + best : 3 + static_cast<unsigned char>(text[i]));
            i += bestLength;
        }
        return ids;
    }
    std::string decode(const std::vector<int>& ids) const override
    {
        std::string text;
        for (int id : ids)
            if (id >= 3)
                text += surface(id);
        return text;
    }
    // Opaque pieces do not spell the text, so the label boundary must be found by encoding the prompt again.
    std::string idToPiece(int id) const override
    {
        return m_opaque && id >= 3 ? "#" + std::to_string(id) : surface(id);
    }
    std::string surface(int id) const
    {
        if (id < 3)
            return id == 0 ? "<pad>" : id == 1 ? "<s>" : "</s>";
        if (id < 259)
            return std::string(1, static_cast<char>(id - 3));
        return m_merges[static_cast<size_t>(id - 259)];
    }
    int vocabSize() const override { return 259 + static_cast<int>(m_merges.size()); }
    int bosId() const override { return m_bos; }
    int eosId() const override { return m_eos; }
    int padId() const override { return m_pad; }

private:
    std::vector<std::string> m_merges;
    int m_pad, m_bos, m_eos;
    bool m_opaque;
};

int64_t b(char c) { return 3 + static_cast<unsigned char>(c); } // a byte's id in the stand-in
constexpr int64_t X = core::kIgnoreIndex;

core::Example exampleOfLength(size_t n, int64_t first = 10)
{
    core::Example e;
    for (size_t i = 0; i < n; ++i)
        e.inputIds.push_back(first + static_cast<int64_t>(i));
    e.labels = e.inputIds;
    return e;
}

} // namespace

class TestCollator : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<core::SentencePieceTokenizer> m_spm, m_normalizing;
    // tokenizer.json files written by HF tokenizers (tests/reference/make_tokenizer_reference.py): byte-level BPE
    // (Llama 3) and sentencepiece-style BPE with byte fallback (Llama 2).
    std::unique_ptr<core::HfTokenizer> m_llama3, m_llama2Json;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const std::string corpus = m_dir.filePath("corpus.txt").toStdString();
        testutil::writeCorpus(corpus,
                              {"Below is an instruction that describes a task.", "Write a response that appropriately",
                               "### Instruction: ### Response: ### Input:", "the answer is yes or no, A: Q: 12 + 30",
                               "completes the request with a short answer"},
                              300, /*numbered=*/true);
        const std::string prefix = m_dir.filePath("tok").toStdString();
        // LLaMA's settings, and sentencepiece's default normalization: the boundary rule must hold with both.
        m_spm = core::SentencePieceTokenizer::fromFile(
            testutil::trainBpe(corpus, prefix, 400,
                               "--byte_fallback=true --normalization_rule_name=identity --remove_extra_whitespaces=false"
                               " --split_digits=true"));
        const std::string fixtures = std::string(LORAWB_TEST_DATA_DIR) + "/reference/tokenizers/";
        m_llama3 = core::HfTokenizer::fromDirectory(fixtures + "llama3");
        m_llama2Json = core::HfTokenizer::fromDirectory(fixtures + "llama2_spm");
        m_normalizing =
            core::SentencePieceTokenizer::fromFile(testutil::trainBpe(corpus, prefix + "n", 400, "--byte_fallback=true"));
    }

    void masksThePromptAndTrainsResponseAndEos()
    {
        const StandInTokenizer tok;
        const core::Example e = core::tokenizeRecord({"Q:", "ok"}, tok, /*trainOnPrompt=*/false);
        QCOMPARE(e.inputIds, (std::vector<int64_t>{1, b('Q'), b(':'), b('o'), b('k'), 2}));
        QCOMPARE(e.labels, (std::vector<int64_t>{X, X, X, b('o'), b('k'), 2}));
        QCOMPARE(core::trainedTokenCount(e), int64_t(3));
        const core::Example all = core::tokenizeRecord({"Q:", "ok"}, tok, /*trainOnPrompt=*/true);
        QCOMPARE(all.labels, all.inputIds);
        QCOMPARE(core::trainedTokenCount(all), int64_t(5)); // labels[0] is never a target
    }

    void noBosWhenTheTokenizerHasNone()
    {
        const StandInTokenizer tok({}, /*pad=*/-1, /*bos=*/-1, /*eos=*/2);
        const core::Example e = core::tokenizeRecord({"a", "b"}, tok, false);
        QCOMPARE(e.inputIds, (std::vector<int64_t>{b('a'), b('b'), 2}));
        QCOMPARE(e.labels, (std::vector<int64_t>{X, b('b'), 2}));
    }

    void tokenStraddlingTheBoundaryIsTrained()
    {
        // "ab" is one token: the full text "xab|c" tokenizes as x, ab, c although the prompt alone is x, a. The same
        // with pieces that spell the text (spans known) and with opaque ones (the prompt is encoded again).
        for (bool opaque : {false, true}) {
            const StandInTokenizer tok({"ab", "cd"}, -1, 1, 2, opaque);
            const core::Example e = core::tokenizeRecord({"xa", "bc"}, tok, false);
            QCOMPARE(e.inputIds, (std::vector<int64_t>{1, b('x'), 259, b('c'), 2}));
            QCOMPARE(e.labels, (std::vector<int64_t>{X, X, 259, b('c'), 2}));
            // A clean boundary: "xb|a" → x, b, a.
            QCOMPARE(core::tokenizeRecord({"xb", "a"}, tok, false).labels, (std::vector<int64_t>{X, X, X, b('a'), 2}));
            // "abc|d": ab, cd; "cd" straddles.
            QCOMPARE(core::tokenizeRecord({"abc", "d"}, tok, false).labels, (std::vector<int64_t>{X, X, 260, 2}));
        }
        const StandInTokenizer tok({"ab"});
        // The ids are those of the whole string, not prompt ids + response ids.
        QCOMPARE(core::promptTokenCount("xa", tok.encode("xabc"), tok), size_t(1));
        QCOMPARE(core::promptTokenCount("", tok.encode("abc"), tok), size_t(0));
        QCOMPARE(core::tokenizeRecord({"", "ab"}, tok, false).labels, (std::vector<int64_t>{X, 259, 2}));
    }

    void boundaryIsExactWithSentencePiece_data()
    {
        QTest::addColumn<bool>("normalizing");
        QTest::addColumn<QString>("tokenizerJson");
        QTest::newRow("llama-like (pieces spell the text)") << false << QString();
        QTest::newRow("nmt_nfkc, extra whitespace removed (prompt encoded again)") << true << QString();
        QTest::newRow("tokenizer.json, byte-level BPE (Llama 3)") << false << QString("llama3");
        QTest::newRow("tokenizer.json, byte-fallback BPE (Llama 2)") << false << QString("llama2_spm");
    }

    void boundaryIsExactWithSentencePiece()
    {
        QFETCH(bool, normalizing);
        QFETCH(QString, tokenizerJson);
        const core::Tokenizer* chosen = normalizing ? m_normalizing.get() : m_spm.get();
        if (tokenizerJson == "llama3")
            chosen = m_llama3.get();
        else if (tokenizerJson == "llama2_spm")
            chosen = m_llama2Json.get();
        const core::Tokenizer& tok = *chosen;
        // Templates that end in a newline (Alpaca) and in a space (the space merges into the response's first word).
        const core::PromptTemplate alpaca = core::PromptTemplate::alpaca();
        const core::PromptTemplate spaced("Q: {instruction}\nA: {output}", "");
        std::mt19937 rng(7);
        const char* words[] = {"yes", "no", "answer", "12", "the", "Zürich", "task", ":", " ", "\n", "request"};
        int straddled = 0;
        for (int i = 0; i < 200; ++i) {
            auto phrase = [&](int n) {
                std::string s;
                for (int k = 0; k < n; ++k)
                    s += std::string(k ? " " : "") + words[rng() % 11];
                return s;
            };
            const core::AlpacaRecord record{phrase(3), i % 2 ? phrase(2) : "", phrase(1 + i % 4)};
            const core::FormattedRecord f = (i % 3 ? alpaca : spaced).format(record);
            const core::Example e = core::tokenizeRecord(f, tok, false);
            // The ids are exactly BOS + encode(whole text) + EOS.
            std::vector<int> whole = tok.encode(f.text());
            QCOMPARE(e.inputIds.size(), whole.size() + 2);
            QCOMPARE(e.inputIds.front(), int64_t(tok.bosId()));
            QCOMPARE(e.inputIds.back(), int64_t(tok.eosId()));
            for (size_t k = 0; k < whole.size(); ++k)
                QCOMPARE(e.inputIds[k + 1], int64_t(whole[k]));
            // The masked tokens decode to (a part of) the prompt, and the first trained one reaches past it.
            size_t masked = 0;
            while (e.labels[masked + 1] == X)
                ++masked;
            for (size_t k = masked + 1; k < e.labels.size(); ++k)
                QCOMPARE(e.labels[k], e.inputIds[k]);
            const std::vector<int> maskedIds(whole.begin(), whole.begin() + masked);
            const std::string promptText = tok.decode(tok.encode(f.prompt));
            QVERIFY(promptText.rfind(tok.decode(maskedIds), 0) == 0); // a prefix of the prompt
            std::vector<int> withNext(whole.begin(), whole.begin() + masked + 1);
            QVERIFY2(tok.decode(withNext).size() > promptText.size() || masked == whole.size(), f.text().c_str());
            // Both ways to find the boundary agree (spans from the pieces, or the prompt encoded again).
            QCOMPARE(masked, core::promptTokenCount(f.prompt, whole, tok));
            if (tok.encode(f.prompt).size() != masked)
                ++straddled;
        }
        if (!normalizing) // (whitespace removal drops the prompt's trailing space: no straddling there)
            QVERIFY(straddled > 0); // the space-ended template really exercised the straddling case
    }

    void maxLengthTruncatesOrDrops()
    {
        const StandInTokenizer tok;
        const core::Example full = core::tokenizeRecord({"ab", "cdefg"}, tok, false); // 1 + 7 + 1 = 9 tokens
        core::Example cut = full;
        QVERIFY(core::applyMaxLength(cut, 5, core::OverlongPolicy::Truncate) == core::LengthOutcome::Truncated);
        QCOMPARE(cut.inputIds, (std::vector<int64_t>{1, b('a'), b('b'), b('c'), b('d')}));
        QCOMPARE(cut.labels, (std::vector<int64_t>{X, X, X, b('c'), b('d')}));
        QVERIFY(cut.truncated);
        core::Example dropped = full;
        QVERIFY(core::applyMaxLength(dropped, 5, core::OverlongPolicy::Drop) == core::LengthOutcome::Dropped);
        core::Example fits = full;
        QVERIFY(core::applyMaxLength(fits, 9, core::OverlongPolicy::Drop) == core::LengthOutcome::Kept);
        QVERIFY(!fits.truncated);
        // Truncated to the prompt alone, nothing would train: dropped under either policy.
        core::Example promptOnly = full;
        QVERIFY(core::applyMaxLength(promptOnly, 3, core::OverlongPolicy::Truncate) == core::LengthOutcome::Dropped);
    }

    void collatePadsRight()
    {
        core::Example a = exampleOfLength(3);
        a.labels[0] = X;
        const core::Example c = exampleOfLength(5, 20);
        const core::Batch batch = core::collate({&a, &c}, /*padId=*/0);
        QCOMPARE(batch.inputIds.sizes().vec(), (std::vector<int64_t>{2, 5}));
        QVERIFY(batch.inputIds.scalar_type() == torch::kInt64);
        QVERIFY(batch.labels.scalar_type() == torch::kInt64);
        QVERIFY(batch.attentionMask.scalar_type() == torch::kInt64);
        const auto matrix = [](std::vector<int64_t> values) { return torch::tensor(values).view({2, 5}); };
        QVERIFY(torch::equal(batch.inputIds, matrix({10, 11, 12, 0, 0, 20, 21, 22, 23, 24})));
        QVERIFY(torch::equal(batch.labels, matrix({X, 11, 12, X, X, 20, 21, 22, 23, 24})));
        QVERIFY(torch::equal(batch.attentionMask, matrix({1, 1, 1, 0, 0, 1, 1, 1, 1, 1})));
        QCOMPARE(batch.tokens, int64_t(8));
        const std::vector<core::Example> all{a, c};
        const core::Batch byIndex = core::collate(all, {1}, 7);
        QCOMPARE(byIndex.inputIds.sizes().vec(), (std::vector<int64_t>{1, 5}));
        QVERIFY_THROWS_EXCEPTION(core::InternalError, core::collate(std::vector<const core::Example*>{}, 0));
    }

    void padIdFallsBackToEosThenZero()
    {
        QCOMPARE(core::batchPadId(StandInTokenizer({}, 0, 1, 2)), int64_t(0));
        QCOMPARE(core::batchPadId(StandInTokenizer({}, -1, 1, 2)), int64_t(2));
        QCOMPARE(core::batchPadId(StandInTokenizer({}, -1, -1, -1)), int64_t(0));
        QCOMPARE(core::batchPadId(*m_spm), int64_t(m_spm->eosId())); // spm's default has no pad
    }

    void batchOrderCoversEveryExampleOnce()
    {
        std::vector<core::Example> examples;
        std::mt19937 rng(3);
        for (int i = 0; i < 1003; ++i)
            examples.push_back(exampleOfLength(2 + rng() % 300));
        for (bool grouped : {false, true}) {
            core::BatchOrderOptions options;
            options.groupByLength = grouped;
            const auto batches = core::batchOrder(examples, 8, 42, options);
            QCOMPARE(batches.size(), size_t(126));
            std::set<int64_t> seen;
            for (const auto& batch : batches)
                seen.insert(batch.begin(), batch.end());
            QCOMPARE(seen.size(), examples.size());
            QVERIFY(batches == core::batchOrder(examples, 8, 42, options)); // deterministic
            QVERIFY(batches != core::batchOrder(examples, 8, 43, options));
            options.dropLast = true;
            QCOMPARE(core::batchOrder(examples, 8, 42, options).size(), size_t(125));
        }
        // Length grouping: far less padding, and the longest example comes first.
        auto padding = [&](const std::vector<std::vector<int64_t>>& batches) {
            int64_t pad = 0;
            for (const auto& batch : batches) {
                size_t longest = 0;
                for (int64_t i : batch)
                    longest = std::max(longest, examples[size_t(i)].inputIds.size());
                for (int64_t i : batch)
                    pad += int64_t(longest - examples[size_t(i)].inputIds.size());
            }
            return pad;
        };
        core::BatchOrderOptions byLength;
        byLength.groupByLength = true;
        const auto grouped = core::batchOrder(examples, 8, 42, byLength);
        QVERIFY(padding(grouped) * 5 < padding(core::batchOrder(examples, 8, 42)));
        size_t longest = 0;
        for (const auto& e : examples)
            longest = std::max(longest, e.inputIds.size());
        bool firstHasLongest = false;
        for (int64_t i : grouped.front())
            firstHasLongest |= examples[size_t(i)].inputIds.size() == longest;
        QVERIFY(firstHasLongest);
    }

    void withoutShuffleBatchesFollowTheFileOrder()
    {
        std::vector<core::Example> examples;
        for (int i = 0; i < 7; ++i)
            examples.push_back(exampleOfLength(2 + (i * 5) % 11));
        core::BatchOrderOptions options;
        options.shuffle = false;
        const auto batches = core::batchOrder(examples, 2, 42, options);
        const std::vector<std::vector<int64_t>> expected = {{0, 1}, {2, 3}, {4, 5}, {6}};
        QVERIFY(batches == expected);
        QVERIFY(core::batchOrder(examples, 2, 43, options) == expected); // the seed only shuffles
        // Grouped without shuffle: longest first, batches in that order.
        options.groupByLength = true;
        const auto grouped = core::batchOrder(examples, 2, 42, options);
        for (size_t b = 1; b < grouped.size(); ++b)
            QVERIFY(examples[size_t(grouped[b - 1].back())].inputIds.size() >=
                    examples[size_t(grouped[b].front())].inputIds.size());
    }

    void textWindowsAreConsecutive()
    {
        std::vector<int64_t> ids(10);
        for (int i = 0; i < 10; ++i)
            ids[size_t(i)] = i;
        const auto windows = core::textWindows(ids, 4);
        QCOMPARE(windows.size(), size_t(3));
        QCOMPARE(windows[1].inputIds, (std::vector<int64_t>{4, 5, 6, 7}));
        QCOMPARE(windows[2].inputIds, (std::vector<int64_t>{8, 9}));
        QCOMPARE(windows[2].labels, windows[2].inputIds);
        QCOMPARE(windows[2].recordIndex, int64_t(2));
        ids.pop_back(); // 9 ids: the last window would be one token that predicts nothing
        QCOMPARE(core::textWindows(ids, 4).size(), size_t(2));
        const auto textIds = core::textIds("ab", StandInTokenizer());
        QCOMPARE(textIds, (std::vector<int64_t>{1, b('a'), b('b')}));
    }

    void parallelTokenizationIsDeterministic()
    {
        std::vector<core::AlpacaRecord> records;
        for (int i = 0; i < 1500; ++i)
            records.push_back({"task " + std::to_string(i), i % 3 ? "" : "input " + std::to_string(i * 7),
                               "the answer is " + std::to_string(i * 13)});
        const core::PromptTemplate alpaca = core::PromptTemplate::alpaca();
        const auto one = core::tokenizeRecords(records, {}, alpaca, *m_spm, false, 1);
        const auto four = core::tokenizeRecords(records, {}, alpaca, *m_spm, false, 4);
        QCOMPARE(one.size(), records.size());
        for (size_t i = 0; i < one.size(); ++i) {
            QCOMPARE(four[i].inputIds, one[i].inputIds);
            QCOMPARE(four[i].labels, one[i].labels);
            QCOMPARE(four[i].recordIndex, int64_t(i));
        }
        QCOMPARE(one[5].inputIds, core::tokenizeRecord(alpaca.format(records[5]), *m_spm, false).inputIds);
    }
};

QTEST_APPLESS_MAIN(TestCollator)
#include "test_collator.moc"
