#include "cli/ArgParser.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <iostream>

namespace core::cli {

ArgParser::ArgParser(std::string command, std::string help) : m_command(std::move(command)), m_help(std::move(help)) {}

void ArgParser::addFlag(const std::string& name) { m_specs[name] = {Kind::Flag, ""}; }
void ArgParser::addOption(const std::string& name, const std::string& valueName)
{
    m_specs[name] = {Kind::Option, valueName};
}
void ArgParser::addRepeated(const std::string& name, const std::string& valueName)
{
    m_specs[name] = {Kind::Repeated, valueName};
}
void ArgParser::addPositional(const std::string& name, bool required) { m_positionals.emplace_back(name, required); }

void ArgParser::fail(const std::string& message) const
{
    throw UsageError("lorawb " + m_command + ": " + message + ". Run 'lorawb " + m_command +
                     " --help' for the options.");
}

bool ArgParser::parse(const std::vector<std::string>& args)
{
    size_t positional = 0;
    bool optionsEnded = false;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (!optionsEnded && (arg == "--help" || arg == "-h")) {
            std::cout << m_help;
            return false;
        }
        if (!optionsEnded && arg == "--") {
            optionsEnded = true;
            continue;
        }
        if (optionsEnded || arg.size() < 2 || arg[0] != '-') {
            if (positional >= m_positionals.size())
                fail("unexpected argument '" + arg + "'");
            m_values[m_positionals[positional++].first].push_back(arg);
            continue;
        }
        const size_t equals = arg.find('=');
        const std::string name = arg.substr(0, equals);
        const auto spec = m_specs.find(name);
        if (spec == m_specs.end())
            fail("unknown option " + name);
        if (spec->second.kind == Kind::Flag) {
            if (equals != std::string::npos)
                fail(name + " takes no value");
            m_values[name].push_back("true");
            continue;
        }
        std::string value;
        if (equals != std::string::npos)
            value = arg.substr(equals + 1);
        else if (i + 1 < args.size())
            value = args[++i];
        else
            fail(name + " needs a value (" + spec->second.valueName + ")");
        if (spec->second.kind == Kind::Option && m_values.count(name))
            fail(name + " is given twice; give it once");
        m_values[name].push_back(value);
    }
    for (size_t p = positional; p < m_positionals.size(); ++p)
        if (m_positionals[p].second)
            fail("missing " + m_positionals[p].first);
    return true;
}

bool ArgParser::has(const std::string& name) const { return m_values.count(name) > 0; }

std::string ArgParser::value(const std::string& name, const std::string& fallback) const
{
    const auto it = m_values.find(name);
    return it == m_values.end() ? fallback : it->second.back();
}

std::vector<std::string> ArgParser::values(const std::string& name) const
{
    const auto it = m_values.find(name);
    return it == m_values.end() ? std::vector<std::string>{} : it->second;
}

int64_t ArgParser::integer(const std::string& name, int64_t fallback, int64_t minimum) const
{
    if (!has(name))
        return fallback;
    const std::string text = value(name);
    char* end = nullptr;
    errno = 0;
    const long long parsed = std::strtoll(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || errno == ERANGE)
        fail(name + " expects a whole number, got '" + text + "'");
    if (parsed < minimum)
        fail(name + " must be at least " + std::to_string(minimum) + ", got " + text);
    return parsed;
}

uint64_t ArgParser::unsignedInteger(const std::string& name, uint64_t fallback) const
{
    if (!has(name))
        return fallback;
    const std::string text = value(name);
    char* end = nullptr;
    errno = 0;
    const unsigned long long parsed = std::strtoull(text.c_str(), &end, 10);
    if (text.empty() || text[0] == '-' || *end != '\0' || errno == ERANGE)
        fail(name + " expects a non-negative whole number, got '" + text + "'");
    return parsed;
}

double ArgParser::number(const std::string& name, double fallback) const
{
    if (!has(name))
        return fallback;
    const std::string text = value(name);
    char* end = nullptr;
    const double parsed = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0' || !std::isfinite(parsed))
        fail(name + " expects a number, got '" + text + "'");
    return parsed;
}

void ArgParser::requireOneOf(const std::vector<std::string>& names) const
{
    std::string list;
    int given = 0;
    for (const auto& name : names) {
        list += (list.empty() ? "" : " or ") + name;
        given += has(name) ? 1 : 0;
    }
    if (given != 1)
        fail(given == 0 ? "give " + list : "give only one of " + list);
}

void ArgParser::require(const std::string& name) const
{
    if (has(name))
        return;
    const auto spec = m_specs.find(name);
    fail("missing " + name + (spec != m_specs.end() && !spec->second.valueName.empty() ? " " + spec->second.valueName : ""));
}

} // namespace core::cli
