#!/usr/bin/env bash
# scp throughput and peak memory against the simulator's demo VM (guest SSH on port 22).
#
#   bench/scp.sh [SIZE_MIB] [debug|release]      (defaults: 1024, debug)
#
# A SIZE_MIB random file is copied to the guest and from the guest (each copy deleted right after,
# so the run needs twice SIZE_MIB of disk), by:
#   native   virtctl scp --local-ssh=false   (built-in russh client, scp protocol to the guest's scp -t/-f)
#   openssh  virtctl scp                     (local OpenSSH scp over SFTP, ProxyCommand virtctl port-forward --stdio)
# Each copy's wall time and peak RSS (of virtctl and everything it started: wait4's ru_maxrss)
# are printed; byte-exact copies are what tests/e2e/scp.rs checks (SHA-256 of 64 MiB). The simulator (the guest's SSH server
# and the virt-api relay) runs on the same 2 cores, built in the same profile, so its cost is in
# every figure: compare the two modes with each other, not with a real cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MIB="${1:-1024}"
PROFILE="${2:-debug}"
TARGET="${CARGO_TARGET_DIR:-/tmp/virtctl-bench-target}"
FLAGS=()
[ "$PROFILE" = release ] && FLAGS=(--release)
cargo build "${FLAGS[@]}" --quiet --target-dir "$TARGET" --bin virtctl -p virtctl
cargo build "${FLAGS[@]}" --quiet --target-dir "$TARGET" --bin kubevirt-sim -p kubevirt-sim
BIN="$TARGET/$PROFILE"
WORK="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
mkdir "$WORK/guest" "$WORK/home"
KUBEVIRT_SIM_SSH_SANDBOX="$WORK/guest" "$BIN/kubevirt-sim" --write-kubeconfig "$WORK/kubeconfig" \
  --phase-step-ms 20 > "$WORK/sim.out" &
for _ in $(seq 100); do [ -s "$WORK/kubeconfig" ] && break; sleep 0.1; done
export KUBECONFIG="$WORK/kubeconfig"

python3 - "$BIN/virtctl" "$WORK" "$SIZE_MIB" <<'PY'
import os, subprocess, sys, time
virtctl, work, size_mib = sys.argv[1], sys.argv[2], int(sys.argv[3])
# The demo guest's client key and host key (tests/kubevirt-sim/src/guest_services.rs).
src = open("tests/kubevirt-sim/src/guest_services.rs").read()
key = src.split('TEST_CLIENT_KEY: &str = "', 1)[1].split('";', 1)[0]
with open(f"{work}/id_demo", "w") as f:
    f.write(key)
os.chmod(f"{work}/id_demo", 0o600)
host = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEdfS1UAk+BItamOhIIfSkK5efew44oqdGxiZcP8KhC5"
with open(f"{work}/known_hosts", "w") as f:
    f.write(f"vm.fedora-running.demo {host}\nvm/fedora-running.demo {host}\n")

# The guest's file system is this machine's: the file the guest sends is the same one.
local = f"{work}/data.bin"
with open(local, "wb") as f:
    for _ in range(size_mib):
        f.write(os.urandom(1 << 20))

def run(args):
    """Runs virtctl; (seconds, peak RSS in MiB of it and its descendants)."""
    env = dict(os.environ, HOME=f"{work}/home", USER="fedora")
    start = time.perf_counter()
    p = subprocess.Popen([virtctl] + args, env=env, cwd=work)
    _, status, usage = os.wait4(p.pid, 0)
    took = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"virtctl {' '.join(args)} failed: {status}")
    return took, usage.ru_maxrss / 1024

modes = {
    "native": ["scp", "--local-ssh=false", "-i", f"{work}/id_demo", "--known-hosts", f"{work}/known_hosts"],
    "openssh": ["scp", "-i", f"{work}/id_demo", "-t", f"-oUserKnownHostsFile={work}/known_hosts",
                "-t", "-oStrictHostKeyChecking=yes", "-t", "-oBatchMode=yes"],
}
for mode, base in modes.items():
    remote, back = f"{work}/guest/{mode}.bin", f"{work}/{mode}-back.bin"
    up = run(base + ["data.bin", f"vm/fedora-running:{remote}"])
    assert os.path.getsize(remote) == size_mib << 20, f"{mode}: the guest's copy is incomplete"
    os.remove(remote)
    down = run(base + [f"vm/fedora-running:{local}", back])
    assert os.path.getsize(back) == size_mib << 20, f"{mode}: the copy back is incomplete"
    os.remove(back)
    for what, (took, rss) in (("to the guest", up), ("from the guest", down)):
        print(f"scp {mode:7} {what:14}: {size_mib} MiB in {took:6.2f} s = {size_mib / took:6.1f} MiB/s, peak RSS {rss:6.1f} MiB", flush=True)
PY
