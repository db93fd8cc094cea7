#pragma once
// r, lora_alpha, lora_dropout, bias, task_type, use_rslora and init, each with a tooltip that teaches what it does, the
// common choice and the trade-off.
#include "core/lora/LoraConfig.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QSpinBox;

namespace ui {

class LoraSettingsPanel : public QWidget {
    Q_OBJECT
public:
    explicit LoraSettingsPanel(QWidget* parent = nullptr);

    // Writes every field this panel owns (not target_modules / layers_to_transform) into cfg.
    void apply(core::LoraConfig& cfg) const;
    void load(const core::LoraConfig& cfg);

    QSpinBox* rankBox() const { return m_r; }
    QComboBox* taskTypeBox() const { return m_taskType; }

Q_SIGNALS:
    void changed();

private:
    // PiSSA / OLoRA and DoRA exclude each other (core/lora/LoraSettings.cpp): whichever is chosen disables the other.
    void updateExclusions();
    QSpinBox* m_r;
    QDoubleSpinBox* m_alpha;
    QDoubleSpinBox* m_dropout;
    QComboBox* m_bias;
    QComboBox* m_taskType;
    QCheckBox* m_rslora;
    QCheckBox* m_dora;
    QComboBox* m_init;
};

} // namespace ui
