"""Helpers for the browser tests: build the real site once, serve it on loopback, drive Chromium."""
from __future__ import annotations

import functools
import http.server
import shutil
import socketserver
import subprocess
import sys
import threading
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync"]


def build_site_copy(root: Path, dest: Path) -> Path:
    """Copy the project, generate and build it; return the built site folder."""
    shutil.copytree(root, dest, ignore=shutil.ignore_patterns(".venv", "site", ".git", "dist", "test-artifacts",
                                                               "__pycache__", ".site-*", ".pytest_cache"))
    shutil.rmtree(dest / "docs" / "dossier", ignore_errors=True)
    subprocess.run([sys.executable, str(dest / "scripts" / "build_pages.py")], check=True, cwd=dest)
    subprocess.run([sys.executable, str(dest / "scripts" / "build_site.py")], check=True, cwd=dest)
    return dest / "site"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path):
    """Serve a folder on 127.0.0.1 on a free port; returns (base url, server)."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server
