#pragma once
// A new linear task head beside lm_head, initialised as transformers initialises a fresh nn.Linear of a model loaded
// from a checkpoint without it (_init_weights: weight normal(0, initializer_range), bias zeros). The values come from
// a generator of its own seeded with `seed`, so the base weights' RNG stream is untouched and a run is repeatable.
// The head's own tensors stay frozen: PEFT trains a copy of it (modules_to_save).
#include "core/model/CausalLm.h"

#include <cstdint>
#include <string>

namespace core {

void addInitialisedTaskHead(CausalLm& model, const std::string& name, int64_t outFeatures, uint64_t seed, bool bias,
                            double initializerRange);

} // namespace core
