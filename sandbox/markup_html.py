"""Telegram's HTML parse mode (a port of the Bot API server's rules, simplified)."""

from __future__ import annotations

import html
import re

from sandbox.markup_core import Builder, MarkupError, ParsedText, byte_offset

__all__ = ["parse_html"]

_HTML_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
    "tg-time": "date_time",
}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_TAG_NAME = re.compile(r"[a-zA-Z][a-zA-Z0-9-]*")
_ATTR = re.compile(r"\s*([a-zA-Z_][a-zA-Z0-9_-]*)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>\"']+))?")
_ENTITY = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{0,31});")


def _decode_html_entity(text: str, i: int) -> tuple[str, int]:
    match = _ENTITY.match(text, i)
    if match is None:
        raise MarkupError(
            f'Character "&" at byte offset {byte_offset(text, i)} must be escaped as "&amp;"'
        )
    name = match.group(1)
    if name.startswith(("#x", "#X")):
        code = int(name[2:], 16)
    elif name.startswith("#"):
        code = int(name[1:])
    elif name in _NAMED_ENTITIES:
        return _NAMED_ENTITIES[name], match.end()
    else:
        raise MarkupError(
            f'Unsupported HTML entity "&{name};" at byte offset {byte_offset(text, i)}'
        )
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        raise MarkupError(f"Invalid HTML entity at byte offset {byte_offset(text, i)}")
    return chr(code), match.end()


def parse_html(text: str) -> ParsedText:
    out = Builder()
    # Open tags: (tag name, entity type, start offset, extra entity fields)
    stack: list[tuple[str, str, int, dict[str, object]]] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == "&":
            decoded, i = _decode_html_entity(text, i)
            out.add(decoded)
            continue
        if char != "<":
            # The text up to the next tag or entity, at once (a character at a time made a
            # long reply cost the bot's event loop milliseconds in the benchmarks).
            stop = min((k for k in (text.find("<", i), text.find("&", i)) if k >= 0), default=n)
            out.add(text[i:stop])
            i = stop
            continue
        offset = byte_offset(text, i)
        if text.startswith("</", i):
            name_match = _TAG_NAME.match(text, i + 2)
            name = name_match.group(0).lower() if name_match else ""
            close = text.find(">", i)
            if (
                not name
                or close < 0
                or text[name_match.end() if name_match else i : close].strip()
            ):
                raise MarkupError(f"Unexpected end tag at byte offset {offset}")
            if not stack:
                raise MarkupError(f'Unexpected end tag "{name}" at byte offset {offset}')
            if stack[-1][0] != name:
                raise MarkupError(
                    f"Unmatched end tag at byte offset {offset}, "
                    f'expected "</{stack[-1][0]}>", found "</{name}>"'
                )
            _, kind, start, extra = stack.pop()
            if kind:
                out.entity(kind, start, extra)
            i = close + 1
            continue
        name_match = _TAG_NAME.match(text, i + 1)
        name = name_match.group(0).lower() if name_match else ""
        if name not in _HTML_TAGS:
            raise MarkupError(f'Unsupported start tag "{name}" at byte offset {offset}')
        attrs: dict[str, str] = {}
        j = name_match.end() if name_match else i + 1
        while True:
            attr = _ATTR.match(text, j)
            if attr is None:
                break
            value = attr.group(2) or ""
            if value[:1] in "\"'":
                value = value[1:-1]
            attrs[attr.group(1).lower()] = html.unescape(value)
            j = attr.end()
        rest = text[j:]
        if not rest.lstrip().startswith(">"):
            raise MarkupError(f"Unclosed start tag at byte offset {offset}")
        i = j + (len(rest) - len(rest.lstrip())) + 1
        kind, extra = _html_entity_kind(name, attrs, stack, offset)
        stack.append((name, kind, out.pos, extra))
    if stack:
        raise MarkupError(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    return out.result()


def _html_entity_kind(
    name: str, attrs: dict[str, str], stack: list[tuple[str, str, int, dict[str, object]]], at: int
) -> tuple[str, dict[str, object]]:
    kind = _HTML_TAGS[name]
    extra: dict[str, object] = {}
    if name == "span" and attrs.get("class") != "tg-spoiler":
        raise MarkupError(f'Tag "span" must have class "tg-spoiler" at byte offset {at}')
    if name == "a":
        href = attrs.get("href", "")
        if not href:
            return "", extra  # Telegram keeps the text but creates no link
        if href.startswith("tg://user?id="):
            kind = "text_mention"
        extra["url"] = href
    elif name == "tg-emoji":
        if "emoji-id" not in attrs:
            raise MarkupError(f'Tag "tg-emoji" must have attribute "emoji-id" at byte offset {at}')
        extra["custom_emoji_id"] = attrs["emoji-id"]
    elif name == "blockquote" and "expandable" in attrs:
        kind = "expandable_blockquote"
    elif name == "code" and stack and stack[-1][0] == "pre":
        language = attrs.get("class", "")
        if language.startswith("language-"):
            # Telegram folds <pre><code class="language-x"> into one "pre" entity.
            stack[-1][3]["language"] = language.removeprefix("language-")
            return "", extra
    return kind, extra
