#include "ui/model/LiveEstimates.h"

#include "core/lora/ParameterCount.h"
#include "core/lora/ParameterPlan.h"

#include <QEvent>
#include <QFontDatabase>
#include <QLabel>
#include <QLocale>
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
    m_scaling = new QLabel(this);
    m_scaling->setObjectName("scalingText");
    m_memory = new QLabel(this);
    m_memory->setObjectName("memoryText");
    m_memory->setWordWrap(true);
    layout->addWidget(m_trainable);
    layout->addWidget(m_scaling);
    layout->addWidget(m_memory);
    layout->addStretch();
    retranslateUi();
}

void LiveEstimates::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void LiveEstimates::retranslateUi()
{
    m_trainable->setToolTip(tr("The line PEFT's print_trainable_parameters() prints for these settings: only the "
                               "adapters (and the biases the bias option frees) train; the base stays frozen."));
    m_scaling->setToolTip(tr("The update actually added to each weight: W = W₀ + scale · B·A."));
    m_memory->setToolTip(tr("A rough estimate (±30 %) of the memory training needs: the frozen weights (bfloat16 on "
                            "CUDA, float32 on CPU), the adapters, their gradients and AdamW's two moments (float32), "
                            "and the activations kept for the backward pass of one micro-batch. Lower the batch or "
                            "max_length when it does not fit."));
    render();
}

void LiveEstimates::update(const ModelSummary& model, const core::LoraConfig& cfg, int batch, int sequenceLength,
                           bool cuda)
{
    Shown shown;
    shown.updated = true;
    shown.modelValid = model.isValid();
    shown.rslora = cfg.useRslora;
    shown.alpha = cfg.loraAlpha;
    shown.r = cfg.r;
    shown.scale = loraScaling(cfg);
    if (shown.modelValid) {
        const core::ParameterCount planned = core::plannedParameters(model.modules, model.parameters, cfg);
        shown.trainableLine = QString::fromStdString(core::trainableParametersLine(planned));
        shown.memory = estimateMemory(model.config, planned, batch, sequenceLength, cuda);
        shown.batch = batch;
        shown.sequenceLength = sequenceLength;
        shown.cuda = cuda;
    }
    m_shown = shown;
    render();
}

void LiveEstimates::render()
{
    const Shown& s = m_shown;
    if (!s.updated || !s.modelValid) {
        m_trainable->setText(tr("Load a model to see the trainable parameters."));
        m_memory->clear();
    }
    if (!s.updated)
        return;
    const QString scale = QLocale().toString(s.scale, 'g', 4);
    m_scaling->setText(s.rslora ? tr("ΔW scale = alpha / √r = %L1 / √%L2 = %3").arg(s.alpha).arg(s.r).arg(scale)
                                : tr("ΔW scale = alpha / r = %L1 / %L2 = %3").arg(s.alpha).arg(s.r).arg(scale));
    if (!s.modelValid)
        return;
    m_trainable->setText(s.trainableLine);
    const MemoryEstimate& e = s.memory;
    m_memory->setText(tr("Memory on %1 for batch %L2 × %L3 tokens: ≈ %4 in all — weights %5, adapters %6, gradients "
                         "+ optimizer state %7, activations %8")
                          .arg(s.cuda ? QStringLiteral("CUDA") : QStringLiteral("CPU"))
                          .arg(s.batch)
                          .arg(s.sequenceLength)
                          .arg(humanBytes(e.total()), humanBytes(e.weights), humanBytes(e.adapters),
                               humanBytes(e.optimizer), humanBytes(e.activations)));
}

QString LiveEstimates::trainableLine() const { return m_trainable->text(); }
QString LiveEstimates::scalingText() const { return m_scaling->text(); }
QString LiveEstimates::memoryText() const { return m_memory->text(); }

} // namespace ui
