// A model folder may sit on a read-only filesystem (a shared models mount, a squashfs, a Hugging Face cache owned by
// another user): no command may write into it. Running as root (as CI does) makes chmod meaningless, so the test
// checks the stronger fact directly: after training, evaluating, generating, tokenizing, data statistics, rank
// analysis and every export, the model folder holds exactly the same files, sizes and modification times as before.
#include "CliFixture.h"

#include <QDirIterator>
#include <QFileInfo>

namespace {

// Every entry under dir (hidden ones too) with its size and modification time.
QStringList listing(const QString& dir)
{
    QStringList out;
    QDirIterator it(dir, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo info(it.next());
        out << QString("%1 %2 %3").arg(info.filePath()).arg(info.size()).arg(info.lastModified().toMSecsSinceEpoch());
    }
    out.sort();
    return out;
}

} // namespace

class TestCliModelFolderUntouched : public clitest::CliSuite {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { makeFixtures(); }

    void noCommandWritesIntoTheModelFolder()
    {
        const QStringList before = listing(m_model);
        QVERIFY(before.size() >= 3);
        const QString yaml = path("exp.yaml");
        testutil::writeBytes(yaml, clitest::experimentYaml(m_model, m_records, path("run")).toUtf8());
        const QString adapter = path("run/adapter");
        const QList<QStringList> commands = {
            {"info", m_model},
            {"train", yaml},
            {"eval", "--model", m_model, "--adapter", adapter, "--data", m_records, "--limit", "2"},
            {"generate", "--model", m_model, "--adapter", adapter, "--prompt", "Name the colour of the sky.",
             "--max-new-tokens", "4"},
            {"tokenize", "--model", m_model, "--text", "the quick brown fox"},
            {"data", "stats", m_records, "--model", m_model},
            {"rank", "--model", m_model, "--adapter", adapter},
            {"export", "merged", "--model", m_model, "--adapter", adapter, "--output", path("merged")},
            {"export", "gguf", "--model", m_model, "--adapter", adapter, "--output", path("model.gguf")},
            {"export", "gguf-lora", "--model", m_model, "--adapter", adapter, "--output", path("adapter.gguf")},
        };
        for (const QStringList& args : commands) {
            const clitest::Result r = clitest::runLorawb(args);
            QVERIFY2(r.finished && r.exitCode == 0, qPrintable(args.join(' ') + "\n" + r.describe()));
            QCOMPARE(listing(m_model), before);
        }
    }
};

QTEST_GUILESS_MAIN(TestCliModelFolderUntouched)
#include "test_cli_model_folder_untouched.moc"
