#pragma once
// `lorawb export gguf` / `gguf-lora` and the GUI's GGUF exports: the merged model as one GGUF file llama.cpp and
// Ollama load, or the adapter alone as a GGUF LoRA (llama.cpp --lora, Ollama ADAPTER) over the base's GGUF.
#include "core/export/ExportOutput.h"
#include "core/export/GgmlType.h"

#include <string>

namespace core {

// The file type of a model GGUF: what its 2-D weights are stored as. Norms and biases stay F32 (as llama.cpp's
// converter keeps them); a quantized type falls back to F16 for a tensor whose rows are not a multiple of 32.
enum class GgufFileType { F32, F16, BF16, Q8_0, Q4_0 };

// f32 | f16 | bf16 | q8_0 | q4_0 (any case); core::Error naming `what` otherwise.
GgufFileType parseGgufFileType(const std::string& name, const std::string& what);
const char* ggufFileTypeName(GgufFileType type);

struct GgufExportOptions {
    GgufFileType type = GgufFileType::F16;
    bool overwrite = false;
};

// Merges adapterDir (may be "") into modelDir and writes outputPath. Memory: the model once, as in the merged export.
// core::Error for an architecture or tokenizer GGUF cannot express here (naming it), an adapter that does not fit.
ExportReport exportGgufModel(const std::string& modelDir, const std::string& adapterDir, const std::string& outputPath,
                             const GgufExportOptions& options, const ExportControl& control = {});

// The adapter's lora_A / lora_B pairs as llama.cpp reads them: "blk.N.attn_q.weight.lora_a" [r, in] and ".lora_b"
// [out, r] (permuted as the base tensor), F32, with adapter.lora.alpha. llama.cpp scales every pair by alpha / r;
// where PEFT's scaling differs (rank_pattern, alpha_pattern, rsLoRA) the difference is folded into B, so the
// result is what PEFT computes. Refuses adapters that also train biases or modules_to_save (GGUF-LoRA cannot hold
// them; a merged GGUF can). Reads the base's config.json, not its weights.
ExportReport exportGgufLora(const std::string& modelDir, const std::string& adapterDir, const std::string& outputPath,
                            bool overwrite, const ExportControl& control = {});

} // namespace core
