#pragma once
// What the sweep form edits, and its sweep-file YAML both ways (core/run/SweepSpec.h has the format). The form writes
// files that `lorawb sweep` runs unchanged, and reads back exactly the files it writes (plus extra `set` keys, kept
// as they are); any other file is shown and run as it is, because rewriting it could change its runs, and a changed
// sweep is a new sweep in the history (no resume).
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace ui {

enum class GridField { Rank, Alpha, Dropout, LearningRate };

struct SweepGrid {
    QString name = QStringLiteral("sweep");
    QString description;                  ///< written back unchanged ("" = none)
    QString experiment;                   ///< the base experiment as the file names it (absolute or relative to it)
    QString outputDir;                    ///< each run in <outputDir>/<NN>-<label>
    QString rValues = QStringLiteral("1, 2, 4, 8");
    QString alphaValues = QStringLiteral("2r"); ///< numbers, or "<k>r": k times the run's r
    QStringList targets = {QStringLiteral("attention"), QStringLiteral("all")}; ///< presets, in this order
    QString dropoutValues = QStringLiteral("0.05");
    QString learningRates = QStringLiteral("1e-3");
    int maxSteps = 100;
    QList<QPair<QString, QString>> extraSet; ///< other `set:` entries, key → YAML flow text, kept as they are
};

// The target presets the form offers, in order (core::targetPreset knows their modules).
QStringList targetPresetNames();

// The values of a list field ("1, 2, 4" — commas and/or spaces). On a problem returns {} and sets *error to a
// message naming the field and what to write.
QStringList gridValues(const QString& text, GridField field, QString* error);

// The form's first problem ("" when none): empty, non-numeric, non-positive or repeated values, no target preset,
// no name or output folder.
QString gridError(const SweepGrid& grid);

// Runs in the grid (the product of the value counts); 0 while the grid has a problem.
int gridRunCount(const SweepGrid& grid);

// The sweep file. r, alpha and targets always go in the grid (alpha "2r" and presets are expanded only there);
// dropout and learning rate too when they have several values, otherwise in `set` so that labels stay short.
QString sweepYaml(const SweepGrid& grid);

// The grid a sweep file's text holds, when it has the shape sweepYaml writes; otherwise nullopt and *reason says
// which key the form cannot show. Dropout, learning rate and max_steps that the file leaves to its base experiment
// come back as "" / "" / 0.
std::optional<SweepGrid> gridFromSweepYaml(const QString& text, QString* reason);

} // namespace ui
