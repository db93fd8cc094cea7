#pragma once
// What one render may use. Chat templates come from model repositories, i.e. from strangers; these bounds make
// every render finish quickly whatever the template does. A real chat template stays far below all three.
#include <cstddef>
#include <cstdint>

namespace core::chat {

struct RenderLimits {
    std::size_t maxOutputBytes = 1 << 20; // the rendered text, and any one string or captured block built on the way
    std::uint64_t maxSteps = 10'000'000;  // statements + expressions evaluated + items filters walk over
    int maxDepth = 200;                   // nested macro calls, and nesting of values a template builds or prints
};

} // namespace core::chat
