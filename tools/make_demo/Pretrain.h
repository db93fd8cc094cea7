#pragma once
// The steps that make the demo model from its recipe: corpus files, the tokenizer (through the sentencepiece bridge),
// full pretraining from random initialisation with core::Trainer (resumable), and the export of the committed model
// directory (config.json, model.safetensors in the recipe's save dtype, tokenizer.model, generation_config.json).
#include "DemoRecipe.h"

namespace demo {

// work_dir/pretrain.txt and the retain text. Prints the chapter counts.
void writeCorpus(const DemoRecipe& recipe);
// work_dir/tokenizer.model (+ .vocab) trained on work_dir/pretrain.txt.
void trainTokenizer(const DemoRecipe& recipe);
// Pretrains from random init into work_dir/run (checkpoints every train.save_every; resume continues the newest).
// heldOut: evaluate the loss on the retain text (every train.eval_every steps and at the end).
void pretrain(const DemoRecipe& recipe, bool resume, bool heldOut = true);
// work_dir/run/model + the tokenizer → output_dir, weights converted to save_dtype.
void exportModel(const DemoRecipe& recipe);
// The newest pretraining checkpoint + the tokenizer → directory (float32): to try an unfinished model.
void exportSnapshot(const DemoRecipe& recipe, const std::string& directory);

} // namespace demo
