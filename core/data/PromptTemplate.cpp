#include "core/data/PromptTemplate.h"

#include "core/common/Error.h"
#include "core/data/DataConfig.h"

#include <algorithm>

namespace core {

const char* const kAlpacaTemplateWithInput =
    "Below is an instruction that describes a task, paired with an input that provides further context. "
    "Write a response that appropriately completes the request.\n\n"
    "### Instruction:\n{instruction}\n\n### Input:\n{input}\n\n### Response:\n";
const char* const kAlpacaTemplateWithoutInput =
    "Below is an instruction that describes a task. "
    "Write a response that appropriately completes the request.\n\n"
    "### Instruction:\n{instruction}\n\n### Response:\n";

PromptTemplate PromptTemplate::alpaca()
{
    return PromptTemplate(kAlpacaTemplateWithInput, kAlpacaTemplateWithoutInput);
}

PromptTemplate PromptTemplate::fromConfig(const DataConfig& cfg)
{
    LORAWB_CHECK(cfg.templateWithoutInput.empty() || !cfg.templateWithInput.empty(),
                 "data.template.without_input is set but data.template.with_input is not. Set with_input (it serves ",
                 "every record, or those with an input when without_input is set too).");
    if (cfg.templateWithInput.empty())
        return alpaca();
    return PromptTemplate(cfg.templateWithInput, cfg.templateWithoutInput);
}

PromptTemplate::PromptTemplate(const std::string& withInput, const std::string& withoutInput, const std::string& field)
    : m_withInput(parse(withInput, field + ".with_input")),
      m_withoutInput(withoutInput.empty() ? m_withInput : parse(withoutInput, field + ".without_input"))
{
}

std::vector<PromptTemplate::Part> PromptTemplate::parse(const std::string& text, const std::string& field)
{
    const char* const fix = ". Use {instruction}, {input} and {output}; write {{ and }} for literal braces.";
    std::vector<Part> parts;
    std::string literal;
    auto flush = [&] {
        if (!literal.empty())
            parts.push_back({Slot::Literal, std::move(literal)});
        literal.clear();
    };
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
            literal += c;
            ++i;
            continue;
        }
        LORAWB_CHECK(c != '}', field, ": a single '}' at character ", i + 1, fix);
        if (c != '{') {
            literal += c;
            continue;
        }
        const size_t close = text.find('}', i);
        LORAWB_CHECK(close != std::string::npos, field, ": a '{' at character ", i + 1, " is never closed", fix);
        const std::string name = text.substr(i + 1, close - i - 1);
        Slot slot;
        if (name == "instruction")
            slot = Slot::Instruction;
        else if (name == "input")
            slot = Slot::Input;
        else if (name == "output")
            slot = Slot::Output;
        else
            LORAWB_FAIL(field, ": unknown placeholder {", name, "}", fix);
        flush();
        parts.push_back({slot, {}});
        i = close;
    }
    flush();
    const auto count = [&](Slot s) {
        return std::count_if(parts.begin(), parts.end(), [&](const Part& p) { return p.slot == s; });
    };
    LORAWB_CHECK(count(Slot::Instruction) >= 1, field, ": the template has no {instruction}, so the model would ",
                 "never see the task. Add {instruction} where it belongs.");
    LORAWB_CHECK(count(Slot::Output) <= 1, field, ": {output} appears more than once; use it once (or leave it out: ",
                 "the output then follows the template).");
    return parts;
}

void PromptTemplate::format(const AlpacaRecord& record, FormattedRecord& out) const
{
    const std::vector<Part>& parts = record.input.empty() ? m_withoutInput : m_withInput;
    out.prompt.clear();
    out.completion.clear();
    std::string* target = &out.prompt;
    bool outputPlaced = false;
    for (const Part& part : parts) {
        switch (part.slot) {
        case Slot::Literal: *target += part.text; break;
        case Slot::Instruction: *target += record.instruction; break;
        case Slot::Input: *target += record.input; break;
        case Slot::Output:
            target = &out.completion; // the loss starts here
            *target += record.output;
            outputPlaced = true;
            break;
        }
    }
    if (!outputPlaced)
        out.completion += record.output;
}

FormattedRecord PromptTemplate::format(const AlpacaRecord& record) const
{
    FormattedRecord out;
    format(record, out);
    return out;
}

std::string PromptTemplate::prompt(const std::string& instruction, const std::string& input) const
{
    return format(AlpacaRecord{instruction, input, {}}).prompt;
}

std::string alpacaPrompt(const std::string& instruction, const std::string& input)
{
    return PromptTemplate::alpaca().prompt(instruction, input);
}

std::string recordText(const AlpacaRecord& record, const DataConfig& cfg)
{
    return PromptTemplate::fromConfig(cfg).format(record).text();
}

std::string recordPrompt(const AlpacaRecord& record, const DataConfig& cfg)
{
    return PromptTemplate::fromConfig(cfg).format(record).prompt;
}

} // namespace core
