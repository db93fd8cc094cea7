#include "ui/model/ModelSummary.h"

#include "core/model/DeviceSelection.h"
#include "core/model/ModelLoader.h"

#include <QObject>
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
    lines << QObject::tr("Architecture: %1 (%2)").arg(QString::fromStdString(c.architecture),
                                                       QString::fromStdString(c.modelType));
    lines << QObject::tr("Layers: %1   hidden: %2   intermediate: %3")
                 .arg(c.numHiddenLayers).arg(c.hiddenSize).arg(c.intermediateSize);
    lines << QObject::tr("Heads: %1   KV heads: %2   head dim: %3")
                 .arg(c.numAttentionHeads).arg(c.numKeyValueHeads).arg(c.headDim);
    lines << QObject::tr("Vocabulary: %1   context: %2").arg(c.vocabSize).arg(c.maxPositionEmbeddings);
    lines << QObject::tr("Parameters: %1 (%2)   dtype: %3")
                 .arg(QString::fromStdString(core::withThousandsSeparators(parameters.all)), humanCount(parameters.all),
                      dtype);
    QStringList biased;
    for (const auto& m : modules)
        if (m.hasBias && !biased.contains(QString::fromStdString(m.shortName)))
            biased << QString::fromStdString(m.shortName);
    lines << (biased.isEmpty()
                  ? QObject::tr("Linear biases: none (bias \"all\"/\"lora_only\" train nothing extra here)")
                  : QObject::tr("Linear biases: %1 (the bias option matters for this model)").arg(biased.join(", ")));
    return lines.join(QLatin1Char('\n'));
}

QString humanCount(int64_t value)
{
    const double v = static_cast<double>(value);
    if (v >= 1e9)
        return QString::number(v / 1e9, 'f', 2) + QStringLiteral(" B");
    if (v >= 1e6)
        return QString::number(v / 1e6, 'f', 2) + QStringLiteral(" M");
    if (v >= 1e3)
        return QString::number(v / 1e3, 'f', 1) + QStringLiteral(" K");
    return QString::number(value);
}

QString humanBytes(double bytes)
{
    const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    int unit = 0;
    while (bytes >= 1024.0 && unit < 4) {
        bytes /= 1024.0;
        ++unit;
    }
    return QString::number(bytes, 'f', unit == 0 ? 0 : 1) + QLatin1Char(' ') + QLatin1String(units[unit]);
}

} // namespace ui
