"""What every stored record shares, and the conversion of records to and from plain dicts.

Records are frozen dataclasses. `to_dict`/`from_dict` use the field types to turn enums,
nested records and tuples into JSON-ready values and back; keys a record does not know are
kept in `extra` so a newer file or a bundle never loses data on a round trip.
"""

from __future__ import annotations

import dataclasses
import operator
import types
import typing
import uuid
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from enum import Enum
from typing import Any, ClassVar, Self, TypeVar

Converter = Callable[[Any], Any]


def new_id() -> str:
    return str(uuid.uuid4())


def now_iso() -> str:
    """The current UTC time as ISO 8601, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


class RecordError(ValueError):
    """A stored or imported record does not fit its type."""


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Value:
    """A nested value (a limb, a source line): converted like a record, without an id."""

    extra: dict[str, Any] = dataclasses.field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return _codec(type(self)).dump(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        return typing.cast(Self, _codec(cls).load(data))


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Record(Value):
    """A stored record: a UUID that never changes, timestamps and its author."""

    TABLE: ClassVar[str] = ""

    id: str = dataclasses.field(default_factory=new_id)
    created_at: str = dataclasses.field(default_factory=now_iso)
    updated_at: str = dataclasses.field(default_factory=now_iso)
    author: str = ""

    def touched(self, **changes: Any) -> Self:
        """A copy with `changes` applied and `updated_at` set to now."""
        return dataclasses.replace(self, updated_at=now_iso(), **changes)


V = TypeVar("V", bound=Value)


class _Codec:
    def __init__(self, cls: type[Value]) -> None:
        hints = typing.get_type_hints(cls)
        self.cls = cls
        self.fields = [f for f in dataclasses.fields(cls) if f.name != "extra"]
        self.names = frozenset(f.name for f in self.fields)
        self.load_fns: dict[str, Converter] = {f.name: _loader(hints[f.name]) for f in self.fields}
        self.dump_fns: dict[str, Converter] = {f.name: _dumper(hints[f.name]) for f in self.fields}
        self._dump_fields = _compile_dump(self.dump_fns)

    def load(self, data: Mapping[str, Any]) -> Value:
        if not isinstance(data, Mapping):
            raise RecordError(f"{self.cls.__name__}: expected an object, got {type(data).__name__}")
        kwargs: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        for key, raw in data.items():
            if key in self.names:
                try:
                    kwargs[key] = self.load_fns[key](raw)
                except (ValueError, TypeError, KeyError, AttributeError) as exc:
                    raise RecordError(f"{self.cls.__name__}.{key}: {exc}") from None
            else:
                extra[key] = raw
        try:
            return self.cls(extra=extra, **kwargs)
        except TypeError as exc:
            raise RecordError(f"{self.cls.__name__}: {exc}") from None

    def dump(self, value: Value) -> dict[str, Any]:
        out = self._dump_fields(value)
        if value.extra:
            out.update({k: v for k, v in value.extra.items() if k not in out})
        return out


_CODECS: dict[type[Value], _Codec] = {}


def _codec(cls: type[Value]) -> _Codec:
    codec = _CODECS.get(cls)
    if codec is None:
        codec = _CODECS[cls] = _Codec(cls)
    return codec


def _identity(value: Any) -> Any:
    return value


def _compile_dump(dump_fns: dict[str, Converter]) -> Callable[[Any], dict[str, Any]]:
    """One function building a record's dict in field order, as a dataclass builds its
    `__init__`: each field read once, plain values stored as they are, the others converted."""
    scope: dict[str, Any] = {}
    entries = []
    for n, (name, fn) in enumerate(dump_fns.items()):
        if fn is _identity:
            entries.append(f"{name!r}: value.{name}")
        else:
            scope[f"_c{n}"] = fn
            entries.append(f"{name!r}: _c{n}(value.{name})")
    source = f"def dump(value):\n    return {{{', '.join(entries)}}}\n"
    exec(source, scope)  # noqa: S102 - the source is built from field names only
    return typing.cast(Callable[[Any], dict[str, Any]], scope["dump"])


def maker(cls: type[V]) -> Callable[..., V]:
    """A constructor of `cls` taking the same keywords, giving an equal record, for code that
    builds thousands at once: a frozen dataclass's `__init__` sets each field through
    `object.__setattr__`; this one sets them through the slots themselves."""
    found = _MAKERS.get(cls)
    if found is None:
        found = _MAKERS[cls] = _compile_maker(cls)
    return typing.cast(Callable[..., V], found)


_MAKERS: dict[type[Value], Callable[..., Any]] = {}


def _compile_maker(cls: type[Value]) -> Callable[..., Any]:
    scope: dict[str, Any] = {"_new": object.__new__, "_cls": cls, "_MISSING": dataclasses.MISSING}
    params, body = [], ["    o = _new(_cls)"]
    for n, field in enumerate(dataclasses.fields(cls)):
        scope[f"_s{n}"] = getattr(cls, field.name).__set__
        if field.default is not dataclasses.MISSING:
            scope[f"_d{n}"] = field.default
            params.append(f"{field.name}=_d{n}")
            body.append(f"    _s{n}(o, {field.name})")
        else:  # a default factory: every field of a record has a default
            scope[f"_f{n}"] = field.default_factory
            params.append(f"{field.name}=_MISSING")
            body.append(f"    _s{n}(o, _f{n}() if {field.name} is _MISSING else {field.name})")
    source = f"def make(*, {', '.join(params)}):\n" + "\n".join([*body, "    return o\n"])
    exec(source, scope)  # noqa: S102 - the source is built from field names only
    return typing.cast(Callable[..., Any], scope["make"])


def _loader(tp: Any) -> Converter:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (types.UnionType, typing.Union):
        inner = [a for a in args if a is not type(None)]
        load = _loader(inner[0]) if len(inner) == 1 else _identity
        return lambda v: None if v is None else load(v)
    if origin is tuple:
        item = _loader(args[0])
        return lambda v: tuple(item(x) for x in _as_list(v))
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tp
    if isinstance(tp, type) and issubclass(tp, Value):
        return tp.from_dict
    if tp is str:
        return _as_str
    if tp is int:
        return _as_int
    if tp is bool:
        return bool
    return _identity


def _dumper(tp: Any) -> Converter:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (types.UnionType, typing.Union):
        inner = [a for a in args if a is not type(None)]
        dump = _dumper(inner[0]) if len(inner) == 1 else _identity
        if dump is _identity:
            return _identity
        return lambda v: None if v is None else dump(v)
    if origin is tuple:
        item = _dumper(args[0])
        if item is _identity:
            return list
        return lambda v: [item(x) for x in v] if v else []
    if isinstance(tp, type) and issubclass(tp, Enum):
        return _enum_value
    if isinstance(tp, type) and issubclass(tp, Value):
        return _dump_value
    if origin is dict:
        return dict
    return _identity


def _dump_value(value: Value) -> dict[str, Any]:
    return _codec(type(value)).dump(value)


_enum_value = operator.attrgetter("_value_")  # what `.value` returns, without its property


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, list | tuple):
        return list(value)
    raise TypeError(f"expected a list, got {type(value).__name__}")


def _as_str(value: Any) -> str:
    if isinstance(value, str):
        return value
    raise TypeError(f"expected text, got {type(value).__name__}")


def _as_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected a whole number, got {value!r}")
    return value
