#pragma once
// r, lora_alpha, lora_dropout, bias, task_type, use_rslora and init, each with a tooltip that teaches what it does, the
// common choice and the trade-off.
#include "core/lora/LoraConfig.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
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

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void retranslateTaskTypes(); // each task_type entry's text and tooltip
    // An init_lora_weights choice as the list shows it (value: as the experiment file spells it).
    static QString initChoiceText(const QString& value);
    // PiSSA / OLoRA and DoRA exclude each other (core/lora/LoraSettings.cpp): whichever is chosen disables the other.
    void updateExclusions();
    QFormLayout* m_form;
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
