#pragma once
// The lorawb commands, one file each. Each takes its own arguments (after the command name), prints its result on
// stdout and returns an exit status; errors are thrown and mapped to exit statuses by core::cli::run.
#include <string>
#include <vector>

namespace core::cli {

int runInfo(const std::vector<std::string>& args);
int runTrain(const std::vector<std::string>& args);
int runEval(const std::vector<std::string>& args);
int runEmbed(const std::vector<std::string>& args);
int runGenerate(const std::vector<std::string>& args);
int runData(const std::vector<std::string>& args);
int runBench(const std::vector<std::string>& args);
int runRank(const std::vector<std::string>& args);
int runForgetting(const std::vector<std::string>& args);
int runSweep(const std::vector<std::string>& args);
int runRuns(const std::vector<std::string>& args);
int runExport(const std::vector<std::string>& args);
int runTokenize(const std::vector<std::string>& args);
int runSettings(const std::vector<std::string>& args);

} // namespace core::cli
