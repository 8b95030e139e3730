"""Validation of Bot API calls against the official, machine-readable API description.

The description (``api.json``) lists every method and type with field types, required flags
and prose descriptions. Limits that only exist in prose ("1-4096 characters after entities
parsing", "1-64 bytes", "At most 100 commands") are extracted with regular expressions so the
checks follow the API version of the file instead of hard-coded numbers.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sandbox.markup import PARSE_MODES, MarkupError, parse_text

__all__ = ["ApiSpec", "UploadedFile", "decode_without_spec"]

SPEC_ENV_VAR = "TELEGRAM_API_SPEC"
_SPEC_RELATIVE = Path("shared") / "telegram-bot-api" / "api.json"
_SCALARS = {"Integer", "Float", "Boolean", "String", "InputFile"}
_LIMIT = re.compile(r"(\d+)-(\d+) (characters|bytes)( after entit(?:y|ies) parsing)?")
_ARRAY_LIMIT = re.compile(r"[Aa]t most (\d+)|(\d+)-(\d+) items")
_FIXED = re.compile(r"(?:must be|always) [“\"]?([a-z_]+)[”\"]?")
_DISCRIMINATORS = ("type", "status", "source")
_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
_INT = re.compile(r"-?\d+")
# Fields of an InlineKeyboardButton / KeyboardButton that do not define the button's action.
_BUTTON_DECORATIONS = {"text", "icon_custom_emoji_id", "style"}
# String fields that take their markup from a plain "parse_mode" sibling.
_MARKUP_FIELDS = {"text", "caption", "message_text", "explanation"}
# Telegram's own wording for the most common limit violations.
_TELEGRAM_WORDING = {
    ("sendMessage", "text", "long"): "message is too long",
    ("editMessageText", "text", "long"): "message is too long",
    ("sendMessage", "text", "short"): "message text is empty",
    ("editMessageText", "text", "short"): "message text is empty",
    ("*", "caption", "long"): "message caption is too long",
    ("InlineKeyboardButton", "callback_data", "*"): "BUTTON_DATA_INVALID",
    ("answerCallbackQuery", "text", "long"): "MESSAGE_TOO_LONG",
}


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart request."""

    field: str
    filename: str
    content: bytes
    content_type: str | None = None


@dataclass(frozen=True)
class _Field:
    name: str
    types: tuple[str, ...]
    required: bool
    description: str

    @functools.cached_property
    def limit(self) -> tuple[int, int, str, bool] | None:
        match = _LIMIT.search(self.description)
        if match is None or "String" not in self.types:
            return None
        low, high, unit, parsed = match.groups()
        return int(low), int(high), unit, parsed is not None

    @functools.cached_property
    def array_limit(self) -> tuple[int, int] | None:
        match = _ARRAY_LIMIT.search(self.description)
        if match is None or not any(t.startswith("Array of") for t in self.types):
            return None
        if match.group(1):
            return 0, int(match.group(1))
        return int(match.group(2)), int(match.group(3))

    @functools.cached_property
    def fixed_value(self) -> str | None:
        if self.name not in _DISCRIMINATORS or self.types != ("String",):
            return None
        match = _FIXED.search(self.description)
        return match.group(1) if match else None


@dataclass(frozen=True)
class _Owner:
    """A method or an object type: something with named fields."""

    name: str
    fields: Mapping[str, _Field]
    subtypes: tuple[str, ...] = ()


def _owner(raw: Mapping[str, Any]) -> _Owner:
    fields = {
        f["name"]: _Field(
            f["name"], tuple(f["types"]), bool(f["required"]), str(f.get("description", ""))
        )
        for f in raw.get("fields", [])
    }
    return _Owner(str(raw["name"]), fields, tuple(raw.get("subtypes", [])))


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return "Boolean"
    if isinstance(value, int):
        return "Integer"
    if isinstance(value, float):
        return "Float"
    if isinstance(value, str):
        return "String"
    if isinstance(value, list):
        return "Array"
    if isinstance(value, dict):
        return "Object"
    if isinstance(value, UploadedFile):
        return "InputFile"
    return type(value).__name__


def _shape_matches(value: object, type_name: str) -> bool:
    """Whether ``value`` has the right JSON shape to be meant as ``type_name``."""
    if type_name.startswith("Array of "):
        return isinstance(value, list)
    if type_name in _SCALARS:
        return _describe(value) == type_name or (
            type_name == "Float" and _describe(value) == "Integer"
        )
    return isinstance(value, dict) or (type_name == "KeyboardButton" and isinstance(value, str))


_STRING_PARAMS = {
    "text", "caption", "parse_mode", "callback_query_id", "url", "language_code", "action",
    "description", "title", "document", "inline_message_id", "business_connection_id",
    "message_effect_id", "name", "short_description",
}  # fmt: skip


def decode_without_spec(params: Mapping[str, object]) -> dict[str, object]:
    """Decode form values without knowing their types (when no api.json is available)."""
    decoded: dict[str, object] = {}
    for key, value in params.items():
        decoded[key] = value
        if not isinstance(value, str) or key in _STRING_PARAMS:
            continue
        if _INT.fullmatch(value) or value in ("true", "false") or value.startswith(("{", "[")):
            with contextlib.suppress(ValueError):
                decoded[key] = json.loads(value)
    return decoded


def _decode_value(value: str, types: Sequence[str]) -> object:
    """Decode a form-encoded value using its declared types (PTB JSON-dumps non-strings)."""
    if "Integer" in types and _INT.fullmatch(value.strip()):
        return int(value)
    if "Float" in types:
        try:
            return float(value)
        except ValueError:
            pass
    if "Boolean" in types and value in ("true", "false", "True", "False"):
        return value.lower() == "true"
    if any(t not in _SCALARS for t in types) and value.lstrip().startswith(("{", "[")):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


class ApiSpec:
    """The Bot API description, and checks of calls against it."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.version = str(data.get("version", "unknown"))
        self._methods = {name: _owner(raw) for name, raw in data["methods"].items()}
        self._types = {name: _owner(raw) for name, raw in data["types"].items()}
        self._lower = {name.lower(): name for name in self._methods}

    @classmethod
    def load(cls, path: Path) -> ApiSpec:
        return cls(json.loads(path.read_text(encoding="utf-8")))

    @classmethod
    def find(cls) -> ApiSpec | None:
        """The spec from $TELEGRAM_API_SPEC or ``shared/telegram-bot-api/api.json`` above us."""
        candidates: list[Path] = []
        if env := os.environ.get(SPEC_ENV_VAR):
            candidates.append(Path(env))
        here = Path(__file__).resolve()
        candidates += [parent / _SPEC_RELATIVE for parent in here.parents]
        for candidate in candidates:
            if candidate.is_file():
                return _load_cached(str(candidate.resolve()))
        return None

    def canonical_method(self, method: str) -> str | None:
        """The official spelling of ``method`` (the Bot API ignores case), or None."""
        return self._lower.get(method.lower())

    def method_names(self) -> list[str]:
        return sorted(self._methods)

    def decode_params(self, method: str, params: Mapping[str, object]) -> dict[str, object]:
        """Turn form strings into the JSON values they encode, guided by declared types."""
        owner = self._methods.get(self.canonical_method(method) or "")
        if owner is None:
            return decode_without_spec(params)
        decoded: dict[str, object] = {}
        for key, value in params.items():
            spec = owner.fields.get(key)
            if isinstance(value, str) and spec is not None:
                decoded[key] = _decode_value(value, spec.types)
            elif isinstance(value, str):
                decoded[key] = decode_without_spec({key: value})[key]
            else:
                decoded[key] = value
        return decoded

    def check_call(self, method: str, params: Mapping[str, object]) -> list[str]:
        """Human-readable violations of the Bot API by this call; empty when it is fine."""
        name = self.canonical_method(method)
        if name is None:
            return [f"Not Found: method '{method}' does not exist in {self.version}"]
        owner = self._methods[name]
        params = self.decode_params(name, params)
        problems = self._check_fields(owner, params, "", is_method=True)
        return [f"Bad Request: {problem}" for problem in problems]

    # --- generic structure checks ---------------------------------------------------------

    def _check_fields(
        self, owner: _Owner, obj: Mapping[str, object], path: str, *, is_method: bool = False
    ) -> list[str]:
        problems: list[str] = []
        for key in obj:
            if key not in owner.fields:
                problems.append(
                    f"unknown parameter '{key}'"
                    if is_method
                    else f"unknown field '{path}{key}' in {owner.name}"
                )
        for spec in owner.fields.values():
            if spec.name not in obj or obj[spec.name] is None:
                if spec.required:
                    problems.append(
                        f"missing required parameter '{spec.name}'"
                        if is_method
                        else f"missing required field '{path}{spec.name}' of {owner.name}"
                    )
                continue
            value = obj[spec.name]
            here = f"{path}{spec.name}"
            found = self._check_value(value, spec.types, here)
            problems += found
            if not found:
                problems += self._check_field_limits(owner.name, spec, value, obj, here)
        return problems

    def _check_value(self, value: object, types: Sequence[str], path: str) -> list[str]:
        if len(types) == 1:
            return self._check_one(value, types[0], path)
        outcomes = [(t, self._check_one(value, t, path)) for t in types]
        if any(not problems for _, problems in outcomes):
            return []
        shaped = [(t, p) for t, p in outcomes if _shape_matches(value, t)]
        if not shaped:
            return [f"'{path}' must be {' or '.join(types)}, got {_describe(value)}"]
        # Report against the alternative the caller most plausibly meant: the one whose
        # required fields are present (e.g. "inline_keyboard" means InlineKeyboardMarkup).
        return min(shaped, key=lambda o: (self._missing_required(value, o[0]), len(o[1])))[1]

    def _missing_required(self, value: object, type_name: str) -> int:
        owner = self._types.get(type_name)
        if owner is None or not isinstance(value, dict):
            return 0
        return sum(1 for f in owner.fields.values() if f.required and f.name not in value)

    def _check_one(self, value: object, type_name: str, path: str) -> list[str]:
        if type_name.startswith("Array of "):
            if not isinstance(value, list):
                return [f"'{path}' must be {type_name}, got {_describe(value)}"]
            inner = type_name.removeprefix("Array of ")
            problems: list[str] = []
            for index, item in enumerate(value):
                problems += self._check_one(item, inner, f"{path}[{index}]")
            return problems
        if type_name in _SCALARS:
            if _shape_matches(value, type_name):
                return []
            return [f"'{path}' must be {type_name}, got {_describe(value)}"]
        if type_name == "KeyboardButton" and isinstance(value, str):
            return []  # plain strings are allowed as simple text buttons
        owner = self._types.get(type_name)
        if owner is None:
            return []  # a type the description does not detail: nothing to check against
        if not isinstance(value, dict):
            return [f"'{path}' must be a {type_name} object, got {_describe(value)}"]
        if owner.subtypes and not owner.fields:
            return self._check_polymorphic(owner, value, path)
        problems = self._check_fields(owner, value, f"{path}.")
        return problems or self._check_type_semantics(type_name, value, path)

    def _check_polymorphic(
        self, owner: _Owner, value: Mapping[str, object], path: str
    ) -> list[str]:
        subtypes = [self._types[name] for name in owner.subtypes if name in self._types]
        for sub in subtypes:
            fixed = {f.name: f.fixed_value for f in sub.fields.values() if f.fixed_value}
            if fixed and all(value.get(key) == wanted for key, wanted in fixed.items()):
                return self._check_one(value, sub.name, path)
        outcomes = [self._check_one(value, sub.name, path) for sub in subtypes]
        if not outcomes or any(not problems for problems in outcomes):
            return []
        return [
            f"'{path}' is not a valid {owner.name} (expected one of {', '.join(owner.subtypes)})"
        ]

    def _check_field_limits(
        self, owner: str, spec: _Field, value: object, siblings: Mapping[str, object], path: str
    ) -> list[str]:
        problems: list[str] = []
        is_mode = spec.name.endswith("parse_mode") and isinstance(value, str)
        if is_mode and str(value).lower() not in PARSE_MODES:
            problems.append(f"unsupported parse_mode '{value}' in '{path}'")
        if spec.fixed_value is not None and value != spec.fixed_value:
            problems.append(f"'{path}' must be '{spec.fixed_value}', got {value!r}")
        if spec.array_limit and isinstance(value, list):
            low, high = spec.array_limit
            if not low <= len(value) <= high:
                problems.append(f"'{path}' must have {low}-{high} items, got {len(value)}")
        if spec.limit is None or not isinstance(value, str):
            return problems
        low, high, unit, after_parsing = spec.limit
        measured = len(value.encode("utf-8")) if unit == "bytes" else len(value)
        mode = siblings.get(f"{spec.name}_parse_mode")
        if mode is None and (after_parsing or spec.name in _MARKUP_FIELDS):
            mode = siblings.get("parse_mode")
        if isinstance(mode, str) and mode.lower() in PARSE_MODES:
            try:
                parsed = parse_text(value, mode).text
            except MarkupError as error:
                return [*problems, f"can't parse entities: {error}"]
            measured = len(parsed) if after_parsing else measured
        elif after_parsing:
            measured = len(value.strip())  # Telegram trims surrounding whitespace
        if not low <= measured <= high:
            side = "short" if measured < low else "long"
            wording = next(
                (
                    _TELEGRAM_WORDING[key]
                    for key in ((owner, spec.name, side), ("*", spec.name, side))
                    if key in _TELEGRAM_WORDING
                ),
                _TELEGRAM_WORDING.get((owner, spec.name, "*")),
            )
            limit = f"'{path}' must be {low}-{high} {unit}"
            detail = f"{limit}{' after entities parsing' if after_parsing else ''}, got {measured}"
            problems.append(f"{wording} ({detail})" if wording else detail)
        return problems

    # --- semantics that the structure alone does not express -----------------------------

    def _check_type_semantics(
        self, type_name: str, value: Mapping[str, object], path: str
    ) -> list[str]:
        if type_name in ("InlineKeyboardButton", "KeyboardButton"):
            actions = sorted(set(value) - _BUTTON_DECORATIONS)
            if type_name == "InlineKeyboardButton" and len(actions) != 1:
                return [
                    f"'{path}' must use exactly one of the optional action fields "
                    f"(callback_data, url, ...), got {actions or 'none'}"
                ]
            if len(actions) > 1:
                return [f"'{path}' must use at most one action field, got {actions}"]
        if type_name == "BotCommand":
            command = value.get("command")
            if isinstance(command, str) and not _COMMAND.fullmatch(command):
                return [
                    f"BOT_COMMAND_INVALID ('{path}.command' {command!r} must be 1-32 "
                    "characters of lowercase English letters, digits and underscores)"
                ]
        return []


@functools.lru_cache(maxsize=4)
def _load_cached(path: str) -> ApiSpec:
    # Parsing the 900 kB description takes a while; every server in a test run shares it.
    return ApiSpec.load(Path(path))
