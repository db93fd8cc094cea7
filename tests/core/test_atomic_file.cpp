// Atomic writes: the previous file survives every failure byte for byte, and no temporary file is left behind.
// Failures are real, not mocked: "disk full" is RLIMIT_FSIZE (write() fails with EFBIG part-way through), "unwritable"
// is a parent path that is a regular file (tests run as root, so permission bits would prove nothing).
#include "common/ErrorCapture.h"
#include "common/FileBytes.h"
#include "common/FileSizeLimit.h"
#include "core/io/AtomicFile.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>

#include <sys/stat.h>

using testutil::errorOf;
using testutil::FileSizeLimit;
using testutil::readBytes;

class TestAtomicFile : public QObject {
    Q_OBJECT
private:
    // Every entry in dir, hidden ones included: a leftover temporary file shows up here.
    static QStringList entries(const QString& dir)
    {
        return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
    }

private Q_SLOTS:
    void writesAndReplacesAFile()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("out.bin").toStdString();
        const std::string first("first\0with a NUL", 16);
        core::writeFileAtomically(path, first);
        QVERIFY(core::readWholeFile(path) == first);
        core::writeFileAtomically(path, "second");
        QCOMPARE(QString::fromStdString(core::readWholeFile(path)), QString("second"));
        QCOMPARE(entries(dir.path()), QStringList{"out.bin"});
    }

    void replacingKeepsThePermissions()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("shared.json").toStdString();
        core::writeFileAtomically(path, "old");
        QCOMPARE(::chmod(path.c_str(), 0640), 0);
        core::writeFileAtomically(path, "new");
        struct stat info {};
        QCOMPARE(::stat(path.c_str(), &info), 0);
        QCOMPARE(int(info.st_mode & 07777), 0640);
    }

    void diskFullLeavesThePreviousFileIntact()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("adapter.bin").toStdString();
        const std::string before = "the adapter from yesterday's training run";
        core::writeFileAtomically(path, before);
        QString message;
        {
            FileSizeLimit limit(1024);
            message = errorOf([&] { core::writeFileAtomically(path, std::string(1 << 20, 'x')); });
        }
        VERIFY_CONTAINS(message, QString::fromStdString(path));
        VERIFY_CONTAINS(message, QString::fromStdString(std::strerror(EFBIG)));
        VERIFY_CONTAINS(message, "free disk space or choose another output directory");
        QVERIFY(readBytes(path) == before);
        QCOMPARE(entries(dir.path()), QStringList{"adapter.bin"});
        // The limit is gone again: the same write now succeeds.
        core::writeFileAtomically(path, std::string(1 << 20, 'x'));
        QCOMPARE(readBytes(path).size(), size_t(1) << 20);
    }

    void unwritableDirectoryFailsWithoutALeftover()
    {
        QTemporaryDir dir;
        const std::string blocker = dir.filePath("runs").toStdString();
        core::writeFileAtomically(blocker, "I am a file, not a folder");
        const std::string path = blocker + "/adapter_config.json";
        const QString message = errorOf([&] { core::writeFileAtomically(path, "{}"); });
        VERIFY_CONTAINS(message, QString::fromStdString(path));
        VERIFY_CONTAINS(message, QString::fromStdString(std::strerror(ENOTDIR)));
        VERIFY_CONTAINS(message, "choose another output directory");
        QCOMPARE(QString::fromStdString(readBytes(blocker)), QString("I am a file, not a folder"));
        QCOMPARE(entries(dir.path()), QStringList{"runs"});
    }

    void targetThatIsADirectoryIsNotReplaced()
    {
        QTemporaryDir dir;
        const QString target = dir.filePath("out");
        QVERIFY(QDir().mkdir(target));
        QVERIFY(QDir(target).mkdir("keep"));
        const QString message = errorOf([&] { core::writeFileAtomically(target.toStdString(), "x"); });
        VERIFY_CONTAINS(message, target);
        QVERIFY(QFileInfo(target + "/keep").isDir());
        QCOMPARE(entries(dir.path()), QStringList{"out"});
    }

    void abandonedWriterRemovesItsTemporaryFile()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("ckpt.bin").toStdString();
        core::writeFileAtomically(path, "old");
        {
            core::AtomicFileWriter writer(path);
            writer.write("half of the new ");
            QCOMPARE(entries(dir.path()).size(), 2); // the temporary file exists while writing
        } // destroyed without commit(), as when an exception unwinds a save
        QCOMPARE(QString::fromStdString(readBytes(path)), QString("old"));
        QCOMPARE(entries(dir.path()), QStringList{"ckpt.bin"});
    }

    void fileInTheCurrentDirectory()
    {
        QTemporaryDir dir;
        const QString previous = QDir::currentPath();
        QVERIFY(QDir::setCurrent(dir.path()));
        core::writeFileAtomically("plain.txt", "here");
        QDir::setCurrent(previous);
        QCOMPARE(QString::fromStdString(readBytes(dir.filePath("plain.txt").toStdString())), QString("here"));
    }

    void readingAMissingFileNamesThePath()
    {
        const QString message = errorOf([] { core::readWholeFile("/nonexistent/config.json", "model config"); });
        VERIFY_CONTAINS(message, "model config '/nonexistent/config.json' not found");
    }

    void readingADirectoryIsRefused()
    {
        QTemporaryDir dir;
        const QString message = errorOf([&] { core::readWholeFile(dir.path().toStdString(), "dataset"); });
        VERIFY_CONTAINS(message, dir.path());
        VERIFY_CONTAINS(message, "is a directory");
    }

    void ensureDirectoryCreatesNestedFolders()
    {
        QTemporaryDir dir;
        const QString nested = dir.filePath("runs/exp1/checkpoints");
        core::ensureDirectory(nested.toStdString());
        QVERIFY(QFileInfo(nested).isDir());
        core::ensureDirectory(nested.toStdString()); // existing: fine
        QVERIFY(QFileInfo(nested).isDir());
    }

    void ensureDirectoryNamesTheFileInTheWay()
    {
        QTemporaryDir dir;
        const std::string blocker = dir.filePath("runs").toStdString();
        core::writeFileAtomically(blocker, "");
        const std::string wanted = blocker + "/exp1/checkpoints";
        QString message = errorOf([&] { core::ensureDirectory(wanted); });
        VERIFY_CONTAINS(message, QString::fromStdString(wanted));
        VERIFY_CONTAINS(message, QString::fromStdString("'" + blocker + "' is a file, not a directory"));
        message = errorOf([&] { core::ensureDirectory(blocker); });
        VERIFY_CONTAINS(message, QString::fromStdString("'" + blocker + "' is a file, not a directory"));
        QVERIFY(!errorOf([] { core::ensureDirectory(""); }).isEmpty());
    }
};

QTEST_APPLESS_MAIN(TestAtomicFile)
#include "test_atomic_file.moc"
