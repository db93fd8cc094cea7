// data.format token_cls: tagged sentences (JSON / JSONL tokens + tags, CoNLL column text) to TOKEN_CLS examples — the
// tag on each word's first sub-token and -100 on the rest as transformers' token-classification example labels them,
// the tag set settled and sorted, and every bad input named with its record and fix.
#include "common/ErrorCapture.h"
#include "core/data/PreparedData.h"
#include "core/data/TokenClassificationData.h"
#include "core/experiment/ExperimentConfig.h"
#include "core/tokenizer/Tokenizer.h"
#include "core/tokenizer/TokenizerLoader.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

namespace {

const std::string kDemoModel = std::string(LORAWB_SOURCE_DIR) + "/resources/demo/model";

} // namespace

class TestTokenClassificationData : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::shared_ptr<const core::Tokenizer> m_tok;

    std::string write(const std::string& name, const std::string& text)
    {
        const std::string path = (m_dir.path() + "/").toStdString() + name;
        std::ofstream(path) << text;
        return path;
    }

    core::PreparedData prepare(const std::string& path, const core::TaskConfig& task = {}, int maxLength = 512,
                               bool skipInvalid = false)
    {
        core::DataConfig cfg;
        cfg.path = path;
        cfg.format = core::DataFormat::TokenCls;
        cfg.maxLength = maxLength;
        cfg.skipInvalid = skipInvalid;
        return core::prepareData(cfg, *m_tok, task);
    }

    // The ids of one word as the sentence's running text gives them after a space (sentencepiece: "▁" + word).
    std::vector<int> wordIds(const std::string& word) { return m_tok->encode(word); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_tok = core::loadTokenizer(kDemoModel);
    }

    void firstSubTokenCarriesTheTag()
    {
        // "Zerubbabel" splits into several pieces in the demo vocabulary; only its first one is labelled.
        const auto data = prepare(write("one.jsonl", "{\"tokens\": [\"And\", \"Zerubbabel\", \"wept\"], "
                                                     "\"tags\": [\"O\", \"B-LOC\", \"O\"]}\n"
                                                     "{\"tokens\": [\"Moses\", \"spake\"], \"tags\": [\"B-PER\", \"O\"]}\n"));
        QCOMPARE(data.classes.names, (std::vector<std::string>{"B-LOC", "B-PER", "O"})); // sorted, as run_ner sorts
        QVERIFY(data.classes.unit == core::ClassifiedUnit::Token);
        const core::Example& e = data.train[0];
        QVERIFY(e.positionLabels);
        std::vector<int64_t> ids{m_tok->bosId()}, labels{core::kIgnoreIndex};
        const std::pair<const char*, int64_t> words[] = {{"And", 2}, {"Zerubbabel", 0}, {"wept", 2}};
        for (const auto& [word, tag] : words) {
            const auto pieces = wordIds(word);
            for (size_t k = 0; k < pieces.size(); ++k) {
                ids.push_back(pieces[k]);
                labels.push_back(k == 0 ? tag : core::kIgnoreIndex);
            }
        }
        QVERIFY2(wordIds("Zerubbabel").size() > 1, "the test needs a word of several pieces");
        QCOMPARE(e.inputIds, ids);
        QCOMPARE(e.labels, labels);
        QVERIFY(e.target.empty());
    }

    void wordsMapToTokensOfTheRunningText()
    {
        // Punctuation is its own word; each token goes to the word it starts in (the space before a word included).
        const std::vector<std::string> words{"LORD", ",", "1984", "years", "."};
        const core::WordTokens t = core::tokenizeWords(words, *m_tok);
        std::string text = "LORD , 1984 years .";
        std::vector<int64_t> want{m_tok->bosId()};
        for (int id : m_tok->encode(text))
            want.push_back(id);
        QCOMPARE(t.ids, want);
        QCOMPARE(t.wordOf.front(), int64_t(-1));
        // Every word gets at least one token, in order, and word indices never go back.
        std::vector<int64_t> seen;
        for (size_t k = 1; k < t.wordOf.size(); ++k) {
            QVERIFY(t.wordOf[k] >= t.wordOf[k - 1]);
            if (seen.empty() || seen.back() != t.wordOf[k])
                seen.push_back(t.wordOf[k]);
        }
        QCOMPARE(seen, (std::vector<int64_t>{0, 1, 2, 3, 4}));
    }

    void conllColumnsAreRead()
    {
        // CoNLL-2003: word POS chunk NER; -DOCSTART- and blank lines separate; the last column is the tag.
        const auto data = prepare(write("eng.conll", "-DOCSTART- -X- -X- O\n\n"
                                                     "Moses NNP B-NP B-PER\nwent VBD B-VP O\nto TO B-PP O\n"
                                                     "Egypt NNP B-NP B-LOC\n\n"
                                                     "Aaron\tB-PER\nspake\tO\n"));
        QCOMPARE(data.train.size(), size_t(2));
        QCOMPARE(data.classes.names, (std::vector<std::string>{"B-LOC", "B-PER", "O"}));
        QCOMPARE(data.train[1].labels[1], int64_t(1)); // Aaron: B-PER on its first piece
        testutil::expectError([&] { prepare(write("bad.conll", "Moses B-PER\nwent O\n\nAaron\nspake O\n")); },
                              {"bad.conll: record 2 (line 4", "'Aaron' has one column", "'word TAG'"});
        // Skipped like any bad record under data.skip_invalid.
        const auto skipped = prepare(write("skip.conll", "Moses B-PER\nwent O\n\nAaron\nspake O\n\nNoah B-PER\n"),
                                     {}, 512, true);
        QCOMPARE(skipped.train.size(), size_t(2));
        QCOMPARE(skipped.report.skipped, int64_t(1));
    }

    void tagIndicesAndNamedTagsWork()
    {
        core::TaskConfig named;
        named.labels = {"O", "B-PER", "I-PER"};
        const auto data = prepare(write("idx.jsonl", "{\"tokens\": [\"Jesus\", \"Christ\", \"wept\"], "
                                                     "\"tags\": [1, 2, 0]}\n"
                                                     "{\"tokens\": [\"Peter\"], \"tags\": [\"B-PER\"]}\n"), named);
        QCOMPARE(data.classes.names, named.labels);
        QCOMPARE(data.train[0].labels[1], int64_t(1));
        QCOMPARE(data.train[1].labels[1], int64_t(1));
        // Indices without names: LABEL_i, as transformers names them.
        const auto plain = prepare(write("plain.jsonl", "{\"tokens\": [\"a\", \"b\"], \"tags\": [0, 3]}\n"));
        QCOMPARE(plain.classes.numLabels, 4);
        QCOMPARE(plain.classes.names.back(), std::string("LABEL_3"));
    }

    void truncationKeepsTheFirstTokensAndTheirTags()
    {
        const auto data = prepare(write("long.jsonl", "{\"tokens\": [\"In\", \"the\", \"beginning\", \"God\", "
                                                      "\"created\", \"the\", \"heaven\"], "
                                                      "\"tags\": [\"O\", \"O\", \"O\", \"B-PER\", \"O\", \"O\", \"O\"]}\n"
                                                      "{\"tokens\": [\"x\"], \"tags\": [\"O\"]}\n"),
                                  {}, 4);
        QCOMPARE(data.train[0].inputIds.size(), size_t(4));
        QCOMPARE(data.train[0].labels.size(), size_t(4));
        QVERIFY(data.train[0].truncated);
        QCOMPARE(data.report.truncated, int64_t(1));
    }

    void badRecordsNameTheRecordAndTheFix()
    {
        testutil::expectError([&] { prepare(write("count.jsonl", "{\"tokens\": [\"a\", \"b\"], \"tags\": [\"O\", \"O\"]}\n"
                                                                 "{\"tokens\": [\"a\", \"b\", \"c\"], \"tags\": [\"O\", \"B-X\"]}\n")); },
                              {"count.jsonl: record 2", "3 tokens but 2 tags", "line up"});
        testutil::expectError([&] { prepare(write("short.jsonl", "{\"tokens\": [\"a\"], \"tags\": [\"O\", \"B-X\"]}\n")); },
                              {"short.jsonl: record 1", "1 tokens but 2 tags"});
        core::TaskConfig named;
        named.labels = {"O", "B-PER"};
        testutil::expectError([&] { prepare(write("unknown.jsonl", "{\"tokens\": [\"Egypt\"], \"tags\": [\"B-LOC\"]}\n"), named); },
                              {"unknown.jsonl: record 1, word 1 ('Egypt')", "label 'B-LOC'", "not one of the classes (O, B-PER)"});
        testutil::expectError([&] { prepare(write("outside.jsonl", "{\"tokens\": [\"a\"], \"tags\": [5]}\n"), named); },
                              {"outside.jsonl", "5"});
        testutil::expectError([&] { prepare(write("notlist.jsonl", "{\"tokens\": \"a b\", \"tags\": [\"O\", \"O\"]}\n")); },
                              {"notlist.jsonl: record 1", "'tokens' must be a list, got string"});
        testutil::expectError([&] { prepare(write("number.jsonl", "{\"tokens\": [\"a\", 7], \"tags\": [\"O\", \"O\"]}\n")); },
                              {"number.jsonl: record 1", "'tokens' holds 7 (item 2)", "written as a string"});
        testutil::expectError([&] { prepare(write("emptyword.jsonl", "{\"tokens\": [\"a\", \"\"], \"tags\": [\"O\", \"O\"]}\n")); },
                              {"emptyword.jsonl: record 1", "word 2 is empty"});
        testutil::expectError([&] { prepare(write("none.jsonl", "{\"tokens\": [], \"tags\": []}\n")); },
                              {"none.jsonl: record 1", "'tokens' is empty"});
        testutil::expectError([&] { prepare(write("onlyo.jsonl", "{\"tokens\": [\"a\"], \"tags\": [\"O\"]}\n")); },
                              {"onlyo.jsonl", "only one class (O)"});
        testutil::expectError([&] { prepare(write("tags.csv", "tokens,tags\na,O\n")); },
                              {"tags.csv", "not CSV"});
        testutil::expectError([&] { prepare(write("fields.jsonl", "{\"words\": [\"a\"], \"ner_tags\": [\"O\"]}\n")); },
                              {"fields.jsonl", "'tokens'", "data.columns: {words: tokens, ner_tags: tags}"});
    }

    void experimentPairsTaskTypeAndFormat()
    {
        core::ExperimentConfig cfg;
        cfg.model = "m";
        cfg.data.path = "d.jsonl";
        cfg.lora.targetModules.names = {"q_proj", "v_proj"};
        cfg.lora.taskType = core::TaskType::TokenCls;
        testutil::expectError([&] { core::validateExperiment(cfg); }, {"task_type TOKEN_CLS", "data.format: token_cls"});
        cfg.data.format = core::DataFormat::TokenCls;
        core::validateExperiment(cfg);
        cfg.task.problemType = core::ProblemType::Regression;
        testutil::expectError([&] { core::validateExperiment(cfg); }, {"task.problem_type regression", "TOKEN_CLS"});
        cfg.task.problemType = core::ProblemType::Auto;
        cfg.lora.taskType = core::TaskType::CausalLm;
        testutil::expectError([&] { core::validateExperiment(cfg); }, {"data.format token_cls", "task_type: TOKEN_CLS"});
    }
};

QTEST_GUILESS_MAIN(TestTokenClassificationData)
#include "test_token_classification_data.moc"
