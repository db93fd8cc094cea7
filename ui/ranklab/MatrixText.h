#pragma once
// The matrix playground's text: parsing what a person types (rows on lines, numbers separated by spaces or commas)
// with an error that names the row, and writing a column dependency the way a blackboard does ("c3 = 1·c1 − 1·c2").
#include <QString>

#include <cstdint>
#include <vector>

namespace ui {

struct ParsedMatrix {
    std::vector<std::vector<double>> rows; ///< every row has the same length when error is empty
    QString error; ///< "Row 2: 'x' is not a number …" in the current language; empty when the text is a matrix
    bool ok() const { return error.isEmpty(); }
};

// The largest matrix the playground takes (the point is to see rank on small matrices, and it recomputes per key).
constexpr int kMaxPlaygroundSize = 20;

// One row per line (';' also ends a row); entries separated by spaces, tabs or commas; blank lines are skipped.
// Rows are numbered from 1 among the non-blank ones.
ParsedMatrix parseMatrixText(const QString& text);
// rows → text, one row per line, entries separated by spaces ("1 2 -1").
QString matrixToText(const std::vector<std::vector<double>>& rows);

// A number as a person writes it: integers without a decimal point, others with up to 4 significant digits.
QString prettyNumber(double value);
// "c3 = 1·c1 − 1·c2" (1-based column names). coefficients[i] multiplies basisColumns[i] (0-based indices); zero
// terms are left out, and a column of all-zero coefficients reads "c3 = 0 (a zero column)".
QString dependencyText(int64_t column, const std::vector<double>& coefficients,
                       const std::vector<int64_t>& basisColumns);

} // namespace ui
