#pragma once
// What every fuzz target shares. The product's promise for a user's file is a core::Error with a clear message, or a
// result: so a target catches core::Error and nothing else. Any other exception escaping, a crash, a sanitizer report
// or a hang is a finding (libFuzzer stops and keeps the input), which then becomes a regression test.
#include "core/common/Error.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

namespace fuzz {

// A folder of this process's own (libFuzzer's -fork / -jobs workers run side by side), made once and removed when
// the process exits normally.
inline const std::filesystem::path& workFolder()
{
    // Never destroyed, so that the exit handler can still use it.
    static const auto* folder = [] {
        auto* dir = new std::filesystem::path(std::filesystem::temp_directory_path() /
                                              ("lorawb-fuzz-" + std::to_string(::getpid())));
        std::filesystem::create_directories(*dir);
        std::atexit([] {
            std::error_code ignored;
            std::filesystem::remove_all(workFolder(), ignored);
        });
        return dir;
    }();
    return *folder;
}

// Writes the bytes to workFolder()/name (replacing the last input's) for parsers that read files; returns the path.
inline std::string writeInput(const uint8_t* data, size_t size, const std::string& name)
{
    const auto path = workFolder() / name;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    return path.string();
}

inline std::string asText(const uint8_t* data, size_t size) { return std::string(reinterpret_cast<const char*>(data), size); }

// Runs f; a core::Error is the clear refusal the product promises. Everything else propagates to libFuzzer.
template <typename F>
void refusedClearlyOrRead(F&& f)
{
    try {
        f();
    } catch (const core::Error&) {
    }
}

} // namespace fuzz
