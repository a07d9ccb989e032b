#!/usr/bin/env python3
"""Lighthouse's mobile audit of the built site, served as GitHub Pages serves it (gzip), each page
run several times: one run's performance score moves by ten points on a busy machine, the median
of five much less. A measurement for people (`make lighthouse`), not a test.

    python scripts/lighthouse.py site [--runs 5] [--out test-artifacts/lighthouse] [PATH ...]

Needs Node.js (npx fetches the pinned Lighthouse from the npm registry) and Debian's chromium.
Prints, per page, every run's scores and the medians, with the page's weight and the machine's
benchmark index (Lighthouse's measure of the CPU it ran on: the scores are only comparable
between runs of similar index).

Then, as a ratio measured in the same run (`--no-lighthouse` for it alone, which needs no Node.js):
the main thread's work while each page loads on a 4x slowed-down CPU in Playwright's Chromium, with
the far blocks left unrendered as the site ships (`content-visibility: auto`, dossier.css) and with
everything rendered (a rule appended to dossier.css as it is served), alternating, median of the runs.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

LIGHTHOUSE = "lighthouse@12.8.2"  # the last release that runs on Node.js 20 (13.x needs 22.19)
PAGES = ["/", "/dossier/network/", "/dossier/groups/iskp/"]
PORT = 8765


def audit(url: str, out: Path) -> dict:
    """One Lighthouse run; the numbers this report is about."""
    subprocess.run(["npx", "--yes", LIGHTHOUSE, url, "--quiet", "--chrome-flags=--headless=new --no-sandbox",
                    "--output=json", "--output=html", f"--output-path={out}"],
                   check=True, env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")})
    report = json.loads(out.with_suffix(".report.json").read_text(encoding="utf-8"))
    audits = report["audits"]
    return {**{name: round(c["score"] * 100) for name, c in report["categories"].items()},
            "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
            "lcp_s": round(audits["largest-contentful-paint"]["numericValue"] / 1000, 1),
            "kb": round(audits["total-byte-weight"]["numericValue"] / 1024),
            "benchmark": round(report["environment"]["benchmarkIndex"])}


ALL_RENDERED = "\n.md-typeset * { content-visibility: visible !important; }\n"


def _all_rendered(route) -> None:
    response = route.fetch()
    route.fulfill(response=response, body=response.text() + ALL_RENDERED)


def load_work(base: str, path: str, runs: int) -> dict:
    """Main-thread milliseconds (all tasks, and style recalculation of them) while `path` loads,
    as shipped and with every block rendered; loads alternate so that a busy spell hits both."""
    from playwright.sync_api import sync_playwright

    work = {"shipped": [], "all rendered": []}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=os.environ.get("CHROME_PATH", "/usr/bin/chromium"), args=["--no-sandbox"])
        for _ in range(runs):
            for variant in work:
                ctx = browser.new_context(viewport={"width": 412, "height": 823}, device_scale_factor=1.75, is_mobile=True, has_touch=True)
                page = ctx.new_page()
                if variant == "all rendered":
                    page.route("**/assets/dossier.css", _all_rendered)
                cdp = ctx.new_cdp_session(page)
                cdp.send("Performance.enable")
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
                page.goto(base + path, wait_until="load")
                page.wait_for_timeout(2500)  # the theme's and the map's start-up, after load
                metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
                work[variant].append((metrics["TaskDuration"] * 1000, metrics["RecalcStyleDuration"] * 1000))
                ctx.close()
        browser.close()
    return {variant: tuple(round(statistics.median(x[i] for x in values)) for i in (0, 1)) for variant, values in work.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("paths", nargs="*", default=PAGES)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=Path("test-artifacts/lighthouse"))
    parser.add_argument("--no-lighthouse", action="store_true", help="only the load-work ratio")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    server = subprocess.Popen([sys.executable, str(Path(__file__).with_name("serve_static.py")), str(args.site), str(PORT)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1)
        for path in [] if args.no_lighthouse else args.paths:
            name = path.strip("/").replace("/", "-") or "home"
            runs = [audit(f"http://127.0.0.1:{PORT}{path}", args.out / f"{name}-{i + 1}") for i in range(args.runs)]
            for r in runs:
                print(f"  {path}  performance {r['performance']:3}  TBT {r['tbt_ms']:4} ms  LCP {r['lcp_s']} s"
                      f"  (benchmark index {r['benchmark']})", flush=True)
            median = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
            print(f"{path}: median of {len(runs)}: performance {median['performance']:g}, accessibility "
                  f"{median['accessibility']:g}, best practices {median['best-practices']:g}, SEO {median['seo']:g};"
                  f" TBT {median['tbt_ms']:g} ms; {median['kb']:g} KB", flush=True)
        for path in args.paths:
            work = load_work(f"http://127.0.0.1:{PORT}", path, args.runs)
            (shipped, shipped_style), (full, full_style) = work["shipped"], work["all rendered"]
            print(f"{path}: main-thread work at load, 4x slowdown, median of {args.runs}: {shipped} ms as shipped"
                  f" (style {shipped_style}), {full} ms all rendered (style {full_style}); ratio {shipped / full:.2f}", flush=True)
    finally:
        server.terminate()
    return 0


if __name__ == "__main__":
    sys.exit(main())
