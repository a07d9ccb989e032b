#!/usr/bin/env python3
"""Preview server: generate pages, serve on 127.0.0.1:8000, regenerate what a save changes.

    python scripts/serve.py                  # MkDocs (`mkdocs serve --dirty`): rebuilds only the pages that changed
    python scripts/serve.py --full           # MkDocs rebuilding every page on each change: slower, nothing stale
    python scripts/serve.py --for zensical   # Zensical's own server (`zensical serve -f zensical.yml`)

The preview keeps the dossier in memory (`dossier.incremental.Preview`). It watches entities/ and
seeds/; on a save it re-reads only the changed files, runs the cross-file checks, and writes only
the generated pages the change touches: for a change to an entity's notes, its own page and the
few files that show its notes (the slowest of them, the STIX bundle and the Data page, a moment
later); for any other change every page that differs. The builder's own server sees those files
change and rebuilds them. Problems are printed and the last good pages stay served, all of them.
README.md (Previewing) says what `--dirty` leaves stale and how to get a full rebuild.
"""
from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable

from dossier import files, history, incremental, pipeline, write
from dossier.files import ENTITY_FOLDER, MAX_ENTITY_BYTES, TEXT_FOLDER, UnsafeFile
from dossier.render import Settings

PREVIEW_CONFIG = "mkdocs-preview.yml"
RESCAN_S = 2.0  # the folders are looked at when the system says they changed, and at least this often


def stamps(root: Path, folder: str) -> dict[str, tuple[int, int, int]]:
    """(modification time, size, inode) of every file under `root/folder` by path (dot-files, which
    editors use for swap and lock files, left out, as the build leaves them out)."""
    out: dict[str, tuple[int, int, int]] = {}
    pending = [(root / folder, folder)]
    while pending:
        path, rel = pending.pop()
        try:
            entries = list(os.scandir(path))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            here = f"{rel}/{entry.name}"
            if entry.is_dir(follow_symlinks=False):
                pending.append((Path(entry.path), here))
            else:
                out[here] = (info.st_mtime_ns, info.st_size, info.st_ino)
    return out


def read_changes(root: Path, changed: set[str]) -> tuple[dict, list]:
    """The changed entity files' bytes (a problem for a file that must not be read, None for a file
    that is gone or refused), and the problems of listing the folder, as `load.load_tree` reads them."""
    listed, listing_problems = files.list_files(root, ENTITY_FOLDER)
    by_rel = {f.rel: f for f in listed}
    contents: dict = {}
    for rel in sorted(changed):
        file = by_rel.get(rel)
        if file is None:
            contents[rel] = None
            continue
        try:
            contents[rel] = files.read_bytes(file, MAX_ENTITY_BYTES)
        except UnsafeFile as err:
            contents[rel] = err.problem
    return contents, listing_problems


class Watcher:
    """Wakes the preview when something under the watched folders changes (inotify, through
    watchdog, which MkDocs uses too); `Server.look` then finds what changed. Without watchdog, or
    when the system refuses to watch, the folders are only looked at every RESCAN_S seconds."""

    def __init__(self, folders: list[Path]):
        self.woken = threading.Event()
        self.observer = None
        try:
            from watchdog.events import FileSystemEventHandler
            from watchdog.observers import Observer
        except ImportError:
            return
        woken = self.woken

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event) -> None:
                if event.event_type not in ("opened", "closed_no_write"):
                    woken.set()

        try:
            observer = Observer()
            for folder in folders:
                if folder.is_dir():
                    observer.schedule(Handler(), str(folder), recursive=True)
            observer.start()
        except OSError:  # too many watches, a folder gone
            return
        self.observer = observer

    def wait(self, timeout: float) -> None:
        self.woken.wait(timeout)
        self.woken.clear()

    def stop(self) -> None:
        if self.observer is not None:
            self.observer.stop()


class Server:
    """The preview: the in-memory state, the generated folder, the builder's server, the catch-up."""

    def __init__(self, root: Path, settings: Settings, addr: str = "127.0.0.1:8000", full: bool = False, events: Path | None = None):
        self.root, self.builder, self.addr, self.full = root, settings.builder, addr, full
        self.out = root / "docs" / "dossier"
        self.events = events.open("a", encoding="utf-8") if events else None
        self.preview = incremental.Preview(settings, history=history.read(root))
        self.lock = threading.Lock()  # one writer of the generated folder at a time
        self.pending: queue.Queue = queue.Queue()
        self.seen: dict[str, tuple[int, int, int]] = {}
        self.watcher: Watcher | None = None
        self.child: int | None = None  # the process making the slow files, if any
        self.includers = [p for p in (root / "docs").glob("*.md") if "dossier/_snippets/" in p.read_text(encoding="utf-8")]

    def event(self, kind: str, **fields) -> None:
        if self.events:
            self.events.write(json.dumps({"event": kind, "t": time.time(), **fields}) + "\n")
            self.events.flush()

    # -- generating -----------------------------------------------------------------------------
    def look(self) -> tuple[set[str], bool]:
        """The entity files changed since the last look, and whether an archived text changed."""
        now = stamps(self.root, ENTITY_FOLDER)
        texts = stamps(self.root, TEXT_FOLDER)
        before = self.seen
        self.seen = {**now, **texts}
        changed = {rel for rel in now.keys() | {r for r in before if r.startswith(ENTITY_FOLDER + "/")}
                   if now.get(rel) != before.get(rel)}
        texts_changed = {r: s for r, s in before.items() if r.startswith(TEXT_FOLDER + "/")} != texts
        return changed, texts_changed

    def regenerate(self, changed: set[str], texts_changed: bool, first: bool = False) -> None:
        started, cpu = time.perf_counter(), time.thread_time()
        contents, listing_problems = read_changes(self.root, changed)
        texts = pipeline.read_texts(self.root) if texts_changed or first else None
        read_s = time.perf_counter() - started
        with self.lock:
            update = self.preview.update(contents, listing_problems, texts)
            if update.problems:
                for problem in update.problems:
                    print(problem, file=sys.stderr)
                print(f"\n{len(update.problems)} problem(s); the preview still shows the last good pages.", file=sys.stderr, flush=True)
                self.event("problems", count=len(update.problems))
                return
            if update.plan.empty and not update.write and not update.remove and not update.later:
                self.event("unchanged", files=sorted(changed))
                return
            wrote = time.perf_counter()
            try:
                if update.sync:
                    written, removed = write.sync_tree(self.out, update.pages)
                else:
                    written, removed = write.update_files(self.out, update.write, update.remove)
            except (OSError, RuntimeError, ValueError) as err:
                print(f"could not write {self.out}: {err}\nnothing was changed; the pages there are as they were.", file=sys.stderr, flush=True)
                return
            self.preview.accept(update)
            # what the preview holds lives long: the cycle collector need not scan it again (it is
            # freed as usual when replaced, by reference counting; only the young are collected first)
            gc.collect(1)
            gc.freeze()
            self.touch_includers(update.write)
            if self.child is not None:  # making the slow files of an older update: no longer wanted
                try:
                    os.kill(self.child, signal.SIGTERM)
                except ProcessLookupError:
                    pass
            write_s = time.perf_counter() - wrote
        total = time.perf_counter() - started
        timings = {"read_s": read_s, **update.timings, "write_s": write_s, "total_s": total}
        cpu_s = time.thread_time() - cpu
        later = f"; {', '.join(update.later)} follow" if update.later else ""
        print(f"regenerated {update.plan}: {written} file(s) written, {removed} removed in {total:.2f} s "
              f"({', '.join(f'{k[:-2]} {v:.2f}' for k, v in timings.items() if k != 'total_s')}){later}", flush=True)
        self.event("update", plan=str(update.plan), full=update.plan.full, written=written, removed=removed,
                   later=list(update.later), cpu_s=round(cpu_s, 3), **{k: round(v, 3) for k, v in timings.items()})
        stale = [p for p in update.remove if p.endswith(".md")]
        if stale and self.builder == "mkdocs" and not self.full:
            print(f"note: MkDocs --dirty keeps serving the {len(stale)} removed page(s) ({', '.join(stale[:3])}"
                  f"{', …' if len(stale) > 3 else ''}) at their old addresses until `make serve` is restarted", flush=True)
        if update.later:
            self.pending.put(update)

    def touch_includers(self, written: dict[str, str]) -> None:
        """`mkdocs serve --dirty` rebuilds a page only when its own file is newer than its HTML; the
        home page includes generated snippets, so when one changes its modification time is moved
        (its text is left as it is) and MkDocs rebuilds it too."""
        if self.builder != "mkdocs" or self.full or not any(p.startswith("_snippets/") for p in written):
            return
        for page in self.includers:
            os.utime(page)

    def catch_up(self) -> None:
        """Make the slow files (`Update.later`) of the newest update, in the background."""
        while True:
            update = self.pending.get()
            while not self.pending.empty():  # only the newest matters
                update = self.pending.get()
            if update is None:
                return
            self.finish(update, fork=True)

    def finish(self, update: incremental.Update, fork: bool = False) -> bool:
        """Make and write `update.later`; drop them if a newer update was accepted meanwhile (its
        own `later` follows). True when written. With `fork`, they are made in a child process at
        a lower priority, so that the builder, rebuilding the page just written, comes first (a
        thread would hold this process's lock on the interpreter)."""
        started = time.perf_counter()
        made = self.render_apart(update) if fork else self.preview.render_later(update)
        if made is None:
            return False
        with self.lock:
            if not self.preview.is_current(update):
                return False
            changed = {p: t for p, t in made.items() if self.preview.pages.get(p) != t}
            try:
                write.update_files(self.out, changed)
            except (OSError, RuntimeError, ValueError) as err:
                print(f"could not write {self.out}: {err}", file=sys.stderr, flush=True)
                return False
            self.preview.accept_later(update, made)
        took = time.perf_counter() - started
        print(f"caught up: {', '.join(changed) or 'nothing changed'} in {took:.2f} s", flush=True)
        self.event("later", written=sorted(changed), later_s=round(took, 3))
        return True

    def render_apart(self, update: incremental.Update) -> dict[str, str] | None:
        """`Preview.render_later` in a forked child at a lower priority; None if it failed or was
        overtaken by a newer update (the child is then stopped)."""
        if not hasattr(os, "fork"):
            return self.preview.render_later(update)
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: make the files, send them, end without running the parent's cleanup
            status = 1
            try:
                os.close(read_end)
                os.nice(10)
                data = json.dumps(self.preview.render_later(update)).encode("utf-8")
                with os.fdopen(write_end, "wb") as pipe:
                    pipe.write(data)
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        self.child = pid
        chunks = []
        with os.fdopen(read_end, "rb") as pipe:
            while chunk := pipe.read(1 << 20):
                chunks.append(chunk)
        with self.lock:  # (the main thread stops the child under the lock: never once it is reaped)
            _pid, status = os.waitpid(pid, 0)
            self.child = None
        if status != 0 or not self.preview.is_current(update):
            return None
        return json.loads(b"".join(chunks))

    def start(self) -> None:
        """The first generation, from everything on disk."""
        self.seen = {}
        changed, _texts = self.look()
        self.regenerate(changed, True, first=True)

    def step(self) -> bool:
        """Look once; regenerate if anything changed (waiting for a save in several writes to end)."""
        changed, texts_changed = self.look()
        if not (changed or texts_changed):
            return False
        for _ in range(5):  # a save in several writes: wait until it is over
            if self.watcher is not None and self.watcher.observer is not None:
                if not self.watcher.woken.wait(0.03):
                    break
                self.watcher.woken.clear()
            else:
                time.sleep(0.03)
            more, more_texts = self.look()
            if not (more or more_texts):
                break
            changed |= more
            texts_changed |= more_texts
        self.regenerate(changed, texts_changed)
        return True

    # -- serving --------------------------------------------------------------------------------
    def builder_command(self) -> list[str]:
        if self.builder == "zensical":
            return [PY, "-m", "zensical", "serve", "-f", "zensical.yml", "--dev-addr", self.addr]
        command = [PY, "-m", "mkdocs", "serve", "--dev-addr", self.addr, "--livereload"]
        if self.full:
            return command
        # mkdocs-preview.yml: mkdocs.yml and a hook that keeps the search index whole under --dirty;
        # --no-strict: each --dirty build logs a warning, which strict mode would make a failure
        config = ["-f", PREVIEW_CONFIG] if (self.root / PREVIEW_CONFIG).is_file() else []
        return command + config + ["--dirty", "--no-strict"]

    def builder_env(self, env) -> dict[str, str]:
        """The builder's environment. Its site address is the preview's own: MkDocs and Zensical
        serve under the path of `site_url`, which follows the repository (`/iskp-dossier/` for
        https://owner.github.io/iskp-dossier/), so the address printed would have been a 404."""
        return {**env, "NO_MKDOCS_2_WARNING": "1", "DOSSIER_SITE_URL": f"http://{self.addr}/"}

    def run(self) -> int:
        signal.signal(signal.SIGTERM, _interrupt)  # stopped by a script: end as on Ctrl-C
        self.start()
        threading.Thread(target=self.catch_up, name="catch-up", daemon=True).start()
        # (the builder gets Ctrl-C's default handling back, even when this runs in the background,
        # where the shell ignores SIGINT: MkDocs removes its temporary site only on Ctrl-C)
        server = subprocess.Popen(self.builder_command(), cwd=self.root, env=self.builder_env(os.environ),
                                  preexec_fn=_default_sigint)
        mode = {"zensical": "Zensical", "mkdocs": "MkDocs, every page rebuilt" if self.full else
                "MkDocs --dirty: a removed or renamed entity's old page stays served until a restart; README, Previewing"}[self.builder]
        print(f"Serving on http://{self.addr}/ ({mode}) — edit files in entities/ and the pages regenerate. Ctrl-C stops.", flush=True)
        self.event("serving", builder=self.builder, full=self.full, pid=server.pid)
        self.watcher = watcher = Watcher([self.root / ENTITY_FOLDER, self.root / TEXT_FOLDER])
        try:
            while server.poll() is None:
                watcher.wait(RESCAN_S)
                self.step()
        except KeyboardInterrupt:
            pass
        finally:
            watcher.stop()
            self.pending.put(None)
            if server.poll() is None:
                server.send_signal(signal.SIGINT)  # lets MkDocs remove its temporary site
                try:
                    server.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    server.kill()
                    server.wait()
        return 0


def refused(root: Path, builder: str, full: bool = False) -> list[str]:
    """What `make site` refuses (scripts/build_site.py), for the paths the preview reads and writes:
    a link, device or pipe under docs/, overrides/ or offline/ (the builder's server follows links
    as its build does), and a link or the wrong kind of thing at the configuration it reads, the
    generated folder it writes into, and (Zensical) the site folder and cache its server writes."""
    from build_site import build_paths, unsafe_inputs, unsafe_outputs  # beside this script
    paths = {root / "mkdocs.yml": "file", root / "docs" / "dossier": "folder"}
    if builder == "zensical":
        paths |= build_paths(root / "zensical.yml", root / "site-zensical", "zensical")
    elif not full and (root / PREVIEW_CONFIG).exists():
        paths |= {root / PREVIEW_CONFIG: "file", root / "scripts" / "preview_hooks.py": "file"}
    return unsafe_inputs(root) + unsafe_outputs(root, paths)


def _interrupt(_signum, _frame) -> None:
    raise KeyboardInterrupt


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--for", dest="builder", choices=("mkdocs", "zensical"), default="mkdocs",
                        help="the builder whose server serves the pages (default: mkdocs)")
    parser.add_argument("--full", action="store_true", help="MkDocs: rebuild every page on each change (no --dirty)")
    parser.add_argument("--root", type=Path, default=ROOT, help="project root (default: this repository)")
    parser.add_argument("--addr", default=os.environ.get("DOSSIER_ADDR", "127.0.0.1:8000"), help="address to serve on")
    parser.add_argument("--events", type=Path, default=None, help="append a JSON line per event (for scripts/bench.py)")
    args = parser.parse_args(argv)
    if args.builder == "zensical" and importlib.util.find_spec("zensical") is None:
        print("Zensical comes with the development requirements: run `make zensical` once, then this again.", file=sys.stderr)
        return 1
    from build_pages import settings_from  # beside this script
    root = args.root.resolve()
    unsafe = refused(root, args.builder, args.full)
    if unsafe:
        print("\n".join(unsafe) + "\nnothing is served.", file=sys.stderr)
        return 1
    return Server(root, settings_from(root, args.builder), args.addr, args.full, args.events).run()


if __name__ == "__main__":
    sys.exit(main())
