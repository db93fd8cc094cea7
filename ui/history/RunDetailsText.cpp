#include "ui/history/RunDetailsText.h"

#include "core/lora/ParameterCount.h"
#include "ui/history/HistoryPanel.h"
#include "ui/history/RunTableModel.h"

#include <QLocale>
#include <QStringList>

#include <algorithm>

namespace ui {

namespace {

// The pane is worded in HistoryPanel's translation context: it is the panel's text, built each time a run is shown.
QString detailsValue(const std::string& value)
{
    return value.empty() ? HistoryPanel::tr("—") : QString::fromStdString(value);
}

// Columns a key takes in the pane's fixed-width font: Hangul and CJK characters are two columns wide, so counting
// characters would push the values of Korean keys out of line.
int detailsKeyColumns(const QString& key)
{
    int columns = 0;
    for (const QChar c : key)
        columns += c.script() == QChar::Script_Hangul || c.script() == QChar::Script_Han ? 2 : 1;
    return columns;
}

} // namespace

QString runDetailsText(const core::RunRecord& run)
{
    QStringList lines;
    int width = 16; // the value column; the finals widen it for their long names ("adapter_off_retain_kl")
    auto add = [&lines, &width](const QString& key, const QString& value) {
        lines << key + QString(std::max(width - detailsKeyColumns(key), 1), QLatin1Char(' ')) + value;
    };
    const QLocale locale;
    const auto time = [](const std::string& iso) {
        return iso.empty() ? HistoryPanel::tr("—") : RunTableModel::utcTimeText(iso, QLocale::LongFormat);
    };
    lines << HistoryPanel::tr("Run #%1  %2").arg(run.id).arg(QString::fromStdString(run.name));
    add(HistoryPanel::tr("status"), RunTableModel::statusText(QString::fromStdString(core::toString(run.status))));
    if (!run.message.empty())
        add(HistoryPanel::tr("message"), detailsValue(run.message));
    add(HistoryPanel::tr("started"), time(run.startedAt));
    add(HistoryPanel::tr("finished"), time(run.finishedAt));
    add(HistoryPanel::tr("steps"), QStringLiteral("%L1 / %L2").arg(run.steps).arg(run.totalSteps));
    if (run.sweepId > 0)
        add(HistoryPanel::tr("sweep"), HistoryPanel::tr("#%1, item %2").arg(run.sweepId).arg(run.sweepIndex));
    lines << QString();
    // PEFT's names (finetune's value, r, lora_alpha, lora_dropout, bias) read the same in every language.
    add(HistoryPanel::tr("finetune"), detailsValue(run.finetune));
    add(HistoryPanel::tr("model"), detailsValue(run.model));
    if (run.finetune != "full") {
        add(QStringLiteral("r"), locale.toString(run.r));
        add(QStringLiteral("lora_alpha"), locale.toString(run.loraAlpha, 'g', 6));
        add(QStringLiteral("lora_dropout"), locale.toString(run.loraDropout, 'g', 6));
        add(HistoryPanel::tr("targets"), detailsValue(run.targets));
        add(QStringLiteral("bias"), detailsValue(run.bias));
    }
    add(HistoryPanel::tr("learning rate"), locale.toString(run.learningRate, 'g', 6));
    add(HistoryPanel::tr("seed"), QString::number(run.seed)); // as train.seed takes it, to copy into a file
    core::ParameterCount count;
    count.trainable = run.trainableParams;
    count.all = run.allParams;
    add(HistoryPanel::tr("parameters"), QString::fromStdString(core::trainableParametersLine(count)));
    lines << QString();
    lines << HistoryPanel::tr("Provenance (the same hashes mean the same model, data and prompt template):");
    add(HistoryPanel::tr("model hash"), detailsValue(run.modelHash));
    add(HistoryPanel::tr("data hash"), detailsValue(run.dataHash));
    add(HistoryPanel::tr("template hash"), detailsValue(run.templateHash));
    add(QStringLiteral("LoRA Workbench"), detailsValue(run.lorawbVersion));
    add(QStringLiteral("libtorch"), detailsValue(run.torchVersion));
    add(HistoryPanel::tr("device"), detailsValue(run.device));
    add(HistoryPanel::tr("output folder"), detailsValue(run.outputDir));
    add(HistoryPanel::tr("adapter"), run.adapterPath.empty() ? HistoryPanel::tr("(not written)")
                                                             : QString::fromStdString(run.adapterPath));
    if (!run.finals.empty()) {
        lines << QString();
        lines << HistoryPanel::tr("Final evaluation:");
        for (const auto& entry : run.finals)
            width = std::max(width, static_cast<int>(entry.first.size()) + 2);
        for (const auto& [name, value] : run.finals)
            add(QString::fromStdString(name), locale.toString(value, 'g', 6));
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace ui
