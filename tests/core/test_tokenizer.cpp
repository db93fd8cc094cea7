// The sentencepiece bridge: a tokenizer trained and loaded next to libtorch in one process (the protobuf clash).
#include "core/common/Error.h"
#include "core/tokenizer/SentencePieceTokenizer.h"

#include <torch/torch.h>

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

class TestTokenizer : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::string m_modelPath;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const std::string corpus = m_dir.filePath("corpus.txt").toStdString();
        std::ofstream out(corpus);
        const char* lines[] = {"the quick brown fox jumps over the lazy dog", "a stitch in time saves nine",
                               "to be or not to be that is the question", "all that glitters is not gold"};
        for (int i = 0; i < 200; ++i)
            out << lines[i % 4] << " " << i << "\n";
        out.close();
        const std::string prefix = m_dir.filePath("tok").toStdString();
        core::trainSentencePiece("--input=" + corpus + " --model_prefix=" + prefix +
                                 " --vocab_size=320 --model_type=bpe --byte_fallback=true --minloglevel=2");
        m_modelPath = prefix + ".model";
    }

    void encodesAndDecodesNextToLibtorch()
    {
        auto tok = core::SentencePieceTokenizer::fromFile(m_modelPath);
        const auto ids = tok->encode("the quick fox");
        QVERIFY(!ids.empty());
        QCOMPARE(QString::fromStdString(tok->decode(ids)), QString("the quick fox"));
        QCOMPARE(tok->vocabSize(), 320);
        QCOMPARE(tok->bosId(), 1);
        QCOMPARE(tok->eosId(), 2);
        // libtorch works in the same process.
        auto t = torch::tensor(std::vector<int64_t>(ids.begin(), ids.end()));
        QCOMPARE(t.numel(), static_cast<int64_t>(ids.size()));
    }

    void byteFallbackCoversUnseenCharacters()
    {
        auto tok = core::SentencePieceTokenizer::fromFile(m_modelPath);
        const std::string text = "Zürich €";
        QCOMPARE(QString::fromStdString(tok->decode(tok->encode(text))), QString::fromStdString(text));
    }

    void missingFileNamesThePath()
    {
        try {
            core::SentencePieceTokenizer::fromFile("/nonexistent/tokenizer.model");
            QFAIL("expected core::Error");
        } catch (const core::Error& e) {
            QVERIFY(QString(e.what()).contains("/nonexistent/tokenizer.model"));
            QVERIFY(QString(e.what()).contains("not found"));
        }
    }

    void corruptFileIsRefused()
    {
        const std::string path = m_dir.filePath("corrupt.model").toStdString();
        std::ofstream(path) << "this is not a protobuf at all \x01\x02\x03";
        try {
            core::SentencePieceTokenizer::fromFile(path);
            QFAIL("expected core::Error");
        } catch (const core::Error& e) {
            QVERIFY(QString(e.what()).contains(QString::fromStdString(path)));
            QVERIFY(QString(e.what()).contains("not a valid sentencepiece model"));
        }
    }

    void emptyFileIsRefused()
    {
        const std::string path = m_dir.filePath("empty.model").toStdString();
        std::ofstream(path).close();
        QVERIFY_THROWS_EXCEPTION(core::Error, core::SentencePieceTokenizer::fromFile(path));
    }
};

QTEST_APPLESS_MAIN(TestTokenizer)
#include "test_tokenizer.moc"
