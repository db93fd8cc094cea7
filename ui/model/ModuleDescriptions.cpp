#include "ui/model/ModuleDescriptions.h"

#include <QMap>
#include <QObject>

namespace ui {

bool isAttentionModule(const core::LinearModuleInfo& m) { return m.name.find("self_attn") != std::string::npos; }

QString moduleGroup(const core::LinearModuleInfo& m)
{
    if (isAttentionModule(m))
        return QObject::tr("Attention");
    if (m.name.find(".mlp.") != std::string::npos)
        return QObject::tr("MLP");
    return QObject::tr("Other");
}

QString moduleTooltip(const QString& name)
{
    static const QMap<QString, QString> tips = {
        {"q_proj", QObject::tr("Query projection: what each token looks for. With v_proj, the original LoRA paper's "
                               "choice.")},
        {"k_proj", QObject::tr("Key projection: what each token offers to be found by. Smaller than q_proj with "
                               "grouped-query attention.")},
        {"v_proj", QObject::tr("Value projection: what a token passes on once attended to. Adapting q and v is "
                               "PEFT's default for LLaMA.")},
        {"o_proj", QObject::tr("Attention output projection: mixes the heads back into the residual stream.")},
        {"gate_proj", QObject::tr("MLP gate (SwiGLU): decides which features pass. MLP layers hold most of the "
                                  "model's knowledge; adapting them usually helps new tasks most.")},
        {"up_proj", QObject::tr("MLP up projection to the intermediate size.")},
        {"qkv_proj", QObject::tr("Phi-3's fused query, key and value projection: one layer whose output is q, k and v "
                                 "side by side. LoRA adapts it as one matrix, as PEFT does (PEFT's default for "
                                 "Phi-3).")},
        {"gate_up_proj", QObject::tr("Phi-3's fused MLP gate and up projection: one layer whose output is the gate "
                                     "(first half) and the up projection (second half).")},
        {"down_proj", QObject::tr("MLP down projection back to the hidden size.")},
    };
    return tips.value(name, QObject::tr("A linear layer of the model."));
}

} // namespace ui
