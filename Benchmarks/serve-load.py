#!/usr/bin/env python3
"""Load on `crossfoot serve` over loopback: 50 uploads of the sample report from 10 concurrent
clients, each answered correctly (the redirect, then the result page with the summary and the
Uzbekistan 0.06% cell flagged), with p50/p95 latency and the server's peak memory printed.

    Benchmarks/serve-load.py [CROSSFOOT_BINARY] [--uploads 50] [--clients 10]

Run from the repository root (default binary: .build/release/crossfoot). Starts its own server on
127.0.0.1 and a free port, sends a bounded number of requests, stops the server and exits 1 if
any request failed.
"""
import http.client, os, signal, subprocess, sys, threading, time, uuid

REPORT = "Samples/kazakhstan-mco-2024/report.md"


def option(name, default):
    return int(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


def main():
    args = [a for i, a in enumerate(sys.argv[1:], 1) if not a.startswith("--") and not sys.argv[i - 1].startswith("--")]
    binary = args[0] if args else ".build/release/crossfoot"
    uploads, clients = option("--uploads", 50), option("--clients", 10)
    def too_long(*_):
        raise TimeoutError("took too long; stopping")

    signal.signal(signal.SIGALRM, too_long)
    signal.alarm(300)
    server = subprocess.Popen([binary, "serve", "--no-config"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    url = server.stdout.readline().strip()
    host_port, token = url[len("http://"):].split("/?token=")
    host, port = host_port.split(":")
    origin = "http://" + host_port
    report = open(REPORT, "rb").read()
    latencies, failures = [], []
    lock = threading.Lock()
    next_upload = iter(range(uploads))

    def one():
        boundary = "----load-" + uuid.uuid4().hex
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"token\"\r\n\r\n{token}\r\n"
                f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"report.md\"\r\n"
                f"Content-Type: text/markdown\r\n\r\n").encode() + report + f"\r\n--{boundary}--\r\n".encode()
        start = time.perf_counter()
        c = http.client.HTTPConnection(host, int(port), timeout=60)
        c.request("POST", "/check", body, {"Content-Type": "multipart/form-data; boundary=" + boundary, "Origin": origin})
        r = c.getresponse()
        r.read()
        location = r.getheader("Location") or ""
        c.close()
        if r.status != 303 or not location.startswith("/r/"):
            return f"POST answered {r.status}"
        c = http.client.HTTPConnection(host, int(port), timeout=60)
        c.request("GET", location, headers={"Cookie": "crossfoot_token=" + token})
        r = c.getresponse()
        page = r.read().decode()
        c.close()
        elapsed = time.perf_counter() - start
        if r.status != 200 or "0 errors, 13 warnings, 3 infos in 1 file" not in page or 'id="cell-1-83-48" class="flagged' not in page:
            return f"result page answered {r.status} without the expected summary and cell"
        with lock:
            latencies.append(elapsed)
        return None

    def client():
        while True:
            with lock:
                n = next(next_upload, None)
            if n is None:
                return
            try:
                problem = one()
            except Exception as error:
                problem = repr(error)
            if problem:
                with lock:
                    failures.append(problem)

    peak = "?"
    try:
        started = time.perf_counter()
        threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - started
        with open(f"/proc/{server.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    peak = f"{int(line.split()[1]) / 1024:.1f} MiB"
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)
    latencies.sort()

    def pct(p):
        return latencies[min(len(latencies) - 1, int(round(p / 100 * (len(latencies) - 1))))] * 1000 if latencies else float("nan")

    print(f"{uploads} uploads of {REPORT} ({len(report)} bytes) from {clients} concurrent clients on loopback, {os.cpu_count()} cores")
    print(f"answered correctly: {len(latencies)} of {uploads}; failed: {len(failures)}")
    print(f"latency (upload, lint, result page): p50 {pct(50):.1f} ms, p95 {pct(95):.1f} ms, max {pct(100):.1f} ms")
    print(f"throughput: {len(latencies) / wall:.1f} uploads/s over {wall:.2f} s")
    print(f"server peak memory (VmHWM): {peak}")
    for problem in failures[:5]:
        print("failure:", problem)
    sys.exit(0 if not failures and len(latencies) == uploads else 1)


if __name__ == "__main__":
    main()
