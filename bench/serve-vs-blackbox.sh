#!/usr/bin/env bash
# reach serve against prometheus-blackbox-exporter's tcp module, on the same lab targets, both asked the
# way Prometheus asks (/probe?target=): their probe_success side by side (they must agree) with reach's
# verdict code, then REQUESTS (1,000) probes of a healthy target at CONCURRENCY (50) in flight against
# each: p50, p99, requests per second and the server's resident memory (peak and after).
# The target is not the bottleneck: a python server with a listen backlog of 4096 on web2:8080 (the lab's
# http.server keeps python's backlog of 5, whose overflow would make every p99 a 1 s SYN retransmit).
# Both servers run in dev1's namespace on its loopback; all traffic stays inside the lab.
# Honours REACH_LAB_PREFIX. Needs root, out/reach and out/reach-serve (scripts/build.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
P=${REACH_LAB_PREFIX:-}
N=${REQUESTS:-1000}
C=${CONCURRENCY:-50}
[[ -x out/reach && -x out/reach-serve ]] || { echo "bench: out/reach or out/reach-serve is missing; run scripts/build.sh" >&2; exit 1; }
command -v prometheus-blackbox-exporter >/dev/null || { echo "bench: prometheus-blackbox-exporter is missing; run scripts/install-deps.sh" >&2; exit 1; }
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; lab/lab.sh down >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

lab/lab.sh reset >/dev/null
lab/lab.sh fault web1-reject >/dev/null
ip netns exec "${P}web1" iptables -A INPUT -p tcp --dport 8081 -j DROP
ip netns exec "${P}web2" python3 -c '
import http.server
class Server(http.server.ThreadingHTTPServer):
    request_queue_size = 4096
Server(("0.0.0.0", 8080), http.server.SimpleHTTPRequestHandler).serve_forever()' >/dev/null 2>&1 &
pids+=($!)

cat >"$work/blackbox.yml" <<'YML'
modules:
  tcp_connect:
    prober: tcp
    timeout: 5s
YML
cat >"$work/reach.yml" <<'YML'
modules:
  default:
    timeout: 5s
    allowed_targets: [10.1.0.0/16]
YML
ip netns exec "${P}dev1" prometheus-blackbox-exporter --config.file="$work/blackbox.yml" --web.listen-address=127.0.0.1:19115 --log.level=warn >"$work/blackbox.log" 2>&1 &
bb=$!; pids+=($bb)
ip netns exec "${P}dev1" out/reach serve --listen 127.0.0.1:19917 --config "$work/reach.yml" --max-concurrent 64 --max-queue 1024 >"$work/reach.log" 2>&1 &
rs=$!; pids+=($rs)
ask() { ip netns exec "${P}dev1" curl -sS --max-time 30 "$1"; }
for _ in $(seq 100); do
  ask http://127.0.0.1:19115/-/healthy >/dev/null 2>&1 && ask http://127.0.0.1:19917/-/ready >/dev/null 2>&1 && \
    ip netns exec "${P}web2" sh -c 'exec 3<>/dev/tcp/127.0.0.1/8080' 2>/dev/null && break
  sleep 0.2
done

metric() { awk -v m="$1" '$1 == m { print $2 }'; }
echo "== probe_success, side by side (they must agree)"
printf '%-16s %-28s %-11s %-11s %s\n' target "(what it is)" blackbox reach "reach's verdict"
disagree=0
for entry in "10.1.4.5:8080:listening (backlog 4096)" "10.1.2.5:80:web1-reject (REJECT)" "10.1.4.5:81:nothing listens" "10.1.2.5:8081:DROP on web1"; do
  target=${entry%:*}; what=${entry##*:}
  b=$(ask "http://127.0.0.1:19115/probe?module=tcp_connect&target=$target" | metric probe_success)
  r_out=$(ask "http://127.0.0.1:19917/probe?target=$target")
  r=$(metric probe_success <<<"$r_out")
  code=$(grep -o '^reach_verdict{code="[^"]*"' <<<"$r_out" | cut -d'"' -f2)
  [[ $b == "$r" ]] || disagree=1
  printf '%-16s %-28s %-11s %-11s %s\n' "$target" "$what" "$b" "$r" "$code"
done

load() {  # URL -> one line: p50 ms, p99 ms, requests/s, non-200 answers
  ip netns exec "${P}dev1" python3 - "$1" "$N" "$C" <<'PY'
import asyncio, sys, time, statistics
url, n, c = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
host, port = "127.0.0.1", int(url.split(":")[2].split("/")[0])
path = "/" + url.split("/", 3)[3]
async def one(times, bad):
    start = time.perf_counter()
    r, w = await asyncio.open_connection(host, port)
    w.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
    data = await r.read()
    w.close()
    times.append(time.perf_counter() - start)
    if not data.startswith(b"HTTP/1.1 200"): bad.append(data[:40])
async def main():
    times, bad, sem = [], [], asyncio.Semaphore(c)
    async def guarded():
        async with sem: await one(times, bad)
    start = time.perf_counter()
    await asyncio.gather(*(guarded() for _ in range(n)))
    wall = time.perf_counter() - start
    q = statistics.quantiles(times, n=100)
    print(f"{q[49]*1000:9.1f} {q[98]*1000:9.1f} {n/wall:9.1f} {len(bad):5d}")
asyncio.run(main())
PY
}
rss() { awk '/^VmHWM/ { h = $2 } /^VmRSS/ { r = $2 } END { printf "%6.1f %6.1f", h / 1024, r / 1024 }' "/proc/$1/status"; }

echo
echo "== $N probes of 10.1.4.5:8080 at $C in flight (milliseconds; RSS in MiB, peak and after)"
printf '%-22s %9s %9s %9s %5s %6s %6s\n' server p50 p99 "req/s" "!200" "peak" "RSS"
printf '%-22s %s %s\n' "blackbox_exporter tcp" "$(load "http://127.0.0.1:19115/probe?module=tcp_connect&target=10.1.4.5:8080")" "$(rss "$bb")"
printf '%-22s %s %s\n' "reach serve" "$(load "http://127.0.0.1:19917/probe?target=10.1.4.5:8080")" "$(rss "$rs")"
echo
echo "(reach runs its whole diagnosis per probe: interfaces, routes, gateway, DNS when named, the port; blackbox_exporter only connects.)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
exit "$disagree"
