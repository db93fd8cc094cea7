#include "core/cli/Cli.h"

#include "core/common/Error.h"
#include "core/common/Version.h"

#include <iostream>

namespace core::cli {

int run(const std::vector<std::string>& args)
{
    if (!args.empty() && (args[0] == "--version" || args[0] == "version")) {
        std::cout << "lorawb " << versionString() << " (libtorch " << torchVersionString() << ", CUDA "
                  << (cudaAvailable() ? "available" : "not available") << ")\n";
        return kExitOk;
    }
    std::cerr << "usage: lorawb --version\n";
    return kExitBadInput;
}

} // namespace core::cli
