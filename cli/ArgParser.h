#pragma once
// A small command-line parser for the lorawb commands: --flags, --options VALUE (or --option=VALUE), repeatable
// options and positional arguments, with one clear usage message per mistake.
#include "core/common/Error.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace core::cli {

// Wrong usage of the command line (unknown option, missing value, bad number). Bad input: exit status 2.
class UsageError : public core::Error {
public:
    using core::Error::Error;
};

class ArgParser {
public:
    // command: "eval", "data preview", … (used in messages); help: the text --help prints.
    ArgParser(std::string command, std::string help);

    void addFlag(const std::string& name);                                 ///< --json
    void addOption(const std::string& name, const std::string& valueName); ///< --model DIR
    void addRepeated(const std::string& name, const std::string& valueName); ///< --set KEY=VALUE, any number
    void addPositional(const std::string& name, bool required = true);     ///< EXPERIMENT.yaml

    // Parses args (the command's own arguments). Returns false when --help or -h was given: the help is then printed
    // on stdout and the command should end with exit status 0. Throws UsageError.
    bool parse(const std::vector<std::string>& args);

    bool has(const std::string& name) const; ///< a flag or option given, or a positional present
    std::string value(const std::string& name, const std::string& fallback = "") const;
    std::vector<std::string> values(const std::string& name) const;
    // Option values as numbers; a value that is not one, or below minimum, is a UsageError naming the option.
    int64_t integer(const std::string& name, int64_t fallback, int64_t minimum) const;
    uint64_t unsignedInteger(const std::string& name, uint64_t fallback) const;
    double number(const std::string& name, double fallback) const;

    // A UsageError "lorawb <command>: <message>. Run 'lorawb <command> --help' for the options."
    [[noreturn]] void fail(const std::string& message) const;
    // Fails unless exactly one of the options is given.
    void requireOneOf(const std::vector<std::string>& names) const;
    // Fails when `name` is missing.
    void require(const std::string& name) const;

    const std::string& help() const { return m_help; }

private:
    enum class Kind { Flag, Option, Repeated };
    struct Spec {
        Kind kind;
        std::string valueName;
    };

    std::string m_command;
    std::string m_help;
    std::map<std::string, Spec> m_specs;
    std::vector<std::pair<std::string, bool>> m_positionals; // name, required
    std::map<std::string, std::vector<std::string>> m_values;
};

} // namespace core::cli
