#include "core/export/ExportOutput.h"

#include "core/common/Error.h"
#include "core/io/JsonFile.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <iomanip>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace core {

const char* const kExportManifestName = "lorawb-export.json";

uint64_t ExportReport::totalBytes() const
{
    uint64_t sum = 0;
    for (const auto& f : files)
        sum += f.bytes;
    return sum;
}

namespace {

std::string gigabytes(uint64_t bytes)
{
    std::ostringstream out;
    out << std::fixed << std::setprecision(bytes < 100'000'000 ? 3 : 1) << double(bytes) / 1e9 << " GB";
    return out.str();
}

std::set<std::string> manifestFiles(const fs::path& dir)
{
    const fs::path manifest = dir / kExportManifestName;
    std::set<std::string> files;
    if (!fs::is_regular_file(manifest))
        return files;
    nlohmann::json json;
    try {
        json = readJsonFile(manifest.string(), "export manifest");
    } catch (const Error&) {
        return files; // unreadable: treat the folder as someone else's
    }
    if (json.is_object() && json.contains("files") && json["files"].is_array())
        for (const auto& f : json["files"])
            if (f.is_string())
                files.insert(f.get<std::string>());
    files.insert(kExportManifestName);
    return files;
}

} // namespace

void checkOutputFolder(const std::string& dir, bool overwrite)
{
    std::error_code ec;
    const fs::path target(dir);
    if (!fs::exists(target, ec))
        return;
    LORAWB_CHECK(fs::is_directory(target, ec), dir, ": exists and is not a folder; choose another output.");
    LORAWB_CHECK(overwrite, dir, ": the output folder exists; choose another, or pass --overwrite to replace an "
                 "earlier export there.");
    const std::set<std::string> ours = manifestFiles(target);
    for (fs::recursive_directory_iterator it(target, ec), end; it != end && !ec; it.increment(ec)) {
        if (it->is_directory())
            continue;
        const std::string relative = fs::relative(it->path(), target).generic_string();
        LORAWB_CHECK(ours.count(relative), dir, ": --overwrite replaces only folders an earlier export wrote, and '",
                     relative, "' was not written by one; move it away or choose another output.");
    }
}

void checkOutputFile(const std::string& path, bool overwrite)
{
    std::error_code ec;
    if (!fs::exists(path, ec))
        return;
    LORAWB_CHECK(fs::is_regular_file(path, ec), path, ": exists and is not a file; choose another output.");
    LORAWB_CHECK(overwrite, path, ": the output file exists; choose another, or pass --overwrite to replace it.");
}

void checkFreeSpace(const std::string& path, uint64_t bytes)
{
    fs::path probe = fs::absolute(path);
    std::error_code ec;
    while (!probe.empty() && !fs::exists(probe, ec) && probe != probe.parent_path())
        probe = probe.parent_path();
    const fs::space_info space = fs::space(probe, ec);
    if (ec)
        return; // unknown: the write itself will tell
    // 1% and 16 MB of margin for the headers, the manifest and the filesystem's own blocks.
    const uint64_t needed = bytes + bytes / 100 + (16u << 20);
    LORAWB_CHECK(space.available >= needed, path, ": not enough disk space for the export: it needs about ",
                 gigabytes(needed), " and ", probe.string(), " has ", gigabytes(space.available),
                 " free; free some space or choose an output on another disk.");
}

void writeExportManifest(const std::string& dir, const std::string& kind, const std::vector<std::string>& files)
{
    std::vector<std::string> sorted = files;
    std::sort(sorted.begin(), sorted.end());
    writeJsonFileAtomically((fs::path(dir) / kExportManifestName).string(),
                            {{"written_by", "LoRA Workbench"}, {"kind", kind}, {"files", sorted}});
}

std::vector<ExportedFile> listExportedFiles(const std::string& dir)
{
    std::vector<ExportedFile> files;
    for (const auto& entry : fs::recursive_directory_iterator(dir))
        if (entry.is_regular_file())
            files.push_back({entry.path().string(), uint64_t(entry.file_size())});
    std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
    return files;
}

void explainingCleanup(const std::string& output, const std::function<void()>& write)
{
    try {
        write();
    } catch (const Error& e) {
        throw Error(std::string(e.what()) + " The partial export was removed; " + output +
                    " is as it was before the export.");
    }
}

void throwIfCancelled(const ExportControl& control, const std::string& what)
{
    LORAWB_CHECK(!control.cancelled(), what, " was cancelled.");
}

} // namespace core
