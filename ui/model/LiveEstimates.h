#pragma once
// Numbers that react as settings change: PEFT's trainable-parameters line, the effective scaling of ΔW and a memory
// estimate for the chosen device, batch and sequence length.
#include "core/lora/LoraConfig.h"
#include "ui/model/AdapterPlan.h"
#include "ui/model/ModelSummary.h"

#include <QWidget>

class QLabel;

namespace ui {

class LiveEstimates : public QWidget {
    Q_OBJECT
public:
    explicit LiveEstimates(QWidget* parent = nullptr);

    void update(const ModelSummary& model, const core::LoraConfig& cfg, int batch, int sequenceLength, bool cuda);
    QString trainableLine() const;
    QString scalingText() const;
    QString memoryText() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void render(); // the three lines from m_shown, in the current language

    // What update() worked out last, kept so that a language switch re-renders without counting again.
    struct Shown {
        bool updated = false; ///< update() has run
        bool modelValid = false;
        bool rslora = false;
        double alpha = 0;
        int r = 0;
        double scale = 0;
        QString trainableLine; ///< PEFT's print_trainable_parameters() line, English as PEFT prints it
        MemoryEstimate memory;
        int batch = 0;
        int sequenceLength = 0;
        bool cuda = false;
    };

    QLabel* m_trainable;
    QLabel* m_scaling;
    QLabel* m_memory;
    Shown m_shown;
};

} // namespace ui
