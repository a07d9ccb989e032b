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


class Search:
    """The site's search box, driven as a reader types into it, whichever builder made the site:
    Material's (MkDocs) in the page, Zensical's in a dialog inside a shadow root (which
    Playwright's CSS locators pierce)."""

    SELECTORS = {
        "mkdocs": {"open": ".md-search__input", "input": ".md-search__input", "result": ".md-search-result__item > a",
                   },
        "zensical": {"open": ".md-search__button", "input": "input[role=combobox]", "result": "a[role=option]"},
    }

    def __init__(self, page, builder: str):
        self.page, self.builder, self.s = page, builder, self.SELECTORS[builder]

    def open(self) -> None:
        self.page.locator(self.s["open"]).first.click()
        self.page.locator(self.s["input"]).first.wait_for()

    def type(self, query: str) -> None:
        """Replace the query as typing does: Material searches on a key event (not on a value set,
        and typing into it again after clearing it stalls its search), Zensical on input."""
        if self.builder == "mkdocs":
            self.page.evaluate("""(q) => { const i = document.querySelector('.md-search__input'); i.value = q;
                i.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true})); }""", query)
        else:
            self.page.locator(self.s["input"]).first.fill(query)

    def results(self, most: int = 10) -> list[str]:
        return self.page.locator(self.s["result"]).evaluate_all(
            f"els => els.slice(0, {most}).map(a => new URL(a.getAttribute('href'), location.href).pathname)")

    def wait_for_results(self, timeout: int = 8000) -> None:
        self.page.locator(self.s["result"]).first.wait_for(timeout=timeout)

    def clear(self) -> None:
        """A query with no results, so that the next results read are the next query's."""
        self.type("qqzzxxjj")
        self.page.locator(self.s["result"]).first.wait_for(state="detached", timeout=8000)
