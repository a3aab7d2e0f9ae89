#!/usr/bin/env bash
# The cross step a release runs (not CI: README, "CI and releases"): the release build for
# linux-arm64, windows-amd64 and the static linux-arm64-musl and linux-amd64-musl
# (packaging/release.sh), the Linux binaries run under qemu-user or natively against the simulator
# (packaging/cross-run.sh, which also checks the -musl ones static), and a
# type-check (`cargo check --target`) of the platforms CI does not link: linux-s390x and the two
# darwin targets, which cannot link on Linux (README, "Other platforms").
#
#   packaging/cross-ci.sh [OUT_DIR]            (default target/cross-ci)
#
# Installs what it needs when it is missing (rustup targets; Debian's cross gcc, cross libc and
# qemu-user, as root; zig and cargo-zigbuild from PyPI for the darwin type-check) and fails
# loudly on the first error.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
target_dir=${CARGO_TARGET_DIR:-$repo/target}
out=$(realpath -m "${1:-$target_dir/cross-ci}")

built_targets=(aarch64-unknown-linux-gnu x86_64-pc-windows-gnu aarch64-unknown-linux-musl x86_64-unknown-linux-musl)
checked_targets=(s390x-unknown-linux-gnu aarch64-apple-darwin x86_64-apple-darwin)
packages=(gcc-aarch64-linux-gnu libc6-dev-arm64-cross gcc-mingw-w64-x86-64 gcc-s390x-linux-gnu libc6-dev-s390x-cross
  musl-tools qemu-user curl file)

echo "== cross: toolchains"
installed=$(rustup target list --installed)
for target in "${built_targets[@]}" "${checked_targets[@]}"; do
  grep -qx "$target" <<<"$installed" || rustup target add "$target"
done
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "== cross: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if ! command -v cargo-zigbuild >/dev/null; then
  echo "== cross: installing ziglang and cargo-zigbuild (PyPI)"
  python3 -m pip install --quiet ziglang cargo-zigbuild
fi

echo "== cross: release builds (linux-arm64, windows-amd64, linux-arm64-musl, linux-amd64-musl)"
RELEASE_PLATFORMS="linux-arm64 windows-amd64 linux-arm64-musl linux-amd64-musl" packaging/release.sh "$out"

echo "== cross: the Linux builds under qemu-user or native"
packaging/cross-run.sh "$out"

# `cargo check` still compiles ring's C and assembly for the target: s390x's with Debian's cross
# gcc, the darwin targets' with zig's clang (cargo-zigbuild), which has the macOS C headers. The
# darwin link is what cannot be done here (README, "Other platforms").
for target in "${checked_targets[@]}"; do
  echo "== cross: cargo check --target $target"
  case $target in
    s390x-*)
      CC_s390x_unknown_linux_gnu=s390x-linux-gnu-gcc cargo check --locked -p virtctl --bin virtctl --target "$target" ;;
    *-apple-darwin)
      cargo-zigbuild check --locked -p virtctl --bin virtctl --target "$target" ;;
  esac
done
echo "== cross: done"
