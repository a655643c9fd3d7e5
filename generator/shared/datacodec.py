"""Dataclasses to JSON values and back, with every value checked against its declared type.

What is read back is untrusted (pipeline/state.py reads it from the user's cache):
the classes come from the type given in code, never from the data, and every value
must have exactly the shape its annotation says or `Invalid` is raised. Nothing is
evaluated and no class is looked up by name.

Supported types: `str`, `int`, `bool`, `None`, unions of those, `X | None`, `Path`,
`datetime.date`, `tuple[X, ...]`, fixed `tuple[X, Y]`, `list[X]`, `set[X]`,
`frozenset[X]`, `dict[str, X]`, and (frozen or not) dataclasses of those. A
dataclass is a JSON list of its fields' values in field order; a date is its ISO
string; a set is a list. Any other type is a TypeError when the codec is made.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import types
import typing
from functools import cache
from pathlib import Path
from typing import Any, Callable

SCALARS = (str, int, bool, type(None))


class Invalid(ValueError):
    """The data does not have the shape its type declares."""


def encoder(tp: Any) -> Callable[[Any], Any]:
    """A function from a value of type `tp` to plain JSON values."""
    return _encoder(tp)


def decoder(tp: Any) -> Callable[[Any], Any]:
    """A function from JSON values (as json.loads gives them) to a value of type `tp`; raises Invalid.

    It uses up its argument: the lists of dataclasses' fields get the decoded values."""
    return _decoder(tp)


def describe(tp: Any) -> str:
    """The shape `tp` is stored in, down to every field of every dataclass in it: a stored
    value is readable as `tp` only if it was written for a type with this description."""
    return _describe(tp)


@cache
def _describe(tp: Any) -> str:
    if dataclasses.is_dataclass(tp):
        return f"{tp.__qualname__}({', '.join(f'{name}: {_describe(hint)}' for name, hint in _fields(tp))})"
    args = typing.get_args(tp)
    if _is_union(tp):
        return " | ".join(_describe(arg) for arg in args)
    if args:
        return f"{typing.get_origin(tp).__name__}[{', '.join('...' if a is Ellipsis else _describe(a) for a in args)}]"
    return "None" if tp in (None, type(None)) else tp.__qualname__


def _scalar_types(tp: Any) -> tuple[type, ...] | None:
    """The exact types a scalar type (or a union of scalars) allows; None for any other type."""
    if tp is None or tp is type(None):
        return (type(None),)
    if tp in SCALARS:
        return (tp,)
    if _is_union(tp):
        parts = [_scalar_types(arg) for arg in typing.get_args(tp)]
        if all(parts):
            return tuple(t for part in parts for t in part)
    return None


def _is_union(tp: Any) -> bool:
    return typing.get_origin(tp) in (typing.Union, types.UnionType)


def _optional_of(tp: Any) -> Any:
    """X for `X | None` when X is not a scalar; else None."""
    if _is_union(tp):
        args = [arg for arg in typing.get_args(tp) if arg is not type(None)]
        if len(args) == 1 and len(typing.get_args(tp)) == 2:
            return args[0]
    return None


def _fields(cls: type) -> list[tuple[str, Any]]:
    hints = typing.get_type_hints(cls)
    return [(f.name, hints[f.name]) for f in dataclasses.fields(cls)]


@cache
def _encoder(tp: Any) -> Callable[[Any], Any]:
    if _scalar_types(tp) is not None:
        return _same
    if tp is Path:
        return str
    if tp is dt.date:
        return dt.date.isoformat
    inner = _optional_of(tp)
    if inner is not None:
        encode_inner = _encoder(inner)
        return lambda value: None if value is None else encode_inner(value)
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (tuple, list, set, frozenset):
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            parts = [_encoder(arg) for arg in args]
            return lambda value: [encode(item) for encode, item in zip(parts, value)]
        item_encoder = _encoder(args[0])
        if item_encoder is _same:
            return list
        return lambda value: [item_encoder(item) for item in value]
    if origin is dict and args and args[0] is str:
        value_encoder = _encoder(args[1])
        if value_encoder is _same:
            return dict
        return lambda value: {key: value_encoder(item) for key, item in value.items()}
    if dataclasses.is_dataclass(tp):
        pairs = [(name, _encoder(hint)) for name, hint in _fields(tp)]
        return lambda value: [encode(getattr(value, name)) for name, encode in pairs]
    raise TypeError(f"datacodec cannot encode {tp!r}")


def _same(value: Any) -> Any:
    return value


@cache
def _decoder(tp: Any) -> Callable[[Any], Any]:
    allowed = _scalar_types(tp)
    if allowed is not None:
        return _scalar_decoder(allowed, tp)
    if tp is Path:
        return _path
    if tp is dt.date:
        return _date
    inner = _optional_of(tp)
    if inner is not None:
        decode_inner = _decoder(inner)
        return lambda data: None if data is None else decode_inner(data)
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (tuple, list, set, frozenset):
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            return _fixed_tuple_decoder([_decoder(arg) for arg in args])
        return _sequence_decoder(origin, args[0])
    if origin is dict and args and args[0] is str:
        return _dict_decoder(args[1])
    if dataclasses.is_dataclass(tp):
        return _dataclass_decoder(tp)
    raise TypeError(f"datacodec cannot decode {tp!r}")


def _scalar_decoder(allowed: tuple[type, ...], tp: Any) -> Callable[[Any], Any]:
    def decode(data: Any) -> Any:
        if type(data) not in allowed:  # exactly: True is no int, 1 is no bool
            raise Invalid(f"{tp} expected, not {type(data).__name__}")
        return data
    decode.allowed = frozenset(allowed)  # type: ignore[attr-defined]  # lets containers check scalars in one step
    return decode


def _require(data: Any, kind: type, what: Any) -> None:
    if type(data) is not kind:
        raise Invalid(f"{what} expected, not {type(data).__name__}")


def _path(data: Any) -> Path:
    _require(data, str, Path)
    return Path(data)


def _date(data: Any) -> dt.date:
    _require(data, str, dt.date)
    if len(data) != 10:
        raise Invalid(f"a date YYYY-MM-DD expected, not {data!r}")
    try:
        return dt.date.fromisoformat(data)
    except ValueError:
        raise Invalid(f"a date YYYY-MM-DD expected, not {data!r}") from None


def _sequence_decoder(origin: type, item: Any) -> Callable[[Any], Any]:
    decode_item = _decoder(item)
    allowed = getattr(decode_item, "allowed", None)
    is_set = origin is set or origin is frozenset

    def decode(data: Any) -> Any:
        if type(data) is not list:
            raise Invalid(f"{origin.__name__}[{item}] expected, not {type(data).__name__}")
        if allowed is not None:
            if not set(map(type, data)) <= allowed:
                raise Invalid(f"{item} expected, not {_first_other(data, allowed)}")
            items = data
        elif origin is tuple:
            return tuple(map(decode_item, data))
        else:
            items = list(map(decode_item, data))
        if is_set:
            result = origin(items)
            if len(result) != len(items):
                raise Invalid("a set with a repeated item")
            return result
        return items if origin is list else tuple(items)
    return decode


def _first_other(values: Any, allowed: Any) -> str:
    return next(type(value).__name__ for value in values if type(value) not in allowed)


def _fixed_tuple_decoder(parts: list[Callable[[Any], Any]]) -> Callable[[Any], Any]:
    def decode(data: Any) -> tuple:
        _require(data, list, "tuple")
        if len(data) != len(parts):
            raise Invalid(f"a tuple of {len(parts)} expected, not of {len(data)}")
        return tuple(decode_part(value) for decode_part, value in zip(parts, data))
    return decode


def _dict_decoder(value_type: Any) -> Callable[[Any], Any]:
    decode_value = _decoder(value_type)
    allowed = getattr(decode_value, "allowed", None)

    def decode(data: Any) -> dict:
        _require(data, dict, f"dict[str, {value_type}]")  # the keys of a JSON object are str
        if allowed is None:
            return {key: decode_value(value) for key, value in data.items()}
        if not set(map(type, data.values())) <= allowed:
            raise Invalid(f"{value_type} expected, not {_first_other(data.values(), allowed)}")
        return data
    return decode


MAX_SIGNATURES = 1024


def _json_types(tp: Any) -> tuple[type, ...]:
    """The types json.loads gives for a value of type `tp` (the outer ones only)."""
    allowed = _scalar_types(tp)
    if allowed is not None:
        return allowed
    inner = _optional_of(tp)
    if inner is not None:
        return (*_json_types(inner), type(None))
    if tp is Path or tp is dt.date:
        return (str,)
    return (dict,) if typing.get_origin(tp) is dict else (list,)


def _dataclass_decoder(cls: type) -> Callable[[Any], Any]:
    """The outer JSON type of every field is checked in one step, against every combination of
    what the fields allow; the instance is then made as pickle makes one (its __dict__ filled),
    unless the class has a __post_init__ to run."""
    fields = _fields(cls)
    names = [name for name, _ in fields]
    count = len(fields)
    allowed = [_json_types(hint) for _, hint in fields]
    signatures = frozenset(itertools.product(*allowed))
    if len(signatures) > MAX_SIGNATURES:
        raise TypeError(f"datacodec: {cls.__name__} has too many optional fields")
    compound = [(i, _decoder(hint)) for i, (_, hint) in enumerate(fields) if _scalar_types(hint) is None]
    new = object.__new__
    calls_init = hasattr(cls, "__post_init__")

    def decode(data: Any) -> Any:
        if type(data) is not list or len(data) != count:
            raise Invalid(f"{cls.__name__} expected (a list of {count}), not {_shape(data)}")
        if tuple(map(type, data)) not in signatures:
            i = next(i for i, value in enumerate(data) if type(value) not in allowed[i])
            raise Invalid(f"{cls.__name__}.{names[i]}: {' | '.join(t.__name__ for t in allowed[i])} expected, "
                          f"not {type(data[i]).__name__}")
        for i, decode_field in compound:  # the list is json.loads's, and the decoder's own
            data[i] = decode_field(data[i])
        if calls_init:
            return cls(*data)
        instance = new(cls)
        instance.__dict__.update(zip(names, data))
        return instance
    return decode


def _shape(data: Any) -> str:
    return f"a list of {len(data)}" if type(data) is list else type(data).__name__
