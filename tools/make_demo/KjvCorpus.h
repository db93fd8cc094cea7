#pragma once
// The demo's corpus: the King James Version of the Bible (public domain; Debian's bible-kjv-text package), one
// chapter per block: "Genesis 1", then one verse per line with its number ("1 In the beginning God created …"), then a
// blank line. Every retainEvery-th chapter is held out of pretraining as the retain text (forgetting measurements).
#include "DemoRecipe.h"

#include <string>

namespace demo {

struct CorpusSplit {
    std::string pretrain;  ///< chapters used for pretraining (and the tokenizer)
    std::string retain;    ///< held-out chapters
    int chapters = 0;
    int retainChapters = 0;
    int verses = 0;
};

// Reads the KJV (running `bible`, or the recipe's dump file) and splits it by chapter. Deterministic.
// Throws core::Error when `bible` is missing or its output does not look like the KJV.
CorpusSplit makeKjvCorpus(const CorpusRecipe& recipe);

} // namespace demo
