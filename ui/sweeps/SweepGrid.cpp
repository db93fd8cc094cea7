#include "ui/sweeps/SweepGrid.h"

#include "core/experiment/YamlDocument.h"
#include "core/run/SweepSpec.h"
#include "ui/sweeps/SweepGridForm.h"

#include <QRegularExpression>

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <cstring>
#include <set>

namespace ui {

namespace {

const char* const kRank = "lora.r";
const char* const kAlpha = "lora.lora_alpha";
const char* const kTargets = "lora.target_modules";
const char* const kDropout = "lora.lora_dropout";
const char* const kRate = "train.learning_rate";
const char* const kMaxSteps = "train.max_steps";

// The messages below are the sweep form's: they are worded in its translation context, when they are asked for.
QString fieldName(GridField field)
{
    const QString names[] = {SweepGridForm::tr("r values"), SweepGridForm::tr("lora_alpha values"),
                             SweepGridForm::tr("dropout values"), SweepGridForm::tr("learning rates")};
    return names[static_cast<int>(field)];
}

// What to type, as the field takes it back (numbers in the C locale's notation).
QString example(GridField field)
{
    const QString examples[] = {QStringLiteral("1, 2, 4, 8"), SweepGridForm::tr("16, 32 or 2r"),
                                QStringLiteral("0, 0.05, 0.1"), QStringLiteral("1e-4, 1e-3")};
    return examples[static_cast<int>(field)];
}

// The value a token stands for, for finding repeats ("2r" and "2.0r" are the same alpha). Sets *problem when bad.
QString checkedValue(const QString& token, GridField field, QString* problem)
{
    const QString name = fieldName(field);
    auto bad = [problem](const QString& why) {
        *problem = why;
        return QString();
    };
    bool ok = false;
    if (field == GridField::Alpha && token.endsWith(QLatin1Char('r'))) {
        const QString factorText = token.chopped(1);
        const double factor = factorText.isEmpty() ? 1.0 : factorText.toDouble(&ok);
        if (!factorText.isEmpty() && (!ok || !std::isfinite(factor) || factor <= 0))
            return bad(SweepGridForm::tr("%1: '%2' is neither a number nor '<k>r' (k times the run's r); write e.g. %3")
                           .arg(name, token, example(field)));
        return QString::number(factor, 'g', 12) + QLatin1Char('r');
    }
    const double value = token.toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return bad(SweepGridForm::tr("%1: '%2' is not a number; write e.g. %3").arg(name, token, example(field)));
    if (field == GridField::Rank && (value != std::floor(value) || value < 1 || value > 65536))
        return bad(SweepGridForm::tr("%1: '%2' is not a whole number of at least 1; write e.g. %3")
                       .arg(name, token, example(field)));
    if (field == GridField::Dropout && (value < 0 || value >= 1))
        return bad(SweepGridForm::tr("%1: %2 is a probability: it must be at least 0 and below 1").arg(name, token));
    if (field != GridField::Dropout && value <= 0)
        return bad(SweepGridForm::tr("%1: %2 must be above 0").arg(name, token));
    return QString::number(value, 'g', 12);
}

void emitScalarList(YAML::Emitter& out, const QStringList& values)
{
    out << YAML::Flow << YAML::BeginSeq;
    for (const QString& value : values)
        out << value.toStdString();
    out << YAML::EndSeq;
}

// "1, 2, 4" from a sequence of scalars; nullopt when an entry is not a scalar.
std::optional<QString> joinedScalars(const YAML::Node& node)
{
    if (!node.IsSequence() || node.size() == 0)
        return std::nullopt;
    QStringList parts;
    for (const auto& value : node) {
        if (!value.IsScalar())
            return std::nullopt;
        parts << QString::fromStdString(value.Scalar());
    }
    return parts.join(QStringLiteral(", "));
}

// The form's four value lists with their fields.
QList<QPair<GridField, QString>> valueLists(const SweepGrid& grid)
{
    return {{GridField::Rank, grid.rValues},
            {GridField::Alpha, grid.alphaValues},
            {GridField::Dropout, grid.dropoutValues},
            {GridField::LearningRate, grid.learningRates}};
}

} // namespace

QStringList targetPresetNames()
{
    QStringList names;
    for (const auto& name : core::targetPresetNames())
        names.append(QString::fromStdString(name));
    return names;
}

QStringList gridValues(const QString& text, GridField field, QString* error)
{
    static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
    const QStringList tokens = text.split(separators, Qt::SkipEmptyParts);
    QString problem;
    if (tokens.isEmpty())
        problem = SweepGridForm::tr("%1: write at least one value, e.g. %2").arg(fieldName(field), example(field));
    std::set<QString> seen;
    for (const QString& token : tokens) {
        if (!problem.isEmpty())
            break;
        const QString value = checkedValue(token, field, &problem);
        if (problem.isEmpty() && !seen.insert(value).second)
            problem = SweepGridForm::tr("%1: %2 appears twice; each run needs values of its own")
                          .arg(fieldName(field), token);
    }
    if (error)
        *error = problem;
    return problem.isEmpty() ? tokens : QStringList();
}

QString gridError(const SweepGrid& grid)
{
    if (grid.name.trimmed().isEmpty())
        return SweepGridForm::tr("Sweep name: give the sweep a name (the history lists it by name)");
    if (grid.outputDir.trimmed().isEmpty())
        return SweepGridForm::tr("Output folder: choose where the runs go (each in a folder of its own)");
    QString error;
    for (const auto& [field, text] : valueLists(grid)) {
        gridValues(text, field, &error);
        if (!error.isEmpty())
            return error;
    }
    if (grid.targets.isEmpty())
        return SweepGridForm::tr("Targets: tick at least one preset (attention, mlp, qv or all)");
    for (const QString& target : grid.targets)
        if (!targetPresetNames().contains(target))
            return SweepGridForm::tr("Targets: '%1' is not a preset (attention, mlp, qv, all)").arg(target);
    if (grid.maxSteps < 1)
        return SweepGridForm::tr("Max steps: every run needs at least 1 step");
    return {};
}

int gridRunCount(const SweepGrid& grid)
{
    if (!gridError(grid).isEmpty())
        return 0;
    qint64 count = grid.targets.size();
    for (const auto& [field, text] : valueLists(grid))
        count = std::min<qint64>(count * gridValues(text, field, nullptr).size(), 1 << 30);
    return static_cast<int>(count);
}

QString sweepYaml(const SweepGrid& grid)
{
    const QStringList rs = gridValues(grid.rValues, GridField::Rank, nullptr);
    const QStringList alphas = gridValues(grid.alphaValues, GridField::Alpha, nullptr);
    const QStringList dropouts = gridValues(grid.dropoutValues, GridField::Dropout, nullptr);
    const QStringList rates = gridValues(grid.learningRates, GridField::LearningRate, nullptr);

    YAML::Emitter out;
    out << YAML::BeginMap;
    out << YAML::Key << "name" << YAML::Value << grid.name.trimmed().toStdString();
    if (!grid.description.isEmpty())
        out << YAML::Key << "description" << YAML::Value << grid.description.toStdString();
    out << YAML::Key << "experiment" << YAML::Value << grid.experiment.toStdString();
    out << YAML::Key << "set" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << kMaxSteps << YAML::Value << grid.maxSteps;
    if (dropouts.size() == 1)
        out << YAML::Key << kDropout << YAML::Value << dropouts.first().toStdString();
    if (rates.size() == 1)
        out << YAML::Key << kRate << YAML::Value << rates.first().toStdString();
    for (const auto& [key, value] : grid.extraSet)
        out << YAML::Key << key.toStdString() << YAML::Value << YAML::Flow << YAML::Load(value.toStdString());
    out << YAML::EndMap;
    out << YAML::Key << "grid" << YAML::Value << YAML::BeginMap;
    for (const auto& [key, values] : {qMakePair(kRank, rs), qMakePair(kAlpha, alphas), qMakePair(kTargets, grid.targets),
                                      qMakePair(kDropout, dropouts), qMakePair(kRate, rates)})
        if (values.size() > 1 || (std::strcmp(key, kDropout) != 0 && std::strcmp(key, kRate) != 0)) {
            out << YAML::Key << key << YAML::Value;
            emitScalarList(out, values);
        }
    out << YAML::EndMap;
    out << YAML::Key << "output_dir" << YAML::Value << grid.outputDir.toStdString();
    out << YAML::EndMap;
    return QStringLiteral("# A sweep written by LoRA Workbench's sweep panel. Run it, or resume it after a stop, with\n"
                          "#   lorawb sweep <this file>\n") +
           QString::fromStdString(out.c_str()) + QLatin1Char('\n');
}

std::optional<SweepGrid> gridFromSweepYaml(const QString& text, QString* reason)
{
    auto no = [reason](const QString& why) -> std::optional<SweepGrid> {
        if (reason)
            *reason = why;
        return std::nullopt;
    };
    YAML::Node root;
    try {
        root = YAML::Load(text.toStdString());
    } catch (const YAML::Exception& e) {
        return no(SweepGridForm::tr("it is not valid YAML (%1)").arg(QString::fromStdString(e.msg)));
    }
    if (!root.IsMap())
        return no(SweepGridForm::tr("it is not a mapping of sweep keys"));
    SweepGrid grid;
    for (const auto& entry : root) {
        const std::string key = entry.first.Scalar();
        if (key != "name" && key != "description" && key != "experiment" && key != "set" && key != "grid" &&
            key != "output_dir")
            return no(SweepGridForm::tr("the form has no field for '%1'").arg(QString::fromStdString(key)));
        if (key != "set" && key != "grid" && !entry.second.IsScalar())
            return no(SweepGridForm::tr("'%1' is not a single value").arg(QString::fromStdString(key)));
    }
    if (!root["name"] || !root["experiment"] || !root["output_dir"] || !root["grid"])
        return no(SweepGridForm::tr("the form needs name, experiment, grid and output_dir, and one is missing"));
    grid.name = QString::fromStdString(root["name"].Scalar());
    if (root["description"])
        grid.description = QString::fromStdString(root["description"].Scalar());
    grid.experiment = QString::fromStdString(root["experiment"].Scalar());
    grid.outputDir = QString::fromStdString(root["output_dir"].Scalar());

    // Keys neither set nor in the grid stay empty (0): the panel takes the base experiment's (setting a key to the
    // value it already has changes no run, so the sweep keeps its identity).
    bool dropoutSet = false, rateSet = false;
    grid.maxSteps = 0;
    const YAML::Node set = root["set"] ? root["set"] : YAML::Node(YAML::NodeType::Map);
    if (!set.IsMap())
        return no(SweepGridForm::tr("'set' is not a mapping"));
    for (const auto& entry : set) {
        const std::string key = entry.first.Scalar();
        const YAML::Node& value = entry.second;
        if (key == kRank || key == kAlpha || key == kTargets)
            return no(SweepGridForm::tr("'%1' is in set; the form keeps it in the grid")
                          .arg(QString::fromStdString(key)));
        if (key == kMaxSteps) {
            grid.maxSteps = value.IsScalar() ? value.as<int>(0) : 0;
            if (grid.maxSteps < 1)
                return no(SweepGridForm::tr("%1 is not a whole number of at least 1").arg(QString::fromStdString(key)));
        } else if ((key == kDropout || key == kRate) && value.IsScalar()) {
            (key == kDropout ? grid.dropoutValues : grid.learningRates) = QString::fromStdString(value.Scalar());
            (key == kDropout ? dropoutSet : rateSet) = true;
        } else {
            grid.extraSet.append({QString::fromStdString(key), QString::fromStdString(core::flowText(value))});
        }
    }
    const YAML::Node gridNode = root["grid"];
    if (!gridNode.IsMap())
        return no(SweepGridForm::tr("'grid' is not a mapping"));
    // The writer's key order: the order decides the run order and the labels, hence the sweep's identity.
    QStringList order;
    for (const auto& entry : gridNode)
        order << QString::fromStdString(entry.first.Scalar());
    QStringList expected = {kRank, kAlpha, kTargets};
    if (!dropoutSet && order.contains(kDropout))
        expected << kDropout;
    else if (!dropoutSet)
        grid.dropoutValues.clear();
    if (!rateSet && order.contains(kRate))
        expected << kRate;
    else if (!rateSet)
        grid.learningRates.clear();
    if (order != expected)
        return no(SweepGridForm::tr("its grid keys (%1) are not the form's (%2)")
                      .arg(order.join(", "), expected.join(", ")));
    for (const QString& key : expected) {
        const YAML::Node values = gridNode[key.toStdString()];
        const std::optional<QString> joined = joinedScalars(values);
        if (!joined)
            return no(SweepGridForm::tr("grid key %1 is not a list of single values").arg(key));
        // A single dropout or rate would be written to `set` instead, which changes the labels.
        if ((key == kDropout || key == kRate) && values.size() < 2)
            return no(SweepGridForm::tr("grid key %1 has one value; the form keeps single values in set").arg(key));
        QString* field = key == kRank ? &grid.rValues : key == kAlpha ? &grid.alphaValues
                                      : key == kDropout ? &grid.dropoutValues : key == kRate ? &grid.learningRates : nullptr;
        if (field) {
            *field = *joined;
            continue;
        }
        grid.targets.clear();
        for (const auto& value : values) {
            const QString preset = QString::fromStdString(value.Scalar());
            if (!targetPresetNames().contains(preset))
                return no(SweepGridForm::tr("target '%1' is not one of the form's presets").arg(preset));
            grid.targets << preset;
        }
    }
    return grid;
}

} // namespace ui
