#!/usr/bin/env python3
"""Preview server: generate pages, serve on 127.0.0.1:8000, regenerate when entities/ changes.

`mkdocs serve` only watches docs/; this watches entities/ and seeds/ too and reruns the generator
(which writes only changed pages, so MkDocs reloads just those). Validation problems are printed
and the last good pages stay served.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def snapshot() -> dict[str, float]:
    files = [*(ROOT / "entities").rglob("*"), *(ROOT / "seeds").glob("*")]
    return {str(p): p.stat().st_mtime for p in files if p.is_file()}


def generate() -> None:
    subprocess.run([PY, str(ROOT / "scripts" / "build_pages.py")], cwd=ROOT)


def main() -> int:
    from build_site import unsafe_inputs
    unsafe = unsafe_inputs(ROOT)  # `mkdocs serve` follows links in docs/ as `mkdocs build` does
    if unsafe:
        print("\n".join(unsafe) + "\nnothing is served.", file=sys.stderr)
        return 1
    addr = os.environ.get("DOSSIER_ADDR", "127.0.0.1:8000")
    generate()
    server = subprocess.Popen([PY, "-m", "mkdocs", "serve", "--dev-addr", addr, "--livereload"], cwd=ROOT,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    print(f"Serving on http://{addr}/ — edit files in entities/ and the pages regenerate. Ctrl-C stops.", flush=True)
    seen = snapshot()
    try:
        while server.poll() is None:
            time.sleep(0.7)
            now = snapshot()
            if now != seen:
                seen = now
                generate()
    except KeyboardInterrupt:
        pass
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
