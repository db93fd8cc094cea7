// A .safetensors file as a model or adapter folder holds it: the header is validated against the file before any
// tensor is touched, then every tensor's first and last byte are read through the view the reader hands out.
#include "FuzzSupport.h"
#include "core/io/Safetensors.h"

#include <ATen/core/Tensor.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string path = fuzz::writeInput(data, size, "model.safetensors");
    fuzz::refusedClearlyOrRead([&] {
        const auto file = core::SafetensorsFile::open(path);
        volatile uint8_t sink = 0;
        for (const auto& name : file->names()) {
            const at::Tensor tensor = file->tensor(name);
            if (tensor.nbytes() == 0)
                continue;
            const auto* bytes = static_cast<const uint8_t*>(tensor.data_ptr());
            sink = sink ^ bytes[0] ^ bytes[tensor.nbytes() - 1];
        }
    });
    return 0;
}
