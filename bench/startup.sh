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

echo "## task-clock and instructions (steadier than wall time on a busy machine)"
for cmd in "/bin/true" "$virtctl version --client" "$virtctl --help"; do
  clock=$(perf stat -x, -e task-clock -r 200 $cmd 2>&1 >/dev/null | cut -d, -f1)
  instructions=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null $cmd 2>&1 >/dev/null | sed -n 's/.*Collected : //p')
  echo "$cmd: task-clock ${clock} ms, ${instructions} instructions"
done

echo "## peak RSS (median of 11 runs, KiB)"
for cmd in "$virtctl version --client" "kubectl version --client"; do
  for _ in $(seq 11); do
    /usr/bin/time -f %M $cmd 2>&1 >/dev/null | tail -1
  done | sort -n | sed -n 6p | sed "s|^|$cmd: |"
done
