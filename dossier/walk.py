"""Generic traversal of validated models: the references and citations they hold.

References are found from the type annotations (`RefTo` markers), so a new field of type `Ref(...)`
is checked and back-linked without touching the checks or the linker.
"""
from __future__ import annotations

import re
import typing
from enum import Enum
from functools import lru_cache

from pydantic import BaseModel

from .models import Citation, RefTo

WIKILINK = re.compile(r"\[\[([^\]|]+)(?:\|([^\]]+))?\]\]")


def _marker(annotation) -> RefTo | None:
    """The RefTo marker of a (possibly optional) reference annotation; lists are not entered."""
    if typing.get_origin(annotation) is list:
        return None
    if typing.get_origin(annotation) is typing.Annotated:
        found = next((m for m in annotation.__metadata__ if isinstance(m, RefTo)), None)
        return found or _marker(typing.get_args(annotation)[0])
    for arg in typing.get_args(annotation):
        found = _marker(arg)
        if found:
            return found
    return None


def _list_item(annotation):
    if typing.get_origin(annotation) is typing.Annotated:
        return _list_item(typing.get_args(annotation)[0])
    if typing.get_origin(annotation) is list:
        return typing.get_args(annotation)[0]
    for arg in typing.get_args(annotation):
        item = _list_item(arg)
        if item is not None:
            return item
    return None


def _holds(annotation, test) -> bool:
    """Whether `test` is true of the annotation or of any type inside it (lists, unions, Annotated)."""
    if test(annotation):
        return True
    return any(_holds(arg, test) for arg in typing.get_args(annotation) if not isinstance(arg, (str, int, RefTo)))


def _is_model(t) -> bool:
    return isinstance(t, type) and issubclass(t, BaseModel)


def _direct_str(annotation) -> bool:
    """Whether a value of this type can be a string itself (not a list of them)."""
    if annotation is str:
        return True
    if typing.get_origin(annotation) is list:
        return False
    if typing.get_origin(annotation) is typing.Literal or (isinstance(annotation, type) and issubclass(annotation, Enum)):
        return True
    return any(_direct_str(arg) for arg in typing.get_args(annotation) if not isinstance(arg, (str, int, RefTo)))


@lru_cache(maxsize=None)
def _plan(cls: type[BaseModel]) -> tuple:
    """For each field that can hold a reference or a model: (name, marker for a single ref, marker
    for a list of refs). Fields that can hold neither (names, numbers, enums) are left out."""
    plan = []
    for name, info in cls.model_fields.items():
        single = next((m for m in info.metadata if isinstance(m, RefTo)), None) or _marker(info.annotation)
        item = _list_item(info.annotation)
        item_marker = _marker(item) if item is not None else None
        if single or item_marker or _holds(info.annotation, _is_model):
            plan.append((name, single, item_marker))
    return tuple(plan)


@lru_cache(maxsize=None)
def _model_fields(cls: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model class that can hold other models."""
    return tuple(name for name, info in cls.model_fields.items() if _holds(info.annotation, _is_model))


@lru_cache(maxsize=None)
def _text_fields(cls: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model class whose value can be a string."""
    return tuple(name for name, info in cls.model_fields.items() if _direct_str(info.annotation))


# The traversal below visits only the fields its plan names (cached per model class), in one pass:
# on large trees the walks ran for every record in the checks and again in the linker, and went
# through pydantic's `model_fields` property at every node. (tests/walk_reference.py keeps the
# three simple recursive walks it replaced, to check that it finds what they found.)

def scan(obj: BaseModel) -> tuple[list, list, list]:
    """(refs, wikilinks, citations) of `obj` in one pass: every (location, id, allowed kinds) of a
    reference field, every (location, id) of an `[[id]]` link in a text, and every (location,
    citation), in field order."""
    refs: list = []
    links: list = []
    cites: list = []
    _scan(obj, (), refs, links, cites)
    return refs, links, cites


def _scan(obj: BaseModel, loc: tuple, refs: list, links: list, cites: list) -> None:
    if isinstance(obj, Citation):
        cites.append((loc, obj))
    for name in _text_fields(type(obj)):
        value = getattr(obj, name)
        if isinstance(value, str) and "[[" in value:
            links.extend((loc + (name,), m.group(1).strip()) for m in WIKILINK.finditer(value))
    for name, single, item in _plan(type(obj)):
        value = getattr(obj, name)
        if value is None:
            continue
        if single and isinstance(value, str):
            refs.append((loc + (name,), value, single.kinds))
        elif isinstance(value, (list, tuple)):
            for i, v in enumerate(value):
                if item and isinstance(v, str):
                    refs.append((loc + (name, i), v, item.kinds))
                elif isinstance(v, BaseModel):
                    _scan(v, loc + (name, i), refs, links, cites)
        elif isinstance(value, BaseModel):
            _scan(value, loc + (name,), refs, links, cites)
