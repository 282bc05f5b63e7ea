"""The newsletter benchmark (run by bench/newsletter): for each database and list
size, a fresh database with the demo and `piazza seed-newsletter`, a counting SMTP
sink, one `piazza serve` sending the issue as fast as the sink takes it; measures
the time from the issue's start to its end (the database's own timestamps), mails
per second, and the server's peak memory (VmHWM)."""

import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "bench")
SIZES = [7_600, 76_000]
CONCURRENCY = 32


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def query(backend, url, data, sql):
    """One value from the database, read from outside the server."""
    if backend == "sqlite":
        con = sqlite3.connect(os.path.join(data, "piazza.db"), timeout=10)
        try:
            return con.execute(sql).fetchone()[0]
        finally:
            con.close()
    out = subprocess.run(["psql", "-tAq", url, "-c", sql], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def kb_of(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def run(backend, size, binary, python, pg_admin):
    data = tempfile.mkdtemp(prefix="piazza-nl-")
    site = os.path.join(data, "site")
    os.makedirs(os.path.join(site, "pkg"))
    env = dict(os.environ, PIAZZA_DATA_DIR=data, PIAZZA_LOG="warn", PIAZZA_SITE_ROOT=site)
    url = None
    if backend == "postgres":
        name = f"piazza_nl_{size}"
        admin = pg_admin
        subprocess.run(["psql", "-q", admin, "-c", f"DROP DATABASE IF EXISTS {name}"], check=True)
        subprocess.run(["psql", "-q", admin, "-c", f"CREATE DATABASE {name}"], check=True)
        url = admin.rsplit("/", 1)[0] + "/" + name
        env["DATABASE_URL"] = url
    else:
        env.pop("DATABASE_URL", None)
    subprocess.run([binary, "seed-demo"], env=env, check=True)
    started = time.time()
    subprocess.run([binary, "seed-newsletter", "--subscribers", str(size)], env=env, check=True)
    seeded = time.time() - started
    port = free_port()
    received = os.path.join(data, "received.txt")
    sink = subprocess.Popen([python, os.path.join(ROOT, "server/tests/tools/smtp_sink.py"), "127.0.0.1", str(port), received, "fast"],
                            stdout=subprocess.PIPE, text=True)
    assert sink.stdout.readline().strip() == "ready"
    env.update(PIAZZA_SMTP_URL=f"smtp://127.0.0.1:{port}", PIAZZA_MAIL_RATE="0",
               PIAZZA_MAIL_CONCURRENCY=str(CONCURRENCY), PIAZZA_LISTEN=f"127.0.0.1:{free_port()}")
    server = subprocess.Popen([binary, "serve"], env=env)
    peak = 0
    deadline = time.time() + 900
    while time.time() < deadline:
        peak = max(peak, kb_of(server.pid, "VmRSS"))
        state = query(backend, url, data, "SELECT state FROM newsletter_issue WHERE subject = 'Le novità della settimana' ORDER BY id DESC LIMIT 1")
        if state == "sent":
            break
        time.sleep(0.5)
    hwm = kb_of(server.pid, "VmHWM")
    seconds = float(query(backend, url, data,
                          "SELECT (julianday(finished_at) - julianday(started_at)) * 86400 FROM newsletter_issue WHERE state = 'sent' ORDER BY id DESC LIMIT 1"
                          if backend == "sqlite" else
                          "SELECT EXTRACT(EPOCH FROM finished_at - started_at) FROM newsletter_issue WHERE state = 'sent' ORDER BY id DESC LIMIT 1") or 0)
    sent = int(query(backend, url, data, "SELECT COUNT(*) FROM newsletter_delivery d JOIN newsletter_issue i ON i.id = d.issue_id "
                                         "WHERE d.status = 'sent' AND d.subscriber_id IS NOT NULL AND i.subject = 'Le novità della settimana'"))
    total = int(query(backend, url, data, "SELECT queued FROM newsletter_issue WHERE subject = 'Le novità della settimana' ORDER BY id DESC LIMIT 1") or 0)
    server.terminate()
    server.wait()
    sink.terminate()
    sink.wait()
    with open(received) as f:
        accepted = sum(1 for _ in f)
    shutil.rmtree(data, ignore_errors=True)
    if backend == "postgres":
        subprocess.run(["psql", "-q", pg_admin, "-c", f"DROP DATABASE IF EXISTS piazza_nl_{size} WITH (FORCE)"], check=True)
    return {
        "backend": backend, "subscribers": size, "recipients": total, "sent": sent,
        "accepted_by_smtp": accepted, "seconds": round(seconds, 1),
        "per_second": round(sent / seconds, 1) if seconds else 0,
        "rss_peak_kb": peak, "rss_hwm_kb": hwm, "seed_seconds": round(seeded, 1),
        "concurrency": CONCURRENCY, "finished": state == "sent",
    }


def main():
    binary = os.environ["PIAZZA_RELEASE_BIN"]
    python = os.environ.get("PIAZZA_TEST_PYTHON", "python3")
    pg_admin = os.environ.get("PIAZZA_TEST_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    backends = sys.argv[1:] or ["sqlite", "postgres"]
    rows = []
    for backend in backends:
        for size in SIZES:
            row = run(backend, size, binary, python, pg_admin)
            print(json.dumps(row), flush=True)
            rows.append(row)
    result = {"measured_at": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "runs": rows}
    with open(os.path.join(BENCH, "results", "newsletter.json"), "w") as f:
        json.dump(result, f, indent=2)
    sys.path.insert(0, BENCH)
    import report
    report.main()


if __name__ == "__main__":
    main()
