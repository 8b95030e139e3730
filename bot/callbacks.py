"""Typed button data: one codec builds and parses every button of every feature.

A button's data is `namespace:action:field:field...`, at most 64 bytes (Telegram's limit).
Each kind of button is a small frozen dataclass declared with `@button(namespace, action)`;
its fields are typed (int, str, date, bool, a StrEnum, or optional int/date) and the codec
derives from them both the encoding and the exact pattern PTB matches. A press whose data does
not fit a declared button (forged, or from an old version) matches no handler, and the help
feature's last handler answers it politely.

    @button("fu", "done")
    class FollowUpDone(Callback):
        id: int

    FollowUpDone(id=12).data        # "fu:done:12"
    FollowUpDone.parse("fu:done:12")  # FollowUpDone(id=12)
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from typing import Any, ClassVar, Self, TypeVar, dataclass_transform

MAX_CALLBACK_BYTES = 64
_NAME = re.compile(r"^[a-z][a-z0-9]{0,11}$")
_TEXT = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
# Absent optional values are written as an empty field.
_NONE = ""


class CallbackError(ValueError):
    """A button that cannot be built: a value that does not fit its field, or over 64 bytes."""


@dataclasses.dataclass(frozen=True, slots=True)
class _Field:
    name: str
    pattern: str
    encode: Callable[[Any], str]
    decode: Callable[[str], Any]


def _int_field(name: str) -> _Field:
    def encode(value: Any) -> str:
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise CallbackError(f"{name} must be a non-negative int, got {value!r}")
        return str(value)

    return _Field(name, r"\d{1,18}", encode, int)


def _text_field(name: str) -> _Field:
    def encode(value: Any) -> str:
        if not isinstance(value, str) or not _TEXT.match(value):
            raise CallbackError(f"{name} must be 1-40 characters of [A-Za-z0-9_-]: {value!r}")
        return value

    return _Field(name, r"[A-Za-z0-9_-]{1,40}", encode, str)


def _day(text: str) -> date:
    return date(int(text[:4]), int(text[4:6]), int(text[6:8]))


def _date_field(name: str) -> _Field:
    def encode(value: Any) -> str:
        if not isinstance(value, date):
            raise CallbackError(f"{name} must be a date, got {value!r}")
        return value.strftime("%Y%m%d")

    return _Field(name, r"\d{8}", encode, _day)


def _bool_field(name: str) -> _Field:
    return _Field(name, r"[01]", lambda value: "1" if value else "0", lambda text: text == "1")


def _enum_field(name: str, enum: type[StrEnum]) -> _Field:
    def encode(value: Any) -> str:
        return enum(value).value

    alternatives = "|".join(re.escape(member.value) for member in enum)
    return _Field(name, f"(?:{alternatives})", encode, enum)


def _optional(field: _Field) -> _Field:
    return _Field(
        field.name,
        f"(?:{field.pattern})?",
        lambda value: _NONE if value is None else field.encode(value),
        lambda text: None if text == _NONE else field.decode(text),
    )


def _field_for(name: str, annotation: Any) -> _Field:
    args = typing.get_args(annotation)
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        others = [arg for arg in args if arg is not type(None)]
        if len(others) == 1 and len(args) == 2:
            return _optional(_field_for(name, others[0]))
        raise TypeError(f"{name}: only `X | None` unions are supported")
    if annotation is bool:
        return _bool_field(name)
    if annotation is int:
        return _int_field(name)
    if annotation is str:
        return _text_field(name)
    if annotation is date:
        return _date_field(name)
    if isinstance(annotation, type) and issubclass(annotation, StrEnum):
        return _enum_field(name, annotation)
    raise TypeError(f"{name}: unsupported button field type {annotation!r}")


class Callback:
    """Base of every typed button; see `button`."""

    namespace: ClassVar[str]
    action: ClassVar[str]
    _fields: ClassVar[tuple[_Field, ...]]
    _pattern: ClassVar[re.Pattern[str]]

    @property
    def data(self) -> str:
        """The button's callback_data."""
        parts = [self.namespace, self.action]
        parts += [field.encode(getattr(self, field.name)) for field in self._fields]
        text = ":".join(parts)
        if len(text.encode()) > MAX_CALLBACK_BYTES:
            raise CallbackError(f"callback data over {MAX_CALLBACK_BYTES} bytes: {text!r}")
        return text

    @classmethod
    def pattern(cls) -> re.Pattern[str]:
        """The exact shape of this button's data, for PTB's CallbackQueryHandler."""
        return cls._pattern

    @classmethod
    def parse(cls, data: str | None) -> Self | None:
        """The button `data` names, or None when it does not fit this kind exactly."""
        match = cls._pattern.match(data or "")
        if match is None:
            return None
        try:
            values = [f.decode(text) for f, text in zip(cls._fields, match.groups(), strict=True)]
        except ValueError:  # an impossible date in a forged button
            return None
        return cls(*values)


REGISTRY: dict[tuple[str, str], type[Callback]] = {}

C = TypeVar("C", bound=type[Callback])


@dataclass_transform(frozen_default=True)
def button(namespace: str, action: str) -> Callable[[C], C]:
    """Declare a kind of button: a frozen dataclass whose fields are typed."""
    if not _NAME.match(namespace) or not _NAME.match(action):
        raise ValueError(f"button names are short lowercase words: {namespace}:{action}")

    def declare(cls: C) -> C:
        if (namespace, action) in REGISTRY:
            raise ValueError(f"two buttons are declared as {namespace}:{action}")
        made: Any = dataclasses.dataclass(frozen=True)(cls)
        hints = typing.get_type_hints(made)
        fields = tuple(_field_for(f.name, hints[f.name]) for f in dataclasses.fields(made))
        made.namespace = namespace
        made.action = action
        made._fields = fields
        made._pattern = re.compile(
            "^" + ":".join([namespace, action, *(f"({f.pattern})" for f in fields)]) + "$"
        )
        REGISTRY[(namespace, action)] = made
        return typing.cast(C, made)

    return declare


def parse_any(data: str | None) -> Callback | None:
    """Whatever declared button `data` names (for logs and tests)."""
    head = (data or "").split(":", 2)
    kind = REGISTRY.get((head[0], head[1])) if len(head) >= 2 else None
    return kind.parse(data) if kind else None
