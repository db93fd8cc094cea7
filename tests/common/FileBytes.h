#pragma once
// Whole files as bytes: the fixtures tests write (broken configs, records, headers by hand) and the files they read
// back to check that a failed write left them as they were.
#include <QByteArray>
#include <QString>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <iterator>
#include <string>

namespace testutil {

// The file's bytes; "" when it cannot be read (the comparison that follows then fails).
inline std::string readBytes(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// Creates or replaces path with exactly `bytes`; fails the test when that is not possible, so that a later check
// does not fail for a reason that has nothing to do with it.
inline void writeBytes(const std::string& path, const std::string& bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
    out.close();
    QVERIFY2(!out.fail(), qPrintable(QString::fromStdString("cannot write " + path)));
}

inline void writeBytes(const QString& path, const QByteArray& bytes)
{
    writeBytes(path.toStdString(), bytes.toStdString());
}

// dir/name holding `bytes`; returns its path.
inline std::string writeBytesIn(const QTemporaryDir& dir, const QString& name, const std::string& bytes)
{
    const std::string path = dir.filePath(name).toStdString();
    writeBytes(path, bytes);
    return path;
}

} // namespace testutil
