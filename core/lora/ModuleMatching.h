#pragma once
// PEFT's rules for matching module names against target_modules, exclude_modules, rank_pattern and alpha_pattern.
#include "core/common/OrderedMapping.h"

#include <string>
#include <vector>

namespace core {

// A list entry matches a module whose name equals it or ends with "." + entry.
bool matchesName(const std::string& entry, const std::string& moduleName);
bool matchesAnyName(const std::vector<std::string>& entries, const std::string& moduleName);
// A single-string target is a regex that must match the whole module name. Throws core::Error for a bad regex.
bool regexMatchesWhole(const std::string& regex, const std::string& moduleName);
// The decoder layer index in "model.layers.7.mlp.up_proj" (7), or -1.
int layerIndexOf(const std::string& moduleName);
// rank_pattern / alpha_pattern: the value of the first key k for which moduleName matches "(.*\.)?(k)$", else fallback.
template <typename T>
T patternValue(const OrderedMapping<T>& pattern, const std::string& moduleName, T fallback);

} // namespace core
