#!/usr/bin/env bash
# CI's cross step: the release build for linux-arm64 and windows-amd64 (packaging/release.sh),
# the arm64 binary run under qemu-user against the simulator (packaging/cross-run.sh), and a
# type-check (`cargo check --target`) of the platforms CI does not link: linux-s390x and the two
# darwin targets, which cannot link on Linux (README, "Other platforms").
#
#   packaging/cross-ci.sh [OUT_DIR]            (default target/cross-ci)
#
# Installs what it needs when it is missing (rustup targets; Debian's cross gcc, cross libc and
# qemu-user, as root) and fails loudly on the first error.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
target_dir=${CARGO_TARGET_DIR:-$repo/target}
out=$(realpath -m "${1:-$target_dir/cross-ci}")

built_targets=(aarch64-unknown-linux-gnu x86_64-pc-windows-gnu)
checked_targets=(s390x-unknown-linux-gnu aarch64-apple-darwin x86_64-apple-darwin)
packages=(gcc-aarch64-linux-gnu libc6-dev-arm64-cross gcc-mingw-w64-x86-64 gcc-s390x-linux-gnu libc6-dev-s390x-cross
  qemu-user curl file)

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

echo "== cross: release builds (linux-arm64, windows-amd64)"
RELEASE_PLATFORMS="linux-arm64 windows-amd64" packaging/release.sh "$out"

echo "== cross: the arm64 build under qemu-user"
packaging/cross-run.sh "$out"

# ring's C is compiled for the target even by `cargo check`: s390x with Debian's cross gcc; the
# darwin targets with the host's gcc, which only has to parse it (nothing is assembled or linked).
for target in "${checked_targets[@]}"; do
  echo "== cross: cargo check --target $target"
  env_target=${target//-/_}
  case $target in
    s390x-*) export "CC_$env_target=s390x-linux-gnu-gcc" ;;
  esac
  cargo check --locked -p virtctl --bin virtctl --target "$target"
done
echo "== cross: done"
