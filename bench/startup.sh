#!/usr/bin/env bash
# Start-up time, peak memory and binary size of `virtctl version --client`, next to
# `/bin/true` and `kubectl version --client` measured in the same run. Needs hyperfine, GNU time, perf and valgrind
# (apt-get install hyperfine time linux-perf valgrind). Usage: bench/startup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
target=${BENCH_TARGET_DIR:-/tmp/virtctl-bench-target}
cargo build --quiet --release -p virtctl --bin virtctl --target-dir "$target"
virtctl="$target/release/virtctl"

echo "## binary"
echo "stripped release binary: $(stat -c %s "$virtctl") bytes"

echo "## wall time"
hyperfine -N --warmup 20 --runs 300 --export-json "$target/startup.json" \
  "/bin/true" "$virtctl version --client" "$virtctl --help" "kubectl version --client"
python3 - "$target/startup.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"median {r['median'] * 1000:6.2f} ms  min {r['min'] * 1000:6.2f} ms  {r['command']}")
PY

echo "## task-clock (ROUNDS rounds of perf stat -r 200, commands alternating), page faults, instructions"
# VIRTCTL_BASELINE=/path/to/an/older/virtctl is measured beside it in the same rounds.
cmds=("/bin/true" "$virtctl version --client" "$virtctl --help")
if [ -n "${VIRTCTL_BASELINE:-}" ]; then
  cmds+=("$VIRTCTL_BASELINE version --client" "$VIRTCTL_BASELINE --help")
fi
rounds_file=$(mktemp)
for _ in $(seq "${ROUNDS:-10}"); do
  for i in "${!cmds[@]}"; do
    perf stat -x, -e task-clock,page-faults -r 200 ${cmds[$i]} 2>&1 >/dev/null |
      awk -F, -v i="$i" '$3=="task-clock"{t=$1} $3=="page-faults"{p=$1} END{print i, t, p}' >>"$rounds_file"
  done
done
for i in "${!cmds[@]}"; do
  instructions=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null ${cmds[$i]} 2>&1 >/dev/null | sed -n 's/.*Collected : //p')
  awk -v i="$i" '$1==i{print $2, $3}' "$rounds_file" | sort -n |
    awk -v c="${cmds[$i]}" -v n="$instructions" '{t[NR]=$1; p=$2} END{printf "%s: task-clock median %.3f ms, min %.3f ms; %d page faults; %s instructions\n", c, t[int((NR+1)/2)], t[1], p, n}'
done
rm -f "$rounds_file"

echo "## peak RSS (median of 11 runs, KiB)"
for cmd in "$virtctl version --client" "kubectl version --client"; do
  for _ in $(seq 11); do
    /usr/bin/time -f %M $cmd 2>&1 >/dev/null | tail -1
  done | sort -n | sed -n 6p | sed "s|^|$cmd: |"
done
