#!/usr/bin/env bash
# Port-forward throughput and console keystroke latency against the simulator (release builds).
#
#   bench/connect.sh [SIZE_MIB]      (default 1024)
#
# Throughput: SIZE_MIB of data is written to the demo VM's TCP echo (guest port 7) through
# `virtctl port-forward` (one websocket, TLS, the simulator's virt-api relay) and read back; the
# baseline pushes the same bytes through a direct loopback echo in this script. Both legs run in
# the same Python client, so the ratio cancels the client's own cost.
# Latency: `virtctl console` on the demo VM; one keystroke at a time, timed until its echo.
# Also printed: the CPU time (user+sys) the port-forward process used, the figure that other
# builds on a shared machine disturb least.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MIB="${1:-1024}"
. bench/lib.sh
bench_build
start_sim "$work/sim"
export KUBECONFIG="$work/sim/kubeconfig"
WORK=$work
VIRTCTL=$ours
"$VIRTCTL" port-forward vm/fedora-running 0:7 2> "$WORK/pf.err" &
PF_PID=$!
trap 'kill "$PF_PID" 2>/dev/null; bench_cleanup' EXIT
for _ in $(seq 100); do grep -q forwarding "$WORK/pf.err" && break; sleep 0.1; done
PORT="$(sed -n 's/^forwarding tcp [^ ]*:\([0-9]*\) to .*/\1/p' "$WORK/pf.err")"

python3 - "$PORT" "$SIZE_MIB" "$VIRTCTL" <<'PY'
import os, socket, statistics, subprocess, sys, threading, time
port, size_mib, virtctl = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
CHUNK = 1 << 20
block = os.urandom(CHUNK)

def push(addr):
    """Write size_mib MiB to an echo service and read it all back; seconds taken."""
    s = socket.create_connection(addr)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    total = size_mib * CHUNK
    def writer():
        for _ in range(size_mib):
            s.sendall(block)
    start = time.perf_counter()
    t = threading.Thread(target=writer); t.start()
    buf = bytearray(CHUNK); got = 0
    while got < total:
        n = s.recv_into(buf)
        if n == 0: raise SystemExit("connection closed after %d bytes" % got)
        got += n
    t.join()
    s.close()
    return time.perf_counter() - start

def loopback_echo():
    srv = socket.socket(); srv.bind(("127.0.0.1", 0)); srv.listen(1)
    def serve():
        c, _ = srv.accept()
        buf = bytearray(CHUNK)
        while True:
            n = c.recv_into(buf)
            if n == 0: break
            c.sendall(memoryview(buf)[:n])
        c.close()
    threading.Thread(target=serve, daemon=True).start()
    return srv.getsockname()

direct = push(loopback_echo())
tunnel = push(("127.0.0.1", port))
mib = size_mib
print(f"port-forward: {mib} MiB echoed in {tunnel:.2f} s = {mib/tunnel:.0f} MiB/s; direct loopback echo {direct:.2f} s = {mib/direct:.0f} MiB/s; ratio {direct/tunnel:.2f}")

# Console keystroke round trip.
p = subprocess.Popen([virtctl, "console", "fedora-running"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, bufsize=0)
def read_until(marker):
    data = b""
    while marker not in data:
        chunk = p.stdout.read(1)
        if not chunk: raise SystemExit("console closed")
        data += chunk
    return data
read_until(b"login: ")
samples = []
for i in range(300):
    key = b"abcdefghijklmnopqrstuvwxyz"[i % 26:i % 26 + 1]
    start = time.perf_counter()
    p.stdin.write(key)
    read_until(key)
    samples.append((time.perf_counter() - start) * 1000)
    if i % 50 == 49:
        p.stdin.write(b"\x15")  # keep the line short: the guest ignores ^U, so send Enter instead
        p.stdin.write(b"\r"); read_until(b"Password: "); p.stdin.write(b"\x03"); read_until(b"login: ")
p.stdin.close(); p.wait(timeout=10)
samples.sort()
q = lambda f: samples[int(len(samples) * f)]
print(f"console keystroke round trip over {len(samples)} keys: median {statistics.median(samples):.2f} ms, p95 {q(0.95):.2f} ms, p99 {q(0.99):.2f} ms")
PY
TICKS="$(getconf CLK_TCK)"
awk -v t="$TICKS" -v mib="$SIZE_MIB" '{printf "virtctl port-forward CPU time (user+sys): %.2f s for %d MiB each way\n", ($14+$15)/t, mib}' "/proc/$PF_PID/stat"
