#include "ui/ranklab/MatrixText.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>

#include <cmath>

namespace ui {

ParsedMatrix parseMatrixText(const QString& text)
{
    ParsedMatrix out;
    QString normalised = text;
    normalised.replace(QLatin1Char(';'), QLatin1Char('\n'));
    static const QRegularExpression separators(QStringLiteral("[\\s,]+"));
    int rowNumber = 0;
    for (const QString& line : normalised.split(QLatin1Char('\n'))) {
        const QStringList entries = line.split(separators, Qt::SkipEmptyParts);
        if (entries.isEmpty())
            continue;
        ++rowNumber;
        std::vector<double> row;
        for (const QString& entry : entries) {
            bool ok = false;
            // "−" (U+2212) is how the examples and most documents write minus; accept it as '-'.
            const double value = QString(entry).replace(QChar(0x2212), QLatin1Char('-')).toDouble(&ok);
            if (!ok || !std::isfinite(value)) {
                out.error = QCoreApplication::translate("ui::MatrixPlayground",
                                                        "Row %1: '%2' is not a number. Write numbers such as 2, -1.5 "
                                                        "or 3e-2, separated by spaces or commas.")
                                .arg(rowNumber)
                                .arg(entry);
                return out;
            }
            row.push_back(value);
        }
        if (!out.rows.empty() && row.size() != out.rows.front().size()) {
            out.error = QCoreApplication::translate("ui::MatrixPlayground",
                                                    "Row %1 has %2 numbers but row 1 has %3; every row needs the same "
                                                    "number of columns.")
                            .arg(rowNumber)
                            .arg(row.size())
                            .arg(out.rows.front().size());
            return out;
        }
        if (rowNumber > kMaxPlaygroundSize || static_cast<int>(row.size()) > kMaxPlaygroundSize) {
            out.error = QCoreApplication::translate("ui::MatrixPlayground",
                                                    "Row %1: the playground takes matrices up to %2 × %2; use a "
                                                    "smaller one.")
                            .arg(rowNumber)
                            .arg(kMaxPlaygroundSize);
            return out;
        }
        out.rows.push_back(std::move(row));
    }
    if (out.rows.empty())
        out.error = QCoreApplication::translate("ui::MatrixPlayground",
                                                "Type a matrix: one row per line, numbers separated by spaces or "
                                                "commas, e.g. \"1 2\" then \"3 4\".");
    return out;
}

QString matrixToText(const std::vector<std::vector<double>>& rows)
{
    QStringList lines;
    for (const auto& row : rows) {
        QStringList entries;
        for (double v : row)
            entries << prettyNumber(v);
        lines << entries.join(QLatin1Char(' '));
    }
    return lines.join(QLatin1Char('\n'));
}

QString prettyNumber(double value)
{
    if (std::abs(value) < 1e-12)
        return QStringLiteral("0");
    const double rounded = std::round(value);
    if (std::abs(value - rounded) < 1e-9 * std::max(1.0, std::abs(value)) && std::abs(rounded) < 1e15)
        return QString::number(static_cast<qint64>(rounded));
    return QString::number(value, 'g', 4);
}

// The formula itself has no words: numbers are written the way the editor reads them (prettyNumber), whatever the
// language; only the zero column's remark is translated.
QString dependencyText(int64_t column, const std::vector<double>& coefficients,
                       const std::vector<int64_t>& basisColumns)
{
    QString text = QStringLiteral("c%1 =").arg(column + 1);
    bool first = true;
    for (size_t i = 0; i < coefficients.size() && i < basisColumns.size(); ++i) {
        const double c = coefficients[i];
        if (std::abs(c) < 1e-12)
            continue;
        const QString magnitude = prettyNumber(std::abs(c));
        if (first)
            text += QStringLiteral(" %1%2·c%3").arg(c < 0 ? QString(QChar(0x2212)) : QString()).arg(magnitude)
                        .arg(basisColumns[i] + 1);
        else
            text += QStringLiteral(" %1 %2·c%3").arg(c < 0 ? QChar(0x2212) : QLatin1Char('+')).arg(magnitude)
                        .arg(basisColumns[i] + 1);
        first = false;
    }
    if (first) // one sentence, not "c3 =" + a fragment: the language may put the column elsewhere
        return QCoreApplication::translate("ui::MatrixPlayground", "c%1 = 0 (a zero column)").arg(column + 1);
    return text;
}

} // namespace ui
