#!/usr/bin/env python3
"""Writes bench/REPORT.md (and bench/rps.svg) from bench/results/*.json."""
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "bench")

GOAL_RATIO = 0.5
GOAL_P99_MS = 25
GOAL_RSS_MB = 150
GOAL_WASM_KB = 250


def load():
    out = []
    for backend in ["sqlite", "postgres"]:
        path = os.path.join(BENCH, "results", f"{backend}.json")
        if os.path.exists(path):
            with open(path) as f:
                out.append(json.load(f))
    return out


def kb(n):
    return f"{n / 1024:,.0f} KB"


def mark(ok):
    return "met" if ok else "**missed**"


def chart(runs):
    """Requests per second of each public page: Piazza beside nginx, per database."""
    bars = []
    for run in runs:
        for r in run["results"]:
            if "nginx" in r:
                bars.append((f"{run['backend']} {r['name']}", r["piazza"]["rps"], r["nginx"]["rps"]))
    if not bars:
        return
    top = max(max(p, n) for _, p, n in bars)
    width, row, left = 760, 34, 190
    height = row * len(bars) + 40
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'font-family="sans-serif" font-size="12" role="img" '
             f'aria-label="Requests per second: Piazza and nginx serving the same HTML">']
    for i, (label, ours, ceiling) in enumerate(bars):
        y = 20 + i * row
        scale = (width - left - 90) / top
        parts.append(f'<text x="0" y="{y + 14}">{label}</text>')
        parts.append(f'<rect x="{left}" y="{y}" width="{ours * scale:.1f}" height="12" fill="#0066cc"/>')
        parts.append(f'<text x="{left + ours * scale + 4:.1f}" y="{y + 10}">{ours:,.0f} Piazza</text>')
        parts.append(f'<rect x="{left}" y="{y + 14}" width="{ceiling * scale:.1f}" height="12" fill="#9aa5b1"/>')
        parts.append(f'<text x="{left + ceiling * scale + 4:.1f}" y="{y + 24}">{ceiling:,.0f} nginx</text>')
    parts.append("</svg>")
    with open(os.path.join(BENCH, "rps.svg"), "w") as f:
        f.write("\n".join(parts) + "\n")


def public_table(run):
    lines = [
        "| page | Piazza req/s | p50 | p99 | nginx req/s (same HTML) | ratio | TTFB (idle) | errors | page cache | goal (≥ 0.5×, p99 < 25 ms) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for r in run["results"]:
        if "nginx" not in r:
            continue
        p, n = r["piazza"], r["nginx"]
        ok = r["ratio"] >= GOAL_RATIO and p["p99_ms"] < GOAL_P99_MS
        lines.append(
            f"| `{r['path']}` | {p['rps']:,.0f} | {p['p50_ms']:.1f} ms | {p['p99_ms']:.1f} ms | "
            f"{n['rps']:,.0f} | {r['ratio']:.3f} | {r['ttfb_ms']:.1f} ms | {p['errors']} | {r.get('cache', '—')} | {mark(ok)} |")
    return lines


def signed_in_table(run):
    lines = [
        "| what | req/s | p50 | p99 | TTFB (idle) | errors |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in run["results"]:
        if "nginx" in r:
            continue
        p = r["piazza"]
        ttfb = f"{r['ttfb_ms']:.1f} ms" if "ttfb_ms" in r else "—"
        lines.append(f"| {r['name']} | {p['rps']:,.0f} | {p['p50_ms']:.1f} ms | {p['p99_ms']:.1f} ms | {ttfb} | {p['errors']} |")
    return lines


def sizes_table(sizes):
    lines = ["| file | raw | gzip -9 | brotli -q 11 |", "|---|---:|---:|---:|"]
    for name, s in sizes.items():
        lines.append(f"| `{name}` | {kb(s['raw'])} | {kb(s['gzip'])} | {kb(s['brotli'])} |")
    return lines


GOAL_SEND_SECONDS = 120


def newsletter_section():
    """bench/newsletter's figures: one issue to 7,600 and 76,000 subscribers."""
    path = os.path.join(BENCH, "results", "newsletter.json")
    if not os.path.exists(path):
        return []
    with open(path) as f:
        result = json.load(f)
    out = ["## Sending a newsletter (`bench/newsletter`, measured " + result["measured_at"] + ")", "",
           "One issue to every subscriber of a list, into a local SMTP server (aiosmtpd, counting",
           "only), the release build with " + str(result["runs"][0]["concurrency"]) + " mails at once and no rate limit, the",
           "server and the SMTP server on the same 2 cores. Time is from the issue's start to",
           "its end as the database records them.", "",
           "| database | subscribers | sent | time | mails/s | peak memory | goal (76,000 < " + str(GOAL_SEND_SECONDS) + " s) |",
           "|---|---:|---:|---:|---:|---:|---|"]
    for r in result["runs"]:
        goal = mark(r["finished"] and r["seconds"] < GOAL_SEND_SECONDS) if r["subscribers"] >= 76_000 else ""
        out.append(f"| {r['backend']} | {r['subscribers']:,} | {r['sent']:,} | {r['seconds']:.1f} s | "
                   f"{r['per_second']:,.0f} | {r['rss_hwm_kb'] / 1024:.0f} MB | {goal} |")
    return out + [""]


def main():
    runs = load()
    if not runs:
        raise SystemExit("no results in bench/results/")
    chart(runs)
    first = runs[0]
    out = [
        "# Benchmark report",
        "",
        "Written by `bench/run` (do not edit by hand: run it again). The release build on this",
        f"machine (2 cores, 24 GiB), wrk with {first['connections']} connections and gzip for "
        f"{first['seconds_per_run']} s per row, the server and wrk on the same 2 cores.",
        "Data: the demo plus `piazza seed-bench` (10 enti, 200,000 accounts, 1,000,000 forum posts,",
        "100,000 answers to a consultation). The ceiling is nginx serving the very HTML Piazza",
        "rendered for that page, as a file, with gzip, in the same run.",
        "",
        "![Requests per second: Piazza and nginx serving the same HTML](rps.svg)",
        "",
    ]
    for run in runs:
        rss_mb = run["rss_load_kb"] / 1024
        out += [
            f"## {run['backend']} (measured {run['measured_at']})",
            "",
            f"Loading the data took {run['load_seconds']:.0f} s.",
            "",
            "### Public pages, anonymous",
            "",
            *public_table(run),
            "",
            "### Signed in",
            "",
            *signed_in_table(run),
            "",
            "### Memory",
            "",
            "| at rest | peak while loaded (sampled) | high-water mark | goal (< 150 MB) |",
            "|---:|---:|---:|---|",
            f"| {run['rss_rest_kb'] / 1024:.0f} MB | {rss_mb:.0f} MB | {run['rss_hwm_kb'] / 1024:.0f} MB | "
            f"{mark(run['rss_hwm_kb'] / 1024 < GOAL_RSS_MB)} |",
            "",
        ]
    out += ["## The first page's download", "", "Every file of the site's `pkg/` folder:", "",
            *sizes_table(first["sizes"]), ""]
    if "served" in first:
        out += ["As served to a browser that accepts brotli and gzip (precompressed at build time):", "",
                "| file | encoding | bytes sent |", "|---|---|---:|"]
        out += [f"| `{n}` | {d['encoding']} | {kb(d['bytes'])} |" for n, d in first["served"].items()]
        out += [""]
    for page in first.get("first_page", []):
        out += [f"What a browser downloads to make `{page['path']}` live (the scripts and wasm its "
                "preload links name), as served:", "",
                "| file | encoding | bytes sent |", "|---|---|---:|"]
        out += [f"| `{n}` | {d['encoding']} | {kb(d['bytes'])} |" for n, d in page["files"].items()]
        out += ["", f"Its wasm is {kb(page['wasm_bytes'])} as served: the goal (under {GOAL_WASM_KB} KB "
                f"compressed) is {mark(page['wasm_bytes'] / 1024 < GOAL_WASM_KB)}.", ""]
    out += newsletter_section()
    notes = os.path.join(BENCH, "NOTES.md")
    if os.path.exists(notes):
        out += [open(notes).read().rstrip(), ""]
    earlier = os.path.join(ROOT, "docs", "BENCHMARKS.md")
    if os.path.exists(earlier):
        text = open(earlier).read().split("\n", 1)[1]
        out += ["## Earlier benchmarks (`cargo bench`, from docs/BENCHMARKS.md)", "",
                text.replace("\n## ", "\n### ").strip(), ""]
    with open(os.path.join(BENCH, "REPORT.md"), "w") as f:
        f.write("\n".join(out))


if __name__ == "__main__":
    main()
