#pragma once
// Every field of HF PEFT's LoraConfig that LoRA Workbench supports, with PEFT's names and defaults.
#include "core/common/OrderedMapping.h"
#include "core/task/ClassLabels.h"
#include "core/task/Embedding.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace core {

enum class LoraBias { None, All, LoraOnly };
enum class TaskType { CausalLm, SeqCls, TokenCls, QuestionAns, FeatureExtraction, Seq2SeqLm };
// PEFT's init_lora_weights: true (Kaiming-uniform A, zero B), "gaussian", and the two that start A and B from the base
// weight and rewrite it to the residual W - scaling·B·A so that the model is unchanged at step 0: "pissa" (the top-r
// singular triplets; "pissa_niter_N" finds them with a randomized SVD of N subspace iterations) and "olora" (a QR).
enum class LoraInit { Kaiming, Gaussian, Pissa, PissaNiter, Olora };

// target_modules in PEFT's three forms.
struct TargetModules {
    enum class Kind { List, Regex, AllLinear };
    Kind kind = Kind::List;
    std::vector<std::string> names; // Kind::List: a module matches if its name equals an entry or ends with "." + entry
    std::string regex;              // Kind::Regex: must match the whole module name
};

struct LoraConfig {
    int r = 8;                              ///< rank of the update ΔW = B·A
    double loraAlpha = 8;                   ///< ΔW is scaled by lora_alpha / r (or / sqrt(r) with use_rslora)
    TargetModules targetModules;            ///< which linear layers get an adapter
    double loraDropout = 0.0;               ///< dropout on the adapter path's input only, in [0, 1)
    LoraBias bias = LoraBias::None;         ///< which biases train besides the adapters
    TaskType taskType = TaskType::CausalLm; ///< picks the head and the loss
    bool useRslora = false;                 ///< scaling = alpha / sqrt(r)
    bool useDora = false;                   ///< DoRA: a trained magnitude per output row rescales W + ΔW
    LoraInit initLoraWeights = LoraInit::Kaiming;
    int initNiter = 4;                      ///< LoraInit::PissaNiter: N of "pissa_niter_N"
    std::vector<int> layersToTransform;     ///< empty = every layer
    OrderedMapping<int> rankPattern;       ///< module-name pattern → r (PEFT's rank_pattern), first match wins
    OrderedMapping<double> alphaPattern;   ///< module-name pattern → lora_alpha, first match wins
    std::vector<std::string> modulesToSave;     ///< whole modules that train and are saved (e.g. "score", "lm_head")
    std::vector<std::string> excludeModules;    ///< same matching rules as a target list
    std::string excludeRegex;                   ///< exclude_modules given as a string: a regex over the whole name
    bool ensureWeightTying = false;             ///< tied embeddings + modules_to_save: one trained matrix for both
                                                ///< (PEFT's ensure_weight_tying); false breaks the tie as PEFT does
    std::string baseModelNameOrPath;            ///< written to adapter_config.json
    ClassLabels classes; ///< SEQ_CLS: the head's classes (settled from the data; AdapterClassLabels.h), not a setting
    // FEATURE_EXTRACTION trained here: the pooling and temperature it was trained with, so that lorawb embed and eval
    // pool as training did (adapter_config.json "pooling", "temperature"; PEFT ignores them). Not a setting.
    std::optional<ContrastiveObjective> contrastive;

    // Throws core::Error naming the field and the value when a setting is out of range.
    void validate() const;
};

// PEFT's spelling of the enums ("none", "lora_only", "CAUSAL_LM", …) and back. Parsing throws core::Error listing the
// accepted values; `field` names the setting in the message.
std::string toString(LoraBias bias);
std::string toString(TaskType taskType);
LoraBias parseLoraBias(const std::string& text, const std::string& field = "lora.bias");
TaskType parseTaskType(const std::string& text, const std::string& field = "task_type");
std::vector<std::string> allTaskTypeNames();
// "true", "gaussian", "pissa", "pissa_niter_<N>", "olora"; parsing also takes PEFT's boolean spellings and throws
// core::Error naming `field` for anything else (false included: PEFT's random B would change the model at step 0).
std::string initLoraWeightsName(LoraInit init, int niter);
void parseInitLoraWeights(const std::string& text, const std::string& field, LoraInit& init, int& niter);
// PiSSA and OLoRA rewrite the base weights they start from.
bool rewritesBaseWeights(LoraInit init);

// Only CAUSAL_LM trains in this engine for now; the others are accepted in files but refused with this message.
std::optional<std::string> taskTypeNotTrainableReason(TaskType taskType);

// The heads PEFT puts into modules_to_save itself for a task type (SEQ_CLS: classifier and score, whichever the model
// has), so that they train whole and are saved with the adapter; such a name may match no module of the model.
const std::vector<std::string>& automaticModulesToSave(TaskType taskType);
bool isAutomaticHeadName(TaskType taskType, const std::string& moduleName);
// cfg with automaticModulesToSave appended to modules_to_save (PEFT's PeftModelFor<Task> does this on creation;
// names already listed are not repeated).
LoraConfig withAutomaticModulesToSave(LoraConfig cfg);

} // namespace core
