#pragma once
// The version tests/reference/requirements.txt pins for a Python package: fixtures made by another version may differ,
// so the suites that compare against them check the version the fixture recorded.
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

namespace testutil {

inline std::string pinnedVersion(const std::string& package)
{
    std::ifstream in(std::filesystem::path(LORAWB_SOURCE_DIR) / "tests" / "reference" / "requirements.txt");
    const std::regex pin("^" + package + R"(==([^\s#]+))");
    std::string line;
    std::smatch m;
    while (std::getline(in, line))
        if (std::regex_search(line, m, pin))
            return m[1];
    return {};
}

} // namespace testutil
