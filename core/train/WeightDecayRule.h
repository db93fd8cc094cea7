#pragma once
#include <string>

namespace core {

// Whether AdamW decays a trained parameter, by transformers' Trainer rule (get_decay_parameter_names): biases and
// normalisation weights are exempt, matched on the lowercased parameter name ("bias", "layernorm", "rmsnorm", a
// "norm" or "*_norm" path component). Names are the model's own (model.layers.0.input_layernorm.weight, ...).
bool takesWeightDecay(const std::string& parameterName);

} // namespace core
