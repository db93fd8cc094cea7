#!/usr/bin/env bash
# The GPU machine's one run: builds lorawb against that machine's CUDA libtorch, makes the HF reference fixtures,
# runs the CUDA smoke tests (a bench, a tiny training run whose adapter HF PEFT must load and agree with), then
# times `lorawb bench` and HF PEFT on the same shapes in the same run. See tests/gpu/README.md.
#
# Usage, from the repository root on the GPU machine (carry .gpu-deps along, see tests/gpu/fetch-debs.sh):
#   bash tests/gpu/check.sh
# Everything goes under $OUT (default /tmp/out): summary.txt (one PASS/FAIL line per stage, plus NOTE lines),
# env.txt, build.log, reference/ + reference.log, smoke/ + smoke.log, bench.jsonl, bench.md, bench.log.
# Each stage runs on its own, so a failing build still leaves the fixtures and the PEFT numbers.
# Exit status: 0 when every stage passed, 1 otherwise.
#
# Settings (environment):
#   OUT                      results folder (default /tmp/out)
#   STAGES                   stages to run, in order (default "deps build reference smoke bench")
#   BUILD_DIR                CMake build folder (default build-gpu; kept between runs on a warm machine)
#   BUILD_TIMEOUT            seconds for configure + build (default 420)
#   BENCH_CONFIGS            shapes to time (default "tinyllama-1.1b"; "tinyllama-1.1b llama3-8b" for both)
#   BENCH_SHAPES             batch x seq list (default "8x512 4x2048")
#   BENCH_STEPS              timed steps per run (default 10; both sides also run untimed warm-up steps)
#   LORAWB_SMOKE_EXPERIMENT  an experiment YAML to train in the smoke stage instead of the generated tiny one
#   PYTHON                   the Python with torch + transformers + peft (default python3)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
OUT=${OUT:-/tmp/out}
STAGES=${STAGES:-deps build reference smoke bench}
BUILD=${BUILD_DIR:-$ROOT/build-gpu}
[[ $BUILD = /* ]] || BUILD=$ROOT/$BUILD
BUILD_TIMEOUT=${BUILD_TIMEOUT:-420}
BENCH_CONFIGS=${BENCH_CONFIGS:-tinyllama-1.1b}
BENCH_SHAPES=${BENCH_SHAPES:-8x512 4x2048}
BENCH_STEPS=${BENCH_STEPS:-10}
PY=${PYTHON:-python3}
DEPS=/tmp/deps
LORAWB=$BUILD/app/lorawb
REF=$OUT/reference
SUMMARY=$OUT/summary.txt

mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
REF=$OUT/reference
SUMMARY=$OUT/summary.txt
: > "$SUMMARY"

# The venv's bin (cmake, ninja) and CUDA's nvcc must be on PATH; the Debian libraries unpacked into /tmp/deps
# must be found when building and running.
PY_BIN=$(dirname "$("$PY" -c 'import sys; print(sys.executable)')")
export PATH="$DEPS/bin:$PY_BIN:$PATH"
if ! command -v nvcc >/dev/null && [[ -x /usr/local/cuda/bin/nvcc ]]; then
  export PATH="$PATH:/usr/local/cuda/bin"
fi
export LD_LIBRARY_PATH="$DEPS/usr/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export PKG_CONFIG_PATH="$DEPS/usr/lib/x86_64-linux-gnu/pkgconfig:$DEPS/usr/share/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
export TORCH_CUDA_ARCH_LIST=${TORCH_CUDA_ARCH_LIST:-9.0a}

note() { echo "NOTE $*" >> "$SUMMARY"; echo "NOTE $*"; }

# Prints the last line of a file that is a JSON object (the --json output of lorawb and of the Python scripts).
last_json() {
  "$PY" - "$1" <<'EOF'
import json, sys
for line in reversed(open(sys.argv[1], encoding="utf-8", errors="replace").read().splitlines()):
    try:
        obj = json.loads(line)
    except ValueError:
        continue
    if isinstance(obj, dict):
        print(json.dumps(obj)); sys.exit(0)
sys.exit(1)
EOF
}

# One field of a JSON object given on stdin.
json_field() { "$PY" -c 'import json,sys; v=json.load(sys.stdin).get(sys.argv[1]); print("" if v is None else v)' "$1"; }

# ---------------------------------------------------------------------------------------------------- env
stage_env() {
  {
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?') $(git -C "$ROOT" status --porcelain 2>/dev/null | wc -l | tr -d ' ') changed files"
    echo "gpu: $(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>&1 | head -1)"
    echo "python: $("$PY" -c 'import sys, torch, transformers, peft; print(sys.version.split()[0], "| torch", torch.__version__, "cuda", torch.version.cuda, "| transformers", transformers.__version__, "| peft", peft.__version__)' 2>&1 | tail -1)"
    echo "cmake: $(cmake --version 2>/dev/null | head -1)  ninja: $(ninja --version 2>/dev/null)  nvcc: $(nvcc --version 2>/dev/null | tail -1)"
    echo "nproc: $(nproc)"
  } > "$OUT/env.txt" 2>&1
  cat "$OUT/env.txt"
}

# ---------------------------------------------------------------------------------------------------- deps
# Unpacks Debian's yaml-cpp, sentencepiece, nlohmann-json, SQLite and libcrypto (.gpu-deps/*.deb) into /tmp/deps.
extract_deb() {
  if command -v dpkg-deb >/dev/null; then
    dpkg-deb -x "$1" "$DEPS"
    return
  fi
  # No dpkg: a .deb is an ar archive whose data.tar.* holds the files.
  local member
  member=$(ar t "$1" | grep '^data\.tar')
  case $member in
    *.xz) ar p "$1" "$member" | tar -xJ -C "$DEPS" ;;
    *.zst) ar p "$1" "$member" | tar --zstd -x -C "$DEPS" ;;
    *.gz) ar p "$1" "$member" | tar -xz -C "$DEPS" ;;
    *) echo "unknown member $member in $1"; return 1 ;;
  esac
}

# CMake's FindPkgConfig needs a pkg-config program; a bare machine may lack one. This stand-in reads plain .pc
# files from PKG_CONFIG_PATH and answers the queries FindPkgConfig makes (enough for sentencepiece.pc).
write_pkg_config_standin() {
  mkdir -p "$DEPS/bin"
  cat > "$DEPS/bin/pkg-config" <<'EOF'
#!/usr/bin/env python3
"""Minimal pkg-config for CMake's FindPkgConfig on plain .pc files (no Requires): written by tests/gpu/check.sh."""
import os, re, sys
args = sys.argv[1:]
if "--version" in args:
    print("0.29.2")
    sys.exit(0)
flags = [a for a in args if a.startswith("--")]
names = [a for a in args if not a.startswith("-") and not re.match(r"^[<>=!]+$|^[0-9.]+$", a)]
def load(name):
    for d in os.environ.get("PKG_CONFIG_PATH", "").split(":"):
        path = os.path.join(d, name + ".pc")
        if d and os.path.isfile(path):
            vars_, keys = {"pcfiledir": d}, {}
            expand = lambda s: re.sub(r"\$\{(\w+)\}", lambda m: vars_.get(m.group(1), ""), s)
            for line in open(path, encoding="utf-8"):
                line = line.split("#", 1)[0].strip()
                m = re.match(r"^(\w[\w.]*)\s*=\s*(.*)$", line)
                if m:
                    vars_[m.group(1)] = expand(m.group(2)); continue
                m = re.match(r"^([\w.]+)\s*:\s*(.*)$", line)
                if m:
                    keys[m.group(1)] = expand(m.group(2))
            return vars_, keys
    return None
pkgs = []
for n in names:
    pc = load(n)
    if pc is None:
        if "--print-errors" in flags or "--exists" not in flags:
            sys.stderr.write(f"Package {n} was not found in the pkg-config search path.\n")
        sys.exit(1)
    pkgs.append(pc)
if "--exists" in flags:
    sys.exit(0)
out = []
for vars_, keys in pkgs:
    var = [f for f in flags if f.startswith("--variable=")]
    if var:
        out.append(vars_.get(var[0].split("=", 1)[1], "")); continue
    if "--modversion" in flags:
        out.append(keys.get("Version", "")); continue
    libs = keys.get("Libs", "").split() + (keys.get("Libs.private", "").split() if "--static" in flags else [])
    cflags = keys.get("Cflags", "").split()
    if "--libs-only-L" in flags: out += [t for t in libs if t.startswith("-L")]
    elif "--libs-only-l" in flags: out += [t for t in libs if t.startswith("-l")]
    elif "--libs-only-other" in flags: out += [t for t in libs if not t.startswith(("-L", "-l"))]
    elif "--libs" in flags: out += libs
    elif "--cflags-only-I" in flags: out += [t for t in cflags if t.startswith("-I")]
    elif "--cflags-only-other" in flags: out += [t for t in cflags if not t.startswith("-I")]
    elif "--cflags" in flags: out += cflags
print(" ".join(out))
EOF
  chmod +x "$DEPS/bin/pkg-config"
}

stage_deps() {
  shopt -s nullglob
  local debs=("$ROOT"/.gpu-deps/*.deb)
  if (( ${#debs[@]} == 0 )); then
    echo "no .gpu-deps/*.deb: on the development machine run tests/gpu/fetch-debs.sh from the repository"
    echo "root, then take .gpu-deps along (run tool: carry [\".gpu-deps\"])"
    return 1
  fi
  mkdir -p "$DEPS"
  for f in "${debs[@]}"; do
    echo "unpacking $(basename "$f")"
    extract_deb "$f"
  done
  # The .pc files say prefix=/usr; point them at the unpacked copy.
  for pc in "$DEPS"/usr/lib/x86_64-linux-gnu/pkgconfig/*.pc "$DEPS"/usr/share/pkgconfig/*.pc; do
    sed -i "s|^prefix=/usr\$|prefix=$DEPS/usr|" "$pc"
  done
  if command -v pkg-config >/dev/null && [[ $(command -v pkg-config) != "$DEPS/bin/pkg-config" ]]; then
    echo "pkg-config: $(command -v pkg-config)"
  else
    write_pkg_config_standin
    note "deps: no pkg-config on this machine; using the stand-in $DEPS/bin/pkg-config"
  fi
  pkg-config --modversion sentencepiece
  pkg-config --cflags --libs sentencepiece
}

# ---------------------------------------------------------------------------------------------------- build
stage_build() {
  local torch_prefix
  torch_prefix=$("$PY" -c 'import torch; print(torch.utils.cmake_prefix_path)')
  echo "torch cmake prefix: $torch_prefix"
  local t0=$SECONDS
  timeout "$BUILD_TIMEOUT" cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DLORAWB_BUILD_GUI=OFF -DLORAWB_BUILD_TESTS=OFF \
    -DCMAKE_PREFIX_PATH="$torch_prefix;$DEPS/usr" \
    -DPKG_CONFIG_EXECUTABLE="$(command -v pkg-config)"
  local left=$(( BUILD_TIMEOUT - (SECONDS - t0) ))
  (( left > 10 )) || left=10
  timeout "$left" cmake --build "$BUILD" --target lorawb -j16
  note "build: configure + build took $(( SECONDS - t0 ))s"
  "$LORAWB" --version
  note "build: $("$LORAWB" --version 2>&1 | head -1)"
}

# ---------------------------------------------------------------------------------------------------- reference
stage_reference() {
  # CPU float32, as committed fixtures must be: CUDA stays out of it.
  CUDA_VISIBLE_DEVICES='' timeout 300 "$PY" "$ROOT/tests/reference/make_reference.py" "$REF"
  note "reference: fixtures in $REF ($(du -sh "$REF" | cut -f1)); copy them to tests/data/reference to commit"
}

# ---------------------------------------------------------------------------------------------------- smoke
write_smoke_inputs() {
  local dir=$1 model=$2
  "$PY" - "$dir" "$model" <<'EOF'
import json, os, sys
out, model = sys.argv[1], sys.argv[2]
# Eight fixed facts, four times over: a tiny model memorizes them, so the loss must fall.
facts = [
    ("Name the colour of the sky.", "", "It is blue."),
    ("Name the colour of the grass.", "", "It is green."),
    ("What is 2 + 3?", "", "It is 5."),
    ("What is 4 + 4?", "", "It is 8."),
    ("Reverse the word.", "cat", "tac"),
    ("Reverse the word.", "dog", "god"),
    ("Say hello.", "world", "hello, world"),
    ("Say goodbye.", "fox", "goodbye, fox"),
]
with open(os.path.join(out, "train.jsonl"), "w", encoding="utf-8") as f:
    for _ in range(4):
        for instruction, inp, output in facts:
            f.write(json.dumps({"instruction": instruction, "input": inp, "output": output}) + "\n")
with open(os.path.join(out, "text.txt"), "w", encoding="utf-8") as f:
    f.write("The quick brown fox jumps over the lazy dog. Pack my box with five dozen liquor jugs!\n" * 6)
with open(os.path.join(out, "experiment.yaml"), "w", encoding="utf-8") as f:
    f.write(f"""model: {model}
task_type: CAUSAL_LM
lora:   {{r: 8, lora_alpha: 16, lora_dropout: 0.0, bias: none,
         target_modules: [q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj]}}
data:   {{path: {os.path.join(out, "train.jsonl")}, format: alpaca, validation_split: 0.1, max_length: 256}}
train:  {{max_steps: 60, batch_size: 8, learning_rate: 1.0e-2, lr_scheduler: constant, warmup_steps: 0,
         eval_every: 20, seed: 42, device: cuda}}
output_dir: {os.path.join(out, "run")}
""")
EOF
}

# Runs check_lorawb_adapter.py (CPU, float32) and notes the verdict. Usage: compare_with_peft data|text CMD...
compare_with_peft() {
  local kind=$1 rc=0 file=$OUT/smoke/peft_compare_$1.txt
  shift
  CUDA_VISIBLE_DEVICES='' timeout 300 "$@" > "$file" 2>&1 || rc=$?
  cat "$file"
  local numbers
  numbers=$(grep -E '^(PEFT|lorawb) loss' "$file" | tr -s ' \n' ' ' || true)
  case $rc in
    0) note "smoke: PEFT agrees with lorawb eval --$kind: $numbers" ;;
    1) note "smoke: PEFT DISAGREES with lorawb eval --$kind: $numbers(see smoke/peft_compare_$kind.txt)" ;;
    *) note "smoke: the PEFT check for eval --$kind could not run (exit $rc, see smoke/peft_compare_$kind.txt)" ;;
  esac
  return "$rc"
}

stage_smoke() {
  local dir=$OUT/smoke model=$REF/llama_tied_gqa/model failed=0
  rm -rf "$dir"; mkdir -p "$dir"
  [[ -x $LORAWB ]] || { echo "no lorawb binary at $LORAWB (build stage failed?)"; return 1; }
  [[ -f $model/config.json ]] || { echo "no reference model at $model (reference stage failed?)"; return 1; }

  echo "== lorawb bench on the tiny reference model (CUDA)"
  if timeout 120 "$LORAWB" bench --model "$model" --batch 4 --seq 64 --steps 20 --device cuda --json \
       > "$dir/bench.out"; then
    if last_json "$dir/bench.out" > "$dir/bench.json"; then
      cat "$dir/bench.json"
      note "smoke: tiny bench $(json_field tokens_per_second < "$dir/bench.json") tokens/s on $(json_field device < "$dir/bench.json")"
    else
      echo "FAILED: lorawb bench --json printed no JSON object"; failed=1
    fi
  else
    echo "FAILED: lorawb bench --model (exit $?)"; failed=1
  fi

  echo "== lorawb train (CUDA)"
  write_smoke_inputs "$dir" "$model"
  local exp=${LORAWB_SMOKE_EXPERIMENT:-$dir/experiment.yaml}
  if ! timeout 300 "$LORAWB" train "$exp" --output "$dir/run" 2>&1 | tee "$dir/train.log"; then
    echo "FAILED: lorawb train (exit ${PIPESTATUS[0]})"
    return 1
  fi
  # Loss falls: the first and last training-loss values in the progress lines.
  local fell
  fell=$("$PY" - "$dir/train.log" <<'EOF'
import re, sys
values = [float(m.group(1)) for line in open(sys.argv[1], errors="replace")
          if "step" in line.lower() and not re.search(r"\b(eval|val|validation)\b", line.lower())
          for m in [re.search(r"(?<![a-z_])loss[\s=:]+([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)", line, re.I)] if m]
if len(values) < 2:
    print("unknown (no loss values found in the progress lines)"); sys.exit(0)
print(f"{'yes' if values[-1] < values[0] else 'NO'}: {values[0]:.4f} -> {values[-1]:.4f} over {len(values)} lines")
EOF
)
  note "smoke: training loss fell: $fell"
  [[ $fell == NO* ]] && failed=1

  # The adapter lorawb wrote: the shallowest adapter_config.json that is not inside a checkpoint.
  local adapter
  adapter=$(find "$dir/run" -name adapter_config.json -not -path '*checkpoint*' -printf '%d %h\n' 2>/dev/null \
            | sort -n | head -1 | cut -d' ' -f2-)
  [[ -n $adapter ]] || adapter=$(find "$dir/run" -name adapter_config.json -printf '%T@ %h\n' 2>/dev/null \
                                 | sort -rn | head -1 | cut -d' ' -f2-)
  if [[ -z $adapter ]]; then
    echo "FAILED: no adapter_config.json under $dir/run"
    return 1
  fi
  echo "adapter: $adapter"
  # The model and data the run used (a given experiment may name others).
  local exp_model exp_data
  exp_model=$("$PY" -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))["model"])' "$exp")
  exp_data=$("$PY" -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))["data"]["path"])' "$exp")
  local line
  line=$(grep -o 'trainable params:.*' "$dir/train.log" | head -1 || true)

  # PEFT loads the adapter and computes the same losses; both sides on CPU in float32 (no CUDA visible).
  echo "== PEFT vs lorawb eval --data"
  if CUDA_VISIBLE_DEVICES='' timeout 300 "$LORAWB" eval --model "$exp_model" --adapter "$adapter" --data "$exp_data" \
       --json > "$dir/eval_data.out"; then
    local x
    x=$(last_json "$dir/eval_data.out" | json_field loss) || x=nan
    local cmd=("$PY" "$ROOT/tests/reference/check_lorawb_adapter.py" --model "$exp_model" --adapter "$adapter"
               --data "$exp_data" --lorawb-loss "$x")
    [[ -n $line ]] && cmd+=(--lorawb-trainable-line "$line")
    compare_with_peft data "${cmd[@]}" || failed=1
  else
    echo "FAILED: lorawb eval --data"; failed=1
  fi

  echo "== PEFT vs lorawb eval --text"
  if [[ -z ${LORAWB_SMOKE_EXPERIMENT:-} ]] && CUDA_VISIBLE_DEVICES='' timeout 300 "$LORAWB" eval --model "$exp_model" \
       --adapter "$adapter" --text "$dir/text.txt" --json > "$dir/eval_text.out"; then
    local y
    y=$(last_json "$dir/eval_text.out" | json_field loss) || y=nan
    compare_with_peft text "$PY" "$ROOT/tests/reference/check_lorawb_adapter.py" --model "$exp_model" \
      --adapter "$adapter" --text "$dir/text.txt" --lorawb-loss "$y" || failed=1
  elif [[ -z ${LORAWB_SMOKE_EXPERIMENT:-} ]]; then
    echo "FAILED: lorawb eval --text"; failed=1
  fi
  return "$failed"
}

# ---------------------------------------------------------------------------------------------------- bench
bench_one() {  # impl config batch seq
  local impl=$1 cfg=$2 b=$3 t=$4 raw=$OUT/bench_raw.txt rc=0
  echo "== $impl $cfg ${b}x$t"
  if [[ $impl == lorawb ]]; then
    timeout 600 "$LORAWB" bench --config "$cfg" --batch "$b" --seq "$t" --steps "$BENCH_STEPS" --device cuda --json \
      > "$raw" || rc=$?
  else
    timeout 600 "$PY" "$ROOT/tests/gpu/peft_bench.py" --config "$cfg" --batch "$b" --seq "$t" \
      --steps "$BENCH_STEPS" --warmup 3 > "$raw" || rc=$?
  fi
  cat "$raw"
  # One line per run in bench.jsonl, tagged with impl; a failed run leaves a line with its error.
  "$PY" - "$raw" "$impl" "$cfg" "$b" "$t" "$rc" >> "$OUT/bench.jsonl" <<'EOF'
import json, sys
raw, impl, cfg, b, t, rc = sys.argv[1:]
obj = None
for line in reversed(open(raw, errors="replace").read().splitlines()):
    try:
        obj = json.loads(line)
    except ValueError:
        continue
    if isinstance(obj, dict):
        break
    obj = None
if obj is None:
    obj = {"error": f"exit {rc}, no JSON output"}
elif rc != "0":
    obj.setdefault("error", f"exit {rc}")
# Rows are matched on what was asked for; a differing self-report is kept next to it.
for key, asked in (("config", cfg), ("batch", int(b)), ("seq", int(t))):
    if key in obj and obj[key] != asked:
        obj["reported_" + key] = obj[key]
    obj[key] = asked
obj["impl"] = impl
print(json.dumps(obj))
EOF
  return "$rc"
}

write_bench_md() {
  "$PY" - "$OUT/bench.jsonl" "$OUT/env.txt" > "$OUT/bench.md" <<'EOF'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
env = open(sys.argv[2]).read().splitlines() if len(sys.argv) > 2 else []
runs = {}
for r in rows:
    runs.setdefault((r["config"], r["batch"], r["seq"]), {})[r["impl"]] = r
def fmt(r, key, spec):
    if r is None: return "missing"
    if "error" in r: return r["error"]
    return format(r.get(key, float("nan")), spec)
print("# lorawb bench vs HF transformers + PEFT (same machine, same run)\n")
for line in env:
    if line.startswith(("date:", "commit:", "gpu:", "python:")):
        print(f"- {line}")
print("\nLoRA r=8, alpha=32, dropout 0.05, 7 targets, bf16 base, random tokens, AdamW; peak = max allocated.\n")
print("| config | batch × seq | lorawb tokens/s | PEFT tokens/s | lorawb / PEFT | lorawb peak GiB | PEFT peak GiB | bar met |")
print("|---|---|---|---|---|---|---|---|")
for (cfg, b, t), r in runs.items():
    lw, pf = r.get("lorawb"), r.get("peft")
    ok = lw and pf and "error" not in lw and "error" not in pf
    ok = ok and lw.get("tokens_per_second") and pf.get("tokens_per_second")
    ratio = f"{lw['tokens_per_second'] / pf['tokens_per_second']:.2f}×" if ok else "n/a"
    met = ("yes" if lw.get("tokens_per_second", 0) >= pf.get("tokens_per_second", 0)
           and lw.get("peak_memory_gib", float("inf")) <= pf.get("peak_memory_gib", 0) else "no") if ok else "n/a"
    print(f"| {cfg} | {b} × {t} | {fmt(lw, 'tokens_per_second', ',.0f')} | {fmt(pf, 'tokens_per_second', ',.0f')} | "
          f"{ratio} | {fmt(lw, 'peak_memory_gib', '.1f')} | {fmt(pf, 'peak_memory_gib', '.1f')} | {met} |")
print("\n'bar met': lorawb at least as fast as PEFT and no more peak memory (the engine issue's bar).")
EOF
}

stage_bench() {
  : > "$OUT/bench.jsonl"
  local failed=0 cfg shape
  for cfg in $BENCH_CONFIGS; do
    for shape in $BENCH_SHAPES; do
      local b=${shape%x*} t=${shape#*x}
      if [[ -x $LORAWB ]]; then
        bench_one lorawb "$cfg" "$b" "$t" || failed=1
      else
        echo "{\"impl\": \"lorawb\", \"config\": \"$cfg\", \"batch\": $b, \"seq\": $t, \"error\": \"not built\"}" \
          >> "$OUT/bench.jsonl"
        failed=1
      fi
      bench_one peft "$cfg" "$b" "$t" || failed=1
    done
  done
  write_bench_md
  cat "$OUT/bench.md"
  note "bench: see bench.md; $(grep -c '"error"' "$OUT/bench.jsonl" || true) run(s) with errors"
  return "$failed"
}

# ---------------------------------------------------------------------------------------------------- driver
# Runs one stage in its own shell (so that `set -e` holds inside it) with its output in $OUT/<stage>.log,
# and records PASS/FAIL with the time taken. A failed stage never stops the next.
run_stage() {
  local name=$1 rc=0 t0=$SECONDS
  echo "=== $name"
  ( set -euo pipefail; "stage_$name" ) > "$OUT/$name.log" 2>&1 &
  wait $! || rc=$?
  if (( rc == 0 )); then
    echo "PASS $name ($(( SECONDS - t0 ))s)" >> "$SUMMARY"
  else
    echo "FAIL $name ($(( SECONDS - t0 ))s, exit $rc): see $name.log" >> "$SUMMARY"
    tail -n 15 "$OUT/$name.log" | sed "s/^/  [$name] /"
  fi
}

stage_env || true
for stage in $STAGES; do
  if ! declare -F "stage_$stage" >/dev/null; then
    echo "FAIL $stage: unknown stage (known: deps build reference smoke bench)" >> "$SUMMARY"
    continue
  fi
  run_stage "$stage"
done
echo "=== summary ($OUT/summary.txt)"
cat "$SUMMARY"
[[ -f $OUT/bench.md ]] && cat "$OUT/bench.md"
! grep -q '^FAIL' "$SUMMARY"
