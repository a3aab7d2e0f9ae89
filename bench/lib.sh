# The prologue the bench scripts share; source it from the repository root:
#
#   cd "$(dirname "$0")/.." && . bench/lib.sh
#
# It sets TARGET (the cargo target dir: CARGO_TARGET_DIR or /tmp/virtctl-bench-target), `ours`
# (VIRTCTL_OURS, a prebuilt binary to measure, else TARGET's release build), `upstream`
# (VIRTCTL_UPSTREAM, may be empty), `clients` (ours, and upstream when set) and `work` (a scratch
# directory). On exit, every simulator started with `start_sim` is stopped and `work` removed
# (a script that starts other background processes stops them itself).

TARGET=${CARGO_TARGET_DIR:-/tmp/virtctl-bench-target}
ours=${VIRTCTL_OURS:-$TARGET/release/virtctl}
upstream=${VIRTCTL_UPSTREAM:-}
clients=(ours)
if [ -n "$upstream" ]; then clients+=(upstream); fi
work=$(mktemp -d "${TMPDIR:-/tmp}/$(basename "$0" .sh)-bench.XXXXXX")
sims=()
bench_cleanup() {
  local pid
  for pid in "${sims[@]}"; do kill "$pid" 2>/dev/null; done
  rm -rf "$work"
}
trap bench_cleanup EXIT

# The binary of a client: `binary ours` or `binary upstream`.
binary() { if [ "$1" = ours ]; then echo "$ours"; else echo "$upstream"; fi; }

# Release builds of virtctl and the simulator, unless VIRTCTL_OURS names the binary to measure
# (the simulator then comes from an earlier build in TARGET).
bench_build() {
  if [ -z "${VIRTCTL_OURS:-}" ]; then
    cargo build --release --locked --quiet --target-dir "$TARGET" -p virtctl --bin virtctl -p kubevirt-sim --bins
  fi
}

# start_sim DIR: a release simulator that writes DIR/kubeconfig (its output to DIR/sim.out);
# returns once it serves. The caller's environment reaches it (KUBEVIRT_SIM_* knobs).
start_sim() {
  local dir=$1
  mkdir -p "$dir"
  "$TARGET/release/kubevirt-sim" --write-kubeconfig "$dir/kubeconfig" --phase-step-ms 20 >"$dir/sim.out" &
  sims+=($!)
  until [ -s "$dir/kubeconfig" ]; do
    kill -0 "${sims[-1]}" 2>/dev/null || { cat "$dir/sim.out"; echo "the simulator exited" >&2; exit 1; }
    sleep 0.1
  done
}

# The line that says what was measured where: binary and commit, CPUs and load (and whether
# upstream's binary is measured too).
bench_header() {
  if [ -z "$upstream" ]; then echo "VIRTCTL_UPSTREAM is not set: measuring ours only"; fi
  echo "ours: $ours ($("$ours" version --client | grep -o 'GitCommit:"[^"]*"')); commit $(git rev-parse --short HEAD); $(nproc) CPUs; load $(cut -d' ' -f1-3 /proc/loadavg)"
}
