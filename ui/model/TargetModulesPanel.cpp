#include "ui/model/TargetModulesPanel.h"

#include "core/lora/ParameterCount.h"
#include "core/lora/ParameterPlan.h"
#include "core/lora/TargetPresets.h"
#include "ui/model/AdapterPlan.h"
#include "ui/model/ModuleDescriptions.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace ui {

namespace {

enum Column { NameColumn, ShapeColumn, LayersColumn, ParamsColumn };

} // namespace

TargetModulesPanel::TargetModulesPanel(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName("targetModules");
    m_tree->setColumnCount(4);
    m_tree->setHeaderLabels({tr("Module"), tr("Shape (in → out)"), tr("Layers"), tr("Adapter params")});
    m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_tree->setRootIsDecorated(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setToolTip(tr("Which linear layers get a LoRA adapter (target_modules). Together with r this matters "
                          "most: targeting all linear layers tends to adapt better than attention only, at a higher "
                          "parameter count. The output head is never targeted here."));
    layout->addWidget(m_tree, 1);

    auto* presets = new QHBoxLayout;
    auto addPreset = [&](const QString& text, const QString& tip, Preset preset, const char* name) {
        auto* button = new QPushButton(text, this);
        button->setObjectName(name);
        button->setToolTip(tip);
        connect(button, &QPushButton::clicked, this, [this, preset]() { applyPreset(preset); });
        presets->addWidget(button);
    };
    addPreset(tr("Attention only"), tr("q, k, v and o projections: fewer parameters, the classic LoRA setup."),
              Preset::Attention, "presetAttention");
    addPreset(tr("MLP only"), tr("gate, up and down projections: where most parameters and knowledge live."),
              Preset::Mlp, "presetMlp");
    addPreset(tr("All linear"), tr("Every linear layer except the output head (PEFT's \"all-linear\"): usually the "
                                   "best quality per step, the most parameters."),
              Preset::AllLinear, "presetAllLinear");
    presets->addStretch();
    layout->addLayout(presets);

    auto* range = new QHBoxLayout;
    m_allLayers = new QCheckBox(tr("All layers"), this);
    m_allLayers->setObjectName("allLayers");
    m_allLayers->setChecked(true);
    m_allLayers->setToolTip(tr("layers_to_transform: adapt only a range of decoder layers. Later layers are more "
                               "task-specific; fewer layers means fewer parameters and less change to the model."));
    m_firstLayer = new QSpinBox(this);
    m_firstLayer->setObjectName("firstLayer");
    m_lastLayer = new QSpinBox(this);
    m_lastLayer->setObjectName("lastLayer");
    range->addWidget(m_allLayers);
    range->addWidget(new QLabel(tr("from"), this));
    range->addWidget(m_firstLayer);
    range->addWidget(new QLabel(tr("to"), this));
    range->addWidget(m_lastLayer);
    range->addStretch();
    layout->addLayout(range);
    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    layout->addWidget(m_note);
    updateLayerRange();

    connect(m_tree, &QTreeWidget::itemChanged, this, [this]() {
        if (m_updating)
            return;
        m_checked = checkedModules();
        Q_EMIT changed();
    });
    connect(m_allLayers, &QCheckBox::toggled, this, [this]() {
        updateLayerRange();
        Q_EMIT changed();
    });
    for (QSpinBox* box : {m_firstLayer, m_lastLayer})
        connect(box, qOverload<int>(&QSpinBox::valueChanged), this, [this]() {
            if (!m_updating)
                Q_EMIT changed();
        });
    // Every projection by default, under both layouts' names (Phi-3 fuses q/k/v and gate/up).
    m_checked = QStringList{"q_proj",    "k_proj",  "v_proj",       "qkv_proj", "o_proj",
                            "gate_proj", "up_proj", "gate_up_proj", "down_proj"};
    rebuild();
}

void TargetModulesPanel::updateLayerRange()
{
    const bool enabled = !m_allLayers->isChecked() && m_summary.isValid();
    m_firstLayer->setEnabled(enabled);
    m_lastLayer->setEnabled(enabled);
}

void TargetModulesPanel::setModel(const ModelSummary& summary)
{
    m_summary = summary;
    m_updating = true;
    const int layers = static_cast<int>(std::max<int64_t>(1, summary.config.numHiddenLayers));
    m_firstLayer->setRange(0, layers - 1);
    m_lastLayer->setRange(0, layers - 1);
    if (m_allLayers->isChecked())
        m_lastLayer->setValue(layers - 1);
    m_updating = false;
    rebuild();
    updateLayerRange();
    Q_EMIT changed();
}

void TargetModulesPanel::rebuild()
{
    m_updating = true;
    m_tree->clear();
    if (!m_summary.isValid()) {
        m_note->setText(tr("Load a model to see its linear modules."));
        m_updating = false;
        return;
    }
    QMap<QString, QTreeWidgetItem*> groups;
    QMap<QString, QTreeWidgetItem*> entries;
    QMap<QString, int> layerCounts;
    for (const auto& m : m_summary.modules) {
        if (m.name == "lm_head")
            continue; // the output head is a modules_to_save matter, not a LoRA target here
        const QString name = QString::fromStdString(m.shortName);
        layerCounts[name] += 1;
        if (entries.contains(name))
            continue;
        const QString group = moduleGroup(m);
        if (!groups.contains(group)) {
            auto* g = new QTreeWidgetItem(m_tree, {group});
            g->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsAutoTristate);
            g->setExpanded(true);
            groups[group] = g;
        }
        auto* item = new QTreeWidgetItem(groups[group]);
        item->setText(NameColumn, name);
        item->setText(ShapeColumn, QStringLiteral("%1 → %2%3").arg(m.in).arg(m.out).arg(m.hasBias ? tr(" + bias") : ""));
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(NameColumn, m_checked.contains(name) ? Qt::Checked : Qt::Unchecked);
        item->setToolTip(NameColumn, moduleTooltip(name));
        item->setData(NameColumn, Qt::UserRole, name);
        entries[name] = item;
    }
    for (auto it = entries.begin(); it != entries.end(); ++it)
        it.value()->setText(LayersColumn, QString::number(layerCounts[it.key()]));
    m_tree->expandAll();
    m_note->setText(tr("Adapter params per module kind: r · (in + out) × layers."));
    m_updating = false;
}

void TargetModulesPanel::updateCounts(const core::LoraConfig& cfg)
{
    QMap<QString, int64_t> perName;
    for (const auto& m : m_summary.modules)
        if (core::isTargeted(m, [&] {
                core::LoraConfig one = cfg;
                one.targetModules = {};
                one.targetModules.names = {m.shortName};
                return one;
            }()))
            perName[QString::fromStdString(m.shortName)] += core::adapterParameters(m, cfg);
    m_updating = true;
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it) {
        const QString name = (*it)->data(NameColumn, Qt::UserRole).toString();
        if (!name.isEmpty())
            (*it)->setText(ParamsColumn, QString::fromStdString(core::withThousandsSeparators(perName.value(name))));
    }
    m_updating = false;
}

QTreeWidgetItem* TargetModulesPanel::itemFor(const QString& name) const
{
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it)
        if ((*it)->data(NameColumn, Qt::UserRole).toString() == name)
            return *it;
    return nullptr;
}

QStringList TargetModulesPanel::availableModules() const
{
    QStringList names;
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it) {
        const QString name = (*it)->data(NameColumn, Qt::UserRole).toString();
        if (!name.isEmpty())
            names << name;
    }
    return names;
}

QStringList TargetModulesPanel::checkedModules() const
{
    if (!m_summary.isValid())
        return m_checked;
    QStringList names;
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it) {
        const QString name = (*it)->data(NameColumn, Qt::UserRole).toString();
        if (!name.isEmpty() && (*it)->checkState(NameColumn) == Qt::Checked)
            names << name;
    }
    return names;
}

void TargetModulesPanel::setCheckedModules(const QStringList& names)
{
    m_checked = names;
    m_updating = true;
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it) {
        const QString name = (*it)->data(NameColumn, Qt::UserRole).toString();
        if (!name.isEmpty())
            (*it)->setCheckState(NameColumn, names.contains(name) ? Qt::Checked : Qt::Unchecked);
    }
    m_updating = false;
    Q_EMIT changed();
}

void TargetModulesPanel::applyPreset(Preset preset)
{
    // The same presets as sweep files (core/lora/TargetPresets.h).
    const char* presetName = preset == Preset::Attention ? "attention" : preset == Preset::Mlp ? "mlp" : "all";
    QStringList names;
    for (const auto& name : core::presetModules(presetName, m_summary.modules))
        names << QString::fromStdString(name);
    setCheckedModules(names);
}

void TargetModulesPanel::apply(core::LoraConfig& cfg) const
{
    cfg.targetModules = core::TargetModules();
    cfg.targetModules.kind = core::TargetModules::Kind::List;
    for (const QString& name : checkedModules())
        cfg.targetModules.names.push_back(name.toStdString());
    cfg.layersToTransform.clear();
    if (!m_allLayers->isChecked() && m_summary.isValid()) {
        const int first = std::min(m_firstLayer->value(), m_lastLayer->value());
        const int last = std::max(m_firstLayer->value(), m_lastLayer->value());
        for (int layer = first; layer <= last; ++layer)
            cfg.layersToTransform.push_back(layer);
    }
}

void TargetModulesPanel::load(const core::LoraConfig& cfg)
{
    QStringList names;
    if (cfg.targetModules.kind == core::TargetModules::Kind::List) {
        for (const auto& n : cfg.targetModules.names) {
            const QString name = QString::fromStdString(n);
            names << name.section(QLatin1Char('.'), -1); // a dotted entry ends in its short name
        }
    } else {
        // all-linear and regex: tick what they select in this model.
        for (const auto& m : m_summary.modules)
            if (m.name != "lm_head" && core::isTargeted(m, cfg) &&
                !names.contains(QString::fromStdString(m.shortName)))
                names << QString::fromStdString(m.shortName);
        if (!m_summary.isValid() && cfg.targetModules.kind == core::TargetModules::Kind::AllLinear)
            names = QStringList{"q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"};
    }
    m_updating = true;
    const bool all = cfg.layersToTransform.empty();
    m_allLayers->setChecked(all);
    if (!all) {
        const auto [lo, hi] = std::minmax_element(cfg.layersToTransform.begin(), cfg.layersToTransform.end());
        m_firstLayer->setValue(*lo);
        m_lastLayer->setValue(*hi);
    }
    m_updating = false;
    updateLayerRange();
    setCheckedModules(names);
}

} // namespace ui
