#pragma once
#include "core/tokenizer/bridge/SpmBackend.h"

#include <memory>
#include <string>

namespace core::spm {

// The bridge module, loaded once per process (see SpmBackend.h for why it is a separate module).
// Search order: $LORAWB_SPM_MODULE, the build tree's module, <exe dir>/../lib/lora-workbench, the install prefix.
class SpmLibrary {
public:
    // Throws core::Error listing every place that was tried when the module cannot be found or loaded.
    static const SpmLibrary& instance();

    std::unique_ptr<SpmBackend> create() const;
    std::string train(const std::string& args) const;
    const std::string& path() const { return m_path; }

private:
    SpmLibrary() = default;
    std::string m_path;
    CreateFn m_create = nullptr;
    TrainFn m_train = nullptr;
};

} // namespace core::spm
