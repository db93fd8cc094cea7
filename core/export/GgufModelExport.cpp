#include "core/export/GgufModelExport.h"

#include "core/common/Error.h"
#include "core/common/Text.h"
#include "core/export/GgufArchitecture.h"
#include "core/export/GgufFile.h"
#include "core/export/GgufVocab.h"
#include "core/export/MergedModel.h"
#include "core/lora/AdapterConfigFields.h"
#include "core/lora/AdapterIO.h"
#include "core/lora/LoraInjector.h"
#include "core/model/ModelLoader.h"

#include <torch/torch.h>

#include <cmath>
#include <filesystem>

namespace fs = std::filesystem;

namespace core {

namespace {

struct FileTypeInfo {
    GgufFileType type;
    const char* name;
    GgmlType weights;
    uint32_t llamaFileType; // general.file_type (llama_ftype)
};

const FileTypeInfo kFileTypes[] = {
    {GgufFileType::F32, "f32", GgmlType::F32, 0},   {GgufFileType::F16, "f16", GgmlType::F16, 1},
    {GgufFileType::BF16, "bf16", GgmlType::BF16, 32}, {GgufFileType::Q8_0, "q8_0", GgmlType::Q8_0, 7},
    {GgufFileType::Q4_0, "q4_0", GgmlType::Q4_0, 2},
};

const FileTypeInfo& infoOf(GgufFileType type)
{
    for (const auto& info : kFileTypes)
        if (info.type == type)
            return info;
    return kFileTypes[0];
}

std::string folderName(const std::string& dir)
{
    fs::path p = fs::path(dir).lexically_normal();
    if (p.filename().empty())
        p = p.parent_path();
    return p.filename().string();
}

// general.* and <arch>.* as llama.cpp's converter writes them for these architectures.
GgufMetadata modelMetadata(const ModelConfig& cfg, const GgufArchitecture& arch, const std::string& name)
{
    const std::string a = arch.name + ".";
    GgufMetadata m = {
        {"general.architecture", arch.name},
        {"general.type", std::string("model")},
        {"general.name", name},
        {a + "context_length", uint32_t(cfg.maxPositionEmbeddings)},
        {a + "embedding_length", uint32_t(cfg.hiddenSize)},
        {a + "feed_forward_length", uint32_t(cfg.intermediateSize)},
        {a + "block_count", uint32_t(cfg.numHiddenLayers)},
        {a + "attention.head_count", uint32_t(cfg.numAttentionHeads)},
        {a + "attention.head_count_kv", uint32_t(cfg.numKeyValueHeads)},
        {a + "rope.freq_base", float(cfg.ropeTheta)},
        {a + "attention.layer_norm_rms_epsilon", float(cfg.rmsNormEps)},
    };
    if (arch.name == "llama") {
        m.emplace_back(a + "vocab_size", uint32_t(cfg.vocabSize));
        // As the converter's LlamaModel writes them (Qwen2's derives these from the tensors and widths). key/value length
        // always, although llama.cpp derives them when absent: a head_dim that is not hidden / heads (Mistral-Nemo
        // style) must not depend on a default.
        m.emplace_back(a + "rope.dimension_count", uint32_t(cfg.headDim));
        m.emplace_back(a + "attention.key_length", uint32_t(cfg.headDim));
        m.emplace_back(a + "attention.value_length", uint32_t(cfg.headDim));
    }
    if (arch.name == "qwen3") { // Qwen3 gives head_dim explicitly, and the converter writes it
        m.emplace_back(a + "attention.key_length", uint32_t(cfg.headDim));
        m.emplace_back(a + "attention.value_length", uint32_t(cfg.headDim));
    }
    if (arch.name == "phi3") { // as the converter's Phi3MiniModel: the pretraining length, the rotating dims, the window
        const int64_t original = cfg.ropeScaling && cfg.ropeScaling->type == "longrope"
                                     ? cfg.ropeScaling->originalMaxPositionEmbeddings
                                     : cfg.maxPositionEmbeddings;
        m.emplace_back(a + "rope.scaling.original_context_length", uint32_t(original));
        m.emplace_back(a + "rope.dimension_count", uint32_t(cfg.rotaryDim > 0 ? cfg.rotaryDim : cfg.headDim));
        m.emplace_back(a + "attention.sliding_window", uint32_t(cfg.slidingWindow));
        if (cfg.ropeScaling && cfg.ropeScaling->type == "longrope") {
            const double scale = double(cfg.maxPositionEmbeddings) / double(original);
            m.emplace_back(a + "rope.scaling.attn_factor",
                           float(scale > 1.0 ? std::sqrt(1 + std::log(scale) / std::log(double(original))) : 1.0));
        }
    }
    if (cfg.ropeScaling && cfg.ropeScaling->type == "linear") {
        m.emplace_back(a + "rope.scaling.type", std::string("linear"));
        m.emplace_back(a + "rope.scaling.factor", float(cfg.ropeScaling->factor));
    }
    return m;
}

// Llama 3.1's rope scaling as llama.cpp takes it: a rope_freqs tensor of per-frequency divisors
// (generate_extra_tensors in the converter), [head_dim / 2] float32 — computed in float32 tensor arithmetic as there,
// so that the two files agree to the bit.
at::Tensor llama3RopeFactors(const ModelConfig& cfg)
{
    const RopeScaling& s = *cfg.ropeScaling;
    const float old = float(s.originalMaxPositionEmbeddings);
    const double lowWavelen = old / s.lowFreqFactor;
    const double highWavelen = old / s.highFreqFactor;
    const at::Tensor freqs =
        1.0 / torch::pow(torch::tensor(float(cfg.ropeTheta)),
                         torch::arange(0, cfg.headDim, 2, torch::kFloat32) / double(cfg.headDim));
    at::Tensor factors = torch::empty({freqs.size(0)}, torch::kFloat32);
    for (int64_t i = 0; i < freqs.size(0); ++i) {
        const at::Tensor wavelen = 2 * M_PI / freqs[i];
        if (wavelen.item<float>() < highWavelen)
            factors[i] = 1.0f;
        else if (wavelen.item<float>() > lowWavelen)
            factors[i] = float(s.factor);
        else {
            const at::Tensor smooth = (old / wavelen - s.lowFreqFactor) / (s.highFreqFactor - s.lowFreqFactor);
            factors[i] = 1 / ((1 - smooth) / s.factor + smooth);
        }
    }
    return factors;
}

struct PlannedTensor {
    GgufTensorInfo info;
    std::function<at::Tensor()> values; // float32 [rows…, ne0], contiguous, in GGUF layout
};

GgufTensorInfo infoFor(const std::string& name, const at::Tensor& t, GgmlType wanted)
{
    GgufTensorInfo info;
    info.name = name;
    for (int64_t d = t.dim() - 1; d >= 0; --d)
        info.ne.push_back(uint64_t(t.size(d)));
    info.type = t.dim() <= 1 ? GgmlType::F32 : wanted;
    if (int64_t(info.ne[0]) % ggmlBlockSize(info.type) != 0)
        info.type = GgmlType::F16; // as the converter does when a row does not split into blocks
    return info;
}

ExportReport writeGguf(const std::string& outputPath, const GgufMetadata& metadata,
                       std::vector<PlannedTensor> planned, const ExportControl& control, const std::string& kind)
{
    std::vector<GgufTensorInfo> infos;
    uint64_t total = 0;
    for (const auto& t : planned) {
        infos.push_back(t.info);
        total += ggufTensorBytes(t.info);
    }
    checkFreeSpace(outputPath, total);
    explainingCleanup(outputPath, [&] {
        GgufWriter out(outputPath, metadata, infos);
        uint64_t done = 0;
        for (const auto& t : planned) {
            throwIfCancelled(control, "the " + kind + " export");
            if (control.onProgress)
                control.onProgress({total ? double(done) / double(total) : 0.0, t.info.name});
            out.writeTensor(t.info.name, encodeGgmlRows(t.values(), t.info.type));
            done += ggufTensorBytes(t.info);
        }
        out.commit();
        if (control.onProgress)
            control.onProgress({1.0, "done"});
    });
    ExportReport report;
    report.kind = kind;
    report.output = outputPath;
    report.files.push_back({outputPath, uint64_t(fs::file_size(outputPath))});
    return report;
}

} // namespace

GgufFileType parseGgufFileType(const std::string& name, const std::string& what)
{
    for (const auto& info : kFileTypes)
        if (asciiLower(name) == info.name)
            return info.type;
    LORAWB_FAIL(what, ": '", name, "' is not a GGUF type; use f32, f16, bf16, q8_0 or q4_0.");
}

const char* ggufFileTypeName(GgufFileType type) { return infoOf(type).name; }

ExportReport exportGgufModel(const std::string& modelDir, const std::string& adapterDir, const std::string& outputPath,
                             const GgufExportOptions& options, const ExportControl& control)
{
    checkOutputFile(outputPath, options.overwrite);
    const std::string configPath = (fs::path(modelDir) / "config.json").string();
    const ModelConfig cfg = loadModelConfig(modelDir);
    const GgufArchitecture arch = ggufArchitectureOf(cfg, configPath);
    const FileTypeInfo& type = infoOf(options.type);

    GgufMetadata metadata = modelMetadata(cfg, arch, folderName(adapterDir.empty() ? modelDir : adapterDir));
    metadata.emplace_back("general.file_type", type.llamaFileType);
    metadata.emplace_back("general.quantization_version", uint32_t(2));
    appendGgufVocab(metadata, modelDir, cfg); // before the weights: a tokenizer it cannot write fails in a second

    // f32 merges at full precision; the other types are at most as precise as the stored weights.
    const auto stored = cfg.torchDtype == "bfloat16" ? c10::kBFloat16 : cfg.torchDtype == "float16" ? c10::kHalf
                                                                                                     : c10::kFloat;
    MergedModel merged = loadMergedModel(modelDir, adapterDir, options.type == GgufFileType::F32 ? c10::kFloat : stored);
    std::vector<PlannedTensor> planned;
    if (cfg.ropeScaling && cfg.ropeScaling->type == "llama3") {
        const at::Tensor factors = llama3RopeFactors(cfg);
        planned.push_back({infoFor("rope_freqs.weight", factors, GgmlType::F32), [factors] { return factors; }});
    }
    if (arch.name == "phi3" && cfg.ropeScaling && cfg.ropeScaling->type == "longrope") {
        // Phi-3's longrope factors as tensors, which llama.cpp switches between as transformers does.
        for (const auto& [name, values] : {std::pair{"rope_factors_long.weight", &cfg.ropeScaling->longFactor},
                                           std::pair{"rope_factors_short.weight", &cfg.ropeScaling->shortFactor}}) {
            const at::Tensor factors = torch::tensor(std::vector<float>(values->begin(), values->end()));
            planned.push_back({infoFor(name, factors, GgmlType::F32), [factors] { return factors; }});
        }
    }
    for (const auto& [hfName, tensor] : checkpointTensors(*merged.base.model)) {
        const std::string name = ggufTensorName(hfName);
        LORAWB_CHECK(!name.empty(), modelDir, ": tensor \"", hfName, "\" has no GGUF counterpart for architecture ",
                     arch.name, "; this model cannot be written as GGUF here.");
        const at::Tensor t = tensor;
        const std::string hf = hfName;
        planned.push_back({infoFor(name, t, type.weights), [t, hf, &cfg, &arch] {
                               return toGgufLayout(t.to(torch::kFloat32), hf, cfg, arch).contiguous();
                           }});
    }
    ExportReport report = writeGguf(outputPath, metadata, std::move(planned), control, "gguf");
    if (!merged.adapterWarning.empty())
        report.warnings.push_back(merged.adapterWarning);
    return report;
}

ExportReport exportGgufLora(const std::string& modelDir, const std::string& adapterDir, const std::string& outputPath,
                            bool overwrite, const ExportControl& control)
{
    checkOutputFile(outputPath, overwrite);
    const std::string configPath = (fs::path(modelDir) / "config.json").string();
    const ModelConfig cfg = loadModelConfig(modelDir);
    const GgufArchitecture arch = ggufArchitectureOf(cfg, configPath);
    // The module tree of the base, never filled: the adapter is checked against its shapes, the weights stay unread.
    auto model = std::make_shared<CausalLm>(cfg);
    const std::string warning = adapterConfigWarning(adapterDir);
    const LoraConfig lora = loadAdapter(*model, adapterDir);
    const std::string adapterFile = (fs::path(adapterDir) / "adapter_config.json").string();
    refuseTaskHeadExport(lora, adapterDir);
    LORAWB_CHECK(lora.bias == LoraBias::None, adapterFile, ": bias \"", toString(lora.bias),
                 "\" trains biases, which a GGUF LoRA file cannot hold; export a merged GGUF (lorawb export gguf "
                 "--adapter) instead.");
    LORAWB_CHECK(lora.modulesToSave.empty(), adapterFile, ": modules_to_save (", joinedWithCommas(lora.modulesToSave),
                 ") are whole trained modules, which a GGUF LoRA file cannot hold; export a merged GGUF instead.");
    LORAWB_CHECK(!lora.useDora, adapterFile, ": use_dora: DoRA's magnitude vectors rescale whole weight rows, which a "
                 "GGUF LoRA file (lora_a / lora_b pairs only) cannot hold; export a merged GGUF (lorawb export gguf "
                 "--adapter) instead.");

    // What llama.cpp's convert_lora_to_gguf.py writes: the model's hyperparameters come from the base GGUF.
    GgufMetadata metadata = {
        {"general.architecture", arch.name},
        {"general.type", std::string("adapter")},
        {"general.name", folderName(adapterDir)},
        {"general.quantization_version", uint32_t(2)},
        {"adapter.type", std::string("lora")},
        {"adapter.lora.alpha", float(lora.loraAlpha)},
    };
    std::vector<PlannedTensor> planned;
    for (const auto& [module, layer] : loraLayers(*model)) {
        const std::string name = ggufTensorName(module + ".weight");
        LORAWB_CHECK(!name.empty(), adapterFile, ": module \"", module,
                     "\" has no GGUF counterpart; llama.cpp cannot apply this adapter.");
        // PiSSA / OLoRA (a PEFT adapter saved unconverted): llama.cpp applies it to the original base, so the pair is
        // written as plain LoRA there, at twice the rank.
        const auto [plainA, plainB] = layer->plainLoraFactors();
        // llama.cpp multiplies B·A by alpha / r with the file's alpha and this pair's r.
        const double llamaScale = lora.loraAlpha / double(plainA.size(0));
        const double fold = layer->scaling() / llamaScale;
        const at::Tensor a = plainA.to(torch::kFloat32).contiguous();
        const at::Tensor b = (plainB.to(torch::kFloat32) * fold).contiguous();
        const std::string hf = module + ".weight";
        planned.push_back({infoFor(name + ".lora_a", a, GgmlType::F32), [a] { return a; }});
        planned.push_back({infoFor(name + ".lora_b", b, GgmlType::F32),
                           [b, hf, &cfg, &arch] { return toGgufLayout(b, hf, cfg, arch).contiguous(); }});
    }
    ExportReport report = writeGguf(outputPath, metadata, std::move(planned), control, "gguf-lora");
    if (!warning.empty())
        report.warnings.push_back(warning);
    return report;
}

} // namespace core
