#!/usr/bin/env bash
# image-upload throughput and memory against the simulator's upload proxy (release builds,
# bench/lib.sh). For a 4 GiB sparse file, the same run times curl to the same proxy
# endpoint (same TLS, HTTP/1.1, its own PVC and token) and `virtctl image-upload`, alternating,
# ROUNDS times each; then virtctl's peak RSS (GNU time) for the 4 GiB and a 16 GiB sparse file.
# curl 7.88's `--data-binary @file` loads the file into memory and gives up on 4 GiB ("out of
# memory"), so curl streams it with `-T file -X POST` (same request: POST, Content-Length,
# application/octet-stream; `Expect:` off). Files live in a temporary directory removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
ROUNDS=${ROUNDS:-3}
SIZE_GIB=${SIZE_GIB:-4}
BIG_GIB=${BIG_GIB:-16}
bench_build
virtctl=$ours
start_sim "$work/sim"
export KUBECONFIG="$work/sim/kubeconfig"

# API access for the curl side: server, token and CA from the kubeconfig.
read -r server token < <(python3 - "$work" <<'PY'
import base64, re, sys
text = open(sys.argv[1] + "/sim/kubeconfig").read()
ca = re.search(r"certificate-authority-data: (\S+)", text).group(1)
open(sys.argv[1] + "/ca.pem", "wb").write(base64.b64decode(ca))
print(re.search(r"server: (\S+)", text).group(1), re.search(r"token: (\S+)", text).group(1))
PY
)
api() { curl -sS --cacert "$work/ca.pem" -H "Authorization: Bearer $token" -H "Content-Type: application/json" "$@"; }
proxy=$(api "$server/apis/cdi.kubevirt.io/v1beta1/cdiconfigs/config" | jq -r .status.uploadProxyURL)

# A PVC that takes an upload and a token for it, as virtctl would prepare them.
curl_target() {
  local name=$1 size=$2
  api -X POST "$server/api/v1/namespaces/demo/persistentvolumeclaims" -d "{\"apiVersion\":\"v1\",\"kind\":\"PersistentVolumeClaim\",\"metadata\":{\"name\":\"$name\",\"annotations\":{\"cdi.kubevirt.io/storage.upload.target\":\"\",\"cdi.kubevirt.io/storage.contentType\":\"kubevirt\"}},\"spec\":{\"accessModes\":[\"ReadWriteOnce\"],\"resources\":{\"requests\":{\"storage\":\"$size\"}}}}" >/dev/null
  until [ "$(api "$server/api/v1/namespaces/demo/persistentvolumeclaims/$name" | jq -r '.metadata.annotations["cdi.kubevirt.io/storage.pod.ready"]')" = true ]; do sleep 0.1; done
  api -X POST "$server/apis/upload.cdi.kubevirt.io/v1beta1/namespaces/demo/uploadtokenrequests" -d "{\"apiVersion\":\"upload.cdi.kubevirt.io/v1beta1\",\"kind\":\"UploadTokenRequest\",\"spec\":{\"pvcName\":\"$name\"}}" | jq -r .status.token
}

image="$work/image-${SIZE_GIB}g.raw"
truncate -s "${SIZE_GIB}G" "$image"
bytes=$(stat -c %s "$image")
echo "file: ${SIZE_GIB} GiB sparse raw; proxy $proxy; $(nproc) CPUs"
pvc_size="$((SIZE_GIB * 2))Gi"
for round in $(seq "$ROUNDS"); do
  t=$(curl_target "curl-$round" "$pvc_size")
  curl_s=$(curl -sS --http1.1 --cacert "$work/ca.pem" -o /dev/null -w '%{time_total}' \
    -H "Authorization: Bearer $t" -H "Content-Type: application/octet-stream" -H "Expect:" \
    -X POST -T "$image" "$proxy/v1beta1/upload-async")
  out=$("$virtctl" image-upload pvc "virtctl-$round" --size="$pvc_size" --image-path="$image" 2>&1 >/dev/null)
  virtctl_s=$(sed -n 's/^uploaded .* in \([0-9.]*\)s .*/\1/p' <<<"$out")
  python3 - "$bytes" "$curl_s" "$virtctl_s" "$round" <<'PY'
import sys
size, c, v, r = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
mib = size / 2**20
print(f"round {r}: curl {c:.2f}s ({mib/c:.0f} MiB/s)  virtctl {v:.2f}s ({mib/v:.0f} MiB/s)  ratio virtctl/curl {c/v:.2f}")
PY
done

echo "peak RSS (GNU time, whole command incl. API calls and waits):"
/usr/bin/time -f "  virtctl ${SIZE_GIB} GiB: %M KiB, %e s wall" "$virtctl" image-upload dv "rss-${SIZE_GIB}g" --force-bind --size="$pvc_size" --image-path="$image" >/dev/null 2>"$work/time4" || { cat "$work/time4"; exit 1; }
tail -1 "$work/time4"
rm -f "$image"
big="$work/image-${BIG_GIB}g.raw"
truncate -s "${BIG_GIB}G" "$big"
/usr/bin/time -f "  virtctl ${BIG_GIB} GiB: %M KiB, %e s wall" "$virtctl" image-upload dv "rss-${BIG_GIB}g" --force-bind --size="$((BIG_GIB * 2))Gi" --image-path="$big" >/dev/null 2>"$work/time16" || { cat "$work/time16"; exit 1; }
tail -1 "$work/time16"
truncate -s "${SIZE_GIB}G" "$image"
t=$(curl_target curl-rss "$pvc_size")
/usr/bin/time -f "  curl -T ${SIZE_GIB} GiB (for comparison): %M KiB" curl -sS --http1.1 --cacert "$work/ca.pem" -o /dev/null \
  -H "Authorization: Bearer $t" -H "Content-Type: application/octet-stream" -H "Expect:" -X POST -T "$image" \
  "$proxy/v1beta1/upload-async" 2>&1 | tail -1
