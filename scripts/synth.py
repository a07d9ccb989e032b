#!/usr/bin/env python3
"""Write a synthetic, valid entity tree of N entities (with archived texts) into a folder.

    python scripts/synth.py --root /tmp/big -n 5000 [--seed 0]

Writes root/entities/<kind folder>/*.yml and root/seeds/*.txt and nothing else; the same
(n, seed) gives the same files. `scripts/build_pages.py --check --root <folder>` validates it;
for an MkDocs build the folder also needs mkdocs.yml, docs/index.md and docs/assets (see
scripts/bench.py, which copies them). The generator itself is dossier/synth.py.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dossier import synth  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, required=True, help="folder to write entities/ and seeds/ into")
    parser.add_argument("-n", "--entities", type=int, default=500, help="number of entities (default 500)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        made = synth.write(args.root, args.entities, args.seed)
    except (FileExistsError, ValueError) as err:
        print(f"synth: {err}", file=sys.stderr)
        return 1
    summary = ", ".join(f"{k}={v}" for k, v in sorted(made.items()))
    print(f"ok: {args.entities} entities in {args.root} ({summary}) in {time.perf_counter() - started:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
