"""The output: entity files in the canonical format, the archived texts, and writing them to disk.

The files are laid out as `make format` writes them (`dossier.fmt.format_text`), like the real
ones, so the benchmark reads what a real dossier holds; each Fact left in an entity's data is
replaced by its citations. Writing touches root/entities and root/seeds only, and only when they
are empty, so a mistaken --root cannot overwrite a real dossier.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from dossier.fmt import format_text
from dossier.models import FOLDER_OF

from .world import Fact, World

GENERAL_KNOWLEDGE = """\
# yaml-language-server: $schema=../../schemas/source.schema.json
id: general-knowledge
name: General knowledge
kind: general-knowledge
"""
ORDER = ("place", "group", "faction", "person", "source", "event", "narrative")   # the order of the draws below


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """Plain YAML: no anchors or aliases (the loader refuses them), whatever the data shares."""

    def ignore_aliases(self, data) -> bool:
        return True


def render(w: World, texts: dict[str, str]) -> dict[str, str]:
    """Every file of the tree: relative path → text, sorted by path.

    One entity in a hundred (sources aside) gets a former id, so redirects are exercised.
    """
    out = {}
    for kind in ORDER:
        folder = FOLDER_OF[kind]
        for e in w.by_kind[kind]:
            if e.kind != "source" and w.rng.random() < 0.01:
                old = f"{e.id}-old"
                if old not in w.names.ids:
                    w.names.ids.add(old)
                    e.data["former_ids"] = [old]
            data = resolve(e.data)
            body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
            out[f"entities/{folder}/{e.id}.yml"] = format_text(body, kind)  # the canonical layout, as `make format` writes it
    out["entities/sources/general-knowledge.yml"] = GENERAL_KNOWLEDGE
    for sid, text in texts.items():
        out[f"seeds/{sid}.txt"] = text
    return dict(sorted(out.items()))


def resolve(value):
    """The entity data with each Fact replaced by its list of citations."""
    if isinstance(value, Fact):
        return [dict(c) for c in value.cites]
    if isinstance(value, dict):
        return {k: resolve(v) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve(v) for v in value]
    return value


def check_fresh(root: Path) -> None:
    """Refuse a root whose entities/ or seeds/ holds anything: synthetic data goes into a fresh folder."""
    for folder in ("entities", "seeds"):
        existing = Path(root) / folder
        if existing.exists() and any(existing.iterdir()):
            raise FileExistsError(f"{existing} is not empty; synthetic data goes into a fresh folder")


def write_tree(root: Path, files: dict[str, str]) -> dict[str, int]:
    """Write files under root; return how many of each kind folder (and "text") were written."""
    made: dict[str, int] = {}
    for rel, text in files.items():
        path = Path(root) / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        key = "text" if rel.startswith("seeds/") else rel.split("/")[1]
        made[key] = made.get(key, 0) + 1
    return made
