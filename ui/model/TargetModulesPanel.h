#pragma once
// The target_modules checklist, discovered from the loaded model: one entry per module kind (q_proj … down_proj),
// grouped attention / MLP, with its shape and what an adapter on it costs at the current r; presets; and the layer
// range (layers_to_transform).
#include "core/lora/LoraConfig.h"
#include "ui/model/ModelSummary.h"

#include <QStringList>
#include <QWidget>

class QCheckBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTreeWidget;
class QTreeWidgetItem;

namespace ui {

class TargetModulesPanel : public QWidget {
    Q_OBJECT
public:
    explicit TargetModulesPanel(QWidget* parent = nullptr);

    void setModel(const ModelSummary& summary);
    // Refreshes the per-module adapter parameter counts for cfg's r (and rank_pattern).
    void updateCounts(const core::LoraConfig& cfg);

    // Writes target_modules (a list of short names) and layers_to_transform into cfg.
    void apply(core::LoraConfig& cfg) const;
    void load(const core::LoraConfig& cfg);

    QStringList availableModules() const;
    QStringList checkedModules() const;
    void setCheckedModules(const QStringList& names);
    enum class Preset { Attention, Mlp, AllLinear };
    void applyPreset(Preset preset);

Q_SIGNALS:
    void changed();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void retranslateTree(); // group names, shapes and module tooltips of the checklist as built
    void showNote();        // the line under the checklist, from whether a model is loaded
    void setModuleTexts(QTreeWidgetItem* item, const core::LinearModuleInfo& module);
    QTreeWidgetItem* itemFor(const QString& name) const;
    void rebuild();
    void updateLayerRange();

    ModelSummary m_summary;
    QTreeWidget* m_tree;
    QPushButton* m_presetAttention;
    QPushButton* m_presetMlp;
    QPushButton* m_presetAllLinear;
    QCheckBox* m_allLayers;
    QLabel* m_fromLabel;
    QLabel* m_toLabel;
    QSpinBox* m_firstLayer;
    QSpinBox* m_lastLayer;
    QLabel* m_note;
    QStringList m_checked; // kept while no model is loaded (an experiment opened before its model)
    bool m_updating = false;
};

} // namespace ui
