"""Reading Bot API parameters, whether they came as JSON values or as form strings."""

from __future__ import annotations

import json
from collections.abc import Mapping

from sandbox.markup import MarkupError, ParsedText, parse_text
from sandbox.models import JsonDict, bad_request

__all__ = [
    "Params",
    "flag",
    "inline_markup",
    "integer",
    "json_list",
    "json_object",
    "opt_str",
    "parse_or_reject",
    "require",
]

Params = Mapping[str, object]


def require(params: Params, name: str) -> object:
    found = params.get(name)
    if found is None:
        raise bad_request(f"missing required parameter '{name}'", violation=True)
    return found


def integer(params: Params, name: str) -> int:
    found = require(params, name)
    if isinstance(found, bool) or not isinstance(found, int | str):
        raise bad_request(f"parameter '{name}' must be an Integer", violation=True)
    try:
        return int(found)
    except ValueError:
        raise bad_request(f"parameter '{name}' must be an Integer", violation=True) from None


def opt_str(params: Params, name: str) -> str | None:
    value = params.get(name)
    return None if value is None else str(value)


def flag(params: Params, name: str) -> bool:
    value = params.get(name)
    return value is True or value == "true"


def json_object(params: Params, name: str) -> JsonDict | None:
    value = params.get(name)
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise bad_request(f"can't parse {name} JSON object", violation=True) from None
    if value is not None and not isinstance(value, dict):
        raise bad_request(f"parameter '{name}' must be a JSON object", violation=True)
    return value


def json_list(params: Params, name: str) -> list[object] | None:
    found = params.get(name)
    if isinstance(found, str):
        try:
            found = json.loads(found)
        except ValueError:
            raise bad_request(f"can't parse {name} JSON array", violation=True) from None
    if found is not None and not isinstance(found, list):
        raise bad_request(f"parameter '{name}' must be a JSON array", violation=True)
    return found


def inline_markup(markup: JsonDict | None) -> JsonDict | None:
    return markup if markup and "inline_keyboard" in markup else None


def parse_or_reject(
    text: str, parse_mode: str | None, *, limit: int, empty: str, long: str
) -> ParsedText:
    """Parse like Telegram does before sending; errors here are bugs of the bot."""
    try:
        parsed = parse_text(text, parse_mode)
    except MarkupError as error:
        raise bad_request(f"can't parse entities: {error}", violation=True) from None
    if not parsed.text and empty:
        raise bad_request(empty, violation=True)
    if len(parsed.text) > limit:
        raise bad_request(long, violation=True)
    return parsed
