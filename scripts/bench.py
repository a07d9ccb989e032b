#!/usr/bin/env python3
"""Benchmark the build on synthetic dossiers: one JSON line per size on stdout.

    python scripts/bench.py                                   # 500 and 5000 entities, validate-only 20000, preview at 5000
    python scripts/bench.py --sizes 100,1000 --validate-only-size 0 --preview-size 500

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

Edit-to-preview (mode "preview", one line per builder, `--preview-size`, 5000 by default, 0: none;
`--preview-builders`, "mkdocs,zensical" by default, "mkdocs-full" for MkDocs without --dirty): the
preview (`scripts/serve.py`) is started on a fresh synthetic tree and, once it serves, one
person's file is saved with a word added to a note, then with its name changed; each time the
entity's page is fetched over HTTP until it shows the change. Fields: ready_s (start to first
page served: first generation and the builder's cold build), first_generation_s (the preview
generating everything, as the old preview did on every save), note_edit_s (save to page),
note_generate_s (the preview's part of it: read, checks, render, write; note_checks_s of that),
note_files_written, note_downloads_s (save to the STIX bundle holding the note: the slow files
come after the page), name_edit_s and name_index_s (save to the entity's page, and to the people
index, showing the new name), name_generate_s, name_files_written, and ratios measured in the
run: incremental_vs_full (note_generate_s / first_generation_s), note_vs_name (note_edit_s /
name_edit_s). Times are wall seconds from the save, polled every 0.1 s; note_cpu_s and name_cpu_s
are the CPU seconds the preview's update and the builder's rebuild used to get there (what a machine
with a core free for each would take, roughly, however busy this one is).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def copy_site_config(dest: Path) -> None:
    """What MkDocs (and Zensical) need besides the entities: mkdocs.yml, zensical.yml, the
    preview's configuration and hook, the hand-written docs/, theme overrides."""
    config = ROOT / "mkdocs.yml"
    shutil.copy2(config, dest / "mkdocs.yml")
    shutil.copy2(ROOT / "zensical.yml", dest / "zensical.yml")
    shutil.copy2(ROOT / "mkdocs-preview.yml", dest / "mkdocs-preview.yml")  # the preview's, with its hook
    (dest / "scripts").mkdir(exist_ok=True)
    shutil.copy2(ROOT / "scripts" / "preview_hooks.py", dest / "scripts" / "preview_hooks.py")
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


# -- edit-to-preview ----------------------------------------------------------------------------------

BUILT = {"mkdocs": re.compile(r"Serving on http|Documentation built in"), "zensical": re.compile(r"[Ii]ssues? found|Build finished")}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (OSError, ValueError):
        return None


class _Stopped(Exception):
    """The preview (or its builder) stopped while the benchmark waited for it."""


def _until(test, timeout: float, every: float = 0.1, alive=None):
    """Call `test` until it returns something true; its value, or None after `timeout` seconds.
    `alive`: a process that must keep running meanwhile (else `_Stopped`)."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        value = test()
        if value:
            return value
        if alive is not None and alive.poll() is not None:
            raise _Stopped()
        time.sleep(every)
    return None


class _Events:
    """The preview's event lines (serve.py --events), read as they come."""

    def __init__(self, path: Path):
        self.path, self.seen = path, 0

    def all(self) -> list[dict]:
        if not self.path.exists():
            return []
        return [json.loads(line) for line in self.path.read_text(encoding="utf-8").splitlines() if line.strip()]

    def next(self, kinds: tuple[str, ...], timeout: float) -> dict | None:
        """The first event of `kinds` after those already taken."""
        def find():
            events = self.all()
            for i in range(self.seen, len(events)):
                if events[i]["event"] in kinds:
                    self.seen = i + 1
                    return events[i]
            return None
        return _until(find, timeout, 0.05)


def _quiet(log: Path, seconds: float, timeout: float) -> None:
    """Wait until the server's log has not grown for `seconds` (the builder is idle)."""
    last, since = -1, time.perf_counter()
    deadline = since + timeout
    while time.perf_counter() < deadline:
        size = log.stat().st_size if log.exists() else 0
        if size != last:
            last, since = size, time.perf_counter()
        elif time.perf_counter() - since >= seconds:
            return
        time.sleep(0.1)


def _cpu_seconds(pids: list[int]) -> float:
    """CPU time (user and system, all threads) the processes have used so far (Linux's /proc)."""
    tick, total = os.sysconf("SC_CLK_TCK"), 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def _save(path: Path, text: str) -> float:
    """Save as editors do (a new file renamed over the old); the time of the save."""
    tmp = path.with_name(f".{path.name}.saving")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return time.perf_counter()


def _edited_person(root: Path) -> Path:
    """The first person (by file name) with a note and a plain name: the one the benchmark edits."""
    for path in sorted((root / "entities" / "people").glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        if re.search(r"^notes:\n  - text: [A-Za-z]", text, re.M) and re.search(r"^name: [A-Za-z][^\"'\n]*$", text, re.M):
            return path
    raise SystemExit("no person with a note in the synthetic tree")


def preview_run(base: Path, n: int, seed: int, builder: str, keep: bool) -> dict:
    """Start the preview for one builder on a fresh tree, edit a note and then a name, time both."""
    import synthetic  # scripts/synthetic, beside this script

    root = base / f"preview-{builder}-{n}"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    synthetic.write(root, n, seed)
    copy_site_config(root)
    port = _free_port()
    addr = f"127.0.0.1:{port}"
    base_url = f"http://{addr}/"
    events, log = _Events(root / "preview-events.jsonl"), root / "preview.log"
    person = _edited_person(root)
    entity_id, folder = person.stem, "people"
    page = f"{base_url}dossier/{folder}/{entity_id}/"
    command = [sys.executable, str(ROOT / "scripts" / "serve.py"), "--root", str(root), "--addr", addr, "--events", str(events.path),
               "--for", "zensical" if builder == "zensical" else "mkdocs"] + (["--full"] if builder == "mkdocs-full" else [])
    # the site's address is the preview's, so that MkDocs serves at / as Zensical does
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DOSSIER_SITE_URL": base_url, "PYTHONUNBUFFERED": "1"}
    result: dict = {"entities": n, "mode": "preview", "builder": builder, "seed": seed, "edited": f"{folder}/{entity_id}"}
    started = time.perf_counter()
    with log.open("wb") as out:
        server = subprocess.Popen(command, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT,
                                  preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        first = events.next(("update", "problems"), timeout=1800)
        if not first or first["event"] != "update":
            raise SystemExit(f"the preview did not start:\n{log.read_text()[-4000:]}")
        result["first_generation_s"] = first["total_s"]
        if not _until(lambda: _fetch(page), timeout=3600, every=0.5, alive=server):
            raise SystemExit(f"the preview never served {page}:\n{log.read_text()[-4000:]}")
        _until(lambda: BUILT[builder.removesuffix("-full")].search(log.read_text(errors="replace")), timeout=3600, every=0.5, alive=server)
        result["ready_s"] = round(time.perf_counter() - started, 2)
        builder_pid = next(e["pid"] for e in events.all() if e["event"] == "serving")
        _quiet(log, 1.0, timeout=600)
        if server.poll() is not None:
            raise _Stopped()

        # a note: one word added to the first note's text
        text = person.read_text(encoding="utf-8")
        mark = f"Zqnote{seed}x{n}"
        builder_cpu = _cpu_seconds([builder_pid])
        saved = _save(person, re.sub(r"^(notes:\n  - text: )", rf"\g<1>{mark} ", text, count=1, flags=re.M))
        if not _until(lambda: mark in (_fetch(page) or ""), timeout=1800, alive=server):
            raise SystemExit(f"the note never showed on {page}:\n{log.read_text()[-4000:]}")
        result["note_edit_s"] = round(time.perf_counter() - saved, 3)
        builder_cpu = _cpu_seconds([builder_pid]) - builder_cpu
        update = events.next(("update", "problems"), timeout=60) or {}
        if update.get("event") != "update" or update.get("full"):
            raise SystemExit(f"the note edit was not regenerated incrementally: {update}")
        result["note_generate_s"], result["note_checks_s"] = update["total_s"], update["checks_s"]
        result["note_cpu_s"] = round(update["cpu_s"] + builder_cpu, 3)
        result["note_files_written"] = update["written"]
        stix = f"{base_url}dossier/data/dossier.stix.json"
        if _until(lambda: mark in (_fetch(stix) or ""), timeout=1800, every=0.5, alive=server):
            result["note_downloads_s"] = round(time.perf_counter() - saved, 3)
        events.next(("later",), timeout=600)
        _quiet(log, 1.0, timeout=600)
        if server.poll() is not None:
            raise _Stopped()

        # a name: the entity's name changed, which every page naming it shows
        text = person.read_text(encoding="utf-8")
        name = re.search(r"^name: (.*)$", text, re.M).group(1)
        new_name = f"{name} Zqname"
        builder_cpu = _cpu_seconds([builder_pid])
        saved = _save(person, text.replace(f"\nname: {name}\n", f"\nname: {new_name}\n", 1))
        if not _until(lambda: new_name in (_fetch(page) or ""), timeout=3600, alive=server):
            raise SystemExit(f"the new name never showed on {page}:\n{log.read_text()[-4000:]}")
        result["name_edit_s"] = round(time.perf_counter() - saved, 3)
        builder_cpu = _cpu_seconds([builder_pid]) - builder_cpu
        if _until(lambda: new_name in (_fetch(f"{base_url}dossier/{folder}/") or ""), timeout=3600, alive=server):
            result["name_index_s"] = round(time.perf_counter() - saved, 3)
        update = events.next(("update", "problems"), timeout=60) or {}
        if update.get("event") != "update" or not update.get("full"):
            raise SystemExit(f"the name edit did not regenerate everything: {update}")
        result["name_generate_s"], result["name_files_written"] = update["total_s"], update["written"]
        result["name_cpu_s"] = round(update["cpu_s"] + builder_cpu, 3)
        events.next(("later",), timeout=600)
        _quiet(log, 1.0, timeout=600)
        if server.poll() is not None:
            raise _Stopped()
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        if not keep:
            shutil.rmtree(root, ignore_errors=True)
    result["incremental_vs_full"] = round(result["note_generate_s"] / result["first_generation_s"], 3)
    result["note_vs_name"] = round(result["note_edit_s"] / result["name_edit_s"], 3)
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
    parser.add_argument("--preview-size", type=int, default=5000, help="entities for the edit-to-preview runs (0: none)")
    parser.add_argument("--preview-builders", default="mkdocs,zensical",
                        help="builders whose preview is timed: mkdocs (--dirty), zensical, mkdocs-full (default mkdocs,zensical)")
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
        if args.preview_size:
            for builder in [b.strip() for b in args.preview_builders.split(",") if b.strip()]:
                if builder not in ("mkdocs", "mkdocs-full", "zensical"):
                    raise SystemExit(f"unknown builder {builder!r}: mkdocs, mkdocs-full or zensical")
                print(f"bench: edit-to-preview, {builder}, {args.preview_size} entities…", file=sys.stderr, flush=True)
                print(json.dumps(preview_run(base, args.preview_size, args.seed, builder, args.keep)), flush=True)
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(base, ignore_errors=True)
    if args.keep:
        print(f"bench: scratch trees kept in {base}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
