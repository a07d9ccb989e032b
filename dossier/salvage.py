"""The valid parts of a file that does not validate, so that every problem of it is found in one run.

When a file has a misspelled field, pydantic refuses the whole entity, and the checks that need
other files (unknown ids, quotes not in their text) would see nothing of it: fixing the field
would reveal the next problem, and the next. `salvage` keeps every field, list item and nested
record that validates on its own and leaves the rest empty, so those checks can still run. The
result is only ever checked, never rendered: a file with a problem stops the build.
"""
from __future__ import annotations

import types
import typing
from functools import lru_cache

from pydantic import BaseModel, TypeAdapter, ValidationError


def salvage(model: type[BaseModel], data: object) -> BaseModel | None:
    """An instance of `model` built from the parts of `data` that validate (None for the others)."""
    if not isinstance(data, dict):
        return None
    values = {}
    for name, info in model.model_fields.items():
        if name not in data:
            values[name] = None if info.is_required() else info.get_default(call_default_factory=True)
            continue
        values[name] = _salvage_value(model, name, info.annotation, data[name])
    return model.model_construct(**values)


def _salvage_value(model: type[BaseModel], name: str, annotation, value):
    try:
        return _adapter(model, name).validate_python(value)
    except ValidationError:
        pass
    item = _list_item(annotation)
    if item is not None and isinstance(value, list):
        return [_salvage_item(item, v) for v in value]  # same length: positions stay right
    inner = _model_in(annotation)
    if inner is not None and isinstance(value, dict):
        return salvage(inner, value)
    return None


def _salvage_item(annotation, value):
    inner = _model_in(annotation)
    if inner is not None:
        try:
            return inner.model_validate(value)
        except ValidationError:
            return salvage(inner, value)
    try:
        return _item_adapter(annotation).validate_python(value)
    except ValidationError:
        return None


@lru_cache(maxsize=None)
def _adapter(model: type[BaseModel], name: str) -> TypeAdapter:
    """A validator for one field with its constraints (patterns, lengths, checks)."""
    info = model.model_fields[name]
    return TypeAdapter(typing.Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation)


@lru_cache(maxsize=None)
def _item_adapter(annotation) -> TypeAdapter:
    return TypeAdapter(annotation)


_WRAPPERS = (typing.Union, typing.Annotated, types.UnionType)


def _list_item(annotation):
    """The item type of a list annotation (also inside Optional or Annotated), or None."""
    if typing.get_origin(annotation) is list:
        return typing.get_args(annotation)[0]
    if typing.get_origin(annotation) in _WRAPPERS:
        for arg in typing.get_args(annotation):
            found = _list_item(arg)
            if found is not None:
                return found
    return None


def _model_in(annotation) -> type[BaseModel] | None:
    """The model class an annotation holds directly (`X`, `X | None`), or None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in _WRAPPERS:
        for arg in typing.get_args(annotation):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                return arg
    return None
