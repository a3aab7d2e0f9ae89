#!/usr/bin/env bash
# Ours against upstream's virtctl, side by side in one run against one simulator (release builds).
#
#   VIRTCTL_UPSTREAM=/path/to/virtctl bench/compare.sh
#
# Measures, each for both binaries in the same run, alternating ROUNDS times (median printed):
#   upload     `image-upload pvc` of an UPLOAD_MIB sparse file (default 1024): client CPU
#              (user+sys) and minor page faults of the whole command (GNU time)
#   pfwd       `port-forward vm/fedora-running PORT:7`: PFWD_MIB (default 1024) pushed through the
#              guest's TCP echo and read back; CPU (user+sys) of the port-forward process, read
#              from /proc before it is stopped
#   startup    `version --client`, task-clock and wall time over 200 runs (perf stat), with
#              /bin/true as the floor
# Both clients talk to the same upload proxy with `--insecure` (upstream trusts only the system
# roots there). Without VIRTCTL_UPSTREAM only ours runs, and the script says so;
# VIRTCTL_OURS=/path/to/virtctl measures that binary (e.g. another commit's) without building
# (bench/lib.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
ROUNDS=${ROUNDS:-3}
UPLOAD_MIB=${UPLOAD_MIB:-1024}
PFWD_MIB=${PFWD_MIB:-1024}
bench_build
start_sim "$work/sim"
export KUBECONFIG="$work/sim/kubeconfig"
bench_header

# One line per sample: MEASURE CLIENT VALUE...
samples="$work/samples"
: >"$samples"

measure_upload() {
  local client=$1 round=$2 image=$3
  /usr/bin/time -o "$work/time" -f '%U %S %R %M %e' "$(binary "$client")" image-upload pvc "up-$client-$round" \
    --size=$((UPLOAD_MIB * 2))Mi --image-path="$image" --insecure >/dev/null 2>"$work/upload.err" ||
    { cat "$work/upload.err" "$work/time"; exit 1; }
  # user+sys seconds, minor faults, peak RSS KiB, wall seconds, user, sys
  awk -v c="$client" '{ printf "upload %s %.3f %d %d %.2f %.2f %.2f\n", c, $1 + $2, $3, $4, $5, $1, $2 }' "$work/time" >>"$samples"
}

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

measure_pfwd() {
  local client=$1 port pid
  port=$(free_port)
  "$(binary "$client")" port-forward vm/fedora-running "$port:7" >/dev/null 2>"$work/pf.err" &
  pid=$!
  python3 - "$port" "$PFWD_MIB" <<'PY' || { kill "$pid"; cat "$work/pf.err"; exit 1; }
import os, socket, sys, threading, time
port, mib = int(sys.argv[1]), int(sys.argv[2])
for _ in range(200):
    try:
        s = socket.create_connection(("127.0.0.1", port)); break
    except OSError:
        time.sleep(0.05)
else:
    raise SystemExit("port-forward did not listen")
block = os.urandom(1 << 20)
threading.Thread(target=lambda: [s.sendall(block) for _ in range(mib)]).start()
buf, got = bytearray(1 << 20), 0
while got < mib << 20:
    n = s.recv_into(buf)
    if n == 0:
        raise SystemExit(f"echo closed after {got} bytes")
    got += n
s.close()
PY
  local ticks
  ticks=$(getconf CLK_TCK)
  awk -v t="$ticks" -v c="$client" '{ printf "pfwd %s %.3f\n", c, ($14 + $15) / t }' "/proc/$pid/stat" >>"$samples"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
}

measure_startup() {
  local name=$1
  shift
  # task-clock in ms, wall time in ms (mean of 200 runs)
  perf stat -x, -r 200 -e task-clock "$@" 2>"$work/stat" >/dev/null
  awk -F, -v c="$name" '/task-clock/ { printf "startup %s %.3f\n", c, $1 }' "$work/stat" >>"$samples"
}

image="$work/image.raw"
truncate -s "${UPLOAD_MIB}M" "$image"
# Reading a hole the first time fills the page cache with zero pages (kernel CPU charged to the
# reader): do it once here so that no client pays it.
cat "$image" >/dev/null
for round in $(seq "$ROUNDS"); do
  # Who goes first alternates, so neither always runs right after the other's load.
  order=("${clients[@]}")
  if [ $((round % 2)) = 0 ]; then order=($(printf '%s\n' "${clients[@]}" | tac)); fi
  for client in "${order[@]}"; do
    measure_upload "$client" "$round" "$image"
    measure_pfwd "$client"
    measure_startup "$client" "$(binary "$client")" version --client
  done
  measure_startup true /bin/true
done

python3 - "$samples" "$UPLOAD_MIB" "$PFWD_MIB" "${#clients[@]}" <<'PY'
import statistics, sys
from collections import defaultdict
path, upload_mib, pfwd_mib, clients = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rows = defaultdict(list)
for line in open(path):
    measure, client, *values = line.split()
    rows[measure, client].append([float(v) for v in values])
def med(measure, client, i=0):
    vs = [r[i] for r in rows.get((measure, client), [])]
    return statistics.median(vs) if vs else None
def span(measure, client, i=0):
    vs = [r[i] for r in rows.get((measure, client), [])]
    return f"{min(vs):g}-{max(vs):g}" if vs else ""
lines = [
    (f"upload {upload_mib} MiB: CPU s (user+sys)", "upload", 0, "{:.2f}"),
    (f"upload {upload_mib} MiB: user s", "upload", 4, "{:.2f}"),
    (f"upload {upload_mib} MiB: sys s", "upload", 5, "{:.2f}"),
    (f"upload {upload_mib} MiB: minor faults", "upload", 1, "{:.0f}"),
    (f"upload {upload_mib} MiB: peak RSS KiB", "upload", 2, "{:.0f}"),
    (f"upload {upload_mib} MiB: wall s", "upload", 3, "{:.2f}"),
    (f"port-forward {pfwd_mib} MiB each way: CPU s", "pfwd", 0, "{:.2f}"),
    ("version --client: task-clock ms (200 runs)", "startup", 0, "{:.2f}"),
]
print(f"\n{'measure (median of rounds; range)':48} {'ours':>18} {'upstream':>18} {'ours/upstream':>14}")
for label, measure, i, fmt in lines:
    o, u = med(measure, "ours", i), med(measure, "upstream", i)
    ours = f"{fmt.format(o)} ({span(measure, 'ours', i)})"
    up = f"{fmt.format(u)} ({span(measure, 'upstream', i)})" if u is not None else "-"
    ratio = f"{o / u:.2f}" if u else "-"
    print(f"{label:48} {ours:>18} {up:>18} {ratio:>14}")
t = med("startup", "true")
print(f"{'/bin/true: task-clock ms (200 runs)':48} {t:>18.2f}")
PY
