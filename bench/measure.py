#!/usr/bin/env python3
"""The benchmark suite's measurements (called by bench/run, after the release build).

For each database: a fresh database with the demo data grown by `piazza seed-bench`,
the release server, then for each page and server function wrk at 100 connections
(requests per second, p50/p90/p99 latency), and for each public page the same HTML
served as a file by nginx on the same machine in the same run (the ceiling). Also:
the server's RSS at rest and under load, time to first byte, and the first page's
download (wasm, JS, CSS; raw, gzip, brotli). Writes bench/results/*.json and
bench/REPORT.md (bench/report.py).
"""
import gzip
import json
import os
import re
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ["PIAZZA_RELEASE_BIN"]
SITE = os.path.join(ROOT, "target", "site")
PG_URL = os.environ.get("PIAZZA_TEST_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = 100
COMMUNITY = "comunicatori-riformattiva-2026"
WORK = tempfile.mkdtemp(prefix="piazza-bench-")
os.chmod(WORK, 0o755)


def say(*args):
    print("==>", *args, file=sys.stderr, flush=True)


def free_port():
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def piazza(env, *args):
    started = time.time()
    subprocess.run([BIN, *args], env=env, check=True)
    return time.time() - started


def prepare(backend):
    """A fresh database with the demo and the benchmark's data; its URL and load time."""
    if backend == "sqlite":
        url = f"sqlite://{WORK}/piazza.db"
    else:
        base = PG_URL.rsplit("/", 1)[0]
        subprocess.run(["psql", "-q", PG_URL, "-c", "DROP DATABASE IF EXISTS piazza_bench WITH (FORCE)",
                        "-c", "CREATE DATABASE piazza_bench"], check=True)
        url = f"{base}/piazza_bench"
    env = dict(os.environ, DATABASE_URL=url, PIAZZA_LOG="info,sqlx=warn")
    say(f"{backend}: loading the demo and the benchmark's data")
    seconds = piazza(env, "migrate") + piazza(env, "seed-demo") + piazza(env, "seed-bench")
    return url, seconds


def query(backend, url, text):
    if backend == "sqlite":
        con = sqlite3.connect(url.removeprefix("sqlite://"))
        row = con.execute(text).fetchone()
        con.close()
        return row[0]
    out = subprocess.run(["psql", "-qtA", url, "-c", text], check=True, capture_output=True, text=True)
    return out.stdout.strip()


def rss_kb(pid, field="VmRSS"):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


class Server:
    def __init__(self, url):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ, DATABASE_URL=url, PIAZZA_SITE_ROOT=SITE, PIAZZA_LOG="warn",
                   PIAZZA_LISTEN=f"127.0.0.1:{self.port}", PIAZZA_PUBLIC_URL=self.base)
        self.proc = subprocess.Popen([BIN, "serve"], env=env)
        for _ in range(300):
            try:
                urllib.request.urlopen(self.base + "/readyz", timeout=2)
                return
            except Exception:
                time.sleep(0.2)
        raise SystemExit("the server did not start")

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=60)


def sign_in(base, email):
    body = f"email={urllib.parse.quote(email)}&password=piazza-demo-2026".encode()
    req = urllib.request.Request(base + "/api/account/login", data=body, method="POST", headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json", "Origin": base})
    with urllib.request.urlopen(req) as res:
        return res.headers["Set-Cookie"].split(";")[0]


def wrk(url, method="GET", body="", cookie="", origin=""):
    env = dict(os.environ, BENCH_METHOD=method, BENCH_BODY=body, BENCH_COOKIE=cookie, BENCH_ORIGIN=origin)
    out = subprocess.run(["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--timeout", "10s",
                          "-s", os.path.join(ROOT, "bench", "wrk.lua"), url],
                         env=env, check=True, capture_output=True, text=True).stdout
    line = [l for l in out.splitlines() if l.startswith("{")][-1]
    result = json.loads(line)
    result["rps"] = result["requests"] / result["seconds"]
    return result


def ttfb(url, cookie=""):
    times = []
    for _ in range(20):
        args = ["curl", "-s", "-o", "/dev/null", "-H", "Accept-Encoding: gzip", "-w", "%{time_starttransfer}", url]
        if cookie:
            args += ["-H", f"Cookie: {cookie}"]
        times.append(float(subprocess.run(args, check=True, capture_output=True, text=True).stdout) * 1000)
    return statistics.median(times)


def served(url):
    """What a browser downloads for `url` (it accepts brotli and gzip): the encoding
    the server chose and the bytes sent."""
    out = subprocess.run(["curl", "-s", "-o", "/dev/null", "-H", "Accept-Encoding: br, gzip", "-D", "-",
                          "-w", "%{size_download}", url], check=True, capture_output=True, text=True).stdout
    lines = out.strip().splitlines()
    encoding = next((l.split(":", 1)[1].strip() for l in lines if l.lower().startswith("content-encoding:")), "none")
    return {"encoding": encoding, "bytes": int(lines[-1])}


def cache_state(url):
    """The page cache's answer to an anonymous visitor (`hit` once it keeps the page)."""
    with urllib.request.urlopen(url) as res:
        return res.headers.get("x-piazza-cache", "none")


def fetch(url):
    with urllib.request.urlopen(url) as res:
        return res.read()


class Ceiling:
    """nginx serving saved pages as static files, gzip on, two workers."""

    def __init__(self, pages):
        self.root = os.path.join(WORK, "static")
        os.makedirs(self.root, exist_ok=True)
        for name, html in pages.items():
            with open(os.path.join(self.root, name + ".html"), "wb") as f:
                f.write(html)
        self.port = free_port()
        conf = os.path.join(WORK, "nginx.conf")
        with open(conf, "w") as f:
            f.write(f"""
worker_processes 2;
daemon off;
pid {WORK}/nginx.pid;
error_log {WORK}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {WORK}/nginx-body;
  proxy_temp_path {WORK}/nginx-proxy;
  fastcgi_temp_path {WORK}/nginx-fastcgi;
  uwsgi_temp_path {WORK}/nginx-uwsgi;
  scgi_temp_path {WORK}/nginx-scgi;
  types {{ text/html html; }}
  gzip on;
  gzip_types text/html;
  server {{
    listen 127.0.0.1:{self.port};
    root {self.root};
  }}
}}
""")
        user = ["-g", "user root;"] if os.geteuid() == 0 else []
        self.proc = subprocess.Popen(["nginx", "-c", conf, "-p", WORK, *user])
        time.sleep(1)

    def url(self, name):
        return f"http://127.0.0.1:{self.port}/{name}.html"

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)


def compressed(path):
    raw = open(path, "rb").read()
    brotli = subprocess.run(["brotli", "-c", "-q", "11", path], check=True, capture_output=True).stdout
    return {"raw": len(raw), "gzip": len(gzip.compress(raw, 9)), "brotli": len(brotli)}


def sizes():
    pkg = os.path.join(SITE, "pkg")
    return {name: compressed(os.path.join(pkg, name)) for name in sorted(os.listdir(pkg))
            if not name.endswith((".br", ".gz"))}


def first_page(base, path):
    """What a browser downloads to make `path` live, as served: every script and wasm
    the page names in its preload links."""
    html = fetch(base + path).decode()
    names = set(re.findall(r'href="/pkg/([^"]+\.(?:wasm|js))"', html))
    files = {n: served(f"{base}/pkg/{n}") for n in sorted(names)}
    wasm = sum(f["bytes"] for n, f in files.items() if n.endswith(".wasm"))
    return {"path": path, "files": files, "wasm_bytes": wasm,
            "total_bytes": sum(f["bytes"] for f in files.values())}


def measure(backend):
    url, load_seconds = prepare(backend)
    thread = query(backend, url, "SELECT id FROM forum_thread WHERE title = 'Discussione di prova numero 0'")
    last_page = (5001 - 1) // 20 + 1
    server = Server(url)
    base = server.base
    cookie = sign_in(base, "elena.fabbri@unione.labassaromagna.example.it")
    public = {
        "home": "/",
        "comune": "/lugo",
        "news": "/lugo/notizie/lavori-viale-orsini",
        "news_list": "/lugo/notizie",
        "news_list_deep": "/lugo/notizie?page=5000",
        "agenda": "/lugo/eventi",
        "consultation": "/lugo/consultazioni/piazza-baracca",
    }
    for path in public.values():
        fetch(base + path)
    at_rest = rss_kb(server.proc.pid)
    peak = [at_rest]
    sampling = True

    def sample():
        while sampling:
            peak.append(rss_kb(server.proc.pid))
            time.sleep(0.5)

    sampler = threading.Thread(target=sample)
    sampler.start()
    pages = {name: fetch(base + path) for name, path in public.items()}
    ceiling = Ceiling(pages)
    results = []
    for name, path in public.items():
        say(f"{backend}: {path}")
        ours = wrk(base + path)
        static = wrk(ceiling.url(name))
        results.append({"name": name, "path": path, "piazza": ours, "nginx": static,
                        "ratio": ours["rps"] / static["rps"], "ttfb_ms": ttfb(base + path),
                        "html_bytes": len(pages[name]), "cache": cache_state(base + path)})
    signed_in = [
        ("forum thread, last page (member)", f"/comunita/{COMMUNITY}/forum/t/{thread}?page={last_page}", "GET", ""),
        ("forum index (member)", f"/comunita/{COMMUNITY}/forum", "GET", ""),
        ("server function notify/unread (member)", "/api/notify/unread", "POST", ""),
        ("server function consult/results (Lugo's admin)", "/api/consult/results", "POST",
         "ente=lugo&slug=piazza-baracca"),
    ]
    giulia = sign_in(base, "giulia.neri@comune.lugo.example.it")
    for name, path, method, body in signed_in:
        say(f"{backend}: {name}")
        who = giulia if "admin" in name else cookie
        ours = wrk(base + path, method, body, who, base)
        entry = {"name": name, "path": path, "piazza": ours}
        if method == "GET":
            entry["ttfb_ms"] = ttfb(base + path, who)
        results.append(entry)
    sampling = False
    sampler.join()
    ceiling.stop()
    downloads = {name: served(f"{base}/pkg/{name}") for name in ("piazza.wasm", "piazza.js", "piazza.css")}
    first = [first_page(base, path) for path in (public["comune"], public["consultation"])]
    hwm = rss_kb(server.proc.pid, "VmHWM")
    server.stop()
    return {
        "backend": backend,
        "load_seconds": load_seconds,
        "rss_rest_kb": at_rest,
        "rss_load_kb": max(peak),
        "rss_hwm_kb": hwm,
        "served": downloads,
        "first_page": first,
        "results": results,
    }


def main():
    backends = sys.argv[1:] or ["sqlite", "postgres"]
    os.makedirs(os.path.join(ROOT, "bench", "results"), exist_ok=True)
    for backend in backends:
        data = measure(backend)
        data["sizes"] = sizes()
        data["seconds_per_run"] = SECONDS
        data["connections"] = CONNECTIONS
        data["measured_at"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        with open(os.path.join(ROOT, "bench", "results", f"{backend}.json"), "w") as f:
            json.dump(data, f, indent=2)
    subprocess.run([sys.executable, os.path.join(ROOT, "bench", "report.py")], check=True)
    shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    import urllib.parse  # noqa: F401  (used by sign_in)
    main()
