#include "cli/JsonOutput.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace core::cli {

void printJson(const nlohmann::json& object)
{
    std::cout << object.dump(-1, ' ', /*ensure_ascii=*/false, nlohmann::json::error_handler_t::replace) << std::endl;
}

} // namespace core::cli
