#!/usr/bin/env bash
# Release binaries named as upstream's (virtctl-vVERSION-OS-ARCH, .exe on Windows) and their
# SHA256SUMS, cross-built from one Linux x86_64 machine with rustup's targets and Debian's
# cross linkers.
#
#   packaging/release.sh [OUT_DIR]            (default dist/)
#
# RELEASE_PLATFORMS picks the platforms (default: every one whose linker is installed here);
# RELEASE_SKIP_BUILD=1 packages existing builds only; RELEASE_NICE (default 0) is the builds'
# nice level. CARGO_TARGET_DIR is honoured. What each platform needs on the build machine:
#
#   linux-amd64    nothing more (the host)
#   linux-arm64    rustup target add aarch64-unknown-linux-gnu;  apt-get install gcc-aarch64-linux-gnu libc6-dev-arm64-cross
#   linux-s390x    rustup target add s390x-unknown-linux-gnu;    apt-get install gcc-s390x-linux-gnu libc6-dev-s390x-cross
#   windows-amd64  rustup target add x86_64-pc-windows-gnu;      apt-get install gcc-mingw-w64-x86-64
#   linux-arm64-musl  rustup target add aarch64-unknown-linux-musl; the linux-arm64 gcc (it drives the link, with
#                  rustup's self-contained C runtime and musl, and compiles ring's C, which needs only memcpy and
#                  memset from a libc)
#   linux-amd64-musl  rustup target add x86_64-unknown-linux-musl;  apt-get install musl-tools (musl-gcc compiles
#                  ring's C; the host's gcc drives the link with rustup's self-contained musl)
#   darwin-amd64   rustup target add x86_64-apple-darwin;   pip install ziglang cargo-zigbuild
#   darwin-arm64   rustup target add aarch64-apple-darwin;  the same
#
# The -musl builds are static (no dynamic loader, no glibc version needed), as upstream's Go
# binaries are; upstream publishes no such name, so they keep the suffix.
#
# The darwin builds link against the macOS SDK's system frameworks (Security, CoreFoundation,
# through rustls-platform-verifier), which neither Debian nor zig ships: without an SDK
# (SDKROOT) they are left out, and a macOS runner builds them with plain `cargo build`.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
out=$(realpath -m "${1:-dist}")
target_dir=${CARGO_TARGET_DIR:-$repo/target}
version=v$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n1)

# platform -> rust target, the linker it needs ("" for the host's), how the build is run
declare -A rust_target=(
  [linux-amd64]=x86_64-unknown-linux-gnu
  [linux-arm64]=aarch64-unknown-linux-gnu
  [linux-s390x]=s390x-unknown-linux-gnu
  [windows-amd64]=x86_64-pc-windows-gnu
  [darwin-amd64]=x86_64-apple-darwin
  [darwin-arm64]=aarch64-apple-darwin
  [linux-arm64-musl]=aarch64-unknown-linux-musl
  [linux-amd64-musl]=x86_64-unknown-linux-musl
)
declare -A linker=(
  [linux-amd64]=""
  [linux-arm64]=aarch64-linux-gnu-gcc
  [linux-s390x]=s390x-linux-gnu-gcc
  [windows-amd64]=x86_64-w64-mingw32-gcc
  [darwin-amd64]=zig
  [darwin-arm64]=zig
  [linux-arm64-musl]=aarch64-linux-gnu-gcc
  [linux-amd64-musl]=gcc
)
# The C compiler for ring's C and assembly when it is not the linker: the x86_64 musl build
# compiles them against musl's headers (Debian's musl-tools), not glibc's.
declare -A c_compiler=(
  [linux-amd64-musl]=musl-gcc
)
order=(linux-amd64 linux-arm64 linux-s390x darwin-amd64 darwin-arm64 windows-amd64 linux-arm64-musl linux-amd64-musl)

# Whether this machine can build and link a platform: rustup's standard library for the target
# and the linker.
buildable() {
  local tool=${linker[$1]}
  [ -d "$(rustc --print sysroot)/lib/rustlib/${rust_target[$1]}" ] || return 1
  case $tool in
    "") return 0 ;;
    zig) command -v cargo-zigbuild >/dev/null && [ -n "${SDKROOT:-}" ] ;;
    *) command -v "$tool" >/dev/null && command -v "${c_compiler[$1]:-$tool}" >/dev/null ;;
  esac
}

default_platforms() {
  local platform
  for platform in "${order[@]}"; do
    if buildable "$platform"; then echo "$platform"; else echo "release: skipping $platform: its rust target (${rust_target[$platform]}) or linker (${linker[$platform]}) is not installed" >&2; fi
  done
}

build() { # platform
  local platform=$1 target=${rust_target[$1]} tool=${linker[$1]}
  local env_name
  env_name=CARGO_TARGET_$(tr 'a-z-' 'A-Z_' <<<"$target")_LINKER
  local cargo=(cargo build)
  case $tool in
    "") ;;
    zig) cargo=(cargo zigbuild) ;;
    *) export "$env_name=$tool" ;;
  esac
  # ring's C and assembly are compiled with the target's gcc too.
  local cc=${c_compiler[$platform]:-$tool}
  [[ $cc != "" && $cc != zig ]] && export "CC_${target//-/_}=$cc"
  echo "== release: $platform ($target)"
  nice -n "${RELEASE_NICE:-0}" "${cargo[@]}" --release --locked -p virtctl --bin virtctl --target "$target"
}

artifact() { # platform -> the built binary's path and its upstream name
  local platform=$1 target=${rust_target[$1]} exe=""
  [[ $platform == windows-* ]] && exe=.exe
  echo "$target_dir/$target/release/virtctl$exe virtctl-$version-$platform$exe"
}

if [ -n "${RELEASE_PLATFORMS:-}" ]; then
  read -r -a platforms <<<"$RELEASE_PLATFORMS"
else
  mapfile -t platforms < <(default_platforms)
fi
for platform in "${platforms[@]}"; do
  [ -n "${rust_target[$platform]:-}" ] || { echo "release: unknown platform $platform (one of: ${order[*]})" >&2; exit 2; }
done

mkdir -p "$out"
rm -f "$out"/virtctl-* "$out/SHA256SUMS"
for platform in "${platforms[@]}"; do
  [ "${RELEASE_SKIP_BUILD:-0}" = 1 ] || build "$platform"
  read -r binary name < <(artifact "$platform")
  [ -f "$binary" ] || { echo "release: $binary is not built" >&2; exit 1; }
  cp "$binary" "$out/$name"
done
(cd "$out" && sha256sum virtctl-* >SHA256SUMS && sha256sum --check --quiet SHA256SUMS)
echo "== release: $out"
(cd "$out" && ls -l virtctl-* SHA256SUMS | awk '{printf "%12d  %s\n", $5, $9}')
