#include "core/run/SweepSpec.h"

#include "core/common/Error.h"
#include "core/common/Text.h"
#include "core/experiment/YamlDocument.h"
#include "core/experiment/YamlSection.h"
#include "core/history/Sha256.h"
#include "core/io/AtomicFile.h"
#include "core/lora/ModuleLayout.h"
#include "core/lora/TargetPresets.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>

namespace core {

namespace fs = std::filesystem;

namespace {

const YamlSchema& sweepSchema()
{
    // "grid" and "set" hold experiment keys (checked when the runs are expanded), so they are free-form here.
    static const YamlSchema schema = {{"", {"name", "description", "experiment", "set", "grid", "output_dir"}}};
    return schema;
}

// Short names for the labels of the usual grid keys; others use the key's last segment.
std::string labelName(const std::string& key)
{
    if (key == "lora.r")
        return "r";
    if (key == "lora.lora_alpha")
        return "alpha";
    if (key == "lora.lora_dropout")
        return "dropout";
    if (key == "lora.target_modules")
        return "targets";
    if (key == "train.learning_rate")
        return "lr";
    const auto dot = key.rfind('.');
    return dot == std::string::npos ? key : key.substr(dot + 1);
}

// Lowercase letters, digits and '-' / '.', for a run folder name.
std::string slug(const std::string& label)
{
    std::string out;
    for (char c : label) {
        const bool keep = std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-';
        if (keep)
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        else if (!out.empty() && out.back() != '_')
            out += '_';
    }
    while (!out.empty() && out.back() == '_')
        out.pop_back();
    return out.empty() ? "run" : out;
}

// Paths in a sweep's `set:` are written relative to the sweep file, like the paths inside an experiment file: a path
// key's value (or each list entry) that exists next to the sweep file is re-based there; anything else stays as
// written (relative to the working directory).
YAML::Node rebasedPaths(const std::string& key, const YAML::Node& value, const std::string& baseDir)
{
    const auto& pathKeys = inputPathKeys();
    if (baseDir.empty() || std::find(pathKeys.begin(), pathKeys.end(), key) == pathKeys.end())
        return value;
    const auto rebase = [&](const YAML::Node& item) {
        if (!item.IsScalar() || fs::path(item.Scalar()).is_absolute())
            return YAML::Node(item);
        const fs::path candidate = fs::path(baseDir) / item.Scalar();
        std::error_code error;
        return fs::exists(candidate, error) ? YAML::Node(candidate.lexically_normal().string()) : YAML::Node(item);
    };
    if (!value.IsSequence())
        return rebase(value);
    YAML::Node list(YAML::NodeType::Sequence);
    for (const auto& item : value)
        list.push_back(rebase(item));
    return list;
}

struct Axis {
    std::string key;
    std::vector<YAML::Node> values;
    std::string where;
};

// The linear modules of the base experiment's model, for expanding target presets; empty when its config.json
// cannot be read yet (the run itself then reports that), and presets fall back to the Llama-family names.
std::vector<LinearModuleInfo> modelModules(const ExperimentConfig& base)
{
    try {
        return linearModulesOf(ModelConfig::fromFile((fs::path(base.model) / "config.json").string()));
    } catch (const Error&) {
        return {};
    }
}

// One grid value as a --set assignment and its label text; "2r" alpha values need the run's r. A target preset
// names the modules it selects in the model (Phi-3's fused qkv_proj and gate_up_proj differ from Llama's).
std::pair<std::string, std::string> assignment(const Axis& axis, const YAML::Node& value, double r,
                                               const std::vector<LinearModuleInfo>& modules)
{
    if (axis.key == "lora.target_modules" && value.IsScalar() && !targetPreset(value.Scalar()).empty()) {
        const auto preset = modules.empty() ? targetPreset(value.Scalar()) : presetModules(value.Scalar(), modules);
        LORAWB_CHECK(!preset.empty(), axis.where, ": the target preset '", value.Scalar(),
                     "' selects no linear module of this model; list module names instead");
        YAML::Node list(YAML::NodeType::Sequence);
        for (const auto& name : preset)
            list.push_back(name);
        return {axis.key + "=" + flowText(list), value.Scalar()};
    }
    if (axis.key == "lora.lora_alpha" && value.IsScalar() && !value.Scalar().empty() &&
        value.Scalar().back() == 'r') {
        const std::string factorText = value.Scalar().substr(0, value.Scalar().size() - 1);
        char* end = nullptr;
        const double factor = factorText.empty() ? 1.0 : std::strtod(factorText.c_str(), &end);
        LORAWB_CHECK(factorText.empty() || (end && *end == '\0' && std::isfinite(factor) && factor > 0), axis.where,
                     ": grid value '", value.Scalar(), "' for lora.lora_alpha: write a number or '<k>r' (e.g. 2r = ",
                     "twice the run's r)");
        LORAWB_CHECK(r > 0, axis.where, ": lora_alpha '", value.Scalar(), "' scales with r, but the sweep has no r ",
                     "(put lora.r in the grid or in the base experiment)");
        char number[32];
        std::snprintf(number, sizeof number, "%g", factor * r);
        return {axis.key + "=" + number, value.Scalar() + "=" + number};
    }
    const std::string text = value.IsScalar() ? value.Scalar() : flowText(value);
    return {axis.key + "=" + flowText(value), text};
}

} // namespace

SweepSpec parseSweep(const std::string& text, const std::string& sourceName, const std::string& baseDir,
                     const std::vector<std::string>& extraOverrides)
{
    YAML::Node root = loadYamlDocument(text, sourceName);
    LORAWB_CHECK(root.IsMap(), sourceName, ": a sweep file is a mapping with experiment, grid and output_dir; see ",
                 "resources/sweeps/demo_rank_sweep.yaml");
    YamlContext context;
    context.source = sourceName;
    context.schema = &sweepSchema();
    const YamlSection top(root, "", context);

    SweepSpec spec;
    spec.path = sourceName;
    spec.text = text;
    spec.name = fs::path(sourceName).stem().string();
    top.read("name", spec.name);
    top.read("experiment", spec.experimentPath);
    LORAWB_CHECK(!spec.experimentPath.empty(), sourceName, ": missing 'experiment' (the base experiment file the ",
                 "grid varies), e.g. 'experiment: ../experiments/demo_task_a.yaml'");
    if (fs::path(spec.experimentPath).is_relative() && !baseDir.empty() &&
        fs::exists(fs::path(baseDir) / spec.experimentPath))
        spec.experimentPath = (fs::path(baseDir) / spec.experimentPath).lexically_normal().string();
    spec.outputDir = "runs/sweeps/" + spec.name;
    top.read("output_dir", spec.outputDir);

    std::vector<std::string> fixed;
    if (top.has("set")) {
        const YamlSection set = top.section("set");
        for (const auto& key : set.keys())
            fixed.push_back(key + "=" + flowText(rebasedPaths(key, set.node(key), baseDir)));
    }
    fixed.insert(fixed.end(), extraOverrides.begin(), extraOverrides.end());

    LORAWB_CHECK(top.has("grid"), sourceName, ": missing 'grid' (the keys to vary and their values), e.g. ",
                 "'grid: {lora.r: [2, 4, 8]}'");
    const YamlSection grid = top.section("grid");
    std::vector<Axis> axes;
    for (const auto& key : grid.keys()) {
        const YAML::Node values = grid.node(key);
        if (!values.IsSequence() || values.size() == 0)
            grid.fail(key, "expected a non-empty list of values, e.g. [2, 4, 8]");
        Axis axis{key, {}, grid.where(key)};
        for (const auto& value : values)
            axis.values.push_back(value);
        axes.push_back(std::move(axis));
    }
    LORAWB_CHECK(!axes.empty(), top.where("grid"), ": the grid is empty; add at least one key with a list of values");
    // "2r" alpha values depend on the run's r, wherever lora.r stands in the grid (the file's order is the run order).
    const auto rAxis = std::find_if(axes.begin(), axes.end(), [](const Axis& a) { return a.key == "lora.r"; });

    size_t combinations = 1;
    for (const auto& axis : axes) {
        combinations *= axis.values.size();
        LORAWB_CHECK(combinations <= 10000, top.where("grid"), ": the grid has more than 10,000 combinations; ",
                     "sweep fewer values at a time");
    }

    // Without the sweep file's name an error here would read as a bad --set typed on the command line.
    ExperimentConfig base;
    try {
        base = loadExperiment(spec.experimentPath, fixed);
    } catch (const Error& e) {
        LORAWB_FAIL(top.has("set") ? top.where("set") : sourceName, ": the base experiment ", spec.experimentPath,
                    " does not load with this sweep's 'set' values and --set overrides: ", e.what());
    }
    const std::vector<LinearModuleInfo> modules = modelModules(base);
    std::string digest;
    std::vector<size_t> choice(axes.size(), 0);
    for (size_t n = 0; n < combinations; ++n) {
        SweepItem item;
        item.index = static_cast<int>(n);
        item.overrides = fixed;
        const double r = rAxis == axes.end() ? base.lora.r
                                             : rAxis->values[choice[rAxis - axes.begin()]].as<double>(0);
        std::vector<std::string> labels;
        for (size_t a = 0; a < axes.size(); ++a) {
            const auto [set, label] = assignment(axes[a], axes[a].values[choice[a]], r, modules);
            item.overrides.push_back(set);
            labels.push_back(labelName(axes[a].key) + "=" + label);
        }
        item.label = joinedWithCommas(labels);
        char prefix[16];
        std::snprintf(prefix, sizeof prefix, "%02d-", item.index + 1);
        try {
            item.config = loadExperiment(spec.experimentPath, item.overrides);
        } catch (const Error& e) {
            LORAWB_FAIL(sourceName, ": run ", item.index + 1, " of the grid (", item.label, ") is not a valid ",
                        "experiment: ", e.what());
        }
        item.config.name = spec.name + " #" + std::to_string(item.index + 1) + " " + item.label;
        item.config.outputDir = (fs::path(spec.outputDir) / (prefix + slug(item.label))).string();
        digest += toYaml(item.config) + "\x1e";
        spec.items.push_back(std::move(item));
        // Next combination: the last axis varies fastest.
        for (size_t a = axes.size(); a-- > 0;) {
            if (++choice[a] < axes[a].values.size())
                break;
            choice[a] = 0;
        }
    }
    spec.hash = sha256Hex(digest);
    return spec;
}

SweepSpec loadSweep(const std::string& path, const std::vector<std::string>& extraOverrides)
{
    const std::string text = readWholeFile(path, "sweep file");
    SweepSpec spec = parseSweep(text, path, fs::path(path).parent_path().string(), extraOverrides);
    spec.path = path;
    return spec;
}

} // namespace core
