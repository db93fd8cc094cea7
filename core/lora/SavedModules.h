#pragma once
// PEFT's modules_to_save (ModulesToSaveWrapper): each named module trains as a copy of itself and is saved whole in
// the adapter; with adapters off the model computes with the original module again. On a model with tied input and
// output embeddings, saving lm_head or embed_tokens breaks the tie as PEFT does by default (the other side keeps the
// original matrix), unless lora.ensure_weight_tying asks for one trained matrix serving both.
//
// The copy trains in place (the parameter the optimizer sees is the module's own); the starting values are kept in
// CausalLm::savedParameters(), and switching adapters off swaps them in (Tensor::set_data, no copy).
#include "core/lora/LoraConfig.h"
#include "core/model/CausalLm.h"

namespace core {

// Called by injectLora after its checks: unties where PEFT would, records the originals, unfreezes the modules.
void prepareModulesToSave(CausalLm& model, const LoraConfig& cfg);
// Adapters off: the original values; on: the trained ones.
void setModulesToSaveEnabled(CausalLm& model, bool enabled);
// PEFT's unload / merge_and_unload: the module keeps what is active now (the trained copy, or the original with
// adapters off); the bookkeeping goes, the model is plain again (still untied where the tie was broken).
void unloadModulesToSave(CausalLm& model);
// Undoes prepareModulesToSave entirely (a failed adapter load): original values, tie restored.
void restoreModulesToSave(CausalLm& model);

} // namespace core
