#pragma once
// One training run as the run history stores it: what was asked (the whole experiment YAML plus the settings people
// sort and filter by, as columns), where it came from (hashes of model, data and template; versions; seed), how it
// ended, and its final evaluation. Metric curves are separate (MetricPoint), one row per logged value.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace core {

enum class RunStatus { Running, Finished, Stopped, Failed };
std::string toString(RunStatus status);                  ///< "running" | "finished" | "stopped" | "failed"
RunStatus parseRunStatus(const std::string& text);       ///< throws core::Error listing the four names

struct MetricPoint {
    int64_t step = 0;
    std::string name;   ///< "train_loss", "learning_rate", "eval_loss", "retain_perplexity", "accuracy/task_a_test"…
    double value = 0;
};

struct RunRecord {
    int64_t id = 0;              ///< assigned by RunDatabase::addRun
    std::string name;            ///< experiment name (sweeps: "<sweep> #3 r=4 targets=attention")
    RunStatus status = RunStatus::Running;
    std::string startedAt;       ///< ISO 8601 UTC, "2026-11-28T10:12:32Z"
    std::string finishedAt;      ///< "" while running
    std::string finetune = "lora"; ///< "lora" | "full"
    std::string configYaml;      ///< the whole experiment (toYaml): loading it reproduces the run
    // Copies of the settings most often compared, so that lists sort and filter without parsing YAML:
    std::string model;           ///< base model directory
    int r = 0;                   ///< 0 for full fine-tuning
    double loraAlpha = 0;
    double loraDropout = 0;
    std::string targets;         ///< target_modules, comma-separated ("q_proj,v_proj", "all-linear")
    std::string bias;
    double learningRate = 0;
    int64_t seed = 0;
    int64_t trainableParams = 0;
    int64_t allParams = 0;
    // Provenance:
    std::string modelHash;       ///< SHA-256 over config.json, the weight files and tokenizer.model
    std::string dataHash;        ///< SHA-256 of the training data file(s)
    std::string templateHash;    ///< SHA-256 of the prompt template texts and the loss-masking switch
    std::string lorawbVersion;
    std::string torchVersion;
    std::string device;          ///< "cpu", "cuda:0"
    // Outcome:
    std::string outputDir;
    std::string adapterPath;     ///< the PEFT adapter (LoRA) or model folder (full); "" until written
    int64_t steps = 0;           ///< optimizer steps done
    int64_t totalSteps = 0;
    std::string message;         ///< why it failed or stopped; "" otherwise
    std::map<std::string, double> finals; ///< final evaluation by metric name (same names as the curves)
    // Sweep membership (0 / -1 for a run of its own):
    int64_t sweepId = 0;
    int sweepIndex = -1;
};

// Every final-metric name any of the runs carries, sorted: the columns of tables and CSV, the rows of a diff.
std::vector<std::string> finalMetricNames(const std::vector<const RunRecord*>& runs);
std::vector<std::string> finalMetricNames(const std::vector<RunRecord>& runs);

struct SweepRecord {
    int64_t id = 0;
    std::string name;
    std::string specPath;        ///< the sweep YAML it came from
    std::string specHash;        ///< SHA-256 of the expanded grid: the same file resumes the same sweep
    std::string specYaml;
    std::string outputDir;
    int items = 0;               ///< runs in the grid
    std::string status = "running"; ///< "running" | "paused" | "finished"
    std::string createdAt;
};

} // namespace core
