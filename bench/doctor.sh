#!/usr/bin/env bash
# `virtctl doctor --all` against a simulated OpenShift Virtualization cluster with 1,000 running
# VMs (VMS=10000 for 10,000): wall time (hyperfine if present, else 10 timed runs), API requests
# per run (the simulator's request log), CPU time and peak RSS (GNU time). Release build in
# bench/lib.sh's target dir (CARGO_TARGET_DIR, else /tmp/virtctl-bench-target);
# VIRTCTL_OURS=/path/to/virtctl measures that binary (the simulator from an earlier build).
set -euo pipefail
cd "$(dirname "$0")/.." && . bench/lib.sh
VMS=${VMS:-1000}
bench_build
"$TARGET/release/doctor-scale-sim" "$work/kubeconfig" "$work/requests.jsonl" "$VMS" >"$work/sim.out" &
sims+=($!)
until grep -q ready "$work/sim.out" 2>/dev/null; do sleep 0.2; done
cat "$work/sim.out"
# 10,000 VMs take the simulator longer than doctor's default 60 s bound on a busy machine.
run=("$ours" --kubeconfig "$work/kubeconfig" doctor --all -o json --timeout 10m)
"${run[@]}" >"$work/report.json" || true
before=$(wc -l <"$work/requests.jsonl")
"${run[@]}" >/dev/null || true
after=$(wc -l <"$work/requests.jsonl")
echo "API requests per run: $((after - before))"
python3 - "$work/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print("summary:", r["summary"])
PY
if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 3 --runs 20 -i "${run[*]}"
else
  for i in $(seq 10); do /usr/bin/time -f "%e s" "${run[@]}" >/dev/null 2>>"$work/times" || true; done
  sort -n "$work/times" | awk '{a[NR]=$1} END {print "wall time median of " NR ": " a[int((NR+1)/2)] " s, min " a[1] " s"}'
fi
/usr/bin/time -v "${run[@]}" 2>&1 >/dev/null | grep -E "Maximum resident|Elapsed|User time|System time" || true
