#pragma once
// Work done inside value operations — comparing, printing, serializing, copying or searching large values — is
// charged as steps to the render running on this thread. The interpreter counts a step per statement and
// expression, but one expression can touch a value of any size: `ns.x == ns.y` on lists built by doubling, or a
// substring search in a 1 MB string inside a loop. Charging that work too keeps every render within
// RenderLimits::maxSteps, whatever its values look like. Outside a render (parsing, converting the context) it is
// free.
#include <cstdint>

namespace core::chat {

class Interpreter;

// Charges `units` steps to this thread's render, if one is running; throws TemplateError past the limit.
void chargeWork(std::uint64_t units);

// Bytes of string handled per step of work.
constexpr std::uint64_t kBytesPerStep = 256;

// Makes `interpreter` the render this thread charges, for the scope's lifetime.
class WorkScope {
public:
    explicit WorkScope(Interpreter* interpreter);
    ~WorkScope();
    WorkScope(const WorkScope&) = delete;
    WorkScope& operator=(const WorkScope&) = delete;

private:
    Interpreter* m_previous;
};

} // namespace core::chat
