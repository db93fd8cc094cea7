#include "core/lora/AdapterIO.h"

#include "core/common/Error.h"
#include "core/common/Text.h"
#include "core/common/Version.h"
#include "core/io/AtomicFile.h"
#include "core/io/JsonFile.h"
#include "core/io/Safetensors.h"
#include "core/io/StagedDirectory.h"
#include "core/lora/AdapterCardText.h"
#include "core/lora/AdapterClassLabels.h"
#include "core/lora/AdapterConfigFields.h"
#include "core/lora/LoraInjector.h"
#include "core/lora/LoraLinear.h"
#include "core/lora/ModuleMatching.h"
#include "core/lora/PeftKeyNames.h"
#include "core/lora/SavedModules.h"
#include "core/model/ParameterNames.h"
#include "core/model/QuestionAnswering.h"
#include "core/model/SequenceClassification.h"

#include <nlohmann/json.hpp>

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <type_traits>

namespace fs = std::filesystem;
using json = nlohmann::ordered_json; // keeps rank_pattern / alpha_pattern in order (OrderedMapping.h)

namespace core {
namespace {

const std::string kPrefix = "base_model.model.";

template <typename T>
json patternJson(const OrderedMapping<T>& pattern)
{
    json out = json::object();
    for (const auto& [key, value] : pattern)
        out[key] = value;
    return out;
}

// rank_pattern / alpha_pattern in the file's order; a value that is not a number of the right kind names the entry.
template <typename T>
OrderedMapping<T> patternField(const json& j, const char* field, const std::string& path)
{
    OrderedMapping<T> out;
    if (!j.contains(field) || j.at(field).is_null())
        return out;
    const json& mapping = j.at(field);
    LORAWB_CHECK(mapping.is_object(), path, ": field \"", field, "\" must map module-name patterns to numbers, got ",
                 mapping.dump());
    for (const auto& [pattern, value] : mapping.items()) {
        const std::string what = path + ": " + field + "[\"" + pattern + "\"]";
        if constexpr (std::is_integral_v<T>) {
            out[pattern] = jsonWholeNumber<T>(value, what);
        } else {
            LORAWB_CHECK(value.is_number(), what, " must be a number, got ", value.dump());
            out[pattern] = value.template get<T>();
        }
    }
    return out;
}

// Checks every tensor of `file` against what `model` (already injected with cfg) needs, then copies them in. Nothing is
// copied unless every check passes.
void fillAdapter(CausalLm& model, const LoraConfig& cfg, const SafetensorsFile& file)
{
    const std::string& weightsPath = file.path();
    auto params = model.named_parameters(/*recurse=*/true);
    std::vector<std::pair<at::Tensor, std::string>> plan; // (parameter, key in the file)
    std::set<std::string> used;
    const std::string backbone = peftBackboneOf(cfg.taskType, model.config().modelType);
    for (const auto& [key, tensor] : adapterTensors(model, cfg)) {
        // PEFT writes biases of wrapped layers without the "base_layer." segment in some versions: accept both.
        const std::string stored = file.contains(key) ? key : withoutBaseLayer(key);
        LORAWB_CHECK(file.contains(stored), weightsPath, ": tensor \"", key, "\" is missing; the adapter does not match "
                     "adapter_config.json or this base model.");
        const auto& entry = file.entry(stored);
        LORAWB_CHECK(at::IntArrayRef(entry.shape) == tensor.sizes(), weightsPath, ": tensor \"", stored, "\" has shape ",
                     at::IntArrayRef(entry.shape), " but this base model needs ", tensor.sizes(),
                     "; the adapter was trained for another model.");
        used.insert(stored);
        plan.emplace_back(params[modelNameOf(key, backbone)], stored);
    }
    for (const auto& name : file.names())
        LORAWB_CHECK(used.count(name), weightsPath, ": unexpected tensor \"", name, "\" that no module of this model "
                     "takes; the adapter was made for another model or its adapter_config.json was edited.");
    torch::NoGradGuard noGrad;
    for (auto& [param, stored] : plan)
        file.readInto(stored, param); // from the file: a truncated file is an error, not SIGBUS
}

} // namespace

json adapterConfigJson(const LoraConfig& cfg, const std::vector<std::string>& targetNames)
{
    json j;
    j["peft_type"] = "LORA";
    j["task_type"] = toString(cfg.taskType);
    j["r"] = cfg.r;
    j["lora_alpha"] = cfg.loraAlpha;
    j["lora_dropout"] = cfg.loraDropout;
    j["bias"] = toString(cfg.bias);
    if (cfg.targetModules.kind == TargetModules::Kind::Regex)
        j["target_modules"] = cfg.targetModules.regex;
    else
        j["target_modules"] = targetNames;
    j["use_rslora"] = cfg.useRslora;
    j["init_lora_weights"] = cfg.initLoraWeights == LoraInit::Kaiming
                                 ? json(true)
                                 : json(initLoraWeightsName(cfg.initLoraWeights, cfg.initNiter));
    j["fan_in_fan_out"] = false;
    j["modules_to_save"] = cfg.modulesToSave.empty() ? json(nullptr) : json(cfg.modulesToSave);
    j["layers_to_transform"] = cfg.layersToTransform.empty() ? json(nullptr) : json(cfg.layersToTransform);
    j["layers_pattern"] = nullptr;
    j["rank_pattern"] = patternJson(cfg.rankPattern);
    j["alpha_pattern"] = patternJson(cfg.alphaPattern);
    j["exclude_modules"] = !cfg.excludeRegex.empty()       ? json(cfg.excludeRegex)
                           : cfg.excludeModules.empty() ? json(nullptr)
                                                        : json(cfg.excludeModules);
    j["ensure_weight_tying"] = cfg.ensureWeightTying;
    j["base_model_name_or_path"] = cfg.baseModelNameOrPath;
    j["inference_mode"] = true;
    j["use_dora"] = cfg.useDora;
    j["revision"] = nullptr;
    if (cfg.taskType == TaskType::SeqCls || cfg.taskType == TaskType::TokenCls)
        writeClassLabels(j, cfg.classes);
    if (cfg.taskType == TaskType::FeatureExtraction && cfg.contrastive) {
        j["pooling"] = toString(cfg.contrastive->pooling);
        j["temperature"] = cfg.contrastive->temperature;
    }
    return j;
}

LoraConfig loraConfigFromAdapterJson(const json& j, const std::string& path)
{
    LORAWB_CHECK(j.is_object(), path, ": expected a JSON object (a PEFT adapter_config.json).");
    const std::string peftType = optionalJsonField<std::string>(j, "peft_type", "", path);
    LORAWB_CHECK(peftType == "LORA", path, ": peft_type is \"", peftType, "\"; only LoRA adapters (peft_type LORA) are supported.");
    refuseUnimplementedVariants(j, path);
    LoraConfig cfg;
    cfg.r = optionalJsonField<int>(j, "r", 8, path);
    cfg.loraAlpha = optionalJsonField<double>(j, "lora_alpha", 8.0, path);
    cfg.loraDropout = optionalJsonField<double>(j, "lora_dropout", 0.0, path);
    cfg.bias = parseLoraBias(optionalJsonField<std::string>(j, "bias", "none", path), path + ": bias");
    cfg.taskType = parseTaskType(optionalJsonField<std::string>(j, "task_type", "CAUSAL_LM", path), path + ": task_type");
    cfg.useRslora = optionalJsonField<bool>(j, "use_rslora", false, path);
    cfg.useDora = optionalJsonField<bool>(j, "use_dora", false, path);
    // PEFT runs PiSSA / OLoRA again when it loads such an adapter: the base given is taken for the original and
    // rewritten to its residual, then A and B are loaded.
    if (j.contains("init_lora_weights") && j.at("init_lora_weights").is_string()) {
        const std::string init = asciiLower(j.at("init_lora_weights").get<std::string>());
        if (implementedInitName(init))
            parseInitLoraWeights(init, path + ": init_lora_weights", cfg.initLoraWeights, cfg.initNiter);
    }
    const json targets = j.value("target_modules", json(nullptr));
    if (targets.is_string()) {
        cfg.targetModules.kind = targets == "all-linear" ? TargetModules::Kind::AllLinear : TargetModules::Kind::Regex;
        cfg.targetModules.regex = targets.get<std::string>();
    } else {
        LORAWB_CHECK(targets.is_array() && !targets.empty(), path, ": target_modules must be a list of module names "
                     "or a regex string.");
        cfg.targetModules.names = optionalJsonField<std::vector<std::string>>(j, "target_modules", {}, path);
    }
    const json layers = j.value("layers_to_transform", json(nullptr));
    if (layers.is_number())
        cfg.layersToTransform = {jsonWholeNumber<int>(layers, path + ": layers_to_transform")};
    else
        cfg.layersToTransform = optionalJsonField<std::vector<int>>(j, "layers_to_transform", {}, path);
    cfg.rankPattern = patternField<int>(j, "rank_pattern", path);
    cfg.alphaPattern = patternField<double>(j, "alpha_pattern", path);
    cfg.modulesToSave = optionalJsonField<std::vector<std::string>>(j, "modules_to_save", {}, path);
    cfg.ensureWeightTying = optionalJsonField<bool>(j, "ensure_weight_tying", false, path);
    if (j.contains("exclude_modules") && j.at("exclude_modules").is_string())
        cfg.excludeRegex = j.at("exclude_modules").get<std::string>(); // PEFT: re.fullmatch over the module name
    else
        cfg.excludeModules = optionalJsonField<std::vector<std::string>>(j, "exclude_modules", {}, path);
    cfg.baseModelNameOrPath = optionalJsonField<std::string>(j, "base_model_name_or_path", "", path);
    if (cfg.taskType == TaskType::FeatureExtraction && j.contains("pooling")) { // written by lorawb train
        ContrastiveObjective objective;
        objective.pooling = parsePooling(optionalJsonField<std::string>(j, "pooling", "", path), path + ": pooling");
        objective.temperature = optionalJsonField<double>(j, "temperature", objective.temperature, path);
        LORAWB_CHECK(objective.temperature > 0, path, ": temperature must be positive, got ", objective.temperature);
        cfg.contrastive = objective;
    }
    try {
        cfg.validate();
    } catch (const Error& e) {
        LORAWB_FAIL(path, ": ", e.what());
    }
    return cfg;
}

std::vector<std::pair<std::string, at::Tensor>> adapterTensors(CausalLm& model, const LoraConfig& cfg)
{
    std::vector<std::pair<std::string, at::Tensor>> out;
    const std::string backbone = peftBackboneOf(cfg.taskType, model.config().modelType);
    std::set<const void*> keptTensors;
    std::set<std::string> keptNames;
    std::set<std::string> adaptedModules;
    for (const auto& [name, layer] : loraLayers(model))
        adaptedModules.insert(name);
    for (const auto& item : model.named_parameters(/*recurse=*/true)) {
        const std::string& name = item.key();
        bool keep = isLoraParameterName(name);
        if (!keep && endsWith(name, ".bias")) {
            const std::string owner = name.substr(0, name.find(".base_layer.bias"));
            keep = cfg.bias == LoraBias::All ||
                   (cfg.bias == LoraBias::LoraOnly && adaptedModules.count(owner) && owner != name);
        }
        // modules_to_save names a module; every weight inside it (at any depth) is saved.
        for (auto dot = name.rfind('.'); !keep && dot != std::string::npos && dot > 0; dot = name.rfind('.', dot - 1))
            keep = matchesAnyName(cfg.modulesToSave, name.substr(0, dot));
        if (keep) {
            out.emplace_back(peftKeyOf(name, backbone), item.value().detach().to(torch::kCPU).contiguous());
            keptTensors.insert(item.value().unsafeGetTensorImpl());
            keptNames.insert(name);
        }
    }
    // A matrix shared by two modules (tied embeddings with ensure_weight_tying) is saved under both names, as PEFT
    // saves it.
    for (const auto& item : model.named_parameters(/*recurse=*/true)) {
        if (!keptNames.count(item.key()) && keptTensors.count(item.value().unsafeGetTensorImpl()))
            out.emplace_back(peftKeyOf(item.key(), backbone), item.value().detach().to(torch::kCPU).contiguous());
    }
    return out;
}

LoraConfig asPlainLoraConfig(const LoraConfig& cfg)
{
    LoraConfig plain = cfg;
    // Twice the rank at the same scaling: alpha / r doubles both; alpha / √r (rsLoRA) needs alpha · √2.
    const double alphaFactor = cfg.useRslora ? std::sqrt(2.0) : 2.0;
    plain.r = 2 * cfg.r;
    plain.loraAlpha = alphaFactor * cfg.loraAlpha;
    for (auto& [pattern, rank] : plain.rankPattern)
        rank *= 2;
    for (auto& [pattern, alpha] : plain.alphaPattern)
        alpha *= alphaFactor;
    plain.initLoraWeights = LoraInit::Kaiming;
    return plain;
}

void saveAdapter(CausalLm& model, const LoraConfig& cfg, const std::string& dir, const AdapterCard& card)
{
    const auto layers = loraLayers(model);
    LORAWB_CHECK(!layers.empty(), "saving an adapter to ", dir, ": the model has no LoRA layers.");
    // A list is saved as given (entries may be full module names, which must not widen to every layer on load);
    // "all-linear" is saved resolved to the short names it adapted, as PEFT does.
    std::vector<std::string> targetNames;
    if (cfg.targetModules.kind == TargetModules::Kind::List) {
        for (const auto& name : cfg.targetModules.names)
            if (std::find(targetNames.begin(), targetNames.end(), name) == targetNames.end())
                targetNames.push_back(name);
    } else {
        for (const auto& [name, layer] : layers) {
            const std::string shortName = name.substr(name.rfind('.') + 1);
            if (std::find(targetNames.begin(), targetNames.end(), shortName) == targetNames.end())
                targetNames.push_back(shortName);
        }
    }
    auto tensors = adapterTensors(model, cfg);
    // PiSSA / OLoRA trained on a rewritten base; written as plain LoRA on the original base (PEFT's save_pretrained
    // with path_initial_model_for_weight_conversion), the adapter works wherever the base model does.
    const bool rewroteBase = std::any_of(layers.begin(), layers.end(), [](const auto& l) { return l.second->rewroteBase(); });
    const LoraConfig saved = rewroteBase ? asPlainLoraConfig(cfg) : cfg;
    AdapterCard savedCard = card;
    if (rewroteBase) {
        std::map<std::string, std::shared_ptr<LoraLinear>> byName(layers.begin(), layers.end());
        for (auto& [key, tensor] : tensors) {
            for (const auto& [suffix, isA] : {std::pair{".lora_A.weight", true}, std::pair{".lora_B.weight", false}}) {
                if (!endsWith(key, suffix))
                    continue;
                const std::string name = modelNameOf(key, peftBackboneOf(cfg.taskType, model.config().modelType));
                const std::string module = name.substr(0, name.size() - std::strlen(suffix));
                const auto it = byName.find(module);
                LORAWB_ASSERT(it != byName.end(), "no LoRA layer for ", key);
                const auto [a, b] = it->second->plainLoraFactors();
                tensor = (isA ? a : b).to(torch::kCPU).contiguous();
            }
        }
        savedCard.facts["initialisation"] = initLoraWeightsName(cfg.initLoraWeights, cfg.initNiter) + " at r " +
                                            std::to_string(cfg.r) + ", saved as plain LoRA of rank " +
                                            std::to_string(saved.r) + " on the original base model";
    }
    const json config = adapterConfigJson(saved, targetNames);
    writeDirectoryAtomically(dir, [&](const std::string& staging) {
        writeOrderedJsonFileAtomically((fs::path(staging) / "adapter_config.json").string(), config);
        saveSafetensors((fs::path(staging) / "adapter_model.safetensors").string(), tensors, {{"format", "pt"}});
        writeFileAtomically((fs::path(staging) / "README.md").string(), adapterCardMarkdown(saved, config, savedCard));
    });
}

LoraConfig loadAdapter(CausalLm& model, const std::string& dir)
{
    LORAWB_CHECK(fs::is_directory(dir), dir, ": adapter directory not found. A PEFT adapter folder holds "
                 "adapter_config.json and adapter_model.safetensors.");
    const std::string configPath = (fs::path(dir) / "adapter_config.json").string();
    const std::string weightsPath = (fs::path(dir) / "adapter_model.safetensors").string();
    LORAWB_CHECK(fs::is_regular_file(configPath), configPath, ": not found; is this a PEFT adapter folder?");
    if (!fs::is_regular_file(weightsPath) && fs::is_regular_file(fs::path(dir) / "adapter_model.bin"))
        LORAWB_FAIL(dir, ": holds only adapter_model.bin (a pickle); LoRA Workbench reads safetensors only. Re-save "
                    "it with save_pretrained(..., safe_serialization=True).");
    LORAWB_CHECK(fs::is_regular_file(weightsPath), weightsPath, ": not found; is this a PEFT adapter folder?");
    LoraConfig cfg = loraConfigFromAdapterJson(readOrderedJsonFile(configPath, "adapter config"), configPath);
    const auto file = SafetensorsFile::open(weightsPath);
    LORAWB_CHECK(loraLayers(model).empty(), dir, ": the model already has a LoRA adapter; load the base model again "
                 "before loading another adapter.");

    // Any failure from here on gives back the model as it was: unwrapped, with its requires_grad flags.
    std::vector<std::pair<at::Tensor, bool>> trainable;
    for (const auto& p : model.parameters())
        trainable.emplace_back(p, p.requires_grad());
    // A SEQ_CLS adapter carries its whole score head (modules_to_save); the model gets one of the saved size, whose
    // values fillAdapter then copies in.
    const std::string scoreKey = kPrefix + kScoreHeadName + ".weight";
    const bool classifies = cfg.taskType == TaskType::SeqCls || cfg.taskType == TaskType::TokenCls;
    if (classifies && !model.hasTaskHead(kScoreHeadName)) {
        LORAWB_CHECK(file->contains(scoreKey) && file->entry(scoreKey).shape.size() == 2, weightsPath, ": a ",
                     toString(cfg.taskType), " adapter (task_type in adapter_config.json) without its classification "
                     "head ", scoreKey, " [num_labels, hidden]; was it saved from a model with a `score` head?");
        // transformers' token head has a bias, the sequence head none; the file says which this one is.
        addScoreHead(model, file->entry(scoreKey).shape[0], /*seed=*/0,
                     /*bias=*/file->contains(kPrefix + kScoreHeadName + ".bias"));
    }
    if (cfg.taskType == TaskType::QuestionAns && !model.hasTaskHead(kQaHeadName)) {
        const std::string qaKey = kPrefix + kQaHeadName + ".weight";
        LORAWB_CHECK(file->contains(qaKey) && file->entry(qaKey).shape.size() == 2 && file->entry(qaKey).shape[0] == 2,
                     weightsPath, ": a QUESTION_ANS adapter (task_type in adapter_config.json) without its span head ",
                     qaKey, " [2, hidden]; was it saved from a model with a `qa_outputs` head?");
        addQaHead(model, /*seed=*/0);
    }
    if (classifies) {
        cfg.classes = completedClassLabels(readClassLabels(readOrderedJsonFile(configPath, "adapter config"),
                                                           configPath),
                                           static_cast<int>(scoreHeadLabels(model)));
        if (cfg.taskType == TaskType::TokenCls) {
            cfg.classes.unit = ClassifiedUnit::Token;
            LORAWB_CHECK(cfg.classes.problemType == ProblemType::SingleLabel, configPath, ": problem_type ",
                         toString(cfg.classes.problemType), " with task_type TOKEN_CLS; a token classifier gives "
                         "each token one tag (single_label_classification). Remove problem_type");
        }
    }
    try {
        // PEFT loads an adapter whose target list has entries matching nothing, as long as some entry matches.
        injectLora(model, cfg, /*seed=*/0, /*requireEveryTarget=*/false, BaseRewrite::AfterLoading);
    } catch (const Error& e) {
        LORAWB_FAIL(configPath, ": ", e.what());
    }
    try {
        fillAdapter(model, cfg, *file);
    } catch (...) {
        restoreModulesToSave(model);
        removeLora(model);
        for (auto& [p, flag] : trainable)
            p.set_requires_grad(flag);
        throw;
    }
    // Only now, with every tensor in place: PiSSA / OLoRA take their residual from the base given, as PEFT does.
    rewriteBasesUnderLoadedFactors(model, /*seed=*/0);
    return cfg;
}

} // namespace core
