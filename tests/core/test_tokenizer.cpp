// The sentencepiece bridge: a tokenizer trained and loaded next to libtorch in one process (the protobuf clash).
#include "common/ErrorCapture.h"
#include "common/FileBytes.h"
#include "common/TinyTokenizer.h"
#include "core/tokenizer/SentencePieceTokenizer.h"

#include <torch/torch.h>

#include <QTemporaryDir>
#include <QtTest>

class TestTokenizer : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::string m_modelPath;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_modelPath = testutil::trainTinyTokenizer(m_dir.path(), testutil::proverbs(), 200, /*numbered=*/true,
                                                   /*vocabSize=*/320, "--byte_fallback=true");
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
        testutil::expectError([] { core::SentencePieceTokenizer::fromFile("/nonexistent/tokenizer.model"); },
                              {"/nonexistent/tokenizer.model", "not found"});
    }

    void corruptFileIsRefused()
    {
        const std::string path = m_dir.filePath("corrupt.model").toStdString();
        testutil::writeBytes(path, "this is not a protobuf at all \x01\x02\x03");
        testutil::expectError([&] { core::SentencePieceTokenizer::fromFile(path); },
                              {QString::fromStdString(path), "not a valid sentencepiece model"});
    }

    void emptyFileIsRefused()
    {
        const std::string path = m_dir.filePath("empty.model").toStdString();
        testutil::writeBytes(path, "");
        QVERIFY_THROWS_EXCEPTION(core::Error, core::SentencePieceTokenizer::fromFile(path));
    }
};

QTEST_APPLESS_MAIN(TestTokenizer)
#include "test_tokenizer.moc"
