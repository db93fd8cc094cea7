#include "ui/history/RunDetailsText.h"

#include "core/lora/ParameterCount.h"

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>

namespace ui {

namespace {

QString tr(const char* text) { return QCoreApplication::translate("RunDetails", text); }
QString text(const std::string& value) { return value.empty() ? tr("—") : QString::fromStdString(value); }

} // namespace

QString runDetailsText(const core::RunRecord& run)
{
    QStringList lines;
    int width = 16; // the value column; the finals widen it for their long names ("adapter_off_retain_kl")
    auto add = [&lines, &width](const QString& key, const QString& value) {
        lines << key.leftJustified(width) + value;
    };
    lines << QStringLiteral("Run #%1  %2").arg(run.id).arg(QString::fromStdString(run.name));
    add(tr("status"), text(core::toString(run.status)));
    if (!run.message.empty())
        add(tr("message"), text(run.message));
    add(tr("started"), text(run.startedAt));
    add(tr("finished"), text(run.finishedAt));
    add(tr("steps"), QStringLiteral("%1 / %2").arg(run.steps).arg(run.totalSteps));
    if (run.sweepId > 0)
        add(tr("sweep"), tr("#%1, item %2").arg(run.sweepId).arg(run.sweepIndex));
    lines << QString();
    add(tr("finetune"), text(run.finetune));
    add(tr("model"), text(run.model));
    if (run.finetune != "full") {
        add(tr("r"), QString::number(run.r));
        add(tr("lora_alpha"), QString::number(run.loraAlpha, 'g', 6));
        add(tr("lora_dropout"), QString::number(run.loraDropout, 'g', 6));
        add(tr("targets"), text(run.targets));
        add(tr("bias"), text(run.bias));
    }
    add(tr("learning rate"), QString::number(run.learningRate, 'g', 6));
    add(tr("seed"), QString::number(run.seed));
    core::ParameterCount count;
    count.trainable = run.trainableParams;
    count.all = run.allParams;
    add(tr("parameters"), QString::fromStdString(core::trainableParametersLine(count)));
    lines << QString();
    lines << tr("Provenance (the same hashes mean the same model, data and prompt template):");
    add(tr("model hash"), text(run.modelHash));
    add(tr("data hash"), text(run.dataHash));
    add(tr("template hash"), text(run.templateHash));
    add(tr("LoRA Workbench"), text(run.lorawbVersion));
    add(tr("libtorch"), text(run.torchVersion));
    add(tr("device"), text(run.device));
    add(tr("output folder"), text(run.outputDir));
    add(tr("adapter"), run.adapterPath.empty() ? tr("(not written)") : QString::fromStdString(run.adapterPath));
    if (!run.finals.empty()) {
        lines << QString();
        lines << tr("Final evaluation:");
        for (const auto& entry : run.finals)
            width = std::max(width, static_cast<int>(entry.first.size()) + 2);
        for (const auto& [name, value] : run.finals)
            add(QString::fromStdString(name), QString::number(value, 'g', 6));
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace ui
