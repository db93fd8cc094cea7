#pragma once
// Numbers that react as settings change: PEFT's trainable-parameters line, the effective scaling of ΔW and a memory
// estimate for the chosen device, batch and sequence length.
#include "core/lora/LoraConfig.h"
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

private:
    QLabel* m_trainable;
    QLabel* m_scaling;
    QLabel* m_memory;
};

} // namespace ui
