#pragma once
// An Ollama Modelfile (https://github.com/ollama/ollama/blob/main/docs/modelfile.md) beside the GGUF files:
// FROM the model GGUF, ADAPTER the GGUF-LoRA, TEMPLATE in Ollama's Go template syntax, PARAMETER stop.
// Ollama's TEMPLATE is not Jinja, so a chat template is translated only for the families whose markers it
// recognises (Llama 3, ChatML / Qwen, Mistral, Phi-3); a model without one gets the Alpaca prompt its adapter was
// trained on. A chat template of another shape is an error that says so, rather than a Modelfile that prompts wrong.
#include "core/export/ExportOutput.h"

#include <string>

namespace core {

struct ModelfileOptions {
    std::string ggufPath;        ///< the model GGUF (required)
    std::string adapterGgufPath; ///< a GGUF-LoRA for it, optional
    std::string modelDir;        ///< the Hugging Face model folder whose chat template and EOS piece give TEMPLATE
                                 ///< and stop; "" (or a model without a chat template): the Alpaca prompt
    bool overwrite = false;
};

// The Modelfile text (paths relative to the Modelfile's folder when they lie in it).
std::string ollamaModelfileText(const std::string& modelfilePath, const ModelfileOptions& options);
// Writes it atomically. core::Error naming --gguf / --adapter-gguf when the file is missing or not a GGUF file.
ExportReport writeOllamaModelfile(const std::string& outputPath, const ModelfileOptions& options);

} // namespace core
