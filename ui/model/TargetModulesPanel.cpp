#include "ui/model/TargetModulesPanel.h"

#include "core/lora/ParameterCount.h"
#include "core/lora/ParameterPlan.h"
#include "core/lora/TargetPresets.h"
#include "ui/model/AdapterPlan.h"
#include "ui/model/ModuleDescriptions.h"

#include <QCheckBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSet>
#include <QSpinBox>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace ui {

namespace {

enum Column { NameColumn, ShapeColumn, LayersColumn, ParamsColumn };
// A group item's ModuleGroup (a module item holds its short name under Qt::UserRole).
constexpr int kModuleGroupRole = Qt::UserRole + 1;

} // namespace

TargetModulesPanel::TargetModulesPanel(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName("targetModules");
    m_tree->setColumnCount(4);
    m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_tree->setRootIsDecorated(true);
    m_tree->setUniformRowHeights(true);
    layout->addWidget(m_tree, 1);

    auto* presets = new QHBoxLayout;
    auto addPreset = [&](Preset preset, const char* name) {
        auto* button = new QPushButton(this);
        button->setObjectName(name);
        connect(button, &QPushButton::clicked, this, [this, preset]() { applyPreset(preset); });
        presets->addWidget(button);
        return button;
    };
    m_presetAttention = addPreset(Preset::Attention, "presetAttention");
    m_presetMlp = addPreset(Preset::Mlp, "presetMlp");
    m_presetAllLinear = addPreset(Preset::AllLinear, "presetAllLinear");
    presets->addStretch();
    layout->addLayout(presets);

    auto* range = new QHBoxLayout;
    m_allLayers = new QCheckBox(this);
    m_allLayers->setObjectName("allLayers");
    m_allLayers->setChecked(true);
    m_firstLayer = new QSpinBox(this);
    m_firstLayer->setObjectName("firstLayer");
    m_lastLayer = new QSpinBox(this);
    m_lastLayer->setObjectName("lastLayer");
    m_fromLabel = new QLabel(this);
    m_toLabel = new QLabel(this);
    range->addWidget(m_allLayers);
    range->addWidget(m_fromLabel);
    range->addWidget(m_firstLayer);
    range->addWidget(m_toLabel);
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
    retranslateUi();
}

void TargetModulesPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void TargetModulesPanel::retranslateUi()
{
    m_tree->setHeaderLabels({tr("Module"), tr("Shape (in → out)"), tr("Layers"), tr("Adapter params")});
    m_tree->setToolTip(tr("Which linear layers get a LoRA adapter (target_modules). Together with r this matters "
                          "most: targeting all linear layers tends to adapt better than attention only, at a higher "
                          "parameter count. The output head is never targeted here."));
    m_presetAttention->setText(tr("Attention only"));
    m_presetAttention->setToolTip(tr("q, k, v and o projections: fewer parameters, the classic LoRA setup."));
    m_presetMlp->setText(tr("MLP only"));
    m_presetMlp->setToolTip(tr("gate, up and down projections: where most parameters and knowledge live."));
    m_presetAllLinear->setText(tr("All linear"));
    m_presetAllLinear->setToolTip(tr("Every linear layer except the output head (PEFT's \"all-linear\"): usually "
                                     "the best quality per step, the most parameters."));
    m_allLayers->setText(tr("All layers"));
    m_allLayers->setToolTip(tr("layers_to_transform: adapt only a range of decoder layers. Later layers are more "
                               "task-specific; fewer layers means fewer parameters and less change to the model."));
    m_fromLabel->setText(tr("from"));
    m_toLabel->setText(tr("to"));
    retranslateTree();
    showNote();
}

void TargetModulesPanel::showNote()
{
    m_note->setText(m_summary.isValid() ? tr("Adapter params per module kind: r · (in + out) × layers.")
                                        : tr("Load a model to see its linear modules."));
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
    showNote();
    if (!m_summary.isValid()) {
        m_updating = false;
        return;
    }
    QMap<int, QTreeWidgetItem*> groups;
    QMap<QString, QTreeWidgetItem*> entries;
    QMap<QString, int> layerCounts;
    for (const auto& m : m_summary.modules) {
        if (m.name == "lm_head")
            continue; // the output head is a modules_to_save matter, not a LoRA target here
        const QString name = QString::fromStdString(m.shortName);
        layerCounts[name] += 1;
        if (entries.contains(name))
            continue;
        const int group = int(moduleGroupOf(m));
        if (!groups.contains(group)) {
            auto* g = new QTreeWidgetItem(m_tree);
            g->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsAutoTristate);
            g->setData(NameColumn, kModuleGroupRole, group);
            g->setText(NameColumn, moduleGroupName(ModuleGroup(group)));
            g->setExpanded(true);
            groups[group] = g;
        }
        auto* item = new QTreeWidgetItem(groups[group]);
        item->setText(NameColumn, name);
        setModuleTexts(item, m);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(NameColumn, m_checked.contains(name) ? Qt::Checked : Qt::Unchecked);
        item->setData(NameColumn, Qt::UserRole, name);
        entries[name] = item;
    }
    for (auto it = entries.begin(); it != entries.end(); ++it)
        it.value()->setText(LayersColumn, QLocale().toString(layerCounts[it.key()]));
    m_tree->expandAll();
    m_updating = false;
}

void TargetModulesPanel::setModuleTexts(QTreeWidgetItem* item, const core::LinearModuleInfo& m)
{
    item->setText(ShapeColumn, m.hasBias ? tr("%L1 → %L2 + bias").arg(m.in).arg(m.out)
                                         : QStringLiteral("%L1 → %L2").arg(m.in).arg(m.out));
    item->setToolTip(NameColumn, moduleTooltip(QString::fromStdString(m.shortName)));
}

void TargetModulesPanel::retranslateTree()
{
    const bool wasUpdating = m_updating;
    m_updating = true; // a text change is no change of the checked modules
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem* group = m_tree->topLevelItem(i);
        group->setText(NameColumn, moduleGroupName(ModuleGroup(group->data(NameColumn, kModuleGroupRole).toInt())));
    }
    QSet<QString> done;
    for (const auto& m : m_summary.modules) { // each kind's first module, as rebuild() took it
        const QString name = QString::fromStdString(m.shortName);
        if (m.name == "lm_head" || done.contains(name))
            continue;
        done.insert(name);
        if (QTreeWidgetItem* item = itemFor(name))
            setModuleTexts(item, m);
    }
    m_updating = wasUpdating;
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
            (*it)->setText(ParamsColumn, QLocale().toString(qlonglong(perName.value(name))));
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
