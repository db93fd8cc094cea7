#include "core/export/OllamaModelfile.h"

#include "core/common/Error.h"
#include "core/data/PromptTemplate.h"
#include "core/export/GgufVocab.h"
#include "core/io/AtomicFile.h"
#include "core/tokenizer/TokenizerLoader.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace core {

namespace {

void checkIsGguf(const std::string& path, const std::string& option)
{
    LORAWB_CHECK(fs::is_regular_file(path), option, " ", path, ": no such file; give the .gguf file lorawb export "
                 "gguf / gguf-lora wrote.");
    std::ifstream in(path, std::ios::binary);
    char magic[4] = {};
    in.read(magic, 4);
    LORAWB_CHECK(in && std::string(magic, 4) == "GGUF", option, " ", path,
                 ": not a GGUF file (it does not start with \"GGUF\"); give the file lorawb export gguf wrote.");
}

std::string pathFrom(const std::string& modelfilePath, const std::string& file)
{
    const fs::path dir = fs::absolute(modelfilePath).parent_path();
    const fs::path target = fs::absolute(file);
    if (target.parent_path() == dir)
        return "./" + target.filename().string();
    return target.string();
}

struct ChatFamily {
    const char* marker; // a string only this family's Jinja template contains
    const char* goTemplate;
    std::vector<const char*> stops;
};

// Ollama's own templates for these families (its template/*.gotmpl), reduced to system, prompt and response.
const ChatFamily kFamilies[] = {
    {"<|start_header_id|>",
     "{{ if .System }}<|start_header_id|>system<|end_header_id|>\n\n{{ .System }}<|eot_id|>{{ end }}"
     "{{ if .Prompt }}<|start_header_id|>user<|end_header_id|>\n\n{{ .Prompt }}<|eot_id|>{{ end }}"
     "<|start_header_id|>assistant<|end_header_id|>\n\n{{ .Response }}<|eot_id|>",
     {"<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>"}},
    {"<|im_start|>",
     "{{ if .System }}<|im_start|>system\n{{ .System }}<|im_end|>\n{{ end }}"
     "{{ if .Prompt }}<|im_start|>user\n{{ .Prompt }}<|im_end|>\n{{ end }}<|im_start|>assistant\n{{ .Response }}"
     "<|im_end|>\n",
     {"<|im_start|>", "<|im_end|>"}},
    {"<|user|>",
     "{{ if .System }}<|system|>\n{{ .System }}<|end|>\n{{ end }}{{ if .Prompt }}<|user|>\n{{ .Prompt }}<|end|>\n"
     "{{ end }}<|assistant|>\n{{ .Response }}<|end|>\n",
     {"<|end|>", "<|user|>", "<|assistant|>"}},
    {"[INST]", "[INST] {{ if .System }}{{ .System }}\n\n{{ end }}{{ .Prompt }} [/INST]{{ .Response }}",
     {"[INST]", "[/INST]"}},
};

std::string quoted(const std::string& text)
{
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + "\"";
}

} // namespace

std::string ollamaModelfileText(const std::string& modelfilePath, const ModelfileOptions& options)
{
    checkIsGguf(options.ggufPath, "--gguf");
    if (!options.adapterGgufPath.empty())
        checkIsGguf(options.adapterGgufPath, "--adapter-gguf");
    std::ostringstream out;
    out << "# Written by LoRA Workbench. Run: ollama create NAME -f " << fs::path(modelfilePath).filename().string()
        << "\nFROM " << pathFrom(modelfilePath, options.ggufPath) << "\n";
    if (!options.adapterGgufPath.empty())
        out << "ADAPTER " << pathFrom(modelfilePath, options.adapterGgufPath) << "\n";

    const std::string chat = options.modelDir.empty() ? std::string() : chatTemplateOf(options.modelDir);
    std::vector<std::string> stops;
    std::string goTemplate;
    if (chat.empty()) {
        // The prompt the adapter learned: Alpaca's, with the instruction in Ollama's .Prompt.
        goTemplate = alpacaPrompt("{{ .Prompt }}") + "{{ .Response }}";
        stops.push_back("### Instruction:");
    } else {
        for (const auto& family : kFamilies)
            if (chat.find(family.marker) != std::string::npos) {
                goTemplate = family.goTemplate;
                stops.assign(family.stops.begin(), family.stops.end());
                break;
            }
        LORAWB_CHECK(!goTemplate.empty(), options.modelDir,
                     ": its chat template is of a family this exporter cannot translate to Ollama's template "
                     "language (it knows Llama 3, ChatML / Qwen, Phi-3 and Mistral); write TEMPLATE by hand.");
    }
    if (!options.modelDir.empty() && !tokenizerFileName(options.modelDir).empty()) {
        const auto tok = loadTokenizer(options.modelDir);
        if (tok->eosId() >= 0)
            stops.push_back(tok->idToPiece(tok->eosId()));
    }
    out << "TEMPLATE \"\"\"" << goTemplate << "\"\"\"\n";
    for (const auto& stop : stops)
        out << "PARAMETER stop " << quoted(stop) << "\n";
    return out.str();
}

ExportReport writeOllamaModelfile(const std::string& outputPath, const ModelfileOptions& options)
{
    checkOutputFile(outputPath, options.overwrite);
    writeFileAtomically(outputPath, ollamaModelfileText(outputPath, options));
    ExportReport report;
    report.kind = "modelfile";
    report.output = outputPath;
    report.files.push_back({outputPath, uint64_t(fs::file_size(outputPath))});
    return report;
}

} // namespace core
