// The experiment file (YAML) and the sweep file built on it: every section, key, type, --set style override and
// validation message. The input's first byte picks which.
#include "FuzzSupport.h"
#include "core/experiment/ExperimentConfig.h"
#include "core/run/SweepSpec.h"

#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0)
        return 0;
    const bool sweep = data[0] & 1;
    const std::string text = fuzz::asText(data + 1, size - 1);
    fuzz::refusedClearlyOrRead([&] {
        if (sweep) {
            (void)core::parseSweep(text, "sweep.yaml", fuzz::workFolder().string());
        } else {
            const auto cfg = core::parseExperiment(text, "exp.yaml");
            // What the app writes (Save in the GUI, run records) it must read back: a refusal here is a finding.
            const std::string written = core::toYaml(cfg);
            try {
                (void)core::parseExperiment(written, "again.yaml");
            } catch (const core::Error& e) {
                std::fprintf(stderr, "toYaml wrote a file parseExperiment refuses: %s\n---\n%s\n", e.what(),
                             written.c_str());
                std::abort();
            }
        }
    });
    return 0;
}
