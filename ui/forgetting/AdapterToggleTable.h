#pragma once
// The adapter on/off check as a table, for the run picked in a combo: rows base (before training), adapter on (as
// trained), adapter off (the same model with every LoRA layer switched off); columns retain perplexity, KL from the
// base, max |Δlogit| and each task's accuracy. Under it core::adapterOffVerdict's sentence (phrased here, in the user's
// language), green when switching the adapter off gave back the base exactly, red when it did not.
#include "core/lora/LoraConfig.h"
#include "ui/common/MetaTypes.h"

#include <QList>
#include <QString>
#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QTableWidget;

namespace ui {

class AdapterToggleTable : public QWidget {
    Q_OBJECT
public:
    enum Row { BaseRow = 0, OnRow = 1, OffRow = 2 };

    explicit AdapterToggleTable(QWidget* parent = nullptr);

    void clear();
    // withAdapter: LoRA (an adapter to switch off); full fine-tuning has none. Returns the run's index.
    int addRun(const QString& label, const core::LoraConfig& lora, bool withAdapter);
    void setMeasurement(int run, Row row, const core::ProbeResult& result); ///< newer measurements replace older
    void setCurrentRun(int run);                                           ///< what the combo shows
    int currentRun() const;
    int runCount() const { return m_runs.size(); }

    const core::ProbeResult* measurement(int run, Row row) const; ///< nullptr until measured
    // True when the run's adapter-off measurement equals the base exactly (the verdict's green case).
    bool offEqualsBase(int run) const;
    QString verdictText() const;
    QTableWidget* table() const { return m_table; }
    QComboBox* runBox() const { return m_runBox; }

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Run {
        QString label;
        core::LoraConfig lora;
        bool withAdapter = false;
        std::optional<core::ProbeResult> rows[3];
    };

    void retranslateUi(); ///< the static texts, the combo's run names, then refresh()
    void refresh();       ///< the table and the verdict of the current run, from its kept measurements
    static QString runItemText(const Run& run); ///< "LoRA r=8 (bias none)"
    static QString offVerdict(const core::ProbeResult& base, const core::ProbeResult& off,
                              const core::LoraConfig& lora);

    QLabel* m_runLabel;
    QComboBox* m_runBox;
    QTableWidget* m_table;
    QLabel* m_verdict;
    QLabel* m_caption;
    QList<Run> m_runs;
};

} // namespace ui
