# Build time on 2-core machines (CI has 90 minutes, most of it once went to parsing libtorch's headers ~370 times).
#
# Precompiled headers: almost every translation unit of the engine pulls in libtorch's headers, and parsing them
# is ~20 s of each file's ~25 s compile on these machines. Each kind of target reuses one precompiled header built
# once by a tiny object library, so torch/torch.h (and Qt where it is used) is parsed a handful of times per build
# instead of ~300. GCC rejects a header built with other flags (-Winvalid-pch says so) and then simply parses it, so
# a mismatch costs time, never correctness.
option(LORAWB_PCH "Precompile libtorch and Qt headers (faster builds)" ON)

set(_lorawb_pch_dir "${CMAKE_CURRENT_LIST_DIR}/pch")

# lorawb_pch_origin(<kind> <libraries...>): the object library whose precompiled header the <kind> targets reuse.
# Qt kinds are built with QT_NO_KEYWORDS, as every Qt target here is (Qt's 'slots' macro clashes with libtorch).
function(lorawb_pch_origin kind)
  if(NOT LORAWB_PCH)
    return()
  endif()
  set(origin lorawb_pch_${kind})
  add_library(${origin} OBJECT "${_lorawb_pch_dir}/pch_origin.cpp")
  target_link_libraries(${origin} PRIVATE ${ARGN})
  if(kind MATCHES "^qt_")
    target_compile_definitions(${origin} PRIVATE QT_NO_KEYWORDS)
  endif()
  target_precompile_headers(${origin} PRIVATE "${_lorawb_pch_dir}/${kind}.h")
endfunction()

# lorawb_use_pch(<target> <kind>): compile <target> with the precompiled header of <kind>.
function(lorawb_use_pch target kind)
  if(NOT LORAWB_PCH)
    return()
  endif()
  target_precompile_headers(${target} REUSE_FROM lorawb_pch_${kind})
  target_compile_options(${target} PRIVATE -Winvalid-pch)
endfunction()

# Unity builds: the engine's libraries and lorawb_ui compile their .cpp files in batches of eight, one translation unit a batch, so
# each batch instantiates libtorch's inline templates once instead of eight times (measured on core/data: 168 s of
# compiler time as 14 files, 56 s as two batches). Names in anonymous namespaces must then differ within a library.
option(LORAWB_UNITY "Compile the engine's libraries as unity batches (faster builds)" ON)

function(lorawb_use_unity target)
  if(LORAWB_UNITY)
    set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE 8)
  endif()
endfunction()
