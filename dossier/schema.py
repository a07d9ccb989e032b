"""JSON Schema files for editors, generated from the models (never edited by hand)."""
from __future__ import annotations

import json
from pathlib import Path

from .models import KINDS


def schemas() -> dict[str, str]:
    """File name → JSON text, one schema per kind."""
    out = {}
    for kind, model in KINDS.items():
        schema = model.model_json_schema()
        schema["$schema"] = "http://json-schema.org/draft-07/schema#"  # what editors (VS Code YAML) support fully
        schema["$id"] = f"{kind}.schema.json"
        out[f"{kind}.schema.json"] = json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return out


def sync(folder: Path, write: bool) -> list[str]:
    """Names of schema files that differ from the models; rewrite them when `write`."""
    stale = []
    for name, text in schemas().items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(name)
            if write:
                folder.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    return stale
