#!/usr/bin/env python3
"""Serve a built site on 127.0.0.1 with gzip, as GitHub Pages does (for Lighthouse runs).

    python scripts/serve_static.py site 8765
"""
from __future__ import annotations

import gzip
import http.server
import sys
from functools import partial

COMPRESS = (".html", ".css", ".js", ".json", ".svg", ".xml", ".csv", ".txt")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    def send_head(self):
        path = self.translate_path(self.path)
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.endswith(COMPRESS) and not path.endswith("/"):
            return super().send_head()
        if path.endswith("/"):
            path += "index.html"
        try:
            with open(path, "rb") as f:
                body = gzip.compress(f.read(), mtime=0)
        except OSError:
            return super().send_head()
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        from io import BytesIO
        return BytesIO(body)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    folder, port = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 8765
    http.server.ThreadingHTTPServer(("127.0.0.1", port), partial(GzipHandler, directory=folder)).serve_forever()
