"""Plain recursive walks of a validated entity, written from scratch: the reference that
`dossier.walk.scan` (one pass over cached per-class plans) is checked against in tests/test_bench.py.

Slow and obvious on purpose: every field of every model is visited, references are found from the
`RefTo` markers of the field annotations, citations by type, `[[id]]` links by a regular expression
over every string field.
"""
from __future__ import annotations

import re
import typing
from typing import Iterator

from pydantic import BaseModel

from dossier.models import Citation, RefTo

LINK = re.compile(r"\[\[([^\]|]+)(?:\|([^\]]+))?\]\]")


def _markers(annotation) -> tuple[RefTo | None, RefTo | None]:
    """(marker of a single reference, marker of a list of references) found in an annotation."""
    single = listed = None
    stack = [(annotation, False)]
    while stack:
        a, in_list = stack.pop()
        if isinstance(a, RefTo):
            if in_list:
                listed = listed or a
            else:
                single = single or a
            continue
        if typing.get_origin(a) is typing.Annotated:
            stack += [(m, in_list) for m in a.__metadata__] + [(typing.get_args(a)[0], in_list)]
        elif typing.get_origin(a) is list:
            stack += [(x, True) for x in typing.get_args(a)]
        else:
            stack += [(x, in_list) for x in typing.get_args(a) if not isinstance(x, (str, int))]
    return single, listed


def _fields(obj: BaseModel):
    for name, info in type(obj).model_fields.items():
        single, listed = _markers(typing.Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation)
        yield name, getattr(obj, name), single, listed


def iter_refs(obj: BaseModel, loc: tuple = ()) -> Iterator[tuple[tuple, str, tuple[str, ...]]]:
    for name, value, single, listed in _fields(obj):
        if isinstance(value, str) and single:
            yield loc + (name,), value, single.kinds
        elif isinstance(value, BaseModel):
            yield from iter_refs(value, loc + (name,))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                if isinstance(v, str) and listed:
                    yield loc + (name, i), v, listed.kinds
                elif isinstance(v, BaseModel):
                    yield from iter_refs(v, loc + (name, i))


def iter_models(obj: BaseModel, loc: tuple = ()) -> Iterator[tuple[tuple, BaseModel]]:
    yield loc, obj
    for name, value, _s, _l in _fields(obj):
        if isinstance(value, BaseModel):
            yield from iter_models(value, loc + (name,))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                if isinstance(v, BaseModel):
                    yield from iter_models(v, loc + (name, i))


def iter_citations(obj: BaseModel) -> Iterator[tuple[tuple, Citation]]:
    return ((loc, m) for loc, m in iter_models(obj) if isinstance(m, Citation))


def iter_wikilinks(obj: BaseModel) -> Iterator[tuple[tuple, str]]:
    for loc, model in iter_models(obj):
        for name, value, _s, _l in _fields(model):
            if isinstance(value, str):
                yield from ((loc + (name,), m.group(1).strip()) for m in LINK.finditer(value))
