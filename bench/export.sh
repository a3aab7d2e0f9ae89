#!/usr/bin/env bash
# vmexport download throughput, CPU and peak RSS against the simulator's export server (release
# builds), ours and (with VIRTCTL_UPSTREAM=/path/to/virtctl) upstream's in the same run.
#
#   [VIRTCTL_UPSTREAM=/path/to/virtctl] bench/export.sh
#
# The volume: a SIZE_GIB (default 4) sparse file in which the first 4 MiB of every 64 MiB are
# random bytes (1/16 of the volume, incompressible) and the rest is zeros (holes), uploaded once
# with `image-upload` so the simulator holds it as the PVC's contents. One export serves it; the
# simulator gzips it once (cached) on the first gzip request, which is made before timing starts.
# Three downloads, ROUNDS times each (median printed):
#   gzip          `vmexport download` default: the `disk.img.gz` link written as it comes
#   raw           `--format raw`: ours takes the raw `disk.img` link (upstream does not: it
#                 inflates the gzip link, so its `raw` row is the same path as `raw-from-gzip`)
#   raw-from-gzip `--format raw` against a second simulator started with KUBEVIRT_SIM_EXPORT_NO_RAW=1
#                 (volumes offer only the gzip link), so the client inflates
# VIRTCTL_OURS=/path/to/virtctl measures that binary without building (bench/lib.sh).
# Throughput is output bytes over the command's wall time (the export already exists, so that is
# the download plus a few API requests), and output bytes per second of the client's CPU time
# (user+sys), the figure that does not depend on how busy the machine and the simulator are.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
ROUNDS=${ROUNDS:-3}
SIZE_GIB=${SIZE_GIB:-4}
bench_build
bench_header

image="$work/volume.img"
python3 - "$image" "$SIZE_GIB" <<'PY'
import os, sys
path, gib = sys.argv[1], int(sys.argv[2])
with open(path, "wb") as f:
    f.truncate(gib << 30)
    for at in range(0, gib << 30, 64 << 20):
        f.seek(at)
        f.write(os.urandom(4 << 20))
PY
size=$(stat -c %s "$image")

# A simulator holding the volume as PVC `vol` of namespace demo, with export `exp` ready.
start_volume_sim() {
  local dir=$1
  start_sim "$dir"
  KUBECONFIG="$dir/kubeconfig" "$ours" image-upload pvc vol --size=$((SIZE_GIB * 2))Gi --image-path="$image" \
    --insecure >/dev/null 2>&1
  KUBECONFIG="$dir/kubeconfig" "$ours" vmexport create exp --pvc=vol >/dev/null
  # The first gzip request makes the simulator's compressed copy; not timed.
  KUBECONFIG="$dir/kubeconfig" "$ours" vmexport download exp --output="$dir/warm.gz" >/dev/null 2>&1
  rm -f "$dir/warm.gz"
}
start_volume_sim "$work/both"
KUBEVIRT_SIM_EXPORT_NO_RAW=1 start_volume_sim "$work/gzonly"
rm -f "$image"

samples="$work/samples"
: >"$samples"
# download CLIENT MODE KUBECONFIG_DIR ARGS...: one timed download, its output removed after.
download() {
  local client=$1 mode=$2 dir=$3
  shift 3
  local out="$work/out"
  KUBECONFIG="$dir/kubeconfig" /usr/bin/time -o "$work/time" -f '%e %U %S %M' "$(binary "$client")" \
    vmexport download exp --volume=vol --output="$out" "$@" >/dev/null 2>"$work/dl.err" ||
    { cat "$work/dl.err" "$work/time"; exit 1; }
  local bytes
  bytes=$(stat -c %s "$out")
  rm -f "$out"
  awk -v c="$client" -v m="$mode" -v b="$bytes" '{ printf "%s %s %s %.2f %.2f %d\n", m, c, b, $1, $2 + $3, $4 }' "$work/time" >>"$samples"
}

for _ in $(seq "$ROUNDS"); do
  for client in "${clients[@]}"; do
    download "$client" gzip "$work/both"
    download "$client" raw "$work/both" --format=raw
    download "$client" raw-from-gzip "$work/gzonly" --format=raw
  done
done

python3 - "$samples" "$size" <<'PY'
import statistics, sys
from collections import defaultdict
path, volume = sys.argv[1], int(sys.argv[2])
rows = defaultdict(list)
for line in open(path):
    mode, client, out_bytes, wall, cpu, rss = line.split()
    rows[mode, client].append((int(out_bytes), float(wall), float(cpu), int(rss)))
print(f"volume {volume / 2**30:.0f} GiB (1/16 random, rest zeros); median of rounds")
print(f"{'download':15} {'client':9} {'output MiB':>10} {'wall s':>8} {'MB/s out':>9} {'CPU s':>7} {'MB out/CPU s':>12} {'peak RSS MiB':>12}")
for (mode, client), rs in rows.items():
    out = rs[0][0]
    wall = statistics.median(r[1] for r in rs)
    cpu = statistics.median(r[2] for r in rs)
    rss = max(r[3] for r in rs) / 1024
    print(f"{mode:15} {client:9} {out / 2**20:10.0f} {wall:8.2f} {out / wall / 1e6:9.0f} {cpu:7.2f} {out / cpu / 1e6:12.0f} {rss:12.1f}")
PY
