#!/usr/bin/env bash
# Starts the KubeVirt simulator (a healthy OpenShift Virtualization install with a `demo`
# namespace), runs virtctl's main jobs against it, and stops it again. Fails on the first command
# that fails. Usage: scripts/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --quiet -p virtctl --bin virtctl -p kubevirt-sim --bin kubevirt-sim
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

# A small generated disk image, uploaded into a new DataVolume (progress lines without a terminal).
# The install's default virtualization class binds on first consumer, so the claim is bound for
# the upload explicitly, as on a real cluster with such a class.
head -c 8388608 /dev/urandom >"$work/disk.img"
run image-upload dv demo-disk --size=64Mi --force-bind --image-path="$work/disk.img"

# Manifests generated locally, as upstream prints them (nothing is sent).
run create instancetype --cpu 2 --memory 4Gi --name demo-small

# The alert runbooks as diagnostics: a healthy cluster, so no warning or critical finding.
run doctor

echo "\$ virtctl start no-such-vm   (fails, as it should)"
if ./target/debug/virtctl start no-such-vm; then
  echo "demo: starting a VM that does not exist succeeded" >&2
  exit 1
fi
