#!/usr/bin/env bash
# Builds the libFuzzer targets (the `fuzz` preset: clang, ASan + UBSan) and runs each for
# SECONDS seconds (default 20) on its corpus in fuzz/corpus/<name>. A crash stops the run and
# leaves its input in build/fuzz/artifacts/; add that input to tests as a golden case.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
mkdir -p build/fuzz/artifacts
for target in build/fuzz/fuzz/fuzz_*; do
  name="${target##*/fuzz_}"
  corpus="fuzz/corpus/$name"
  scratch="build/fuzz/corpus/$name"
  mkdir -p "$corpus" "$scratch"
  echo "fuzz: $name for ${seconds}s"
  "$target" -max_total_time="$seconds" -max_len=16384 -timeout=10 -print_final_stats=1 \
    -artifact_prefix=build/fuzz/artifacts/"$name"- "$scratch" "$corpus" 2>&1 | tail -n 12
done
