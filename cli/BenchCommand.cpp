// lorawb bench (--model DIR | --config NAME) --batch B --seq T --steps N: LoRA training throughput and peak memory on
// random tokens, set up as tests/gpu/peft_bench.py sets up HF PEFT (r=8, alpha=32, dropout 0.05, the 7 projections,
// AdamW lr 1e-4 on the adapters, a fresh random batch per step, loss = the model's loss with labels = input ids,
// gradients clipped at 1.0 as both trainers do by default). Each step is the StepRunner step that training runs.
#include "cli/ArgParser.h"
#include "cli/BenchModels.h"
#include "cli/Commands.h"
#include "cli/JsonOutput.h"
#include "cli/PeakMemory.h"
#include "core/lora/LoraInjector.h"
#include "core/lora/ParameterCount.h"
#include "core/model/DeviceSelection.h"
#include "core/model/ModelLoader.h"
#include "core/train/AdamW.h"
#include "core/train/StepRunner.h"
#include "core/train/TrainingPlan.h"

#include <nlohmann/json.hpp>
#include <torch/cuda.h>
#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <iostream>

namespace core::cli {
namespace {

const char* const kHelp =
    "usage: lorawb bench (--model DIR | --config NAME) --batch B --seq T --steps N [--warmup W]\n"
    "                    [--device cpu|cuda] [--dtype T] [--seed S] [--json]\n"
    "\n"
    "LoRA training throughput on random tokens: r=8, lora_alpha=32, lora_dropout=0.05, q/k/v/o/gate/up/down_proj,\n"
    "AdamW (lr 1e-4) on the adapters, gradients clipped at 1.0, frozen base weights (bfloat16 on CUDA): the step\n"
    "`lorawb train` runs. The warm-up steps are not timed.\n"
    "\n"
    "  --model DIR      a model directory (its weights; the tokenizer is not needed)\n"
    "  --config NAME    a built-in shape with random weights: tiny, tinyllama-1.1b, llama3-8b\n"
    "  --batch B        sequences per step\n"
    "  --seq T          tokens per sequence (at most the model's max_position_embeddings)\n"
    "  --steps N        timed steps\n"
    "  --warmup W       untimed steps first (default 2)\n"
    "  --device D       auto (default), cpu, cuda or cuda:N\n"
    "  --dtype T        base weights: auto (float32 on CPU, bfloat16 on CUDA), float32, bfloat16, float16\n"
    "  --seed S         weights, adapters and tokens (default 0)\n"
    "  --json           one JSON object: {\"tokens_per_second\", \"peak_memory_gib\", \"step_time_ms\", \"device\",\n"
    "                   \"config\", \"batch\", \"seq\", \"steps\", …}\n";

int64_t parameterEstimate(const ModelConfig& c)
{
    const int64_t attention = c.hiddenSize * c.headDim * (2 * c.numAttentionHeads + 2 * c.numKeyValueHeads);
    const int64_t mlp = 3 * c.hiddenSize * c.intermediateSize;
    const int64_t embeddings = c.vocabSize * c.hiddenSize * (c.tieWordEmbeddings ? 1 : 2);
    return embeddings + c.numHiddenLayers * (attention + mlp + 2 * c.hiddenSize) + c.hiddenSize;
}

// On the CPU a shape that does not fit would be killed by the kernel rather than fail cleanly, so refuse it first.
void checkHostMemory(const ModelConfig& cfg, c10::ScalarType dtype, int64_t batch, int64_t seq, const std::string& what)
{
    const auto available = availableHostMemoryBytes();
    if (!available)
        return;
    const double elementSize = static_cast<double>(c10::elementSize(dtype));
    const double tokens = static_cast<double>(batch) * static_cast<double>(seq);
    // Weights, then a rough bound on what one step keeps: fp32 logits and their gradient, per-layer activations.
    const double needed = static_cast<double>(parameterEstimate(cfg)) * elementSize +
                          tokens * static_cast<double>(cfg.vocabSize) * 4.0 * 3.0 +
                          tokens * static_cast<double>(cfg.numHiddenLayers) *
                              (12.0 * cfg.hiddenSize + 4.0 * cfg.intermediateSize) * elementSize;
    constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;
    char text[64];
    std::snprintf(text, sizeof text, "%.1f GiB, but %.1f GiB", needed / kGiB, *available / kGiB);
    LORAWB_CHECK(needed < *available, "bench: ", what, " at --batch ", batch, " --seq ", seq, " needs about ", text,
                 " of memory is available on this machine. Use a smaller shape (--config tiny), lower --batch or --seq, "
                 "or run on a GPU (--device cuda).");
}

void synchronize(const c10::Device& device)
{
    if (device.is_cuda())
        torch::cuda::synchronize(device.has_index() ? device.index() : -1);
}

} // namespace

int runBench(const std::vector<std::string>& args)
{
    ArgParser parser("bench", kHelp);
    parser.addOption("--model", "DIR");
    parser.addOption("--config", "NAME");
    parser.addOption("--batch", "B");
    parser.addOption("--seq", "T");
    parser.addOption("--steps", "N");
    parser.addOption("--warmup", "W");
    parser.addOption("--device", "D");
    parser.addOption("--dtype", "T");
    parser.addOption("--seed", "S");
    parser.addFlag("--json");
    if (!parser.parse(args))
        return 0;
    parser.requireOneOf({"--model", "--config"});
    for (const char* name : {"--batch", "--seq", "--steps"})
        parser.require(name);
    const int64_t batch = parser.integer("--batch", 0, 1);
    const int64_t seq = parser.integer("--seq", 0, 2);
    const int64_t steps = parser.integer("--steps", 0, 1);
    const int64_t warmup = parser.integer("--warmup", 2, 0);
    const uint64_t seed = parser.unsignedInteger("--seed", 0);
    const c10::Device device = resolveDevice(parser.value("--device", "auto"), "--device");
    const c10::ScalarType dtype = resolveDtype(parser.value("--dtype", "auto"), device, "--dtype");
    const std::string name = parser.has("--config") ? parser.value("--config") : parser.value("--model");
    const ModelConfig cfg = parser.has("--config") ? benchModelConfig(name) : loadModelConfig(name);
    LORAWB_CHECK(seq <= cfg.maxPositionEmbeddings, "--seq ", seq, " is longer than ", name,
                 "'s max_position_embeddings (", cfg.maxPositionEmbeddings, "); lower --seq.");
    if (!device.is_cuda())
        checkHostMemory(cfg, dtype, batch, seq, name);

    std::shared_ptr<CausalLm> model;
    if (parser.has("--model")) {
        LoadOptions options;
        options.device = device.str();
        options.dtype = dtypeName(dtype);
        options.loadTokenizer = false;
        model = loadModel(name, options).model;
    } else {
        model = std::make_shared<CausalLm>(cfg);
        model->to(device, dtype);
        initializeRandomWeights(*model, seed);
    }
    LoraConfig lora;
    lora.r = 8;
    lora.loraAlpha = 32;
    lora.loraDropout = 0.05;
    lora.targetModules.names = {"q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"};
    TrainConfig train;
    train.seed = seed;
    train.batchSize = static_cast<int>(batch);
    train.learningRate = 1e-4;
    train.maxGradNorm = 1.0;
    const TrainingPlan plan = prepareTraining(*model, lora, train);
    const ParameterCount count = countParameters(*model);
    AdamW optimizer(plan.params, AdamWOptions{}, plan.decays);
    StepRunner runner(*model, plan.params, /*padId=*/0, train);
    model->train();
    torch::manual_seed(seed);
    at::Generator tokens = at::detail::createCPUGenerator(seed);

    // One micro-batch of `batch` random sequences, every token a label (labels = input ids).
    std::vector<Example> examples(static_cast<size_t>(batch));
    std::vector<std::vector<int64_t>> microBatch(1);
    for (int64_t b = 0; b < batch; ++b)
        microBatch[0].push_back(b);
    int64_t stepNumber = 0;
    const auto step = [&] {
        const auto ids = at::randint(0, cfg.vocabSize, {batch, seq}, tokens, torch::TensorOptions(torch::kLong));
        const int64_t* data = ids.data_ptr<int64_t>();
        for (int64_t b = 0; b < batch; ++b) {
            auto& e = examples[static_cast<size_t>(b)];
            e.inputIds.assign(data + b * seq, data + (b + 1) * seq);
            e.labels = e.inputIds;
        }
        return runner.step(examples, microBatch, optimizer, train.learningRate, ++stepNumber).loss;
    };
    for (int64_t i = 0; i < warmup; ++i)
        step();
    synchronize(device);
    const auto start = std::chrono::steady_clock::now();
    double lastLoss = 0;
    for (int64_t i = 0; i < steps; ++i)
        lastLoss = step();
    synchronize(device);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double tokensPerSecond = static_cast<double>(batch * seq * steps) / seconds;
    const double stepMs = seconds * 1000.0 / static_cast<double>(steps);
    const auto peak = peakMemoryGiB(device);

    if (parser.has("--json")) {
        printJson({{"impl", "lorawb"},
                   {"config", name},
                   {"batch", batch},
                   {"seq", seq},
                   {"steps", steps},
                   {"warmup", warmup},
                   {"device", device.str()},
                   {"dtype", dtypeName(dtype)},
                   {"tokens_per_second", tokensPerSecond},
                   {"step_time_ms", stepMs},
                   {"peak_memory_gib", peak ? nlohmann::json(*peak) : nlohmann::json()},
                   {"loss", lastLoss},
                   {"trainable_parameters", count.trainable},
                   {"all_parameters", count.all}});
        return 0;
    }
    char line[256];
    std::printf("bench: %s%s on %s in %s, batch %lld x seq %lld, %lld timed steps after %lld warm-up\n", name.c_str(),
                parser.has("--config") ? " (random weights)" : "", device.str().c_str(), dtypeName(dtype).c_str(),
                static_cast<long long>(batch), static_cast<long long>(seq), static_cast<long long>(steps),
                static_cast<long long>(warmup));
    std::printf("%s\n", trainableParametersLine(count).c_str());
    std::snprintf(line, sizeof line, "tokens/s:    %s\nstep time:   %.1f ms\n",
                  withThousandsSeparators(static_cast<int64_t>(tokensPerSecond)).c_str(), stepMs);
    std::printf("%s", line);
    if (peak)
        std::printf("peak memory: %.2f GiB (%s)\n", *peak,
                    device.is_cuda() ? "CUDA allocator peak" : "process peak resident memory");
    else
        std::printf("peak memory: unknown (this build cannot read the CUDA allocator's statistics)\n");
    std::printf("final loss:  %.4f\n", lastLoss);
    std::fflush(stdout);
    return 0;
}

} // namespace core::cli
