#pragma once
// A real sentencepiece tokenizer trained in the test from a few lines of text (a second or so), instead of a binary
// model committed to the repository.
#include "core/tokenizer/SentencePieceTokenizer.h"

#include <QString>

#include <fstream>
#include <string>
#include <vector>

namespace testutil {

// Plain English lines; with byte fallback any other text still encodes.
inline const std::vector<std::string>& proverbs()
{
    static const std::vector<std::string> lines{
        "the quick brown fox jumps over the lazy dog", "a stitch in time saves nine",
        "to be or not to be that is the question", "all that glitters is not gold"};
    return lines;
}

// `count` lines cycling through `lines`; `numbered` appends " <line number>" to each, so that digits are learnt too.
inline void writeCorpus(const std::string& path, const std::vector<std::string>& lines, int count, bool numbered)
{
    std::ofstream out(path);
    for (int i = 0; i < count; ++i) {
        out << lines[i % lines.size()];
        if (numbered)
            out << " " << i;
        out << "\n";
    }
}

// Trains a BPE model of `vocabSize` pieces on `corpus` into prefix.model and returns that path. `options` adds
// sentencepiece flags (e.g. "--byte_fallback=true").
inline std::string trainBpe(const std::string& corpus, const std::string& prefix, int vocabSize,
                            const std::string& options = "")
{
    core::trainSentencePiece("--input=" + corpus + " --model_prefix=" + prefix + " --vocab_size=" +
                             std::to_string(vocabSize) + " --model_type=bpe --minloglevel=2" +
                             (options.empty() ? "" : " " + options));
    return prefix + ".model";
}

// Both steps in `dir`: dir/corpus.txt, then dir/tok.model, whose path is returned.
inline std::string trainTinyTokenizer(const QString& dir, const std::vector<std::string>& lines, int count,
                                      bool numbered, int vocabSize, const std::string& options = "")
{
    const std::string corpus = (dir + "/corpus.txt").toStdString();
    writeCorpus(corpus, lines, count, numbered);
    return trainBpe(corpus, (dir + "/tok").toStdString(), vocabSize, options);
}

} // namespace testutil
