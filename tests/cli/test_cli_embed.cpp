// `lorawb embed` on the bundled demo model: every text of a file to an L2-normalised sentence embedding, written as a
// NumPy .npy array or as JSON Lines, mean or last-token pooling, with or without an adapter; every bad option or
// input ends in exit 2 with the fix, and nothing is written then.
#include "CliFixture.h"

#include <QFileInfo>
#include <QJsonArray>

#include <cmath>
#include <cstring>

namespace {

const QString kDemoModel = QStringLiteral(LORAWB_SOURCE_DIR) + "/resources/demo/model";
const QString kAdapter = QStringLiteral(LORAWB_SOURCE_DIR) + "/resources/demo/adapters/task_a";

struct Npy {
    QString header;
    std::vector<float> values;
};

// A version-1.0 .npy file: magic, header (a Python dict), then the data.
Npy readNpy(const QString& path)
{
    QFile file(path);
    Npy out;
    if (!file.open(QIODevice::ReadOnly))
        return out;
    const QByteArray bytes = file.readAll();
    if (!bytes.startsWith(QByteArray("\x93NUMPY\x01\x00", 8)) || bytes.size() < 10)
        return out;
    const int length = static_cast<unsigned char>(bytes[8]) | (static_cast<unsigned char>(bytes[9]) << 8);
    out.header = QString::fromLatin1(bytes.mid(10, length));
    const QByteArray data = bytes.mid(10 + length);
    out.values.resize(static_cast<size_t>(data.size()) / sizeof(float));
    std::memcpy(out.values.data(), data.constData(), out.values.size() * sizeof(float));
    return out;
}

double norm(const float* row, int dims)
{
    double sum = 0;
    for (int i = 0; i < dims; ++i)
        sum += static_cast<double>(row[i]) * row[i];
    return std::sqrt(sum);
}

} // namespace

class TestCliEmbed : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_texts;

    clitest::Result embed(const QStringList& extra)
    {
        return clitest::runLorawb(QStringList{"embed", "--model", kDemoModel, "--input", m_texts} + extra);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_texts = m_dir.filePath("verses.txt");
        QFile file(m_texts);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("In the beginning God created the heaven and the earth.\n"
                   "And the earth was without form, and void.\n"
                   "\n"
                   "Jesus wept.\n"
                   "12 7 40\n");
    }

    void writesNormalisedEmbeddingsAsNpy()
    {
        const QString out = m_dir.filePath("mean.npy");
        const clitest::Result r = embed({"--output", out, "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const QJsonObject summary = r.json();
        QCOMPARE(summary["texts"].toInt(), 4);
        QCOMPARE(summary["blank_lines"].toInt(), 1);
        QCOMPARE(summary["dimensions"].toInt(), 256); // the demo model's hidden size
        const Npy npy = readNpy(out);
        QVERIFY2(npy.header.contains("'descr': '<f4'") && npy.header.contains("'shape': (4, 256)"),
                 qPrintable(npy.header));
        QCOMPARE((10 + npy.header.size()) % 64, 0); // the format's alignment
        QCOMPARE(npy.values.size(), size_t(4 * 256));
        for (int r = 0; r < 4; ++r)
            QVERIFY(std::abs(norm(npy.values.data() + r * 256, 256) - 1.0) < 1e-5);
        // Different texts, different vectors; the cosine of a text with itself is 1.
        double dot = 0;
        for (int i = 0; i < 256; ++i)
            dot += static_cast<double>(npy.values[static_cast<size_t>(i)]) * npy.values[static_cast<size_t>(256 + i)];
        QVERIFY(dot < 0.9999);
    }

    void poolingNormalisingAndAdaptersChangeTheVectors()
    {
        const QString mean = m_dir.filePath("a.jsonl"), last = m_dir.filePath("b.jsonl");
        const QString raw = m_dir.filePath("c.jsonl"), adapted = m_dir.filePath("d.jsonl");
        QVERIFY(embed({"--output", mean}).exitCode == 0);
        QVERIFY(embed({"--output", last, "--pooling", "last"}).exitCode == 0);
        QVERIFY(embed({"--output", raw, "--no-normalize"}).exitCode == 0);
        QVERIFY(embed({"--output", adapted, "--adapter", kAdapter}).exitCode == 0);
        const auto rows = [](const QString& path) {
            QFile file(path);
            file.open(QIODevice::ReadOnly);
            QList<QJsonObject> out;
            for (const QByteArray& line : file.readAll().split('\n'))
                if (!line.isEmpty())
                    out.append(QJsonDocument::fromJson(line).object());
            return out;
        };
        const auto a = rows(mean), b = rows(last), c = rows(raw), d = rows(adapted);
        QCOMPARE(a.size(), 4);
        // "line" counts the input's lines: the blank third line is skipped, not renumbered.
        QCOMPARE(a[2]["line"].toInt(), 4);
        QVERIFY(a[0]["embedding"].toArray() != b[0]["embedding"].toArray());
        QVERIFY(a[0]["embedding"].toArray() != d[0]["embedding"].toArray());
        // Unnormalised, the same direction with another length.
        const QJsonArray unit = a[1]["embedding"].toArray(), scaled = c[1]["embedding"].toArray();
        double length = 0;
        for (const auto& v : scaled)
            length += v.toDouble() * v.toDouble();
        length = std::sqrt(length);
        QVERIFY(std::abs(length - 1.0) > 1e-3);
        for (int i = 0; i < unit.size(); ++i)
            QVERIFY(std::abs(unit[i].toDouble() - scaled[i].toDouble() / length) < 1e-5);
    }

    void badInputIsRefusedWithTheFix_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("output kind") << QStringList{"--output", "x.txt"} << "--output must end in .npy";
        QTest::newRow("pooling") << QStringList{"--output", "x.npy", "--pooling", "max"} << "--pooling must be mean";
        QTest::newRow("no input file") << QStringList{"--output", "x.npy", "--input", "/nonexistent/texts.txt"}
                                       << "/nonexistent/texts.txt";
        QTest::newRow("max length") << QStringList{"--output", "x.npy", "--max-length", "0"} << "--max-length";
    }

    void badInputIsRefusedWithTheFix()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        QStringList full{"embed", "--model", kDemoModel, "--input", m_texts};
        for (int i = 0; i < args.size(); ++i)
            if (args[i] == "--input") // replaces the good input
                full[4] = args[++i];
            else
                full << (args[i].endsWith(".npy") || args[i].endsWith(".txt") ? m_dir.filePath(args[i]) : args[i]);
        const clitest::Result r = clitest::runLorawb(full);
        QVERIFY2(r.finished && !r.crashed && r.exitCode == 2, qPrintable(r.describe()));
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(m_dir.filePath("x.npy")));
    }

    void jsonLinesInputNamesTheBadLine()
    {
        const QString input = m_dir.filePath("records.jsonl");
        QFile file(input);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"text\": \"Jesus wept.\"}\n{\"sentence\": \"no text field\"}\n");
        file.close();
        const clitest::Result r = clitest::runLorawb(
            {"embed", "--model", kDemoModel, "--input", input, "--output", m_dir.filePath("y.npy")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("records.jsonl: line 2 has no string field 'text'") && r.err.contains("--text-field"),
                 qPrintable(r.err));
        const clitest::Result mapped = clitest::runLorawb({"embed", "--model", kDemoModel, "--input", input, "--output",
                                                           m_dir.filePath("y.npy"), "--text-field", "sentence"});
        QCOMPARE(mapped.exitCode, 2); // line 1 lacks "sentence" now
        QVERIFY2(mapped.err.contains("line 1 has no string field 'sentence'"), qPrintable(mapped.err));
    }
};

QTEST_GUILESS_MAIN(TestCliEmbed)
#include "test_cli_embed.moc"
