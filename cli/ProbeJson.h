#pragma once
// The forgetting probe's numbers as JSON, the same object in every command that prints them (forgetting, train's
// sweep and comparison summaries): {"retain_loss", "retain_perplexity", "kl_from_base", "max_abs_logit_diff",
// "retain_tokens", "tasks": [{"name", "path", "records", "correct", "accuracy"}]}.
#include "core/eval/ForgettingProbe.h"

#include <nlohmann/json_fwd.hpp>

namespace core::cli {

nlohmann::json probeJson(const ProbeResult& result);

} // namespace core::cli
