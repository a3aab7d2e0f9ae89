#!/usr/bin/env bash
# Stripped size of the virtctl binary with cargo's default release profile, with ours
# (lto = "fat", codegen-units = 1, strip = "symbols"), and with ours plus panic = "abort"; and
# how long each release build takes. Three release builds in separate target dirs (about 20 min
# on 2 cores). Usage: bench/size.sh
set -euo pipefail
cd "$(dirname "$0")/.."
target=${BENCH_TARGET_DIR:-/tmp/virtctl-size-target}

build() { # directory, label, then CARGO_PROFILE_RELEASE_* overrides
  local name=$1 label=$2
  shift 2
  local started=$SECONDS
  env "$@" cargo build --quiet --release --locked -p virtctl --bin virtctl --target-dir "$target/$name"
  local binary="$target/$name/release/virtctl"
  strip -o "$target/$name.stripped" "$binary"
  printf '%-26s %10d bytes stripped  (%d s to build from scratch or cache)\n' \
    "$label" "$(stat -c %s "$target/$name.stripped")" "$((SECONDS - started))"
}

build default "cargo default release" CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
  CARGO_PROFILE_RELEASE_STRIP=none
build tuned "our release profile"
build abort "ours + panic=abort" CARGO_PROFILE_RELEASE_PANIC=abort
