#pragma once
// Text generation with a KV cache: greedy decoding or seeded temperature sampling (optionally top-k / top-p).
#include <cstdint>
#include <string>
#include <vector>

namespace core {

class CausalLm;
class Tokenizer;

struct GenerationOptions {
    int64_t maxNewTokens = 128; ///< at most this many new tokens (EOS included)
    double temperature = 0.0;   ///< 0: greedy (argmax); > 0: sample from softmax(logits / temperature)
    int64_t topK = 0;           ///< sampling only: keep the k most likely tokens; 0 = all
    double topP = 1.0;          ///< sampling only: keep the smallest set whose probability reaches top_p; 1 = all
    uint64_t seed = 42;         ///< seeds the sampler: the same seed gives the same text on the same device
    bool stopAtEos = true;      ///< stop when the model emits EOS (the EOS is not part of the text)

    // Throws core::Error naming the option (with the CLI's flag spelling) when a value is out of range.
    void validate() const;
};

enum class StopReason { Eos, MaxNewTokens, MaxPositions };
std::string toString(StopReason reason); // "eos", "max_new_tokens", "max_position_embeddings"

struct Generation {
    std::vector<int64_t> promptIds; ///< BOS (if the tokenizer has one) + the prompt's ids
    std::vector<int64_t> newIds;    ///< generated ids, without the final EOS
    std::string text;               ///< newIds decoded
    StopReason stopReason = StopReason::MaxNewTokens;
};

// Continues promptIds (non-empty) token by token. Eval mode, no grad, on the model's device.
// eosId < 0: never stops at EOS. Stops at max_position_embeddings as well.
std::vector<int64_t> generateIds(CausalLm& model, const std::vector<int64_t>& promptIds,
                                 const GenerationOptions& options, int64_t eosId, StopReason* reason = nullptr);

// BOS + tokenizer ids of prompt (as training sees a record's start), then generateIds, decoded. A prompt longer than
// the model's max_position_embeddings is a core::Error.
Generation generate(CausalLm& model, const Tokenizer& tok, const std::string& prompt, const GenerationOptions& options);
// The same from prompt ids made elsewhere (a chat template's text, whose special tokens are already ids).
Generation generateFromIds(CausalLm& model, const Tokenizer& tok, std::vector<int64_t> promptIds,
                           const GenerationOptions& options);

} // namespace core
