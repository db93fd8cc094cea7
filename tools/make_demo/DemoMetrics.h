#pragma once
// The numbers the model card states, measured on the exported model directory: held-out (retain) perplexity as
// `lorawb eval --text` computes it, the unigram baseline on the same tokens, and sample generations.
// Written to output_dir/demo_metrics.json (test_demo_resources reads the baseline from there).
#include "DemoRecipe.h"

namespace demo {

void writeMetrics(const DemoRecipe& recipe);

} // namespace demo
