#!/usr/bin/env bash
# Latency of completion that knows the cluster: what one TAB costs (`COMPLETE=bash virtctl -- ...`,
# exactly what the registered bash function runs) against the simulator's demo namespace, next to
# `virtctl version --client` (process start), completing a command name (no cluster), and
# kubectl's own dynamic completion of the same list (`kubectl __complete get vm ""`) in the same
# run. Then the cost of a server that accepts and never answers (the 1 s deadline).
# Needs hyperfine and python3. Usage: bench/completion.sh
set -euo pipefail
cd "$(dirname "$0")/.."
target=${BENCH_TARGET_DIR:-/tmp/virtctl-bench-target}
cargo build --quiet --release -p virtctl --bin virtctl -p kubevirt-sim --bin kubevirt-sim --target-dir "$target"
virtctl="$target/release/virtctl"

work=$(mktemp -d)
trap 'kill "$sim" "$staller" 2>/dev/null || true; rm -rf "$work"' EXIT
"$target/release/kubevirt-sim" --write-kubeconfig "$work/kubeconfig" >"$work/sim.out" &
sim=$!
until [[ -s "$work/kubeconfig" ]]; do sleep 0.1; done
export KUBECONFIG="$work/kubeconfig" HOME="$work"

# A server that accepts connections and never answers.
python3 -c '
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(64)
print(s.getsockname()[1], flush=True); time.sleep(3600)' >"$work/staller.port" &
staller=$!
until [[ -s "$work/staller.port" ]]; do sleep 0.1; done
cat >"$work/stalled" <<EOF
apiVersion: v1
kind: Config
current-context: c
clusters: [{name: c, cluster: {server: "https://127.0.0.1:$(cat "$work/staller.port")", insecure-skip-tls-verify: true}}]
users: [{name: u, user: {token: t}}]
contexts: [{name: c, context: {cluster: c, user: u}}]
EOF

complete="env COMPLETE=bash _CLAP_IFS=, _CLAP_COMPLETE_INDEX"
echo "## what one TAB offers"
echo "start <TAB>: $(env COMPLETE=bash _CLAP_IFS=' ' _CLAP_COMPLETE_INDEX=2 "$virtctl" -- virtctl start '')"
echo "-n <TAB>:    $(env COMPLETE=bash _CLAP_IFS=' ' _CLAP_COMPLETE_INDEX=2 "$virtctl" -- virtctl -n '')"

echo "## wall time"
kubectl __complete get vm "" >/dev/null 2>&1 || true # fills kubectl's discovery cache
hyperfine -N --warmup 10 --runs 200 --export-json "$work/completion.json" \
  "$virtctl version --client" \
  "$complete=1 $virtctl -- virtctl st" \
  "$complete=2 $virtctl -- virtctl start ''" \
  "$complete=2 $virtctl -- virtctl -n ''" \
  "kubectl __complete get vm ''"
hyperfine -N --runs 5 --export-json "$work/stalled.json" \
  "$complete=4 $virtctl -- virtctl --kubeconfig $work/stalled start ''"
python3 - "$work/completion.json" "$work/stalled.json" <<'PY'
import json, sys
for path in sys.argv[1:]:
    for r in json.load(open(path))["results"]:
        command = r["command"].replace("env COMPLETE=bash _CLAP_IFS=, ", "")
        print(f"median {r['median'] * 1000:7.2f} ms  min {r['min'] * 1000:7.2f} ms  {command}")
PY
