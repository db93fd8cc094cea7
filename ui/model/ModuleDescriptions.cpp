#include "ui/model/ModuleDescriptions.h"

#include <QCoreApplication>

namespace ui {

namespace {

// Module kinds and what they do, translated when asked for (a language switch changes the answer).
struct ModuleTip {
    const char* name;
    const char* tip;
};

const ModuleTip kModuleTips[] = {
    {"q_proj", QT_TRANSLATE_NOOP("ui::ModuleDescriptions",
                                 "Query projection: what each token looks for. With v_proj, the original LoRA paper's "
                                 "choice.")},
    {"k_proj", QT_TRANSLATE_NOOP("ui::ModuleDescriptions",
                                 "Key projection: what each token offers to be found by. Smaller than q_proj with "
                                 "grouped-query attention.")},
    {"v_proj", QT_TRANSLATE_NOOP("ui::ModuleDescriptions",
                                 "Value projection: what a token passes on once attended to. Adapting q and v is "
                                 "PEFT's default for LLaMA.")},
    {"o_proj", QT_TRANSLATE_NOOP("ui::ModuleDescriptions",
                                 "Attention output projection: mixes the heads back into the residual stream.")},
    {"gate_proj", QT_TRANSLATE_NOOP("ui::ModuleDescriptions",
                                    "MLP gate (SwiGLU): decides which features pass. MLP layers hold most of the "
                                    "model's knowledge; adapting them usually helps new tasks most.")},
    {"up_proj", QT_TRANSLATE_NOOP("ui::ModuleDescriptions", "MLP up projection to the intermediate size.")},
    {"qkv_proj", QT_TRANSLATE_NOOP("ui::ModuleDescriptions",
                                   "Phi-3's fused query, key and value projection: one layer whose output is q, k and "
                                   "v side by side. LoRA adapts it as one matrix, as PEFT does (PEFT's default for "
                                   "Phi-3).")},
    {"gate_up_proj", QT_TRANSLATE_NOOP("ui::ModuleDescriptions",
                                       "Phi-3's fused MLP gate and up projection: one layer whose output is the gate "
                                       "(first half) and the up projection (second half).")},
    {"down_proj", QT_TRANSLATE_NOOP("ui::ModuleDescriptions", "MLP down projection back to the hidden size.")},
};

} // namespace

bool isAttentionModule(const core::LinearModuleInfo& m) { return m.name.find("self_attn") != std::string::npos; }

ModuleGroup moduleGroupOf(const core::LinearModuleInfo& m)
{
    if (isAttentionModule(m))
        return ModuleGroup::Attention;
    if (m.name.find(".mlp.") != std::string::npos)
        return ModuleGroup::Mlp;
    return ModuleGroup::Other;
}

QString moduleGroupName(ModuleGroup group)
{
    switch (group) {
    case ModuleGroup::Attention: return QCoreApplication::translate("ui::ModuleDescriptions", "Attention");
    case ModuleGroup::Mlp: return QCoreApplication::translate("ui::ModuleDescriptions", "MLP");
    case ModuleGroup::Other: break;
    }
    return QCoreApplication::translate("ui::ModuleDescriptions", "Other");
}

QString moduleGroup(const core::LinearModuleInfo& m) { return moduleGroupName(moduleGroupOf(m)); }

QString moduleTooltip(const QString& name)
{
    for (const ModuleTip& t : kModuleTips)
        if (name == QLatin1String(t.name))
            return QCoreApplication::translate("ui::ModuleDescriptions", t.tip);
    return QCoreApplication::translate("ui::ModuleDescriptions", "A linear layer of the model.");
}

} // namespace ui
