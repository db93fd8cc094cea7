// lorawb: the headless CLI over the core (Qt-free). All behaviour lives in core/cli.
#include "cli/Cli.h"

int main(int argc, char** argv)
{
    return core::cli::run(std::vector<std::string>(argv + 1, argv + argc));
}
