#!/usr/bin/env python3
"""Build the offline bundle: dist/iskp-dossier-offline.zip, the whole site working from file://.

A separate build from the online site (which keeps its directory URLs): pages are generated with
file URLs into a scratch copy of docs/, MkDocs builds with Material's `offline` plugin, the
iframe-worker shim is served from the bundle (not unpkg), fonts are the system's, and the zip is
written with sorted entries and fixed timestamps so that the same commit gives the same bytes.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

from dossier import changelog, history, origin, pipeline, render, write
from dossier.errors import InputError

SHIM = "assets/javascripts/iframe-worker-shim.js"
BUNDLE = "iskp-dossier-offline"


def offline_config(config: dict, docs: Path, site: Path) -> dict:
    """The online mkdocs.yml turned into the offline build's configuration."""
    config = dict(config)
    # (relative to the configuration file, which sits beside them: Zensical panics on absolute ones)
    config.update(docs_dir=docs.name, site_dir=site.name, use_directory_urls=False)
    config["plugins"] = [p for p in config.get("plugins", ["search"])] + ["offline"]
    extra = dict(config.get("extra") or {})
    extra["polyfills"] = [SHIM]
    config["extra"] = extra
    config.pop("site_url", None)
    theme = dict(config.get("theme") or {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = str(ROOT / theme["custom_dir"])
    config["theme"] = theme
    return config


def zip_tree(folder: Path, dest: Path, epoch: int) -> None:
    stamp = time.gmtime(max(epoch, 315532800))[:6]
    tmp = dest.with_suffix(".zip.tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{BUNDLE}/{path.relative_to(folder).as_posix()}", date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, path.read_bytes())
    os.replace(tmp, dest)


def main(argv: list[str] | None = None) -> int:
    import argparse
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--builder", choices=("mkdocs", "zensical"), default="mkdocs",
                        help="mkdocs (Material and its offline plugin, the default) or zensical (its offline plugin)")
    builder = parser.parse_args(argv).builder
    from build_pages import settings_from
    from build_site import source_date_epoch, unsafe_inputs
    unsafe = unsafe_inputs(ROOT)
    if unsafe:
        print("\n".join(unsafe) + "\nnothing was built; dist/ left as it was", file=sys.stderr)
        return 1
    # The one date in the bundle (zip entries, the sitemap's gzip header) is the last commit's, so
    # that two builds of one commit give the same bytes.
    epoch = source_date_epoch(ROOT) or "315532800"
    try:
        records, texts = pipeline.validate(ROOT)
    except InputError as err:
        print("\n".join(str(p) for p in err.problems), file=sys.stderr)
        return 1
    settings = settings_from(ROOT)
    settings = type(settings)(**{**settings.__dict__, "directory_urls": False, "builder": builder})
    with tempfile.TemporaryDirectory(prefix="dossier-offline-") as scratch:
        scratch = Path(scratch)
        docs, site = scratch / "docs", scratch / "site"
        shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns("dossier"))
        (docs / SHIM).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "offline" / "iframe-worker-shim.js", docs / SHIM)
        log = changelog.build(history.read(ROOT), records)  # each entity's History and the Changes page
        write.sync_tree(docs / "dossier", render.site(records, texts, settings, changelog=log))
        config = offline_config(origin.mkdocs_config(ROOT, dict(os.environ)), docs, site)
        if builder == "zensical":  # what zensical.yml changes: its own theme files, not overrides/
            config["theme"] = {k: v for k, v in config["theme"].items() if k != "custom_dir"}
        (scratch / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
        command = [sys.executable, "-m", builder, "build", "--strict"] + (["--quiet"] if builder == "mkdocs" else [])
        result = subprocess.run(command + ["-f", str(scratch / "mkdocs.yml")], cwd=scratch,
                                env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": epoch})
        if result.returncode:
            print("offline build failed; dist/ left as it was", file=sys.stderr)
            return result.returncode
        dist = ROOT / "dist"
        dist.mkdir(exist_ok=True)
        zip_tree(site, dist / f"{BUNDLE}.zip", int(epoch))
    print(f"wrote dist/{BUNDLE}.zip ({(dist / f'{BUNDLE}.zip').stat().st_size // 1024} KB); unzip it and open {BUNDLE}/index.html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
