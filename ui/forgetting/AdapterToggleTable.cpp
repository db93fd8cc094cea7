#include "ui/forgetting/AdapterToggleTable.h"

#include "ui/forgetting/ForgettingExplanation.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
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
QString number(double value, int precision)
{
    return value == 0 ? QStringLiteral("0") : QLocale().toString(value, 'g', precision);
}

} // namespace

AdapterToggleTable::AdapterToggleTable(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* row = new QHBoxLayout;
    m_runLabel = new QLabel(this);
    row->addWidget(m_runLabel);
    m_runBox = new QComboBox(this);
    m_runBox->setObjectName("toggleRun");
    row->addWidget(m_runBox, 1);
    layout->addLayout(row);
    m_table = new QTableWidget(3, 0, this);
    m_table->setObjectName("adapterToggleTable");
    for (int r = BaseRow; r <= OffRow; ++r)
        m_table->setVerticalHeaderItem(r, new QTableWidgetItem);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setMinimumHeight(120);
    layout->addWidget(m_table, 1);
    m_verdict = new QLabel(this);
    m_verdict->setObjectName("adapterVerdict");
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_verdict);
    m_caption = new QLabel(this);
    m_caption->setObjectName("adapterToggleCaption");
    m_caption->setWordWrap(true);
    layout->addWidget(m_caption);
    connect(m_runBox, qOverload<int>(&QComboBox::currentIndexChanged), this, [this](int) { refresh(); });
    retranslateUi();
}

void AdapterToggleTable::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void AdapterToggleTable::retranslateUi()
{
    m_runLabel->setText(tr("Adapter on / off for"));
    m_table->verticalHeaderItem(BaseRow)->setText(tr("base"));
    m_table->verticalHeaderItem(OnRow)->setText(tr("adapter on"));
    m_table->verticalHeaderItem(OffRow)->setText(tr("adapter off"));
    m_table->verticalHeaderItem(BaseRow)->setToolTip(tr("The model before training (with any base adapter merged)."));
    m_table->verticalHeaderItem(OnRow)->setToolTip(tr("The trained model, at the latest measurement."));
    m_table->verticalHeaderItem(OffRow)->setToolTip(tr("The trained model with every LoRA adapter switched off."));
    m_caption->setText(tr("With bias none every base weight stays frozen, so switching the adapter off must give the "
                          "base back exactly (max |Δlogit| = 0). With bias all or lora_only the trained biases live "
                          "outside the adapter and stay."));
    for (int run = 0; run < m_runs.size(); ++run)
        m_runBox->setItemText(run, runItemText(m_runs[run]));
    refresh(); // the headers, cells and verdict from the measurements kept in m_runs
}

QString AdapterToggleTable::runItemText(const Run& run)
{
    const QString name = runDisplayName(run.label);
    if (!run.withAdapter)
        return name;
    return tr("%1 (bias %2)").arg(name, QString::fromStdString(core::toString(run.lora.bias)));
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
    m_runBox->addItem(runItemText(run));
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
    const QLocale locale;
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
            m_table->setItem(row, 3 + t, cell(tr("%1 % (%2/%3)").arg(locale.toString(100.0 * task.accuracy, 'f', 1),
                                                                      locale.toString(task.correct),
                                                                      locale.toString(task.records))));
        }
    }

    QString verdict;
    QString color = QStringLiteral("palette(text)");
    if (!run) {
        verdict = tr("Run a comparison to see whether switching the adapter off gives back the base model.");
    } else if (!run->withAdapter) {
        verdict = tr("%1 has no adapter to switch off: every weight changed, and only a saved copy of the base "
                     "gets it back.").arg(runDisplayName(run->label));
    } else if (!run->rows[BaseRow] || !run->rows[OffRow]) {
        verdict = tr("Waiting for the first measurement with the adapter switched off…");
    } else {
        verdict = offVerdict(*run->rows[BaseRow], *run->rows[OffRow], run->lora);
        color = offEqualsBase(index) ? QStringLiteral("#1a7f37") : QStringLiteral("#c62828");
    }
    m_verdict->setText(verdict);
    m_verdict->setStyleSheet(QStringLiteral("QLabel { color: %1; font-weight: bold; }").arg(color));
}

// core::adapterOffVerdict's cases, each one sentence template so that the verdict reads in the user's language; in
// English the text is core's, character for character (numbers as its %.3f and %.6g write them, without thousands
// separators).
QString AdapterToggleTable::offVerdict(const core::ProbeResult& base, const core::ProbeResult& off,
                                       const core::LoraConfig& lora)
{
    QLocale locale;
    locale.setNumberOptions(locale.numberOptions() | QLocale::OmitGroupSeparator);
    const QString offPerplexity = locale.toString(off.retainPerplexity, 'f', 3);
    const QString basePerplexity = locale.toString(base.retainPerplexity, 'f', 3);
    if (off.maxAbsLogitDiff == 0) {
        if (lora.bias == core::LoraBias::None)
            return tr("adapter off gives back the base exactly (max |Δlogit| = 0) (retain ppl %1, base %2): bias "
                      "'none' trains nothing outside the adapter")
                .arg(offPerplexity, basePerplexity);
        return tr("adapter off gives back the base exactly (max |Δlogit| = 0) (retain ppl %1, base %2): bias '%3', "
                  "but it changed no bias of this model (a model without biases, or biases that did not move)")
            .arg(offPerplexity, basePerplexity, QString::fromStdString(core::toString(lora.bias)));
    }
    const QString diff = locale.toString(off.maxAbsLogitDiff, 'g', 6);
    if (lora.bias == core::LoraBias::All)
        return tr("adapter off differs from the base (max |Δlogit| = %1) (retain ppl %2, base %3): bias 'all' trained "
                  "biases outside the adapter")
            .arg(diff, offPerplexity, basePerplexity);
    if (lora.bias == core::LoraBias::LoraOnly)
        return tr("adapter off differs from the base (max |Δlogit| = %1) (retain ppl %2, base %3): bias 'lora_only' "
                  "trained the biases of the adapted layers, which stay when the adapter is off")
            .arg(diff, offPerplexity, basePerplexity);
    if (!lora.modulesToSave.empty())
        return tr("adapter off differs from the base (max |Δlogit| = %1) (retain ppl %2, base %3): modules_to_save "
                  "replaced whole modules, which stay when the adapter is off")
            .arg(diff, offPerplexity, basePerplexity);
    return tr("adapter off differs from the base (max |Δlogit| = %1) (retain ppl %2, base %3): bias 'none' trains "
              "nothing outside the adapter, so the difference comes from the arithmetic (e.g. an adapter merged and "
              "unmerged in bfloat16); measure in float32 to tell")
        .arg(diff, offPerplexity, basePerplexity);
}

} // namespace ui
