"""The package's shape, read from its source: no import cycles, nothing private imported across
modules, page families that import only the shared modules of `dossier.render`.

Each rule failed on the render package before issue 17 (entities ↔ pages ↔ graph formed a cycle;
`_disputed`, `_span` and `_escape` were imported sideways), and fails again if someone adds one.
"""
from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "dossier"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """(imported module, names) for every import in the file, function-local ones included."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(max(node.level - 1, 0)):
                base = base.rpartition(".")[0]
            target = (f"{base}.{node.module}" if node.module else base) if node.level else node.module
            found.append((target, [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            found += [(a.name, []) for a in node.names]
    return found


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


@functools.lru_cache(maxsize=1)
def _graph() -> dict[str, set[str]]:
    graph = {}
    for name, path in MODULES.items():
        deps = set()
        for target, names in _imports(path):
            for candidate in [f"{target}.{n}" for n in names] + [target]:
                if candidate in MODULES and candidate != name:
                    deps.add(candidate)
                    break
        graph[name] = deps
    return graph


def test_no_import_cycle_in_the_package():
    graph = _graph()
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for dep in sorted(graph[node]):
            if dep.startswith(node + "."):
                continue  # a package importing its own modules to re-export them
            if state.get(dep) == 1:
                pytest.fail("import cycle: " + " → ".join(trail[trail.index(dep):] + [dep]))
            if dep not in state:
                visit(dep, trail + [dep])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])


def test_nothing_private_is_imported_across_modules():
    private = [(name, target, n) for name, path in MODULES.items() for target, names in _imports(path)
               for n in names if n.startswith("_") and n != "__future__" and target != "__future__"]
    assert private == []


SHARED = {"dossier.render.context", "dossier.render.markup", "dossier.render.vocabulary", "dossier.render.figures",
          "dossier.render.graph", "dossier.render.relmap", "dossier.render.svg", "dossier.render.builders"}


def test_page_families_import_only_the_shared_modules():
    families = {n for n in MODULES if n.startswith("dossier.render.pages.")}
    assert families, "the families moved: update this test"
    for name in sorted(families):
        render_deps = {d for d in _graph()[name] if d.startswith("dossier.render")}
        assert render_deps <= SHARED, f"{name} imports {sorted(render_deps - SHARED)}"


def test_shared_modules_import_no_page_family_and_the_package_no_script():
    graph = _graph()
    for name in SHARED:
        assert not {d for d in graph[name] if d.startswith("dossier.render.pages")}, name
    for name, path in MODULES.items():
        assert not any(t.startswith("scripts") for t, _n in _imports(path)), name
