#!/usr/bin/env bash
# Stripped size of the virtctl binary with cargo's default release profile, with ours
# (lto = "fat", codegen-units = 1, strip = "symbols") with every crate at opt-level 3, with ours
# as Cargo.toml has it (dependencies off the data path at opt-level "s"), and with that plus
# panic = "abort"; and how long each release build takes. Four release builds in separate
# target dirs (about 40 min on 2 cores). Usage: bench/size.sh
set -euo pipefail
cd "$(dirname "$0")/.."
target=${BENCH_TARGET_DIR:-/tmp/virtctl-size-target}

all_opt3=(--config 'profile.release.package."*".opt-level=3')

build() { # directory, label, then CARGO_PROFILE_RELEASE_* overrides, then cargo arguments
  local name=$1 label=$2
  shift 2
  local vars=()
  while [ $# -gt 0 ] && [[ $1 == CARGO_* ]]; do vars+=("$1"); shift; done
  local started=$SECONDS
  env "${vars[@]}" cargo build --quiet --release --locked -p virtctl --bin virtctl --target-dir "$target/$name" "$@"
  local binary="$target/$name/release/virtctl"
  strip -o "$target/$name.stripped" "$binary"
  printf '%-26s %10d bytes stripped  (%d s to build from scratch or cache)\n' \
    "$label" "$(stat -c %s "$target/$name.stripped")" "$((SECONDS - started))"
}

build default "cargo default release" CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
  CARGO_PROFILE_RELEASE_STRIP=none "${all_opt3[@]}"
build opt3 "ours, all at opt-level 3" "${all_opt3[@]}"
build tuned "our release profile"
build abort "ours + panic=abort" CARGO_PROFILE_RELEASE_PANIC=abort
