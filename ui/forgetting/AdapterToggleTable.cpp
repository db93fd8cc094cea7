#include "ui/forgetting/AdapterToggleTable.h"

#include "core/run/ProbeText.h"
#include "ui/forgetting/ForgettingExplanation.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ui {

namespace {

QTableWidgetItem* cell(const QString& text)
{
    auto* item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

// Enough digits that "equal" and "almost equal" look different: an exact 0 prints as 0.
QString number(double value, int precision) { return value == 0 ? QStringLiteral("0") : QString::number(value, 'g', precision); }

} // namespace

AdapterToggleTable::AdapterToggleTable(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Adapter on / off for"), this));
    m_runBox = new QComboBox(this);
    m_runBox->setObjectName("toggleRun");
    row->addWidget(m_runBox, 1);
    layout->addLayout(row);
    m_table = new QTableWidget(3, 0, this);
    m_table->setObjectName("adapterToggleTable");
    m_table->setVerticalHeaderLabels({tr("base"), tr("adapter on"), tr("adapter off")});
    m_table->verticalHeaderItem(BaseRow)->setToolTip(tr("The model before training (with any base adapter merged)."));
    m_table->verticalHeaderItem(OnRow)->setToolTip(tr("The trained model, at the latest measurement."));
    m_table->verticalHeaderItem(OffRow)->setToolTip(tr("The trained model with every LoRA adapter switched off."));
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setMinimumHeight(120);
    layout->addWidget(m_table, 1);
    m_verdict = new QLabel(this);
    m_verdict->setObjectName("adapterVerdict");
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_verdict);
    auto* caption = new QLabel(tr("With bias none every base weight stays frozen, so switching the adapter off must "
                                  "give the base back exactly (max |Δlogit| = 0). With bias all or lora_only the "
                                  "trained biases live outside the adapter and stay."),
                               this);
    caption->setObjectName("adapterToggleCaption");
    caption->setWordWrap(true);
    layout->addWidget(caption);
    connect(m_runBox, qOverload<int>(&QComboBox::currentIndexChanged), this, [this](int) { refresh(); });
    refresh();
}

void AdapterToggleTable::clear()
{
    m_runs.clear();
    m_runBox->clear();
    refresh();
}

int AdapterToggleTable::addRun(const QString& label, const core::LoraConfig& lora, bool withAdapter)
{
    Run run;
    run.label = label;
    run.lora = lora;
    run.withAdapter = withAdapter;
    m_runs.append(run);
    const QString bias = withAdapter ? tr(" (bias %1)").arg(QString::fromStdString(core::toString(lora.bias))) : QString();
    m_runBox->addItem(label + bias);
    return m_runs.size() - 1;
}

void AdapterToggleTable::setMeasurement(int run, Row row, const core::ProbeResult& result)
{
    if (run < 0 || run >= m_runs.size())
        return;
    m_runs[run].rows[row] = result;
    if (run == currentRun())
        refresh();
}

void AdapterToggleTable::setCurrentRun(int run)
{
    if (run >= 0 && run < m_runBox->count())
        m_runBox->setCurrentIndex(run);
}

int AdapterToggleTable::currentRun() const { return m_runBox->currentIndex(); }

const core::ProbeResult* AdapterToggleTable::measurement(int run, Row row) const
{
    if (run < 0 || run >= m_runs.size() || !m_runs[run].rows[row])
        return nullptr;
    return &*m_runs[run].rows[row];
}

bool AdapterToggleTable::offEqualsBase(int run) const
{
    const core::ProbeResult* base = measurement(run, BaseRow);
    const core::ProbeResult* off = measurement(run, OffRow);
    // The same test as core::adapterOffVerdict: identical logits on every retain token.
    return base && off && off->maxAbsLogitDiff == 0;
}

QString AdapterToggleTable::verdictText() const { return m_verdict->text(); }

void AdapterToggleTable::refresh()
{
    const int index = currentRun();
    QStringList headers{tr("retain ppl"), tr("KL from base"), tr("max |Δlogit|")};
    const Run* run = index >= 0 && index < m_runs.size() ? &m_runs[index] : nullptr;
    const core::ProbeResult* any = nullptr;
    if (run)
        for (const auto& r : run->rows)
            if (r)
                any = &*r;
    if (any)
        for (const auto& task : any->tasks)
            headers << tr("%1 accuracy").arg(taskDisplayName(task.name));
    m_table->clearContents();
    m_table->setColumnCount(headers.size());
    m_table->setHorizontalHeaderLabels(headers);
    for (int row = 0; run && row < 3; ++row) {
        const auto& result = run->rows[row];
        if (!result) {
            const QString why = row == OffRow && !run->withAdapter ? tr("— (no adapter)") : tr("…");
            for (int column = 0; column < headers.size(); ++column)
                m_table->setItem(row, column, cell(column == 0 ? why : QString()));
            continue;
        }
        m_table->setItem(row, 0, cell(number(result->retainPerplexity, 8)));
        m_table->setItem(row, 1, cell(number(result->klFromBase, 4)));
        m_table->setItem(row, 2, cell(number(result->maxAbsLogitDiff, 4)));
        for (int t = 0; t < static_cast<int>(result->tasks.size()) && 3 + t < headers.size(); ++t) {
            const core::TaskScore& task = result->tasks[static_cast<size_t>(t)];
            m_table->setItem(row, 3 + t, cell(tr("%1 % (%2/%3)").arg(100.0 * task.accuracy, 0, 'f', 1)
                                                   .arg(task.correct).arg(task.records)));
        }
    }

    QString verdict;
    QString color = QStringLiteral("palette(text)");
    if (!run) {
        verdict = tr("Run a comparison to see whether switching the adapter off gives back the base model.");
    } else if (!run->withAdapter) {
        verdict = tr("%1 has no adapter to switch off: every weight changed, and only a saved copy of the base "
                     "gets it back.").arg(run->label);
    } else if (!run->rows[BaseRow] || !run->rows[OffRow]) {
        verdict = tr("Waiting for the first measurement with the adapter switched off…");
    } else {
        verdict = QString::fromStdString(core::adapterOffVerdict(*run->rows[BaseRow], *run->rows[OffRow], run->lora));
        color = offEqualsBase(index) ? QStringLiteral("#1a7f37") : QStringLiteral("#c62828");
    }
    m_verdict->setText(verdict);
    m_verdict->setStyleSheet(QStringLiteral("QLabel { color: %1; font-weight: bold; }").arg(color));
}

} // namespace ui
