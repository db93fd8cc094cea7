#!/usr/bin/env bash
# Fuzzes every parser of a user's file (tests/fuzz: safetensors, config.json, adapter_config.json, tokenizer.json and
# tokenizer_config.json, chat templates, datasets, experiment and sweep files, checkpoint state) with libFuzzer, the
# engine built by clang with AddressSanitizer + UndefinedBehaviorSanitizer in build-fuzz/.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     SECONDS per target (default 60); TARGET e.g. fuzz_dataset (default all)
#
# Each target starts from tests/fuzz/corpus/<name>/ and tests/fuzz/regressions/<name>/ (read only) and keeps what it
# finds in build-fuzz/corpus/<name>/, so a later run goes on from there. Exit 1 when a target reports a crash, a
# sanitizer finding, an exception other than core::Error, or an input that takes over 10 s: the input is saved as
# build-fuzz/findings/<target>/crash-* (or timeout-*). Fix it, add a unit test to the suite that owns the parser and
# copy the input to tests/fuzz/regressions/<name>/ (ctest replays it). Each target's executions are printed.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
./scripts/install-deps.sh clang libclang-rt-14-dev
if [[ ! -f build-fuzz/build.ninja ]]; then
    CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLORAWB_FUZZ=ON \
        -DLORAWB_BUILD_GUI=OFF -DLORAWB_BUILD_TESTS=OFF
fi
cmake --build build-fuzz --target lorawb_fuzz_all
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
    targets=($(cd tests/fuzz && ls fuzz_*.cpp | sed 's/\.cpp$//'))
fi
# libtorch and OpenBLAS keep thread pools and caches for the life of the process; LeakSanitizer would report them
# at exit from every target, so leaks are not checked (AddressSanitizer still catches every bad access).
export ASAN_OPTIONS="detect_leaks=0:abort_on_error=1:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-}"
export OMP_NUM_THREADS=1
status=0
for target in "${targets[@]}"; do
    name="${target#fuzz_}"
    work="build-fuzz/corpus/$name"
    findings="build-fuzz/findings/$target"
    mkdir -p "$work" "$findings"
    log="build-fuzz/$target.log"
    echo "== $target: $seconds s from tests/fuzz/corpus/$name"
    seeds=("tests/fuzz/corpus/$name")
    [[ -d "tests/fuzz/regressions/$name" ]] && seeds+=("tests/fuzz/regressions/$name")
    if ! "build-fuzz/tests/fuzz/$target" "$work" "${seeds[@]}" -max_total_time="$seconds" -timeout=10 \
        -rss_limit_mb=4096 -max_len=262144 -artifact_prefix="$findings/" -print_final_stats=1 >"$log" 2>&1; then
        echo "fuzz: $target found a problem; its input is in $findings/, the report in $log:" >&2
        grep -E "ERROR|SUMMARY|terminate called|what\(\)|runtime error" "$log" | head -20 >&2
        status=1
    fi
    grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|^#[0-9]+ +DONE" "$log" | tr '\n' ' '
    echo
done
exit $status
