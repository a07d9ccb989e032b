"""Write a synthetic, valid entity tree of N entities (with archived texts) into a folder.

    python scripts/synthetic --root /tmp/big -n 5000 [--seed 0]

Writes root/entities/<kind folder>/*.yml and root/seeds/*.txt and nothing else; the same
(n, seed) gives the same files. `scripts/build_pages.py --check --root <folder>` validates it;
for an MkDocs build the folder also needs mkdocs.yml, docs/index.md and docs/assets (see
scripts/bench.py, which copies them). Also runs as `python -m scripts.synthetic` from the
repository root.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
# Run as `python scripts/synthetic`, the package folder itself is first on the path, where its
# modules would shadow others by name (dates, files…): the repository root goes there instead.
if sys.path and Path(sys.path[0] or ".").resolve() == Path(__file__).resolve().parent:
    sys.path[0] = str(ROOT)
elif str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import time  # noqa: E402

from scripts.synthetic import write  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="synthetic", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, required=True, help="folder to write entities/ and seeds/ into")
    parser.add_argument("-n", "--entities", type=int, default=500, help="number of entities (default 500)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        made = write(args.root, args.entities, args.seed)
    except (FileExistsError, ValueError) as err:
        print(f"synthetic: {err}", file=sys.stderr)
        return 1
    summary = ", ".join(f"{k}={v}" for k, v in sorted(made.items()))
    print(f"ok: {args.entities} entities in {args.root} ({summary}) in {time.perf_counter() - started:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
