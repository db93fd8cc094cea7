#pragma once
// How often each class occurs in prepared examples, as training settled the classes: records per class for
// single-label SEQ_CLS, records carrying it for multi-label, tagged words per tag for TOKEN_CLS (the first sub-token
// of each word carries its tag). Regression has no classes: empty. For `lorawb data stats` and the data warnings.
#include "core/data/Example.h"
#include "core/task/ClassLabels.h"

#include <cstdint>
#include <vector>

namespace core {

std::vector<int64_t> classCounts(const std::vector<Example>& examples, const ClassLabels& classes);

} // namespace core
