#pragma once
// What every export shares: where it writes, what it wrote, progress and cancel. An export either completes or leaves
// nothing that looks complete: folders are staged and swapped in (core/io/StagedDirectory), files are written to a
// temporary name and renamed (core/io/AtomicFile). An existing output is refused unless the caller says overwrite,
// and even then a folder is only replaced when every file in it is one an earlier export of ours wrote (its
// manifest lists them), so that a typo in --output never deletes someone's work.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace core {

struct ExportedFile {
    std::string path;   ///< absolute or as given, final location
    uint64_t bytes = 0;
};

// What an export wrote, for `--json` and the GUI's summary.
struct ExportReport {
    std::string kind;   ///< "merged", "gguf", "gguf-lora", "modelfile"
    std::string output; ///< the folder or file
    std::vector<ExportedFile> files;
    std::vector<std::string> warnings; ///< what the user should know (fields of a newer PEFT that were ignored, …)
    uint64_t totalBytes() const;
};

struct ExportProgressReport {
    double fraction = 0; ///< 0..1 of the bytes to write
    std::string what;    ///< the tensor or file being written
};

// Progress callback and cancel flag, both optional. Cancelling stops between tensors: the partial output is removed
// and core::Error("… cancelled …") is thrown.
struct ExportControl {
    std::function<void(const ExportProgressReport&)> onProgress;
    std::function<bool()> isCancelled; ///< polled between tensors (a RunControl's stopRequested, a dialog's button)
    bool cancelled() const { return isCancelled && isCancelled(); }
};

// The file an export of ours leaves in a folder it wrote: {"kind", "files": [...]}.
extern const char* const kExportManifestName;

// An output folder may be written: it does not exist, or `overwrite` and all its files are in its manifest.
// core::Error naming the folder (and the first foreign file) and the fix otherwise.
void checkOutputFolder(const std::string& dir, bool overwrite);
// An output file may be written: it does not exist, or `overwrite` (and it is a regular file, not a folder).
void checkOutputFile(const std::string& path, bool overwrite);
// The filesystem holding `path` (or its nearest existing parent) has `bytes` free, with a margin; core::Error saying
// how much is needed and free otherwise. Checked before writing so a full disk is found in seconds, not hours.
void checkFreeSpace(const std::string& path, uint64_t bytes);
// Writes the manifest listing `files` (names relative to dir) into dir.
void writeExportManifest(const std::string& dir, const std::string& kind, const std::vector<std::string>& files);
// Lists every regular file under `dir` with its size (relative names sorted), for the report.
std::vector<ExportedFile> listExportedFiles(const std::string& dir);
// Runs write(); a core::Error from it (a full disk, a cancel) is re-thrown saying that nothing was left at `output`.
void explainingCleanup(const std::string& output, const std::function<void()>& write);
// Throws the cancellation error when control says so; `what` names the export.
void throwIfCancelled(const ExportControl& control, const std::string& what);

} // namespace core
