// Golden test against HF transformers + PEFT (like llm.c's test_gpt2): logits, loss, LoRA gradients and merged weights
// of tiny models that tests/reference/make_reference.py builds with HF itself. Fixtures live in
// tests/data/reference/<case>/model/ (the base model) and tests/data/reference/<case>/<variant>/ (one PEFT adapter with
// its expected numbers); they are only ever written by that script with the versions pinned in
// tests/reference/requirements.txt (see tests/reference/README.md).
#include "common/TensorDiff.h"
#include "core/common/Text.h"
#include "core/io/JsonFile.h"
#include "core/io/Safetensors.h"
#include "core/lora/AdapterIO.h"
#include "core/lora/LoraInjector.h"
#include "core/lora/ParameterCount.h"
#include "core/model/ModelLoader.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace fs = std::filesystem;

using testutil::maxAbsDiff;

namespace {

// Tolerances for float32 on CPU against HF on CPU (tests/reference/README.md).
constexpr double kLogitsAbs = 1e-4;
constexpr double kLossAbs = 1e-5;
constexpr double kGradRel = 1e-4;   // relative to the largest element of each reference gradient
constexpr double kMergedAbs = 1e-5; // merge_and_unload weights

const char* const kRegenerate =
    "regenerate them with `bash tests/reference/setup-venv.sh && build/reference-venv/bin/python "
    "tests/reference/make_reference.py` and commit tests/data/reference together with requirements.txt";

QString regenerateHint() { return QString::fromLatin1(kRegenerate); }

fs::path referenceRoot() { return fs::path(LORAWB_TEST_DATA_DIR) / "reference"; }

// "<case>/<variant>" for every tests/data/reference/<case>/<variant>/expected.safetensors, sorted.
std::vector<std::string> referenceVariants()
{
    std::vector<std::string> variants;
    std::error_code ec;
    if (!fs::is_directory(referenceRoot(), ec))
        return variants;
    for (const auto& caseEntry : fs::directory_iterator(referenceRoot())) {
        // task_heads holds the task-head cases (test_task_heads_hf), made by their own script.
        if (!caseEntry.is_directory() || caseEntry.path().filename() == "task_heads")
            continue;
        for (const auto& entry : fs::directory_iterator(caseEntry.path()))
            if (fs::is_regular_file(entry.path() / "expected.safetensors"))
                variants.push_back(caseEntry.path().filename().string() + "/" + entry.path().filename().string());
    }
    std::sort(variants.begin(), variants.end());
    return variants;
}

// name -> version of every "name==version" line of tests/reference/requirements.txt (comments and blanks skipped).
std::map<std::string, std::string> pinnedVersions()
{
    std::map<std::string, std::string> pins;
    std::ifstream in(fs::path(LORAWB_SOURCE_DIR) / "tests" / "reference" / "requirements.txt");
    std::string line;
    while (std::getline(in, line)) {
        line = line.substr(0, line.find('#'));
        const auto eq = line.find("==");
        if (eq == std::string::npos)
            continue;
        auto trim = [](std::string s) {
            const auto b = s.find_first_not_of(" \t\r");
            const auto e = s.find_last_not_of(" \t\r");
            return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
        };
        const std::string name = trim(line.substr(0, eq));
        pins[core::asciiLower(name)] = trim(line.substr(eq + 2));
    }
    return pins;
}

// Empty when `versions` (expected.json / index.json) names exactly the pinned versions; else what differs. A local
// build tag ("2.15.0+cu132") is the pinned release.
std::string versionMismatch(const nlohmann::json& versions, const std::map<std::string, std::string>& pins)
{
    std::string out;
    for (const auto& [name, want] : pins) {
        // The export checks' tools, jinja2 (chat templates) and the metric libraries make none of these fixtures:
        // tests/data/reference/export, chat_templates and metrics record their own (test_export, test_chat_template,
        // test_metrics_reference, test_squad_reference).
        if (name == "gguf" || name == "llama-cpp-python" || name == "jinja2" || name == "scikit-learn" ||
            name == "seqeval" || name == "torchmetrics")
            continue;
        std::string have = versions.contains(name) && versions.at(name).is_string()
                               ? versions.at(name).get<std::string>()
                               : std::string("(not recorded)");
        if (have.substr(0, have.find('+')) != want)
            out += (out.empty() ? "" : ", ") + name + " " + have + " (requirements.txt pins " + want + ")";
    }
    return out;
}

std::string joined(const std::vector<std::string>& items, const char* separator)
{
    std::string out;
    for (const auto& item : items)
        out += (out.empty() ? "" : separator) + item;
    return out;
}

const std::string kKeyPrefix = "base_model.model.";

// "1.23e-07": std::to_string would print 0.000000.
std::string num(double value)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.7g", value);
    return buffer;
}

} // namespace

class TestReferenceHf : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fixturesMatchPinnedVersions()
    {
        const auto variants = referenceVariants();
        if (variants.empty())
            QSKIP("No HF reference fixtures in tests/data/reference: they are made only by "
                  "tests/reference/make_reference.py with the pinned transformers + peft (tests/reference/README.md).");
        const auto pins = pinnedVersions();
        QVERIFY2(pins.count("transformers") && pins.count("peft") && pins.count("torch"),
                 "tests/reference/requirements.txt is missing or pins no torch/transformers/peft");

        const fs::path indexPath = referenceRoot() / "index.json";
        QVERIFY2(fs::is_regular_file(indexPath),
                 qPrintable(QString("tests/data/reference has fixtures but no index.json; %1.").arg(regenerateHint())));
        const auto index = core::readJsonFile(indexPath.string(), "reference index");
        const std::string indexDiff = versionMismatch(index.at("versions"), pins);
        QVERIFY2(indexDiff.empty(),
                 qPrintable(QString("tests/data/reference was made with other library versions than "
                                    "tests/reference/requirements.txt pins: %1; %2.")
                                .arg(QString::fromStdString(indexDiff), regenerateHint())));
        // The folders are exactly what the script wrote and every self-check passed when it did.
        std::vector<std::string> listed, failed;
        for (const auto& v : index.at("variants")) {
            const std::string variant =
                v.at("variant").is_null() ? std::string("?") : v.at("variant").get<std::string>();
            const std::string label = v.at("case").get<std::string>() + "/" + variant;
            listed.push_back(label);
            if (!v.at("ok").get<bool>())
                failed.push_back(label);
        }
        std::sort(listed.begin(), listed.end());
        QVERIFY2(failed.empty(),
                 qPrintable(QString("index.json: self-checks failed when these fixtures were made: %1; %2.")
                                .arg(QString::fromStdString(joined(failed, ", ")), regenerateHint())));
        QVERIFY2(listed == variants,
                 qPrintable(QString("tests/data/reference holds [%1] but index.json lists [%2]; %3.")
                                .arg(QString::fromStdString(joined(variants, ", ")),
                                     QString::fromStdString(joined(listed, ", ")), regenerateHint())));
        for (const auto& label : variants) {
            const auto info =
                core::readJsonFile((referenceRoot() / label / "expected.json").string(), "reference info");
            const std::string diff = versionMismatch(info.at("versions"), pins);
            QVERIFY2(diff.empty(), qPrintable(QString("%1 was made with other library versions than "
                                                      "tests/reference/requirements.txt pins: %2; %3.")
                                                  .arg(QString::fromStdString(label), QString::fromStdString(diff),
                                                       regenerateHint())));
        }
    }

    void matchesTransformersAndPeft_data()
    {
        QTest::addColumn<QString>("variant");
        const auto variants = referenceVariants();
        if (variants.empty())
            QTest::newRow("no fixtures") << QString();
        for (const auto& v : variants)
            QTest::newRow(v.c_str()) << QString::fromStdString(v);
    }

    void matchesTransformersAndPeft()
    {
        QFETCH(QString, variant);
        if (variant.isEmpty())
            QSKIP("No HF reference fixtures in tests/data/reference: they are made only by "
                  "tests/reference/make_reference.py with the pinned transformers + peft (tests/reference/README.md).");
        std::vector<std::string> failures;
        try {
            checkVariant(variant.toStdString(), failures);
        } catch (const std::exception& e) {
            failures.push_back(std::string("exception: ") + e.what());
        }
        QVERIFY2(failures.empty(), qPrintable(QString("%1 differs from HF transformers + PEFT:\n  %2")
                                                  .arg(variant, QString::fromStdString(joined(failures, "\n  ")))));
    }

private:
    // Compares one <case>/<variant>; every difference is appended to `failures` (so that one run shows them all).
    static void checkVariant(const std::string& label, std::vector<std::string>& failures)
    {
        const fs::path dir = referenceRoot() / label;
        const fs::path modelDir = dir.parent_path() / "model";
        const auto expected = core::SafetensorsFile::open((dir / "expected.safetensors").string());
        const auto info = core::readJsonFile((dir / "expected.json").string(), "reference info");
        auto fail = [&](const std::string& what) {
            qWarning("%s: %s", label.c_str(), what.c_str());
            failures.push_back(what);
        };
        auto checkAbs = [&](const std::string& what, double d, double tolerance) {
            qInfo("%s: %s differ by %.3g (tolerance %.0e)", label.c_str(), what.c_str(), d, tolerance);
            if (!(d <= tolerance)) // also NaN
                fail(what + " differ by " + num(d) + " > " + num(tolerance));
        };

        const std::string versions = versionMismatch(info.at("versions"), pinnedVersions());
        if (!versions.empty())
            fail("made with other library versions than tests/reference/requirements.txt pins: " + versions + "; " +
                 kRegenerate);
        if (!info.at("problems").empty())
            fail("the fixture's own self-checks failed when it was made: " + info.at("problems").dump());

        const auto ids = expected->tensor("input_ids").clone();
        core::LoadOptions options;
        options.device = "cpu";
        options.dtype = "float32";
        options.loadTokenizer = false;
        auto loaded = core::loadModel(modelDir.string(), options);
        auto& model = *loaded.model;
        {
            torch::NoGradGuard noGrad;
            checkAbs("base-model logits", maxAbsDiff(model.logits(ids), expected->tensor("logits_model")), kLogitsAbs);
        }

        core::loadAdapter(model, (dir / "adapter").string());
        const std::string line = core::trainableParametersLine(core::countParameters(model));
        if (line != info.at("trainable_line").get<std::string>())
            fail("trainable-parameters line \"" + line + "\", PEFT: \"" + info.at("trainable_line").get<std::string>() +
                 "\"");
        {
            torch::NoGradGuard noGrad;
            checkAbs("adapter logits", maxAbsDiff(model.logits(ids), expected->tensor("logits_lora")), kLogitsAbs);
            core::setAdaptersEnabled(model, false);
            // PiSSA / OLoRA: PEFT's disabled adapter leaves the residual base; the engine's gives back the model that
            // was loaded (what "adapter off" means in the forgetting lab).
            const bool residual = info.value("disabled_adapter", std::string()).rfind("residual", 0) == 0;
            checkAbs(residual ? "adapter-off logits (the original model, not PEFT's residual)" : "adapter-off logits",
                     maxAbsDiff(model.logits(ids), expected->tensor(residual ? "logits_model" : "logits_base")),
                     kLogitsAbs);
            core::setAdaptersEnabled(model, true);
        }

        const auto loss = model.meanLoss(ids, ids);
        const double lossDiff = std::abs(loss.item<double>() - expected->tensor("loss").item<double>());
        checkAbs("loss (" + num(loss.item<double>()) + " vs PEFT " +
                     num(expected->tensor("loss").item<double>()) + ")",
                 lossDiff, kLossAbs);
        loss.backward();
        checkGradients(label, model, *expected, info, fail);
        if (fs::is_directory(dir / "converted_adapter"))
            checkConversion(label, model, modelDir, dir / "converted_adapter", ids, *expected, checkAbs, fail);

        // merge_and_unload: the targeted modules' weights (and biases) after folding the adapter in.
        const auto& mergedNames = info.at("merged_tensors");
        if (!mergedNames.empty()) {
            torch::NoGradGuard noGrad;
            core::mergeAndUnloadLora(model);
            std::map<std::string, at::Tensor> params;
            for (const auto& item : model.named_parameters(/*recurse=*/true))
                params[item.key()] = item.value();
            double worst = 0;
            std::string worstName;
            for (const auto& nameJson : mergedNames) {
                const std::string name = nameJson.get<std::string>();
                const auto it = params.find(name);
                if (it == params.end()) {
                    fail("after mergeAndUnloadLora the model has no parameter " + name + " (PEFT's merged." + name +
                         ")");
                    continue;
                }
                const double d = maxAbsDiff(it->second, expected->tensor("merged." + name));
                if (!(d <= worst)) {
                    worst = d;
                    worstName = name;
                }
                if (!(d <= kMergedAbs))
                    fail("merged " + name + " differs by " + num(d) + " > " + num(kMergedAbs));
            }
            qInfo("%s: %zu merged tensors, worst %.3g (%s)", label.c_str(), mergedNames.size(), worst,
                  worstName.c_str());
            checkAbs("merged-model logits", maxAbsDiff(model.logits(ids), expected->tensor("logits_lora")), kLogitsAbs);
        }
    }

    // A PiSSA / OLoRA adapter as the engine saves it (plain LoRA of rank 2r on the original base) against PEFT's
    // conversion (save_pretrained with path_initial_model_for_weight_conversion): the same configuration, the same
    // change B·A per module (the factors themselves may differ in sign: an SVD's singular vectors have none fixed),
    // and on a freshly loaded base the adapter's logits.
    static void checkConversion(const std::string& label, core::CausalLm& model, const fs::path& modelDir,
                                const fs::path& pefts, const at::Tensor& ids, const core::SafetensorsFile& expected,
                                const std::function<void(const std::string&, double, double)>& checkAbs,
                                const std::function<void(const std::string&)>& fail)
    {
        const QTemporaryDir tmp;
        const std::string ours = (fs::path(tmp.path().toStdString()) / "adapter").string();
        {
            core::LoraConfig cfg = core::loraConfigFromAdapterJson(
                core::readOrderedJsonFile((modelDir.parent_path() / fs::path(label).filename() / "adapter" /
                                    "adapter_config.json").string(), "adapter config"),
                "adapter_config.json");
            core::saveAdapter(model, cfg, ours);
        }
        const auto oursConfig = core::readJsonFile(ours + "/adapter_config.json", "ours");
        const auto peftConfig = core::readJsonFile((pefts / "adapter_config.json").string(), "PEFT's");
        for (const char* field : {"r", "lora_alpha", "init_lora_weights", "rank_pattern", "alpha_pattern"})
            if (oursConfig.at(field) != peftConfig.at(field))
                fail(std::string("converted adapter_config.json: ") + field + " is " + oursConfig.at(field).dump() +
                     ", PEFT wrote " + peftConfig.at(field).dump());
        const auto oursFile = core::SafetensorsFile::open(ours + "/adapter_model.safetensors");
        const auto peftFile = core::SafetensorsFile::open((pefts / "adapter_model.safetensors").string());
        double worst = 0;
        int compared = 0;
        for (const auto& key : peftFile->names()) {
            const auto at = key.find(".lora_A.weight");
            if (at == std::string::npos)
                continue;
            const std::string bKey = key.substr(0, at) + ".lora_B.weight";
            if (!oursFile->contains(key) || !oursFile->contains(bKey)) {
                fail("our converted adapter has no " + key + " / " + bKey);
                continue;
            }
            const auto mine = torch::matmul(oursFile->tensor(bKey), oursFile->tensor(key));
            const auto theirs = torch::matmul(peftFile->tensor(bKey), peftFile->tensor(key));
            worst = std::max(worst, maxAbsDiff(mine, theirs));
            ++compared;
        }
        if (compared == 0)
            fail("no lora_A / lora_B pair in PEFT's converted adapter");
        checkAbs("converted B·A (" + std::to_string(compared) + " modules)", worst, kMergedAbs);

        core::LoadOptions options;
        options.device = "cpu";
        options.dtype = "float32";
        options.loadTokenizer = false;
        for (const auto& [what, folder] : {std::pair<std::string, std::string>{"our converted adapter", ours},
                                           {"PEFT's converted adapter", pefts.string()}}) {
            auto fresh = core::loadModel(modelDir.string(), options);
            core::loadAdapter(*fresh.model, folder);
            torch::NoGradGuard noGrad;
            checkAbs(what + " on the original base: logits",
                     maxAbsDiff(fresh.model->logits(ids), expected.tensor("logits_lora")), kLogitsAbs);
        }
    }

    // Every tensor the engine trains has PEFT's gradient, and every gradient PEFT has belongs to a tensor the engine
    // trains. Engine names are the adapter file's keys without "base_model.model." (a wrapped layer's bias keeps
    // ".base_layer" in both; the fallback without it covers a bias the engine keeps unwrapped).
    static void checkGradients(const std::string& label, core::CausalLm& model, const core::SafetensorsFile& expected,
                               const nlohmann::json& info, const std::function<void(const std::string&)>& fail)
    {
        std::set<std::string> referenceKeys;
        for (const auto& item : info.at("expected_tensors").items())
            if (item.key().rfind("grad.", 0) == 0)
                referenceKeys.insert(item.key());
        std::set<std::string> compared;
        double worst = 0;
        std::string worstKey;
        for (const auto& item : model.named_parameters(/*recurse=*/true)) {
            if (!item.value().requires_grad())
                continue;
            std::string key = "grad." + kKeyPrefix + item.key();
            if (!referenceKeys.count(key)) {
                const auto pos = key.find(".base_layer");
                if (pos != std::string::npos)
                    key.erase(pos, std::string(".base_layer").size());
            }
            if (!referenceKeys.count(key)) {
                fail("the engine trains " + item.key() + ", PEFT's adapter has no tensor " + key.substr(5));
                continue;
            }
            if (!item.value().grad().defined()) {
                fail(item.key() + " trains but got no gradient");
                continue;
            }
            const auto reference = expected.tensor(key);
            const double scale = std::max(reference.abs().max().item<double>(), 1e-12);
            const double d = maxAbsDiff(item.value().grad(), reference) / scale;
            if (!(d <= worst)) {
                worst = d;
                worstKey = key;
            }
            if (!(d <= kGradRel))
                fail(key + ": relative gradient difference " + num(d) + " > " + num(kGradRel));
            compared.insert(key);
        }
        // PEFT saves a tied tensor under both names (lm_head and embed_tokens with ensure_weight_tying): a key the
        // engine has no separate parameter for is covered when its gradient is that of a compared key.
        for (const auto& key : referenceKeys) {
            if (compared.count(key))
                continue;
            const auto reference = expected.tensor(key);
            const bool alias = std::any_of(compared.begin(), compared.end(), [&](const std::string& other) {
                const auto o = expected.tensor(other);
                return o.sizes() == reference.sizes() && torch::equal(o, reference);
            });
            if (!alias)
                fail("PEFT trains " + key.substr(5) + ", the engine has no trainable parameter for it");
        }
        qInfo("%s: %zu gradients compared (PEFT has %zu), worst relative difference %.3g (%s)", label.c_str(),
              compared.size(), referenceKeys.size(), worst, worstKey.c_str());
        if (compared.empty())
            fail("no gradient compared");
    }
};

QTEST_APPLESS_MAIN(TestReferenceHf)
#include "test_reference_hf.moc"
