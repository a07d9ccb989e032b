#!/usr/bin/env python3
"""Benchmark the build on synthetic dossiers: one JSON line per size on stdout.

    python scripts/bench.py                                   # 500 and 5000 entities, validate-only 20000
    python scripts/bench.py --sizes 100,1000 --validate-only-size 0

Each size runs in a fresh worker process on a scratch copy in a temporary folder: the synthetic
tree (scripts/synthetic/) plus this repository's mkdocs.yml, hand-written docs/ and theme
overrides. In the worker, validation (`pipeline.validate`) and generation (`render.site` and
`write.sync_tree`) are timed in-process, after the imports; the MkDocs build runs as a child
process (`python -m mkdocs build --strict`) and is timed from outside. Peak memory is the
resident set size of the worker (validate + generate) and of MkDocs, from getrusage (MkDocs'
through a small wrapper process, see _MEASURE).

Fields: entities, pages (generated Markdown pages; generated_files adds the data downloads),
html_pages (in the built site), validate_s, generate_s,
mkdocs_build_s (wall seconds), their *_cpu_s, total_s, generator_share
((validate_s + generate_s) / mkdocs_build_s), site_bytes, search_index_bytes, median_html_kb,
p90_html_kb, max_html_kb (and which page), peak_rss_mb (max of both processes), and, on each size
after the first, growth_vs_linear = (total_s / first total_s) / (entities / first entities):
1.0 is linear. The validate-only line has mode "validate-only". It is a benchmark, not a test:
timings on a shared machine vary by tens of percent from run to run.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def copy_site_config(dest: Path) -> None:
    """What MkDocs needs besides the entities: mkdocs.yml, the hand-written docs/, theme overrides."""
    config = ROOT / "mkdocs.yml"
    shutil.copy2(config, dest / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", dest / "docs", ignore=lambda d, names: ["dossier"] if Path(d) == ROOT / "docs" else [],
                    dirs_exist_ok=True)
    custom = re.search(r"^\s+custom_dir:\s*([^\s#]+)", config.read_text(encoding="utf-8"), re.M)
    if custom and (ROOT / custom.group(1)).is_dir():
        shutil.copytree(ROOT / custom.group(1), dest / custom.group(1), dirs_exist_ok=True)


# MkDocs runs under this small wrapper, which reports its child's peak RSS and CPU time: Linux
# gives a process started from a big one (vfork and exec) the parent's peak as its own, so the
# worker's RUSAGE_CHILDREN would report the worker's memory, not MkDocs'.
_MEASURE = """
import json, resource, subprocess, sys
code = subprocess.call(sys.argv[2:])
u = resource.getrusage(resource.RUSAGE_CHILDREN)
open(sys.argv[1], "w").write(json.dumps({"maxrss_kb": u.ru_maxrss, "cpu_s": u.ru_utime + u.ru_stime}))
sys.exit(code)
"""


def _rss_mb(who: int) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)  # Linux reports KiB


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def worker(root: Path, n: int, seed: int, mode: str) -> dict:
    """Generate, validate, render and build one size in this process; return the measurements."""
    import synthetic  # scripts/synthetic, beside this script

    started = time.perf_counter()
    synthetic.write(root, n, seed)
    copy_site_config(root)
    result: dict = {"entities": n, "mode": mode, "seed": seed, "synth_s": round(time.perf_counter() - started, 2)}

    from build_pages import settings_from
    from dossier import pipeline, render, write

    cpu, wall = _cpu(resource.RUSAGE_SELF), time.perf_counter()
    records, texts = pipeline.validate(root)
    result["validate_s"] = round(time.perf_counter() - wall, 3)
    result["validate_cpu_s"] = round(_cpu(resource.RUSAGE_SELF) - cpu, 3)
    assert len(records) == n, f"{len(records)} records for {n} entities"
    if mode == "validate-only":
        result["peak_rss_mb"] = _rss_mb(resource.RUSAGE_SELF)
        return result

    cpu, wall = _cpu(resource.RUSAGE_SELF), time.perf_counter()
    pages = render.site(records, texts, settings_from(root, quiet=True))
    write.sync_tree(root / "docs" / "dossier", pages)
    result["generate_s"] = round(time.perf_counter() - wall, 3)
    result["generate_cpu_s"] = round(_cpu(resource.RUSAGE_SELF) - cpu, 3)
    result["pages"] = sum(1 for rel in pages if rel.endswith(".md"))
    result["generated_files"] = len(pages)
    generator_rss = _rss_mb(resource.RUSAGE_SELF)
    del records, texts, pages

    site = root / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    usage_file = root / "mkdocs-rusage.json"
    wall = time.perf_counter()
    build = subprocess.run([sys.executable, "-c", _MEASURE, str(usage_file), sys.executable, "-m", "mkdocs", "build",
                            "--strict", "--quiet", "--config-file", str(root / "mkdocs.yml"), "--site-dir", str(site)],
                           cwd=root, env=env, capture_output=True, text=True)
    result["mkdocs_build_s"] = round(time.perf_counter() - wall, 3)
    if build.returncode != 0:
        raise SystemExit(f"mkdocs build failed:\n{build.stdout}\n{build.stderr}")
    usage = json.loads(usage_file.read_text())
    usage_file.unlink()
    result["mkdocs_build_cpu_s"] = round(usage["cpu_s"], 3)

    html = sorted((p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html"))
    sizes = [s for s, _ in html]
    result.update({
        "html_pages": len(html),
        "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
        "search_index_bytes": (site / "search" / "search_index.json").stat().st_size,
        "median_html_kb": round(statistics.median(sizes) / 1024, 1),
        "p90_html_kb": round(sizes[int(0.9 * (len(sizes) - 1))] / 1024, 1),
        "max_html_kb": round(html[-1][0] / 1024, 1),
        "max_html_page": html[-1][1],
        "generator_rss_mb": generator_rss,
        "mkdocs_rss_mb": round(usage["maxrss_kb"] / 1024, 1),
    })
    result["peak_rss_mb"] = max(generator_rss, result["mkdocs_rss_mb"])
    result["total_s"] = round(result["validate_s"] + result["generate_s"] + result["mkdocs_build_s"], 3)
    result["generator_share"] = round((result["validate_s"] + result["generate_s"]) / result["mkdocs_build_s"], 3)
    return result


def run_size(base: Path, n: int, seed: int, mode: str, keep: bool) -> dict:
    root = base / f"{mode}-{n}"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    try:
        proc = subprocess.run([sys.executable, __file__, "--worker", "--root", str(root), "--entities", str(n),
                               "--seed", str(seed), "--mode", mode], capture_output=True, text=True)
        if proc.returncode != 0:
            raise SystemExit(f"benchmark worker for {n} entities failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}")
        return json.loads(proc.stdout.strip().splitlines()[-1])
    finally:
        if not keep:
            shutil.rmtree(root, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,5000", help="comma-separated entity counts for full builds (default 500,5000)")
    parser.add_argument("--validate-only-size", type=int, default=20000, help="entities for a validate-only run (0: none)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", type=Path, default=None, help="scratch folder (default: a new temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch trees and sites")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--root", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--entities", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--mode", default="full", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        print(json.dumps(worker(args.root, args.entities, args.seed, args.mode)))
        return 0

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    base = args.workdir or Path(tempfile.mkdtemp(prefix="dossier-bench-"))
    base.mkdir(parents=True, exist_ok=True)
    first = None
    try:
        for n in sizes:
            print(f"bench: {n} entities…", file=sys.stderr, flush=True)
            result = run_size(base, n, args.seed, "full", args.keep)
            if first is None:
                first = result
            else:
                result["growth_vs_linear"] = round((result["total_s"] / first["total_s"]) / (n / first["entities"]), 3)
                result["growth_baseline_entities"] = first["entities"]
            print(json.dumps(result), flush=True)
        if args.validate_only_size:
            print(f"bench: validate-only, {args.validate_only_size} entities…", file=sys.stderr, flush=True)
            print(json.dumps(run_size(base, args.validate_only_size, args.seed, "validate-only", args.keep)), flush=True)
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(base, ignore_errors=True)
    if args.keep:
        print(f"bench: scratch trees kept in {base}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
