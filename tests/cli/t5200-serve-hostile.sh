#!/usr/bin/env bash
# t5200-serve-hostile: `ladder serve` against hostile clients, over raw
# sockets (python3), on 127.0.0.1 only, bounded in time (about 30 s) and
# in connections. The server must answer each hostile request with a clear
# 4xx in the asker's language, keep its memory flat, and keep answering a
# normal client:
#   - requests that exhaust libmicrohttpd's per-connection pool (a thousand
#     query parameters, a hundred query pieces, 3 000 headers): answered,
#     and the server's VmRSS does not grow over HOSTILE_N of them
#     (default 1 600; libmicrohttpd 0.9.75 never reports
#     their completion, and each leaked its request memory: about 8 kB of
#     touched pages, 64 kB reserved);
#   - GET and HEAD with a body (Content-Length or chunked): 400, closed;
#   - request smuggling: Content-Length with Transfer-Encoding, two
#     Content-Length headers: one 400 answer, closed, the request hidden in
#     the body never answered;
#   - slow headers: one connection dripping a header byte every 2 s is cut
#     at the request deadline (10 s); 100 connections from one address are
#     held to the per-address limit (32); 1 100 dripping connections from
#     50 addresses do not keep a normal client from an answer for more than
#     5 s.
# Source addresses 127.0.0.2-127.0.0.250 stand for other clients (Linux
# routes all of 127/8 to loopback); the normal client is 127.0.0.1.
# bench/serve-hostile.sh runs this at 16 000 pool-exhausting requests.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

command -v curl >/dev/null || die "curl not found (scripts/install-deps.sh installs it)"
command -v ss >/dev/null || die "ss not found (package iproute2)"
command -v python3 >/dev/null || die "python3 not found"
# 1 100 client sockets here plus as many in the server
ulimit -n 4096 2>/dev/null || ulimit -n "$(ulimit -Hn)"
[[ $(ulimit -n) -ge 2400 ]] || die "needs at least 2400 open files (ulimit -n is $(ulimit -n))"

cleanup() {
	local p
	for p in "${SERVERS[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
	rm -rf "$T_TMP"
}
trap cleanup EXIT

# under ASan freed memory waits in a quarantine, so VmRSS says nothing
# there; LeakSanitizer's report at the clean stop (the end) says more
asan=0
grep -q __asan_init "$(dirname "$LADDER")/ladder-full" && asan=1

DB=$PWD/demo.db
"$LADDER" demo --db "$DB" >/dev/null 2>&1 || die "ladder demo --db $DB failed"
start_server hostile

res=$(timeout $((200 + ${HOSTILE_N:-1600} / 40)) python3 - "$PORT" "$PID" "${HOSTILE_N:-1600}" "$asan" <<'EOF' 2>&1
import selectors, socket, sys, threading, time

PORT, PID, N_POOL, ASAN = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "1"
passes = 0

def check(cond, what, detail=""):
    global passes
    if cond:
        passes += 1
    else:
        print("FAIL %s%s" % (what, ": " + detail if detail else ""), flush=True)

def info(msg):
    print("INFO " + msg, flush=True)

def rss_kb():
    with open("/proc/%d/status" % PID) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])

def connect(src="127.0.0.1", blocking=True):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind((src, 0))
    if blocking:
        s.settimeout(3)
        s.connect(("127.0.0.1", PORT))
    else:
        s.setblocking(False)
        s.connect_ex(("127.0.0.1", PORT))
    return s

def exchange(requests, wait):
    """Sends each request on its own connection (at most 16 per source
    address) and reads until the server closes or `wait` seconds pass.
    Returns (answer bytes, closed by the server) per request."""
    socks, out, closed = [], [], []
    sel = selectors.DefaultSelector()
    for i, data in enumerate(requests):
        s = connect("127.0.0.%d" % (2 + i // 16 % 200))
        try:
            s.sendall(data)
        except OSError:
            pass  # the server may answer and close before all is sent
        s.setblocking(False)
        sel.register(s, selectors.EVENT_READ, i)
        socks.append(s)
        out.append(b"")
        closed.append(False)
    end = time.time() + wait
    left = len(socks)
    while left and time.time() < end:
        for key, _ in sel.select(max(0.0, end - time.time())):
            i = key.data
            try:
                d = key.fileobj.recv(65536)
            except OSError:
                d = b""
            if d:
                out[i] += d
            else:
                closed[i] = True
                sel.unregister(key.fileobj)
                left -= 1
    for s in socks:
        s.close()
    sel.close()
    return list(zip(out, closed))

def status(answer):
    line = answer.split(b"\r\n", 1)[0].decode("latin-1")
    return line.split(" ")[1] if line.startswith("HTTP/1.") and " " in line else "none"

def normal(timeout=2.0):
    """One ordinary request from 127.0.0.1; its status, or 'none'."""
    try:
        s = connect()
        s.settimeout(timeout)
        s.sendall(b"GET /api/v1/editions HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        data = b""
        while True:
            d = s.recv(65536)
            if not d:
                break
            data += d
        s.close()
        return status(data)
    except OSError:
        return "none"

def req(target, extra="", method="GET", body=""):
    return ("%s %s HTTP/1.1\r\nHost: x\r\n%s\r\n%s" % (method, target, extra, body)).encode()

# ------------------------------------------- a request past its deadline
drip = {"closed_after": None}
def dripper():
    s = connect("127.0.0.250")
    t0 = time.time()
    s.sendall(b"GET /api/v1/editions HTTP/1.1\r\nHost: x\r\n")
    s.settimeout(2)
    while time.time() - t0 < 16:
        try:
            if s.recv(1024) == b"":
                drip["closed_after"] = time.time() - t0
                break
        except socket.timeout:
            pass
        except OSError:
            drip["closed_after"] = time.time() - t0
            break
        try:
            s.sendall(b"X")  # never idle for long: only a total deadline stops this
        except OSError:
            drip["closed_after"] = time.time() - t0
            break
    s.close()
drip_thread = threading.Thread(target=dripper)
drip_thread.start()

# ------------------------------------------------------ pool exhaustion
kinds = [
    ("1 000 query parameters", req("/api/v1/editions?" + "&".join("p%d=1" % i for i in range(1000))), "414", b'"error"'),
    ("1 000 query parameters, English page",
     req("/area/30000?lang=en&" + "&".join("p%d=1" % i for i in range(1000))), "414", b"longer than 2048"),
    ("100 query pieces", req("/area/30000?" + "a=1&" * 100 + "year=2017"), "400", b"meer dan 64"),
    ("3 000 headers", req("/api/v1/areas", "".join("X-%d: v\r\n" % i for i in range(3000))), "431", b""),
]
BATCH = 192
def pool_round(n):
    bad = {}
    for start in range(0, n, BATCH):
        batch = [kinds[(start + i) % len(kinds)] for i in range(min(BATCH, n - start))]
        for (what, _, want, frag), (ans, closed) in zip(batch, exchange([k[1] for k in batch], 3)):
            st = status(ans)
            if st != want or frag not in ans or not closed:
                bad.setdefault(what, (st, closed, ans[:200]))
    return bad
warm = max(len(kinds), N_POOL // 8)
bad = pool_round(warm)
rss0 = rss_kb()
bad.update(pool_round(N_POOL))
time.sleep(0.5)
rss1 = rss_kb()
for what, (st, closed, head) in bad.items():
    check(False, "%s: status %s, closed %s (expected the 4xx and a close)" % (what, st, closed), repr(head))
check(not bad, "every pool-exhausting request is answered")
info("VmRSS %d kB after %d pool-exhausting requests, %d kB after %d more (%+d kB)"
     % (rss0, warm, rss1, N_POOL, rss1 - rss0))
check(ASAN or rss1 - rss0 < 2048, "VmRSS grows by %d kB over %d pool-exhausting requests (at most 2 MB)" % (rss1 - rss0, N_POOL))
check(normal() == "200", "a normal request after the pool-exhausting ones")

# ---------------------------------------------------- bodies on GET/HEAD
bodies = [
    ("GET with a body", req("/api/v1/editions", "Content-Length: 5\r\n", body="hello"), b"GET- of HEAD-verzoek"),
    ("HEAD with a body", req("/api/v1/editions", "Content-Length: 5\r\n", "HEAD", "hello"), b""),
    ("GET with a chunked body", req("/area/30000?lang=en", "Transfer-Encoding: chunked\r\n", body="5\r\nhello\r\n0\r\n\r\n"),
     b"has no body"),
]
for (what, _, frag), (ans, closed) in zip(bodies, exchange([b[1] for b in bodies], 3)):
    check(status(ans) == "400" and frag in ans, "%s: a 400 answer" % what, repr(ans[:300]))
    check(closed and ans.count(b"HTTP/1.1 ") == 1, "%s: one answer, then the connection is closed" % what, repr(ans[:300]))

# ------------------------------------------------------------- smuggling
hidden = "GET /api/v1/areas HTTP/1.1\r\nHost: x\r\n\r\n"
smuggle = [
    ("Content-Length with Transfer-Encoding (POST)",
     req("/api/v1/editions", "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n", "POST", "0\r\n\r\n" + hidden)),
    ("Transfer-Encoding with Content-Length (GET)",
     req("/api/v1/editions", "Transfer-Encoding: chunked\r\nContent-Length: %d\r\n" % (5 + len(hidden)), body="0\r\n\r\n" + hidden)),
    ("two Content-Length headers",
     req("/api/v1/editions", "Content-Length: 0\r\nContent-Length: %d\r\n" % len(hidden), "POST", hidden)),
]
for (what, _), (ans, closed) in zip(smuggle, exchange([s[1] for s in smuggle], 3)):
    check(status(ans) == "400", "%s: a 400 answer" % what, repr(ans[:300]))
    check(ans.count(b"HTTP/1.1 ") == 1 and closed, "%s: one answer, then the connection is closed" % what, repr(ans[:400]))
check(normal() == "200", "a normal request after the smuggling attempts")

# ------------------------------------------ connections from one address
one = [connect("127.0.0.3", blocking=False) for _ in range(100)]
time.sleep(0.3)
for s in one:
    try:
        s.send(b"GET / HTTP/1.1\r\nHost: x\r\n")
    except OSError:
        pass
time.sleep(1.0)
alive = 0
for s in one:
    try:
        alive += s.recv(1) != b""
    except BlockingIOError:
        alive += 1  # still open, nothing to read
    except OSError:
        pass
    s.close()
check(alive <= 32, "100 connections from one address: %d stay open (per-address limit 32)" % alive)

# ------------------------------------------------ the request deadline
drip_thread.join()
c = drip["closed_after"]
check(c is not None and 9 <= c <= 13, "a request dripping a byte every 2 s is cut at its 10 s deadline (after %s s)"
      % ("%.1f" % c if c is not None else "more than 16"))

# --------------------------------- 1 100 slow connections from 50 addresses
sel = selectors.DefaultSelector()
flood = []
t0 = time.time()
for i in range(1100):
    s = connect("127.0.0.%d" % (10 + i % 50), blocking=False)
    flood.append(s)
time.sleep(0.2)
for s in flood:
    try:
        s.send(b"GET /api/v1/editions HTTP/1.1\r\nHost: x\r\n")
        sel.register(s, selectors.EVENT_READ)
    except OSError:
        pass
ready = time.time()
def drip_all():
    for key in list(sel.get_map().values()):
        try:
            key.fileobj.send(b"X")
        except OSError:
            sel.unregister(key.fileobj)
first, last_ok, worst_gap, answers, tries = None, ready, 0.0, 0, 0
last_drip = ready
while time.time() - ready < 12:
    for key, _ in sel.select(0):
        try:
            if key.fileobj.recv(1024) == b"":
                sel.unregister(key.fileobj)
        except OSError:
            sel.unregister(key.fileobj)
    if time.time() - last_drip >= 2:
        drip_all()
        last_drip = time.time()
    tries += 1
    st = normal(2.0)
    now = time.time()
    if st == "200":
        answers += 1
        if first is None:
            first = now - ready
        worst_gap = max(worst_gap, now - last_ok)
        last_ok = now
    time.sleep(0.2)
worst_gap = max(worst_gap, time.time() - last_ok)
still = len(sel.get_map())
for s in flood:
    s.close()
sel.close()
info("1 100 slow connections: first normal answer after %s s, %d of %d normal requests answered, longest wait %.1f s, %d slow connections still open after 12 s"
     % ("%.1f" % first if first is not None else "never", answers, tries, worst_gap, still))
check(first is not None and first <= 5, "a normal client answered within 5 s of 1 100 slow connections (%s)"
      % ("%.1f s" % first if first is not None else "never"))
check(worst_gap <= 5, "a normal client never waits more than 5 s for an answer during the flood (%.1f s)" % worst_gap)
time.sleep(0.5)
check(normal() == "200", "a normal request after the flood")
print("PASS %d" % passes)
EOF
) || true
while IFS= read -r line; do
	case $line in
	"PASS "*) T_PASS=$((T_PASS + ${line#PASS })) ;;
	"FAIL "*) t_fail "${line#FAIL }" ;;
	"INFO "*) echo "${line#INFO }" ;;
	*) t_fail "hostile client: $line" ;;
	esac
done <<<"$res"
# a clean stop: under ASan (make asan) this is where a leak is reported
if kill -TERM "$PID" 2>/dev/null; then
	rc=0
	wait "$PID" || rc=$?
	if [[ $rc -eq 0 ]]; then t_ok; else t_fail "the server's exit status after SIGTERM: $rc" "$(tail -30 hostile.err)"; fi
	expect_not_in "no leak reported" "$(cat hostile.err)" "LeakSanitizer"
else
	t_fail "the server died" "$(tail -30 hostile.err)"
fi
t_finish
