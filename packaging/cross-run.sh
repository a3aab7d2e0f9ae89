#!/usr/bin/env bash
# Runs the cross-built release binaries of packaging/release.sh on this Linux x86_64 machine:
# linux-arm64 (glibc and static musl) and linux-s390x under qemu-user, linux-amd64-musl natively,
# windows-amd64 under wine, each against the simulator (native,
# `demo` namespace): `version --client`, `--help`, then `start --wait` and `stop --wait` of a VM,
# checked in the simulator's state after each. With E2E=1 it also runs a subset of the
# end-to-end tests (E2E_TESTS, cargo test filters) with each Linux binary, under qemu-user or
# native (VIRTCTL_BIN, tests/e2e/support.rs).
#
#   packaging/cross-run.sh [DIST_DIR]        (default dist/)
#
# Needs: qemu-user, with libc6-arm64-cross for linux-arm64 and libc6-s390x-cross for linux-s390x,
# wine64 for Windows (Debian's).
# A platform whose artifact or runner is missing is reported and skipped; the exit status is
# non-zero when a run that could be made failed.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
dist=$(realpath "${1:-dist}")
target_dir=${CARGO_TARGET_DIR:-$repo/target}
work=$(mktemp -d /tmp/virtctl-cross-XXXXXX)
sim_pid=""
cleanup() {
  [ -z "$sim_pid" ] || { kill "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true; }
  rm -rf "$work"
}
trap cleanup EXIT
failures=0

cargo build --quiet --locked -p kubevirt-sim --bin kubevirt-sim

start_sim() {
  "$target_dir/debug/kubevirt-sim" --write-kubeconfig "$work/kubeconfig" --phase-step-ms 200 >"$work/sim.out" 2>&1 &
  sim_pid=$!
  for _ in $(seq 100); do [ -s "$work/kubeconfig" ] && return; sleep 0.1; done
  echo "the simulator did not start:" >&2
  cat "$work/sim.out" >&2
  exit 1
}

# The VM's printableStatus, read from the simulator's API with curl (the CA verified; the
# token in a header file, never in an argv).
vm_status() {
  local server
  server=$(sed -n 's/^ *server: *//p' "$work/kubeconfig" | head -n1)
  sed -n 's/^ *certificate-authority-data: *//p' "$work/kubeconfig" | head -n1 | base64 -d >"$work/ca.crt"
  printf 'Authorization: Bearer %s\n' "$(sed -n 's/^ *token: *//p' "$work/kubeconfig" | head -n1)" >"$work/auth"
  curl -s --cacert "$work/ca.crt" -H @"$work/auth" "$server/apis/kubevirt.io/v1/namespaces/demo/virtualmachines/$1" |
    sed -n 's/.*"printableStatus":"\([A-Za-z]*\)".*/\1/p'
}

# One command through a runner; prints it and its output, counts a failure.
run() { # label, expected VM status or "", command...
  local label=$1 expect=$2
  shift 2
  echo "\$ $label virtctl ${*:2}"
  local started=$SECONDS
  if "$@" >"$work/out" 2>&1; then
    head -n 12 "$work/out"
    echo "  -> exit 0 in $((SECONDS - started)) s"
  else
    local code=$?
    head -n 20 "$work/out"
    echo "  -> FAILED: exit $code"
    failures=$((failures + 1))
    return
  fi
  [ -n "$expect" ] || return 0
  # The printableStatus can trail what --wait waited for by a controller step: wait for it (10 s).
  local status=""
  for _ in $(seq 100); do
    status=$(vm_status rhel-stopped)
    [ "$status" = "$expect" ] && break
    sleep 0.1
  done
  echo "  -> simulator: rhel-stopped is $status"
  [ "$status" = "$expect" ] || { echo "  -> FAILED: expected $expect"; failures=$((failures + 1)); }
}

exercise() { # label, then the runner words before the binary's arguments
  local label=$1
  shift
  run "$label" "" "$@" version --client
  run "$label" "" "$@" --help
  run "$label" Running "$@" start rhel-stopped --wait
  run "$label" Stopped "$@" stop rhel-stopped --wait
}

version=v$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n1)
start_sim

# One Linux platform: its artifact, the qemu-user binary that runs it ("" for the host's own
# architecture), the cross libc's root for the dynamic loader ("" for a static build).
run_linux() { # platform, qemu, sysroot
  local platform=$1 qemu=$2 sysroot=$3 binary=$dist/virtctl-$version-$1
  if [ ! -x "$binary" ] || { [ -n "$qemu" ] && ! command -v "$qemu" >/dev/null; }; then
    echo "== $platform: skipped (no $binary${qemu:+ or no $qemu})"
    return
  fi
  local runner=${qemu:-native}
  if [ -n "$qemu" ]; then echo "== $platform under qemu-user ($("$qemu" --version | head -n1))"; else echo "== $platform, native"; fi
  local kind linking
  kind=$(file -b "$binary")
  linking=$(grep -oE '(static-pie|statically|dynamically) linked' <<<"$kind" || true)
  echo "$(cut -d, -f1-2 <<<"$kind"), ${linking:-linking unknown}"
  # A -musl build is the static one: no dynamic loader, no libc on the machine.
  if [[ $platform == *-musl && $linking != static* ]]; then
    echo "  -> FAILED: $platform is not statically linked"
    failures=$((failures + 1))
  fi
  # A wrapper, so that anything that runs "virtctl" (the tests too) runs it under qemu where one
  # is named.
  local wrapper=$work/virtctl-$platform
  if [ -n "$sysroot" ]; then
    printf '#!/bin/sh\nexec %s -L %s %q "$@"\n' "$qemu" "$sysroot" "$binary" >"$wrapper"
  else
    printf '#!/bin/sh\nexec %s %q "$@"\n' "$qemu" "$binary" >"$wrapper"
  fi
  chmod +x "$wrapper"
  exercise "$runner" "$wrapper" --kubeconfig "$work/kubeconfig"
  [ "${E2E:-0}" = 1 ] || return 0
  echo "== $platform: end-to-end tests with VIRTCTL_BIN ($runner)"
  # The exit status of cargo, not of the filter, decides.
  local status=0
  VIRTCTL_BIN=$wrapper cargo test --locked --test e2e -- "${e2e_tests[@]}" >"$work/e2e.out" 2>&1 || status=$?
  grep -E '^test |^test result|^failures:|panicked' "$work/e2e.out" || true
  if [ "$status" != 0 ]; then
    echo "  -> FAILED: cargo test exit $status"
    failures=$((failures + 1))
  fi
}

# The end-to-end subset run with a cross binary: the VM lifecycle, errors, guest agent, console,
# port-forward and image-upload (the websocket framing and the disk-image header sniffing, where a
# byte-order bug would show on s390x). Left out: the upload's RSS bound, which reads
# /proc/PID/status of what is qemu's process here, and the early 401 on a 32 MiB upload, which
# needs the client to read the answer within Go's 500 ms rstAvoidanceDelay (emulated, it may not).
read -r -a e2e_tests <<<"${E2E_TESTS:-lifecycle:: pause:: version:: errors:: migrate:: guest:: port_forward:: console::piped image_upload:: --skip image_upload::a_slow_reader_gets_backpressure_not_buffering --skip image_upload::a_large_upload_refused_early_reports_the_proxys_answer}"

run_linux linux-arm64 qemu-aarch64 /usr/aarch64-linux-gnu
run_linux linux-arm64-musl qemu-aarch64 ""
run_linux linux-s390x qemu-s390x /usr/s390x-linux-gnu
run_linux linux-amd64-musl "" ""

windows=$dist/virtctl-$version-windows-amd64.exe
wine=$(command -v wine64 || command -v wine || ls /usr/lib/wine/wine64 2>/dev/null || true)
if [ -f "$windows" ] && [ -n "$wine" ]; then
  echo "== windows-amd64 under wine ($("$wine" --version 2>/dev/null))"
  file -b "$windows" | cut -d, -f1-2
  export WINEPREFIX=${WINEPREFIX:-$work/wine} WINEDEBUG=-all
  "$wine" wineboot --init >/dev/null 2>&1 || true
  # Wine 8 (Debian 12) has no bcryptprimitives.dll, which Rust's std loads on Windows 10+.
  if [ ! -f "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" ]; then
    x86_64-w64-mingw32-gcc -O2 -shared -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
      packaging/wine/bcryptprimitives.c -ladvapi32
  fi
  # The kubeconfig where kubectl's Windows rule finds it: %USERPROFILE%\.kube\config.
  profile=$WINEPREFIX/drive_c/users/$(id -un)
  mkdir -p "$profile/.kube"
  cp "$work/kubeconfig" "$profile/.kube/config"
  exercise wine "$wine" "$windows"
else
  echo "== windows-amd64: skipped (no $windows or no wine)"
fi

echo "== cross runs: $failures failed"
[ "$failures" = 0 ]
