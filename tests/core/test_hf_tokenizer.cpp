// tokenizer.json against HF `tokenizers` itself: the fixtures in tests/data/reference/tokenizers were written by
// tests/reference/make_tokenizer_reference.py (GPT-2, Llama 3, Qwen2, Llama-2 and Mistral style files, trained by
// `tokenizers`, encoded and decoded by it). Ids, tokens, special tokens and both decodes must be identical. Then every
// malformed file is refused with a message naming the file, the field and the fix.
#include "common/ErrorCapture.h"
#include "common/FileBytes.h"
#include "common/PinnedVersion.h"
#include "core/tokenizer/BpeModel.h"
#include "core/tokenizer/HfTokenizer.h"
#include "core/tokenizer/TokenizerLoader.h"

#include <nlohmann/json.hpp>

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <regex>

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const fs::path kFixtures = fs::path(LORAWB_TEST_DATA_DIR) / "reference" / "tokenizers";

std::vector<int> intList(const json& j) { return j.get<std::vector<int>>(); }

QString idsText(const std::vector<int>& ids)
{
    QStringList parts;
    for (int id : ids)
        parts << QString::number(id);
    return "[" + parts.join(",") + "]";
}

// A small valid byte-level BPE tokenizer.json the bad-input tests break one field at a time.
json tinyTokenizerJson()
{
    return json::parse(R"({
      "version": "1.0",
      "added_tokens": [{"id": 5, "content": "<|end|>", "single_word": false, "lstrip": false, "rstrip": false,
                        "normalized": false, "special": true}],
      "normalizer": null,
      "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": true},
      "post_processor": null,
      "decoder": {"type": "ByteLevel", "add_prefix_space": true, "trim_offsets": true, "use_regex": true},
      "model": {"type": "BPE", "dropout": null, "unk_token": null, "continuing_subword_prefix": null,
                "end_of_word_suffix": null, "fuse_unk": false, "byte_fallback": false, "ignore_merges": false,
                "vocab": {"a": 0, "b": 1, "ab": 2, "Ġ": 3, "Ġab": 4},
                "merges": [["a", "b"], ["Ġ", "ab"]]}
    })");
}

} // namespace

class TestHfTokenizer : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    std::string writeTokenizer(const std::string& name, const std::string& text, const std::string& config = {})
    {
        const fs::path dir = fs::path(m_dir.path().toStdString()) / name;
        fs::create_directories(dir);
        testutil::writeBytes((dir / "tokenizer.json").string(), text);
        if (!config.empty())
            testutil::writeBytes((dir / "tokenizer_config.json").string(), config);
        return dir.string();
    }
    std::string writeTokenizer(const std::string& name, const json& spec, const std::string& config = {})
    {
        return writeTokenizer(name, spec.dump(), config);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void fixturesComeFromThePinnedTokenizers()
    {
        QVERIFY2(fs::is_directory(kFixtures), "tests/data/reference/tokenizers is missing: run "
                                              "tests/reference/make_tokenizer_reference.py");
        std::ifstream in(kFixtures / "versions.json");
        const json versions = json::parse(in);
        QCOMPARE(QString::fromStdString(versions.at("tokenizers").get<std::string>()),
                 QString::fromStdString(testutil::pinnedVersion("tokenizers")));
    }

    void matchesHfTokenizers_data()
    {
        QTest::addColumn<QString>("family");
        for (const auto& entry : fs::directory_iterator(kFixtures))
            if (entry.is_directory())
                QTest::newRow(entry.path().filename().string().c_str()) << QString::fromStdString(entry.path().string());
    }

    void matchesHfTokenizers()
    {
        QFETCH(QString, family);
        const std::string dir = family.toStdString();
        const auto tok = core::HfTokenizer::fromDirectory(dir);
        std::ifstream in(fs::path(dir) / "cases.jsonl");
        std::string line;
        int cases = 0;
        while (std::getline(in, line)) {
            if (line.empty())
                continue;
            const json c = json::parse(line);
            const std::string text = c.at("text").get<std::string>();
            const QString where = QString("case %1 %2").arg(cases).arg(QString::fromStdString(json(text).dump()).left(80));
            ++cases;
            const std::vector<int> want = intList(c.at("ids"));
            const std::vector<int> got = tok->encode(text);
            QVERIFY2(got == want, qPrintable(where + ": ids " + idsText(got) + ", HF " + idsText(want)));
            QVERIFY2(tok->encodedTokens(text) == c.at("tokens").get<std::vector<std::string>>(), qPrintable(where + ": tokens"));
            const std::vector<int> wantSpecial = intList(c.at("ids_with_special"));
            QVERIFY2(tok->encodeWithSpecialTokens(text) == wantSpecial,
                     qPrintable(where + ": with special tokens " + idsText(tok->encodeWithSpecialTokens(text)) +
                                ", HF " + idsText(wantSpecial)));
            QCOMPARE(QString::fromStdString(tok->decode(want, false)),
                     QString::fromStdString(c.at("decoded").get<std::string>()));
            QCOMPARE(QString::fromStdString(tok->decode(want, true)),
                     QString::fromStdString(c.at("decoded_skip_special").get<std::string>()));
        }
        QVERIFY2(cases >= 20, qPrintable(QString("only %1 cases in %2").arg(cases).arg(family)));
    }

    // The data module finds each token's span in the text from the tokens' own text (appendTokenText); for
    // byte-level BPE without a normalizer the tokens must spell every text exactly, whatever its script.
    void byteLevelTokensSpellTheirText()
    {
        for (const char* family : {"gpt2", "llama3"}) {
            const auto tok = core::HfTokenizer::fromDirectory((kFixtures / family).string());
            std::ifstream in(kFixtures / family / "cases.jsonl");
            std::string line;
            int cases = 0;
            while (std::getline(in, line)) {
                const std::string text = json::parse(line).at("text").get<std::string>();
                // GPT-2's lstrip / rstrip added tokens take the spaces beside them: those texts are not spelled
                // back (the data module then encodes the prompt again instead).
                if (text.find("<mask>") != std::string::npos || text.find("<rs>") != std::string::npos)
                    continue;
                std::string spelled;
                for (int id : tok->encode(text))
                    tok->appendTokenText(id, spelled);
                QVERIFY2(spelled == text, qPrintable(QString(family) + ": " + QString::fromStdString(text).left(60)));
                ++cases;
            }
            QVERIFY(cases > 20);
        }
    }

    void aDirectoryWithTokenizerJsonUsesIt()
    {
        const std::string dir = writeTokenizer("prefers_json", tinyTokenizerJson());
        testutil::writeBytes((fs::path(dir) / "tokenizer.model").string(), "not read: tokenizer.json wins");
        QCOMPARE(QString::fromStdString(core::tokenizerFileName(dir)), QString("tokenizer.json"));
        const auto tok = core::loadTokenizer(dir);
        QVERIFY(dynamic_cast<const core::HfTokenizer*>(tok.get()) != nullptr);
        QCOMPARE(tok->encode("ab ab<|end|>"), (std::vector<int>{2, 4, 5}));
        QCOMPARE(QString::fromStdString(tok->decode({2, 4, 5})), QString("ab ab"));
        QCOMPARE(tok->vocabSize(), 6);
    }

    void aDirectoryWithoutTokenizerIsNamed()
    {
        const fs::path dir = fs::path(m_dir.path().toStdString()) / "no_tokenizer";
        fs::create_directories(dir);
        testutil::expectError([&] { core::loadTokenizer(dir.string()); },
                              {QString::fromStdString(dir.string()), "tokenizer.json", "tokenizer.model"});
    }

    void configGivesBosEosPadAndChatTemplate()
    {
        json spec = tinyTokenizerJson();
        spec["post_processor"] = json::parse(R"({"type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "<|end|>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
            "pair": [], "special_tokens": {"<|end|>": {"id": "<|end|>", "ids": [5], "tokens": ["<|end|>"]}}})");
        const std::string dir = writeTokenizer(
            "config", spec, R"({"bos_token": null, "eos_token": {"content": "<|end|>"}, "pad_token": "ab",
                                "chat_template": [{"name": "default", "template": "{{ messages }}"}]})");
        const auto tok = core::HfTokenizer::fromDirectory(dir);
        QCOMPARE(tok->bosId(), 5); // from the post-processor
        QCOMPARE(tok->eosId(), 5);
        QCOMPARE(tok->padId(), 2);
        QCOMPARE(QString::fromStdString(tok->chatTemplate()), QString("{{ messages }}"));
        QCOMPARE(tok->encodeWithSpecialTokens("ab"), (std::vector<int>{5, 2}));
    }

    void notJsonNamesFileAndLine()
    {
        const std::string dir = writeTokenizer("not_json", std::string("{\n  \"model\": {,\n}"));
        testutil::expectError([&] { core::HfTokenizer::fromDirectory(dir); }, {"tokenizer.json", "line 2"});
    }

    void unknownModelTypeIsNamed()
    {
        json spec = tinyTokenizerJson();
        spec["model"]["type"] = "WordPiece";
        const std::string dir = writeTokenizer("wordpiece", spec);
        testutil::expectError([&] { core::HfTokenizer::fromDirectory(dir); }, {"tokenizer.json", "WordPiece", "BPE"});
    }

    void mergeOfUnknownTokenIsNamed()
    {
        json spec = tinyTokenizerJson();
        spec["model"]["merges"].push_back({"a", "zz"});
        const std::string dir = writeTokenizer("bad_merge", spec);
        testutil::expectError([&] { core::HfTokenizer::fromDirectory(dir); },
                              {"tokenizer.json", "merge 2", "\"zz\"", "not in the vocabulary"});
    }

    void legacyMergeSpellingWithoutSpaceIsRefused()
    {
        json spec = tinyTokenizerJson();
        spec["model"]["merges"] = json::array({"a b", "Ġab"});
        const std::string dir = writeTokenizer("bad_legacy_merge", spec);
        testutil::expectError([&] { core::HfTokenizer::fromDirectory(dir); },
                              {"tokenizer.json", "merge 1", "two tokens separated by one space"});
    }

    void addedTokenIdBeyondTheVocabularyIsNamed()
    {
        json spec = tinyTokenizerJson();
        spec["added_tokens"][0]["id"] = 50000;
        const std::string dir = writeTokenizer("bad_added_id", spec);
        testutil::expectError([&] { core::HfTokenizer::fromDirectory(dir); },
                              {"tokenizer.json", "<|end|>", "50000", "gives it id 5"});
    }

    void regexPcre2RejectsIsNamed()
    {
        json spec = tinyTokenizerJson();
        spec["pre_tokenizer"] = json::parse(R"({"type": "Split", "pattern": {"Regex": "(?<=a+)b|[z-a]"},
                                                "behavior": "Isolated", "invert": false})");
        const std::string dir = writeTokenizer("bad_regex", spec);
        testutil::expectError([&] { core::HfTokenizer::fromDirectory(dir); },
                              {"tokenizer.json", "pre_tokenizer Split", "not valid", "offset"});
    }

    void unknownPreTokenizerIsNamed()
    {
        json spec = tinyTokenizerJson();
        spec["pre_tokenizer"] = json::parse(R"({"type": "BertPreTokenizer"})");
        const std::string dir = writeTokenizer("bad_pretok", spec);
        testutil::expectError([&] { core::HfTokenizer::fromDirectory(dir); },
                              {"tokenizer.json", "BertPreTokenizer", "Metaspace"});
    }

    void dropoutIsRefused()
    {
        json spec = tinyTokenizerJson();
        spec["model"]["dropout"] = 0.1;
        const std::string dir = writeTokenizer("dropout", spec);
        testutil::expectError([&] { core::HfTokenizer::fromDirectory(dir); }, {"tokenizer.json", "dropout", "null"});
    }

    void configTokenNotInVocabularyIsNamed()
    {
        const std::string dir = writeTokenizer("bad_config", tinyTokenizerJson(), R"({"eos_token": "</s>"})");
        testutil::expectError([&] { core::HfTokenizer::fromDirectory(dir); },
                              {"tokenizer_config.json", "eos_token", "</s>", "same model"});
    }

    void configThatIsNotJsonIsNamed()
    {
        const std::string dir = writeTokenizer("config_not_json", tinyTokenizerJson(), "{\"eos_token\": ");
        testutil::expectError([&] { core::HfTokenizer::fromDirectory(dir); }, {"tokenizer_config.json"});
    }
};

QTEST_APPLESS_MAIN(TestHfTokenizer)
#include "test_hf_tokenizer.moc"
