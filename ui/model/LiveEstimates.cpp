#include "ui/model/LiveEstimates.h"

#include "core/lora/ParameterCount.h"
#include "core/lora/ParameterPlan.h"
#include "ui/model/AdapterPlan.h"

#include <QFontDatabase>
#include <QLabel>
#include <QVBoxLayout>

namespace ui {

LiveEstimates::LiveEstimates(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    m_trainable = new QLabel(this);
    m_trainable->setObjectName("trainableLine");
    m_trainable->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_trainable->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_trainable->setWordWrap(true);
    m_trainable->setToolTip(tr("The line PEFT's print_trainable_parameters() prints for these settings: only the "
                               "adapters (and the biases the bias option frees) train; the base stays frozen."));
    m_scaling = new QLabel(this);
    m_scaling->setObjectName("scalingText");
    m_scaling->setToolTip(tr("The update actually added to each weight: W = W₀ + scale · B·A."));
    m_memory = new QLabel(this);
    m_memory->setObjectName("memoryText");
    m_memory->setWordWrap(true);
    m_memory->setToolTip(tr("A rough estimate (±30 %) of the memory training needs: the frozen weights (bfloat16 on "
                            "CUDA, float32 on CPU), the adapters, their gradients and AdamW's two moments (float32), "
                            "and the activations kept for the backward pass of one micro-batch. Lower the batch or "
                            "max_length when it does not fit."));
    layout->addWidget(m_trainable);
    layout->addWidget(m_scaling);
    layout->addWidget(m_memory);
    layout->addStretch();
    m_trainable->setText(tr("Load a model to see the trainable parameters."));
}

void LiveEstimates::update(const ModelSummary& model, const core::LoraConfig& cfg, int batch, int sequenceLength,
                           bool cuda)
{
    const double scale = loraScaling(cfg);
    m_scaling->setText(cfg.useRslora ? tr("ΔW scale = alpha / √r = %1 / √%2 = %3").arg(cfg.loraAlpha).arg(cfg.r).arg(scale, 0, 'g', 4)
                                     : tr("ΔW scale = alpha / r = %1 / %2 = %3").arg(cfg.loraAlpha).arg(cfg.r).arg(scale, 0, 'g', 4));
    if (!model.isValid()) {
        m_trainable->setText(tr("Load a model to see the trainable parameters."));
        m_memory->clear();
        return;
    }
    const core::ParameterCount planned = core::plannedParameters(model.modules, model.parameters, cfg);
    m_trainable->setText(QString::fromStdString(core::trainableParametersLine(planned)));
    const MemoryEstimate e = estimateMemory(model.config, planned, batch, sequenceLength, cuda);
    m_memory->setText(tr("Memory on %1 for batch %2 × %3 tokens: ≈ %4 in all — weights %5, adapters %6, gradients + "
                         "optimizer state %7, activations %8")
                          .arg(cuda ? QStringLiteral("CUDA") : QStringLiteral("CPU"))
                          .arg(batch)
                          .arg(sequenceLength)
                          .arg(humanBytes(e.total()), humanBytes(e.weights), humanBytes(e.adapters),
                               humanBytes(e.optimizer), humanBytes(e.activations)));
}

QString LiveEstimates::trainableLine() const { return m_trainable->text(); }
QString LiveEstimates::scalingText() const { return m_scaling->text(); }
QString LiveEstimates::memoryText() const { return m_memory->text(); }

} // namespace ui
