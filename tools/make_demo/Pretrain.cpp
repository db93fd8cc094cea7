#include "Pretrain.h"

#include "DocumentWindows.h"
#include "KjvCorpus.h"

#include "core/common/Error.h"
#include "core/data/DatasetReader.h"
#include "core/data/PreparedData.h"
#include "core/io/AtomicFile.h"
#include "core/io/JsonFile.h"
#include "core/model/ModelLoader.h"
#include "core/tokenizer/SentencePieceTokenizer.h"
#include "core/train/Checkpoint.h"
#include "core/train/Trainer.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

namespace fs = std::filesystem;

namespace demo {

namespace {

void writeText(const std::string& path, const std::string& text)
{
    fs::create_directories(fs::path(path).parent_path());
    std::ofstream out(path, std::ios::binary);
    out << text;
    LORAWB_CHECK(out.good(), path, ": cannot write it; check the directory's permissions and free space.");
}

c10::ScalarType saveScalarType(const std::string& name)
{
    if (name == "float16")
        return torch::kHalf;
    if (name == "bfloat16")
        return torch::kBFloat16;
    return torch::kFloat;
}

} // namespace

void writeCorpus(const DemoRecipe& recipe)
{
    const CorpusSplit split = makeKjvCorpus(recipe.corpus);
    writeText(recipe.pretrainTextPath(), split.pretrain);
    writeText(recipe.retainPath, split.retain);
    std::printf("corpus: %d chapters, %d verses; pretraining text %zu bytes (%s), retain text %d chapters, %zu bytes "
                "(%s)\n",
                split.chapters, split.verses, split.pretrain.size(), recipe.pretrainTextPath().c_str(),
                split.retainChapters, split.retain.size(), recipe.retainPath.c_str());
}

void trainTokenizer(const DemoRecipe& recipe)
{
    const auto& t = recipe.tokenizer;
    // Llama's tokenizer settings: BPE with byte fallback (no <unk> for any UTF-8), digits split one by one, no text
    // normalisation (the text round-trips exactly; "\n" becomes the byte piece <0x0A>), a dummy "▁" prefix.
    // Ids: <unk> 0, <s> 1, </s> 2, no pad piece (pad_id -1; batches pad with 0 and mask it with label -100).
    // The whole pretraining text is used (input_sentence_size=0) and not shuffled, so the result is deterministic.
    std::string args = "--input=" + recipe.pretrainTextPath() + " --model_prefix=" + recipe.tokenizerPrefix() +
                       " --model_type=" + t.modelType + " --vocab_size=" + std::to_string(t.vocabSize) +
                       " --byte_fallback=true --split_digits=true --character_coverage=1.0"
                       " --normalization_rule_name=identity --remove_extra_whitespaces=false --add_dummy_prefix=true"
                       " --allow_whitespace_only_pieces=true --unk_id=0 --bos_id=1 --eos_id=2 --pad_id=-1"
                       " --input_sentence_size=0 --shuffle_input_sentence=false --num_threads=2 --minloglevel=1";
    if (!t.extraFlags.empty())
        args += " " + t.extraFlags;
    fs::create_directories(recipe.workDir);
    core::trainSentencePiece(args);
    const auto tok = core::SentencePieceTokenizer::fromFile(recipe.tokenizerPrefix() + ".model");
    LORAWB_CHECK(tok->vocabSize() == t.vocabSize, "the tokenizer has ", tok->vocabSize(), " pieces, expected ",
                 t.vocabSize);
    std::printf("tokenizer: %s.model, %d pieces\n", recipe.tokenizerPrefix().c_str(), tok->vocabSize());
}

void pretrain(const DemoRecipe& recipe, bool resume, bool heldOut)
{
    const auto tok = core::SentencePieceTokenizer::fromFile(recipe.tokenizerPrefix() + ".model");
    auto prepared = std::make_shared<core::PreparedData>();
    const auto chapters = splitDocuments(core::readTextFile(recipe.pretrainTextPath()));
    prepared->train = documentWindows(chapters, *tok, recipe.maxLength);
    if (heldOut) // held-out loss while training; never trained on
        prepared->validation = documentWindows(splitDocuments(core::readTextFile(recipe.retainPath)), *tok,
                                               recipe.maxLength);
    int64_t tokens = 0;
    for (const auto& e : prepared->train)
        tokens += static_cast<int64_t>(e.inputIds.size());
    std::printf("pretraining data: %zu chapters in %zu windows of %d tokens (%lld tokens), %zu held-out windows\n",
                chapters.size(), prepared->train.size(), recipe.maxLength, static_cast<long long>(tokens),
                prepared->validation.size());

    auto model = std::make_shared<core::CausalLm>(recipe.model);
    core::initializeRandomWeights(*model, recipe.train.seed);
    core::TrainerSetup setup;
    setup.model = model;
    setup.train = recipe.train;
    setup.data = prepared;
    setup.padId = 0;
    setup.outputDir = recipe.runDir();
    setup.modelDir = "(random init)";
    setup.keepCheckpoints = 1;
    setup.plan = core::prepareTraining(*setup.model, setup.lora, setup.train);
    core::Trainer trainer(std::move(setup));
    core::TrainerCallbacks callbacks;
    callbacks.onStep = [](const core::StepMetrics& m) {
        std::printf("step %lld/%lld epoch %.3f loss %.4f lr %.2e grad %.2f tok/s %.0f elapsed %.0fs eta %.0fs\n",
                    static_cast<long long>(m.step), static_cast<long long>(m.totalSteps), m.epoch, m.loss,
                    m.learningRate, m.gradNorm, m.tokensPerSecond, m.elapsedSeconds, m.etaSeconds);
        std::fflush(stdout);
    };
    callbacks.onEval = [](const core::EvalMetrics& m) {
        std::printf("eval step %lld held-out loss %.4f perplexity %.2f (%lld tokens)\n", static_cast<long long>(m.step),
                    m.loss, m.perplexity, static_cast<long long>(m.tokens));
        std::fflush(stdout);
    };
    callbacks.onLog = [](const std::string& text) { std::printf("%s\n", text.c_str()); std::fflush(stdout); };
    trainer.setCallbacks(callbacks);
    const core::RunSummary summary = trainer.run(resume);
    std::printf("pretraining done: %lld steps, final train loss %.4f, held-out loss %.4f, model in %s\n",
                static_cast<long long>(summary.steps), summary.finalTrainLoss, summary.finalEvalLoss,
                summary.exportDir.c_str());
}

void exportModel(const DemoRecipe& recipe)
{
    core::LoadOptions options;
    options.device = "cpu";
    options.dtype = "float32";
    options.loadTokenizer = false;
    const std::string trained = recipe.runDir() + "/model";
    core::LoadedModel loaded = core::loadModel(trained, options);
    loaded.model->to(saveScalarType(recipe.saveDtype));
    fs::create_directories(recipe.outputDir);
    core::saveModelDirectory(*loaded.model, recipe.outputDir);
    // saveModelDirectory writes the config the model was built with; record the dtype the weights are stored in.
    const std::string configPath = recipe.outputDir + "/config.json";
    nlohmann::json config = core::readJsonFile(configPath, "config.json");
    config["torch_dtype"] = recipe.saveDtype;
    core::writeJsonFileAtomically(configPath, config);
    core::writeJsonFileAtomically(recipe.outputDir + "/generation_config.json",
                                  nlohmann::json{{"bos_token_id", 1}, {"eos_token_id", 2}, {"do_sample", false}});
    fs::copy_file(recipe.tokenizerPrefix() + ".model", recipe.outputDir + "/tokenizer.model",
                  fs::copy_options::overwrite_existing);
    // For transformers' AutoTokenizer (the qwen2 model type would otherwise look for Qwen2's BPE files): the
    // sentencepiece model through LlamaTokenizer, BOS added, EOS not (as LoRA Workbench does).
    core::writeJsonFileAtomically(recipe.outputDir + "/tokenizer_config.json",
                                  nlohmann::json{{"tokenizer_class", "LlamaTokenizer"}, {"bos_token", "<s>"},
                                                 {"eos_token", "</s>"}, {"unk_token", "<unk>"}, {"pad_token", nullptr},
                                                 {"add_bos_token", true}, {"add_eos_token", false},
                                                 {"legacy", true}, {"model_max_length", recipe.model.maxPositionEmbeddings}});
    std::printf("exported %s (%s weights, tokenizer.model, tokenizer_config.json, config.json, "
                "generation_config.json)\n",
                recipe.outputDir.c_str(), recipe.saveDtype.c_str());
}

void exportSnapshot(const DemoRecipe& recipe, const std::string& directory)
{
    const std::string checkpoint = core::latestCheckpoint(recipe.runDir() + "/checkpoints");
    LORAWB_CHECK(!checkpoint.empty(), recipe.runDir(), "/checkpoints holds no checkpoint yet; run pretrain first.");
    const core::CheckpointData data = core::loadCheckpoint(checkpoint);
    core::CausalLm model(recipe.model);
    std::map<std::string, at::Tensor> saved(data.trainable.begin(), data.trainable.end());
    torch::NoGradGuard noGrad;
    for (auto& item : model.named_parameters(/*recurse=*/true)) {
        const auto it = saved.find(item.key());
        if (it == saved.end() && recipe.model.tieWordEmbeddings && item.key() == "lm_head.weight")
            continue; // the embedding's tensor, saved once under its own name
        LORAWB_CHECK(it != saved.end(), checkpoint, ": weight ", item.key(), " is missing.");
        item.value().copy_(it->second);
    }
    core::saveModelDirectory(model, directory);
    fs::copy_file(recipe.tokenizerPrefix() + ".model", directory + "/tokenizer.model",
                  fs::copy_options::overwrite_existing);
    std::printf("snapshot of %s (step %lld) in %s\n", checkpoint.c_str(),
                static_cast<long long>(data.position.step), directory.c_str());
}

} // namespace demo
