#include "ui/model/ModelSummary.h"

#include "core/model/DeviceSelection.h"
#include "core/model/ModelLoader.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>

namespace ui {

ModelSummary inspectModel(const QString& directory)
{
    core::LoadOptions options;
    options.device = "cpu";
    const core::LoadedModel loaded = core::loadModel(directory.toStdString(), options);
    ModelSummary summary;
    summary.directory = directory;
    summary.config = loaded.model->config();
    summary.modules = core::discoverLinearModules(*loaded.model);
    summary.parameters = core::countParameters(*loaded.model);
    summary.dtype = QString::fromStdString(summary.config.torchDtype.empty() ? core::dtypeName(loaded.dtype)
                                                                             : summary.config.torchDtype);
    summary.tokenizer = loaded.tokenizer;
    return summary;
}

QString ModelSummary::describe() const
{
    const auto& c = config;
    QStringList lines;
    lines << QCoreApplication::translate("ui::ModelSummary", "Architecture: %1 (%2)")
                 .arg(QString::fromStdString(c.architecture), QString::fromStdString(c.modelType));
    lines << QCoreApplication::translate("ui::ModelSummary", "Layers: %L1   hidden: %L2   intermediate: %L3")
                 .arg(c.numHiddenLayers)
                 .arg(c.hiddenSize)
                 .arg(c.intermediateSize);
    lines << QCoreApplication::translate("ui::ModelSummary", "Heads: %L1   KV heads: %L2   head dim: %L3")
                 .arg(c.numAttentionHeads)
                 .arg(c.numKeyValueHeads)
                 .arg(c.headDim);
    lines << QCoreApplication::translate("ui::ModelSummary", "Vocabulary: %L1   context: %L2")
                 .arg(c.vocabSize)
                 .arg(c.maxPositionEmbeddings);
    lines << QCoreApplication::translate("ui::ModelSummary", "Parameters: %1 (%2)   dtype: %3")
                 .arg(QLocale().toString(qlonglong(parameters.all)), humanCount(parameters.all), dtype);
    QStringList biased;
    for (const auto& m : modules)
        if (m.hasBias && !biased.contains(QString::fromStdString(m.shortName)))
            biased << QString::fromStdString(m.shortName);
    if (biased.isEmpty())
        lines << QCoreApplication::translate("ui::ModelSummary", "Linear biases: none (bias \"all\"/\"lora_only\" "
                                                                 "train nothing extra here)");
    else
        lines << QCoreApplication::translate("ui::ModelSummary",
                                             "Linear biases: %1 (the bias option matters for this model)")
                     .arg(biased.join(", "));
    return lines.join(QLatin1Char('\n'));
}

QString humanCount(int64_t value)
{
    const double v = static_cast<double>(value);
    const QLocale locale;
    if (v >= 1e9)
        return locale.toString(v / 1e9, 'f', 2) + QStringLiteral(" B");
    if (v >= 1e6)
        return locale.toString(v / 1e6, 'f', 2) + QStringLiteral(" M");
    if (v >= 1e3)
        return locale.toString(v / 1e3, 'f', 1) + QStringLiteral(" K");
    return locale.toString(qlonglong(value));
}

QString humanBytes(double bytes)
{
    const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    int unit = 0;
    while (bytes >= 1024.0 && unit < 4) {
        bytes /= 1024.0;
        ++unit;
    }
    return QLocale().toString(bytes, 'f', unit == 0 ? 0 : 1) + QLatin1Char(' ') + QLatin1String(units[unit]);
}

} // namespace ui
