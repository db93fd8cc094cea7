#pragma once
#include "core/data/AlpacaRecord.h"

#include <string>
#include <vector>

namespace core {

struct DataConfig;

// alpaca-lora's two templates (tloen/alpaca-lora, templates/alpaca.json), byte for byte: Stanford Alpaca's
// wording with a newline after "### Response:" (Stanford's own prompt ends at the colon). The response follows
// "### Response:\n", then EOS.
extern const char* const kAlpacaTemplateWithInput;
extern const char* const kAlpacaTemplateWithoutInput;

// A record as the model sees it, split where the loss starts: prompt (no loss by default) and completion (the
// output, plus whatever a user template puts after {output}). The model's text is prompt + completion; BOS and EOS are
// token ids added by tokenization, not text.
struct FormattedRecord {
    std::string prompt;
    std::string completion;
    std::string text() const { return prompt + completion; }
};

// Formats records with a template holding {instruction}, {input} and {output}; "{{" and "}}" are literal braces.
// Without {output} the output is appended at the end (as Alpaca's templates do). A record whose input is empty uses
// the template without input.
class PromptTemplate {
public:
    // Alpaca's templates.
    static PromptTemplate alpaca();
    // data.template.with_input / without_input, or Alpaca's where they are empty. Throws core::Error naming the
    // setting.
    static PromptTemplate fromConfig(const DataConfig& cfg);
    // withoutInput empty: withInput serves every record. Throws core::Error naming `field`.with_input or
    // .without_input for an unknown placeholder, a stray brace, a missing {instruction} or a repeated {output}.
    PromptTemplate(const std::string& withInput, const std::string& withoutInput,
                   const std::string& field = "data.template");

    FormattedRecord format(const AlpacaRecord& record) const;
    // The same into out, reusing its buffers.
    void format(const AlpacaRecord& record, FormattedRecord& out) const;
    // The prompt alone (what generation is given).
    std::string prompt(const std::string& instruction, const std::string& input = {}) const;

private:
    enum class Slot { Literal, Instruction, Input, Output };
    struct Part {
        Slot slot;
        std::string text; // Literal only
    };
    static std::vector<Part> parse(const std::string& text, const std::string& field);

    std::vector<Part> m_withInput, m_withoutInput;
};

// The Alpaca prompt for an instruction (and input), ready for generation.
std::string alpacaPrompt(const std::string& instruction, const std::string& input = {});
// The exact text the model sees for a record with cfg's template (prompt + output, no BOS/EOS), and the prompt alone.
std::string recordText(const AlpacaRecord& record, const DataConfig& cfg);
std::string recordPrompt(const AlpacaRecord& record, const DataConfig& cfg);

} // namespace core
