#pragma once
// The recipe of the bundled demo model (resources/demo/pretrain.yaml): where the corpus comes from and how it is
// split, the tokenizer's settings, the model's config.json fields and the pretraining settings. Paths are relative to
// the working directory (run the tool from the repository root).
#include "core/model/ModelConfig.h"
#include "core/train/TrainConfig.h"

#include <cstdint>
#include <string>

namespace demo {

struct CorpusRecipe {
    std::string source = "bible-kjv"; ///< bible-kjv: the King James Version from Debian's bible-kjv(-text) packages
    std::string dumpFile;             ///< optional: a saved `bible -l100000 Gen1:1-Rev22:21` instead of running it
    int retainEvery = 20;             ///< every retainEvery-th chapter (counting from retainOffset) is held out
    int retainOffset = 10;
};

struct TokenizerRecipe {
    std::string modelType = "bpe";
    int vocabSize = 4096;
    std::string extraFlags;           ///< appended to the spm_train flags
};

struct DemoRecipe {
    std::string path;                 ///< the recipe file itself (for messages)
    std::string workDir = "build-demo-work"; ///< corpus, tokenizer, checkpoints: large, not committed
    std::string outputDir = "resources/demo/model";
    std::string retainPath = "resources/demo/retain.txt";
    std::string saveDtype = "float16"; ///< float16 | bfloat16 | float32: dtype of the committed weights
    CorpusRecipe corpus;
    TokenizerRecipe tokenizer;
    core::ModelConfig model;          ///< vocab_size comes from the tokenizer recipe
    core::TrainConfig train;          ///< finetune is always full
    int maxLength = 256;              ///< tokens per pretraining window
    int64_t evalEvery = 0;            ///< held-out (retain) loss every N steps; 0 = at the end only

    std::string pretrainTextPath() const { return workDir + "/pretrain.txt"; }
    std::string tokenizerPrefix() const { return workDir + "/tokenizer"; }
    std::string runDir() const { return workDir + "/run"; }
    std::string metricsPath() const { return outputDir + "/demo_metrics.json"; }
};

// Reads and validates the recipe; unknown keys are errors naming the key. Throws core::Error.
DemoRecipe loadDemoRecipe(const std::string& path);

} // namespace demo
