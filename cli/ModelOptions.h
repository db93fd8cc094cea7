#pragma once
// The model options eval and generate share: --model DIR [--adapter DIR] [--device D] [--dtype T].
#include "core/lora/LoraConfig.h"
#include "core/model/ModelLoader.h"

#include <string>

namespace core::cli {

class ArgParser;

// Help lines for the options below, to paste into a command's help.
extern const char* const kModelOptionsHelp;

void addModelOptions(ArgParser& parser);
// Loads --model (with its tokenizer) on --device in --dtype, then --adapter if given. core::Error naming the option
// or the file for anything wrong.
// adapter: when given and --adapter is set, receives the adapter's config (its task type, a SEQ_CLS head's classes).
LoadedModel loadModelFromOptions(const ArgParser& parser, LoraConfig* adapter = nullptr);
// loadAdapter, then "warning: …" on stderr for what the user should know (fields from a newer PEFT that are ignored,
// an init that rewrote the base weights).
LoraConfig loadAdapterTellingWhy(CausalLm& model, const std::string& dir);

} // namespace core::cli
