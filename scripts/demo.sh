#!/usr/bin/env bash
# Starts the KubeVirt simulator, runs a few virtctl commands against its `demo` namespace, and
# stops it again. Usage: scripts/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --quiet --bin virtctl -p virtctl -p kubevirt-sim
work=$(mktemp -d)
trap 'kill "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true; rm -rf "$work"' EXIT

./target/debug/kubevirt-sim --write-kubeconfig "$work/kubeconfig" --phase-step-ms 200 >"$work/sim.out" 2>&1 &
sim_pid=$!
for _ in $(seq 100); do [ -s "$work/kubeconfig" ] && break; sleep 0.1; done
[ -s "$work/kubeconfig" ] || { echo "the simulator did not start:"; cat "$work/sim.out"; exit 1; }
export KUBECONFIG="$work/kubeconfig"

run() { echo "\$ virtctl $*"; ./target/debug/virtctl "$@"; echo; }
run version
run start rhel-stopped --wait
run pause vm rhel-stopped --wait
run unpause vm rhel-stopped --wait
run migrate fedora-running --wait
run guestosinfo fedora-running
run stop rhel-stopped --wait
echo "\$ virtctl start no-such-vm   (fails, as it should)"
./target/debug/virtctl start no-such-vm || true
