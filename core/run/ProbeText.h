#pragma once
// The forgetting probe's numbers as one line of text, and the adapter on/off verdict with its reason: what the CLI
// prints and the GUI shows, worded once.
#include "core/eval/ForgettingProbe.h"
#include "core/lora/LoraConfig.h"

#include <string>

namespace core {

// "retain ppl 36.05 · KL from base 0.0123 nats/token · max |Δlogit| 0.81 · task_a_test 98.0% (49/50)"
std::string probeSummary(const ProbeResult& result);

// Whether switching the adapter off gave back the base exactly (max |Δlogit| = 0), and why in the adapter's terms
// (bias none: nothing trains outside the adapter; all / lora_only: trained biases stay; modules_to_save: whole
// modules stay).
std::string adapterOffVerdict(const ProbeResult& base, const ProbeResult& adapterOff, const LoraConfig& lora);

} // namespace core
