#include "core/tokenizer/SpmLibrary.h"

#include "core/common/Error.h"

#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <vector>

namespace core::spm {
namespace {

std::string executableDir()
{
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::string() : exe.parent_path().string();
}

std::vector<std::string> candidatePaths()
{
    std::vector<std::string> paths;
    if (const char* env = std::getenv("LORAWB_SPM_MODULE"); env && *env)
        paths.emplace_back(env);
    const std::string exeDir = executableDir();
    const std::string installed = LORAWB_SPM_INSTALL_SUBPATH;
    if (!exeDir.empty())
        paths.push_back(exeDir + "/../" + installed); // installed layout: <prefix>/bin + <prefix>/lib/...
    paths.emplace_back(LORAWB_SPM_BUILD_PATH);
    paths.push_back("/usr/" + installed);
    paths.push_back("/usr/local/" + installed);
    return paths;
}

} // namespace

// RTLD_DEEPBIND: the module and libsentencepiece resolve to their own protobuf copy first. AddressSanitizer refuses
// RTLD_DEEPBIND outright (it would bypass its interceptors) and ends the process, so the sanitizer build of
// scripts/sanitize.sh loads the module without it; sentencepiece's protobuf may then meet libtorch's (the clash
// docs/ARCHITECTURE.md describes), which that build's test run shows. Normal builds are unaffected.
#if defined(__SANITIZE_ADDRESS__)
constexpr int kSpmOpenFlags = RTLD_NOW | RTLD_LOCAL;
#else
constexpr int kSpmOpenFlags = RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND;
#endif

const SpmLibrary& SpmLibrary::instance()
{
    static SpmLibrary library;
    static std::once_flag once;
    static std::string failure;
    std::call_once(once, [] {
        std::string tried;
        for (const auto& candidate : candidatePaths()) {
            if (!std::filesystem::exists(candidate)) {
                tried += "\n  " + candidate + " (not there)";
                continue;
            }
            void* handle = dlopen(candidate.c_str(), kSpmOpenFlags);
            if (!handle) {
                tried += "\n  " + candidate + " (" + dlerror() + ")";
                continue;
            }
            auto version = reinterpret_cast<VersionFn>(dlsym(handle, LORAWB_SPM_VERSION_SYMBOL));
            auto create = reinterpret_cast<CreateFn>(dlsym(handle, LORAWB_SPM_CREATE_SYMBOL));
            auto train = reinterpret_cast<TrainFn>(dlsym(handle, LORAWB_SPM_TRAIN_SYMBOL));
            if (!version || !create || !train || version() != kBridgeVersion) {
                tried += "\n  " + candidate + " (not a matching lorawb_spm module)";
                dlclose(handle);
                continue;
            }
            library.m_path = candidate;
            library.m_create = create;
            library.m_train = train;
            return;
        }
        failure = "cannot load the sentencepiece bridge module lorawb_spm.so; tried:" + tried +
                  "\nReinstall LoRA Workbench, or point LORAWB_SPM_MODULE at lorawb_spm.so.";
    });
    LORAWB_CHECK(library.m_create, failure);
    return library;
}

std::unique_ptr<SpmBackend> SpmLibrary::create() const { return std::unique_ptr<SpmBackend>(m_create()); }

std::string SpmLibrary::train(const std::string& args) const { return m_train(args.c_str()); }

} // namespace core::spm
