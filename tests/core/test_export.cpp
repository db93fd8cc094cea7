// The exports against the programs that define their formats: merged weights against PEFT's merge_and_unload, GGUF
// files against llama.cpp's convert_hf_to_gguf.py / convert_lora_to_gguf.py, quantized blocks against the gguf
// package — all made by tests/reference/make_export_reference.py into tests/data/reference/export (the base models
// and adapters are the HF fixtures of tests/data/reference). Then every bad input an export handles.
#include "common/FileSizeLimit.h"
#include "common/GgufReader.h"
#include "common/TensorDiff.h"
#include "core/common/Error.h"
#include "core/export/ExportOutput.h"
#include "core/export/GgmlType.h"
#include "core/export/GgufModelExport.h"
#include "core/export/MergedModelExport.h"
#include "core/export/OllamaModelfile.h"
#include "core/export/ShardPlan.h"
#include "core/io/JsonFile.h"
#include "core/io/Safetensors.h"

#include <torch/torch.h>

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace {

const char* const kRegenerate = "; regenerate with build/reference-venv/bin/python tests/reference/make_export_reference.py";

fs::path reference() { return fs::path(LORAWB_TEST_DATA_DIR) / "reference"; }
fs::path fixtures() { return reference() / "export"; }
std::string model(const char* c) { return (reference() / c / "model").string(); }
std::string adapter(const char* c, const char* variant) { return (reference() / c / variant / "adapter").string(); }

// The keys llama.cpp's converter derives from folder names and model cards (and ours it leaves to llama.cpp's
// defaults): neither changes how llama.cpp runs the file.
bool isNamingKey(const std::string& key)
{
    for (const char* prefix : {"general.name", "general.basename", "general.size_label", "general.tags",
                               "general.base_model.", "general.finetune", "general.license",
                               "tokenizer.ggml.unknown_token_id"})
        if (key.rfind(prefix, 0) == 0)
            return true;
    return false;
}

// Empty when the files hold the same tensors (names, dims, type, bytes) and the same metadata but naming keys.
QString ggufDifference(const std::string& ours, const std::string& theirs)
{
    const auto a = testutil::readGguf(ours);
    const auto b = testutil::readGguf(theirs);
    std::set<std::string> keys;
    for (const auto& [k, v] : a.metadata)
        keys.insert(k);
    for (const auto& [k, v] : b.metadata)
        keys.insert(k);
    for (const auto& k : keys) {
        if (isNamingKey(k))
            continue;
        const auto x = a.metadata.count(k) ? a.metadata.at(k) : "<absent>";
        const auto y = b.metadata.count(k) ? b.metadata.at(k) : "<absent>";
        if (x != y)
            return QString::fromStdString("metadata " + k + ": ours " + x.substr(0, 80) + ", converter " +
                                          y.substr(0, 80));
    }
    // The order is free (llama.cpp finds tensors by name; the converter writes HF's sorted names, we module order).
    if (a.tensors.size() != b.tensors.size())
        return QString("%1 tensors, the converter's file has %2").arg(a.tensors.size()).arg(b.tensors.size());
    for (const auto& name : a.tensorOrder) {
        if (!b.tensors.count(name))
            return QString::fromStdString(name + ": not in the converter's file");
        const auto& x = a.tensors.at(name);
        const auto& y = b.tensors.at(name);
        if (x.ne != y.ne || x.type != y.type)
            return QString::fromStdString(name + ": info differs");
        if (x.data != y.data)
            return QString::fromStdString(name + ": bytes differ");
    }
    return {};
}

at::Tensor bytesOf(const std::string& s)
{
    return torch::from_blob(const_cast<char*>(s.data()), {int64_t(s.size())}, torch::kUInt8).clone();
}

void writeText(const fs::path& path, const std::string& text)
{
    std::ofstream(path) << text;
}

} // namespace

class TestExport : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (!fs::is_regular_file(fixtures() / "quant.safetensors"))
            QFAIL(qPrintable(QString("tests/data/reference/export is missing") + kRegenerate));
    }

    void fixturesMatchPinnedVersions()
    {
        // The export fixtures come from the versions tests/reference/requirements.txt pins.
        const auto index = core::readJsonFile((fixtures() / "index.json").string(), "export fixture index");
        std::ifstream in(fs::path(LORAWB_SOURCE_DIR) / "tests" / "reference" / "requirements.txt");
        std::string line;
        int checked = 0;
        while (std::getline(in, line)) {
            line = line.substr(0, line.find('#'));
            const auto eq = line.find("==");
            if (eq == std::string::npos)
                continue;
            std::string name = line.substr(0, eq), want = line.substr(eq + 2);
            while (!want.empty() && std::isspace(static_cast<unsigned char>(want.back())))
                want.pop_back();
            for (char& c : name)
                if (c == '-')
                    c = '_';
            if (!index["versions"].contains(name))
                continue;
            const std::string have = index["versions"][name];
            QVERIFY2(have.substr(0, have.find('+')) == want,
                     qPrintable(QString::fromStdString(name + " " + have + ", requirements.txt pins " + want) + kRegenerate));
            ++checked;
        }
        QVERIFY(checked >= 5); // torch, transformers, peft, gguf, llama-cpp-python at least
    }

    void quantizedBlocksAreTheGgufPackagesBytes()
    {
        const auto file = core::SafetensorsFile::open((fixtures() / "quant.safetensors").string());
        const at::Tensor input = file->tensor("input").contiguous();
        const std::pair<const char*, core::GgmlType> types[] = {{"q8_0", core::GgmlType::Q8_0},
                                                                {"q4_0", core::GgmlType::Q4_0},
                                                                {"f16", core::GgmlType::F16},
                                                                {"bf16", core::GgmlType::BF16}};
        for (const auto& [name, type] : types) {
            const at::Tensor ours = bytesOf(core::encodeGgmlRows(input, type));
            const at::Tensor want = file->tensor(name);
            QVERIFY2(ours.numel() == want.numel(), name);
            const auto wrong = (ours != want).nonzero();
            QVERIFY2(wrong.size(0) == 0,
                     qPrintable(QString("%1: %2 bytes differ from gguf.quants, first at byte %3")
                                    .arg(name).arg(wrong.size(0)).arg(wrong.size(0) ? wrong[0].item<int64_t>() : 0)));
        }
    }

    void mergedFolderHoldsPeftsMergeAndUnload()
    {
        QTemporaryDir tmp;
        const std::string out = (fs::path(tmp.path().toStdString()) / "merged").string();
        core::MergedExportOptions options;
        options.dtype = "f32";
        const auto report = core::exportMergedModel(model("llama3_rope"), adapter("llama3_rope", "patterns"), out, options);
        QCOMPARE(report.kind, std::string("merged"));
        const auto want = core::SafetensorsFile::open((fixtures() / "llama3_rope_patterns" / "merged.safetensors").string());
        const auto ours = core::SafetensorsFile::open((fs::path(out) / "model.safetensors").string());
        QCOMPARE(ours->names(), want->names());
        for (const auto& name : want->names()) {
            QCOMPARE(ours->entry(name).dtype, std::string("F32"));
            QVERIFY2(testutil::maxAbsDiff(ours->tensor(name), want->tensor(name)) <= 1e-6, name.c_str());
        }
        const auto config = core::readJsonFile((fs::path(out) / "config.json").string(), "config");
        QCOMPARE(config["torch_dtype"].get<std::string>(), std::string("float32"));
        QCOMPARE(config["rope_parameters"]["rope_type"].get<std::string>(), std::string("llama3")); // base's fields kept
        for (const char* file : {"tokenizer.model", "generation_config.json", "README.md", "lorawb-export.json"})
            QVERIFY2(fs::is_regular_file(fs::path(out) / file), file);
        std::ifstream card(fs::path(out) / "README.md");
        const std::string text((std::istreambuf_iterator<char>(card)), std::istreambuf_iterator<char>());
        QVERIFY(text.find("adapter_model.safetensors sha256") != std::string::npos);
        QVERIFY(text.find("alpha_pattern") != std::string::npos);
    }

    void modelCardQuotesTheTrainingDataHash()
    {
        QTemporaryDir tmp;
        const fs::path dir = tmp.path().toStdString();
        fs::copy(adapter("mistral", "default"), dir / "adapter");
        const std::string hash(64, 'a');
        std::ofstream(dir / "adapter" / "README.md", std::ios::app) << "\n| training data sha256 | " << hash << " |\n";
        core::exportMergedModel(model("mistral"), (dir / "adapter").string(), (dir / "m").string(), {});
        std::ifstream card(dir / "m" / "README.md");
        const std::string text((std::istreambuf_iterator<char>(card)), std::istreambuf_iterator<char>());
        QVERIFY(text.find("| training data sha256 | " + hash + " |") != std::string::npos);
        QVERIFY(text.find("## The adapter's card") != std::string::npos);
    }

    void shardedBf16IsPeftsMergeRoundedOnce()
    {
        QTemporaryDir tmp;
        const std::string out = (fs::path(tmp.path().toStdString()) / "merged").string();
        core::MergedExportOptions options;
        options.dtype = "bf16";
        options.maxShardBytes = 40'000;
        core::exportMergedModel(model("llama_tied_gqa"), adapter("llama_tied_gqa", "default"), out, options);
        const auto index = core::readJsonFile((fs::path(out) / "model.safetensors.index.json").string(), "index");
        const auto want = core::SafetensorsFile::open((fixtures() / "llama_tied_gqa_default" / "merged.safetensors").string());
        std::set<std::string> shards;
        for (const auto& name : want->names()) {
            QVERIFY2(index["weight_map"].contains(name), name.c_str());
            const std::string shard = index["weight_map"][name];
            shards.insert(shard);
            const auto file = core::SafetensorsFile::open((fs::path(out) / shard).string());
            QCOMPARE(file->entry(name).dtype, std::string("BF16"));
            QVERIFY2(torch::equal(file->tensor(name), want->tensor(name).to(torch::kBFloat16)), name.c_str());
        }
        QVERIFY(shards.size() > 1);
        QCOMPARE(index["weight_map"].size(), want->names().size()); // tied lm_head not written, as save_pretrained
        QCOMPARE(core::readJsonFile((fs::path(out) / "config.json").string(), "c")["tie_word_embeddings"].get<bool>(), true);
    }

    void ggufEqualsLlamaCppsConverter_data()
    {
        QTest::addColumn<QString>("caseName");
        QTest::addColumn<QString>("variant");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("fixture");
        // llama (q/k permuted, llama3 rope_freqs, rank and alpha patterns), qwen2 with biases, tied embeddings.
        QTest::newRow("llama q8_0") << "llama3_rope" << "patterns" << "q8_0" << "llama3_rope_patterns";
        QTest::newRow("qwen2 f16") << "qwen2_bias" << "bias_all" << "f16" << "qwen2_bias_bias_all";
        QTest::newRow("tied bf16") << "llama_tied_gqa" << "default" << "bf16" << "llama_tied_gqa_default";
        QTest::newRow("qwen3 f16") << "qwen3" << "default" << "f16" << "qwen3_default"; // q_norm / k_norm, head_dim
        // Phi-3: fused attn_qkv / ffn_up as they are; longrope's factor tensors, partial rotation, tied.
        QTest::newRow("phi3 f16") << "phi3" << "default" << "f16" << "phi3_default";
        QTest::newRow("phi3 longrope f32") << "phi3_longrope" << "default" << "f32" << "phi3_longrope_default";
    }
    void ggufEqualsLlamaCppsConverter()
    {
        QFETCH(QString, caseName);
        QFETCH(QString, variant);
        QFETCH(QString, type);
        QFETCH(QString, fixture);
        QTemporaryDir tmp;
        const std::string out = (fs::path(tmp.path().toStdString()) / "m.gguf").string();
        core::GgufExportOptions options;
        options.type = core::parseGgufFileType(type.toStdString(), "--type");
        const auto report = core::exportGgufModel(model(qPrintable(caseName)),
                                                  adapter(qPrintable(caseName), qPrintable(variant)), out, options);
        QCOMPARE(report.files.size(), size_t(1));
        QCOMPARE(report.files[0].bytes, uint64_t(fs::file_size(out)));
        const auto theirs = fixtures() / fixture.toStdString() / ("converter_" + type.toStdString() + ".gguf");
        const QString difference = ggufDifference(out, theirs.string());
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
    }

    // Byte-level BPE vocabularies (tokenizer.json only, as Llama 3 and Qwen2.5 ship): tokens, types, merges, the
    // pre-tokenizer's name, special ids and add flags, chat template — equal to llama.cpp's converter's file.
    void ggufOfABpeTokenizerEqualsLlamaCppsConverter_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::newRow("llama3 (llama-bpe)") << "llama3_bpe";
        QTest::newRow("qwen2 (qwen2)") << "qwen2_bpe";
    }
    void ggufOfABpeTokenizerEqualsLlamaCppsConverter()
    {
        QFETCH(QString, fixture);
        QTemporaryDir tmp;
        const std::string out = (fs::path(tmp.path().toStdString()) / "m.gguf").string();
        const fs::path folder = fixtures() / fixture.toStdString();
        QVERIFY2(!fs::exists(folder / "model" / "tokenizer.model"), "the case is about tokenizer.json alone");
        core::GgufExportOptions options;
        options.type = core::GgufFileType::F16;
        core::exportGgufModel((folder / "model").string(), "", out, options);
        const QString difference = ggufDifference(out, (folder / "converter_f16.gguf").string());
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
    }

    // A tokenizer.json GGUF cannot name for llama.cpp: a sentencepiece-style one without its tokenizer.model, and a
    // byte-level one with a split regex of another family. Refused before anything is written, naming the file.
    void ggufRefusesATokenizerItCannotName()
    {
        QTemporaryDir tmp;
        const fs::path dir = fs::path(tmp.path().toStdString()) / "model";
        fs::copy(fixtures() / "llama3_bpe" / "model", dir);
        auto tokenizer = core::readJsonFile((dir / "tokenizer.json").string(), "tokenizer");
        tokenizer["pre_tokenizer"]["pretokenizers"][0]["pattern"]["Regex"] = "\\s+|\\S+";
        writeText(dir / "tokenizer.json", tokenizer.dump());
        const std::string out = (fs::path(tmp.path().toStdString()) / "m.gguf").string();
        try {
            core::exportGgufModel(dir.string(), "", out, {});
            QFAIL("a GGUF with an unnamed pre-tokenizer was written");
        } catch (const core::Error& e) {
            const std::string message = e.what();
            QVERIFY2(message.find("tokenizer.json") != std::string::npos, e.what());
            QVERIFY2(message.find("convert_hf_to_gguf.py") != std::string::npos, e.what());
        }
        QVERIFY(!fs::exists(out));
        fs::copy_file(fs::path(LORAWB_TEST_DATA_DIR) / "reference" / "tokenizers" / "mistral_spm" / "tokenizer.json",
                      dir / "tokenizer.json", fs::copy_options::overwrite_existing);
        try {
            core::exportGgufModel(dir.string(), "", out, {});
            QFAIL("a GGUF with a sentencepiece-style tokenizer.json and no tokenizer.model was written");
        } catch (const core::Error& e) {
            QVERIFY2(std::string(e.what()).find("tokenizer.model") != std::string::npos, e.what());
        }
        QVERIFY(!fs::exists(out));
    }

    void ggufLoraEqualsLlamaCppsConverter()
    {
        QTemporaryDir tmp;
        const std::string out = (fs::path(tmp.path().toStdString()) / "a.gguf").string();
        core::exportGgufLora(model("llama_tied_gqa"), adapter("llama_tied_gqa", "default"), out, /*overwrite=*/false);
        const QString difference = ggufDifference(out, (fixtures() / "llama_tied_gqa_default" / "converter_lora.gguf").string());
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
    }

    void ggufLoraFoldsPatternScalingIntoB()
    {
        // rank_pattern / alpha_pattern: llama.cpp scales by the file's alpha / r, so B carries PEFT's own scaling.
        QTemporaryDir tmp;
        const std::string out = (fs::path(tmp.path().toStdString()) / "a.gguf").string();
        core::exportGgufLora(model("llama3_rope"), adapter("llama3_rope", "patterns"), out, false);
        const auto file = testutil::readGguf(out);
        const auto config = core::readJsonFile(adapter("llama3_rope", "patterns") + "/adapter_config.json", "c");
        const double alpha = config["lora_alpha"].get<double>();
        QCOMPARE(file.metadata.at("adapter.lora.alpha"), "f32 " + std::to_string(int(alpha)));
        const auto weights = core::SafetensorsFile::open(adapter("llama3_rope", "patterns") + "/adapter_model.safetensors");
        // v_proj has alpha_pattern 32: its B is scaled by (32 / r) / (alpha / r) = 32 / alpha; v is not permuted.
        const at::Tensor b = weights->tensor("base_model.model.model.layers.1.self_attn.v_proj.lora_B.weight").to(torch::kFloat32);
        const auto& stored = file.tensors.at("blk.1.attn_v.weight.lora_b");
        const at::Tensor ours = torch::from_blob(const_cast<char*>(stored.data.data()), b.sizes(), torch::kFloat32);
        QVERIFY(testutil::maxAbsDiff(ours, b * (32.0 / alpha)) <= 1e-6);
    }

    void modelfileFollowsTheTrainingPrompt()
    {
        QTemporaryDir tmp;
        const fs::path dir = tmp.path().toStdString();
        core::exportGgufModel(model("llama_tied_gqa"), "", (dir / "base.gguf").string(), {});
        core::exportGgufLora(model("llama_tied_gqa"), adapter("llama_tied_gqa", "default"), (dir / "a.gguf").string(), false);
        core::ModelfileOptions options;
        options.ggufPath = (dir / "base.gguf").string();
        options.adapterGgufPath = (dir / "a.gguf").string();
        options.modelDir = model("llama_tied_gqa");
        const std::string text = core::ollamaModelfileText((dir / "Modelfile").string(), options);
        QVERIFY(text.find("\nFROM ./base.gguf\n") != std::string::npos);
        QVERIFY(text.find("\nADAPTER ./a.gguf\n") != std::string::npos);
        QVERIFY(text.find("### Instruction:\n{{ .Prompt }}\n\n### Response:\n{{ .Response }}") != std::string::npos);
        QVERIFY(text.find("PARAMETER stop \"</s>\"") != std::string::npos);

        // A Llama 3 chat template becomes Ollama's Llama 3 template.
        const fs::path chatModel = dir / "chat";
        fs::copy(model("llama_tied_gqa"), chatModel);
        writeText(chatModel / "tokenizer_config.json",
                  R"({"chat_template": "{% for m in messages %}<|start_header_id|>{{ m.role }}<|end_header_id|>{% endfor %}"})");
        options.modelDir = chatModel.string();
        const std::string chat = core::ollamaModelfileText((dir / "Modelfile").string(), options);
        QVERIFY(chat.find("<|start_header_id|>assistant<|end_header_id|>") != std::string::npos);
        QVERIFY(chat.find("PARAMETER stop \"<|eot_id|>\"") != std::string::npos);
        // One it cannot translate is refused, not guessed.
        writeText(chatModel / "tokenizer_config.json", R"({"chat_template": "{{ messages[0].content }}"})");
        QVERIFY_THROWS_EXCEPTION(core::Error, core::ollamaModelfileText((dir / "Modelfile").string(), options));
    }

    // ---- bad input ----

    void existingOutputIsRefusedAndOverwriteReplacesOnlyOurs()
    {
        QTemporaryDir tmp;
        const fs::path dir = tmp.path().toStdString();
        core::MergedExportOptions options;
        core::exportMergedModel(model("mistral"), adapter("mistral", "default"), (dir / "m").string(), options);
        try {
            core::exportMergedModel(model("mistral"), adapter("mistral", "default"), (dir / "m").string(), options);
            QFAIL("an existing output folder was not refused");
        } catch (const core::Error& e) {
            QVERIFY(std::string(e.what()).find("--overwrite") != std::string::npos);
        }
        options.overwrite = true;
        core::exportMergedModel(model("mistral"), adapter("mistral", "default"), (dir / "m").string(), options);

        // A folder with a file no export of ours wrote is never replaced, not even with --overwrite.
        fs::create_directories(dir / "mine");
        writeText(dir / "mine" / "notes.txt", "three weeks of work");
        try {
            core::exportMergedModel(model("mistral"), adapter("mistral", "default"), (dir / "mine").string(), options);
            QFAIL("a foreign folder was overwritten");
        } catch (const core::Error& e) {
            QVERIFY(std::string(e.what()).find("notes.txt") != std::string::npos);
        }
        QVERIFY(fs::is_regular_file(dir / "mine" / "notes.txt"));

        writeText(dir / "x.gguf", "mine");
        QVERIFY_THROWS_EXCEPTION(core::Error, core::exportGgufModel(model("mistral"), "", (dir / "x.gguf").string(), {}));
        QCOMPARE(fs::file_size(dir / "x.gguf"), uintmax_t(4));
    }

    void adapterOfAnotherModelIsRefused()
    {
        QTemporaryDir tmp;
        const std::string out = tmp.path().toStdString() + "/m";
        try {
            core::exportMergedModel(model("qwen2_bias"), adapter("llama3_rope", "patterns"), out, {});
            QFAIL("an adapter of another model was merged");
        } catch (const core::Error& e) {
            QVERIFY2(std::string(e.what()).find("adapter") != std::string::npos, e.what());
        }
        QVERIFY(!fs::exists(out));
        QVERIFY_THROWS_EXCEPTION(core::Error, core::exportGgufLora(model("qwen2_bias"), adapter("llama3_rope", "patterns"),
                                                                   out + ".gguf", false));
    }

    void ggufLoraRefusesWhatItCannotHold()
    {
        QTemporaryDir tmp;
        const std::string out = tmp.path().toStdString() + "/a.gguf";
        for (const auto& [c, v, word] : {std::tuple{"qwen2_bias", "bias_all", "bias"},
                                         std::tuple{"llama_tied_gqa", "lm_head_saved", "modules_to_save"},
                                         std::tuple{"mistral", "dora", "use_dora"}}) {
            try {
                core::exportGgufLora(model(c), adapter(c, v), out, false);
                QFAIL("an adapter GGUF-LoRA cannot hold was written");
            } catch (const core::Error& e) {
                QVERIFY2(std::string(e.what()).find(word) != std::string::npos, e.what());
                QVERIFY(std::string(e.what()).find("merged GGUF") != std::string::npos);
            }
            QVERIFY(!fs::exists(out));
        }
    }

    void tokenizerGgufCannotWriteIsNamed()
    {
        QTemporaryDir tmp;
        const fs::path dir = tmp.path().toStdString();
        fs::copy(model("mistral"), dir / "model");
        fs::remove(dir / "model" / "tokenizer.model");
        writeText(dir / "model" / "tokenizer.json", "{}");
        try {
            core::exportGgufModel((dir / "model").string(), "", (dir / "m.gguf").string(), {});
            QFAIL("a model without tokenizer.model was written as GGUF");
        } catch (const core::Error& e) {
            QVERIFY(std::string(e.what()).find("tokenizer.model") != std::string::npos);
            QVERIFY(std::string(e.what()).find("tokenizer.json") != std::string::npos);
        }
        QVERIFY(!fs::exists(dir / "m.gguf"));
    }

    void fullDiskLeavesNothingThatLooksComplete()
    {
        QTemporaryDir tmp;
        const fs::path dir = tmp.path().toStdString();
        {
            testutil::FileSizeLimit limit(20'000);
            if (!limit.isActive())
                QSKIP("RLIMIT_FSIZE cannot be set here");
            try {
                core::exportMergedModel(model("mistral"), adapter("mistral", "default"), (dir / "m").string(), {});
                QFAIL("a write past the file size limit succeeded");
            } catch (const core::Error& e) {
                QVERIFY2(std::string(e.what()).find("partial export was removed") != std::string::npos, e.what());
            }
            try {
                core::exportGgufModel(model("mistral"), "", (dir / "m.gguf").string(), {});
                QFAIL("a GGUF write past the limit succeeded");
            } catch (const core::Error& e) {
                QVERIFY2(std::string(e.what()).find("partial export was removed") != std::string::npos, e.what());
            }
        }
        QVERIFY(fs::is_empty(dir)); // no folder, no staging folder, no temporary file
    }

    void notEnoughSpaceIsFoundBeforeWriting()
    {
        QTemporaryDir tmp;
        try {
            core::checkFreeSpace(tmp.path().toStdString() + "/out", uint64_t(1) << 62);
            QFAIL("4 EB fit on this disk");
        } catch (const core::Error& e) {
            QVERIFY(std::string(e.what()).find("not enough disk space") != std::string::npos);
        }
    }

    void cancelRemovesThePartialOutput()
    {
        QTemporaryDir tmp;
        const fs::path dir = tmp.path().toStdString();
        int tensors = 0;
        core::ExportControl control;
        control.onProgress = [&](const core::ExportProgressReport&) { ++tensors; };
        control.isCancelled = [&] { return tensors >= 3; };
        QVERIFY_THROWS_EXCEPTION(core::Error, core::exportMergedModel(model("mistral"), adapter("mistral", "default"),
                                                                      (dir / "m").string(), {}, control));
        tensors = 0;
        QVERIFY_THROWS_EXCEPTION(core::Error, core::exportGgufModel(model("mistral"), "", (dir / "m.gguf").string(), {},
                                                                    control));
        QVERIFY(fs::is_empty(dir));
    }

    void badSettingsNameTheOption()
    {
        for (const char* bad : {"5XB", "", "GB", "0"})
            QVERIFY_THROWS_EXCEPTION(core::Error, core::parseShardSize(bad, "--max-shard-size"));
        QCOMPARE(core::parseShardSize("5GB", "x"), uint64_t(5'000'000'000));
        QCOMPARE(core::parseShardSize("2GiB", "x"), uint64_t(2) << 30);
        QVERIFY_THROWS_EXCEPTION(core::Error, core::parseGgufFileType("q5_k", "--type"));
        core::MergedExportOptions options;
        options.dtype = "int8";
        QTemporaryDir tmp;
        try {
            core::exportMergedModel(model("mistral"), adapter("mistral", "default"), tmp.path().toStdString() + "/m", options);
            QFAIL("dtype int8 was accepted");
        } catch (const core::Error& e) {
            QVERIFY(std::string(e.what()).find("--dtype") != std::string::npos);
        }
        core::ModelfileOptions modelfile;
        modelfile.ggufPath = model("mistral") + "/config.json";
        QVERIFY_THROWS_EXCEPTION(core::Error, core::ollamaModelfileText(tmp.path().toStdString() + "/Modelfile", modelfile));
    }

    void shardPlanFollowsHuggingFaceHub()
    {
        std::vector<core::SafetensorsTensorSpec> specs = {
            {"a", torch::kFloat32, {10}}, {"b", torch::kFloat32, {10}}, {"c", torch::kFloat32, {100}}, {"d", torch::kFloat32, {5}}};
        const auto shards = core::planShards(specs, 80);
        QCOMPARE(shards.size(), size_t(3)); // a+b (80), c alone (larger than the limit), d
        QCOMPARE(shards[0].fileName, std::string("model-00001-of-00003.safetensors"));
        QCOMPARE(shards[1].tensors.size(), size_t(1));
        QCOMPARE(core::planShards(specs, 1'000'000)[0].fileName, std::string("model.safetensors"));
    }
};

QTEST_APPLESS_MAIN(TestExport)
#include "test_export.moc"
