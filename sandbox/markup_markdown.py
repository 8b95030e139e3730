"""Telegram's MarkdownV2 and legacy Markdown parse modes."""

from __future__ import annotations

from sandbox.markup_core import Builder, MarkupError, ParsedText, byte_offset

__all__ = ["MDV2_RESERVED", "parse_markdown", "parse_markdown_v2"]

MDV2_RESERVED = "_*[]()~`>#+-=|{}.!"

_MDV2_NAMES = {
    "bold": "Bold",
    "italic": "Italic",
    "underline": "Underline",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "code": "Code",
    "pre": "Pre",
    "text_link": "TextUrl",
    "custom_emoji": "CustomEmoji",
}
_MDV2_OPENERS = {"*": "bold", "~": "strikethrough", "[": "text_link", "`": "code"}


def _reserved(char: str) -> MarkupError:
    return MarkupError(
        f"Character '{char}' is reserved and must be escaped with the preceding '\\'"
    )


def _mdv2_is_end(kind: str, text: str, i: int) -> bool:
    char, nxt = text[i], text[i + 1 : i + 2]
    return {
        "bold": char == "*",
        "italic": char == "_" and nxt != "_",
        "underline": text.startswith("__", i),
        "strikethrough": char == "~",
        "spoiler": text.startswith("||", i),
        "code": char == "`",
        "pre": text.startswith("```", i),
        "text_link": char == "]",
        "custom_emoji": char == "]",
    }[kind]


def parse_markdown_v2(text: str) -> ParsedText:
    out = Builder()
    stack: list[tuple[str, int, int]] = []  # (entity type, start offset, byte offset)
    quote: tuple[str, int] | None = None  # (blockquote type, start offset)
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if (i == 0 or text[i - 1] == "\n") and not stack:
            # Block quotes are line-based: ">" (or "**>" for expandable) at a line start.
            if char == ">" or text.startswith("**>", i):
                if quote is None:
                    kind = "blockquote" if char == ">" else "expandable_blockquote"
                    quote = (kind, out.pos)
                i += 1 if char == ">" else 3
                continue
            if quote is not None:
                out.entity(quote[0], quote[1], end=out.pos - 1)  # excludes the line feed
                quote = None
        if char == "\\" and i + 1 < n and 0 < ord(text[i + 1]) <= 126:
            out.add(text[i + 1])
            i += 2
            continue
        in_code = bool(stack) and stack[-1][0] in ("code", "pre")
        if char not in ("`" if in_code else MDV2_RESERVED):
            out.add(char)
            i += 1
            continue
        closes_quote = text.startswith("||", i) and text[i + 2 : i + 3] in ("", "\n")
        if closes_quote and quote and quote[0] == "expandable_blockquote" and not stack:
            out.entity(quote[0], quote[1])
            quote = None
            i += 2
            continue
        if stack and _mdv2_is_end(stack[-1][0], text, i):
            kind, start, _ = stack.pop()
            i = _mdv2_close(text, i, kind, start, out)
            continue
        offset = byte_offset(text, i)
        if text.startswith("__", i):
            kind, i = "underline", i + 2
        elif char == "_":
            kind, i = "italic", i + 1
        elif text.startswith("||", i):
            kind, i = "spoiler", i + 2
        elif text.startswith("```", i):
            kind, i = "pre", i + 3
            line_end = text.find("\n", i)
            if line_end > i and not any(c.isspace() for c in text[i:line_end]):
                language, i = text[i:line_end], line_end + 1
                stack.append((kind, out.pos, offset))
                out.entities.append({"type": "_lang", "value": language, "offset": out.pos})
                continue
        elif text.startswith("![", i):
            kind, i = "custom_emoji", i + 2
        elif char in _MDV2_OPENERS:
            kind, i = _MDV2_OPENERS[char], i + 1
        else:
            raise _reserved(char)
        stack.append((kind, out.pos, offset))
    if stack:
        kind, _, offset = stack[-1]
        raise MarkupError(f"Can't find end of {_MDV2_NAMES[kind]} entity at byte offset {offset}")
    if quote is not None:
        out.entity(quote[0], quote[1])
    return _attach_languages(out).result()


def _mdv2_close(text: str, i: int, kind: str, start: int, out: Builder) -> int:
    """Emit the entity closed at ``text[i]``; returns the index after the closing markup."""
    if kind in ("text_link", "custom_emoji"):
        i += 1
        url = ""
        if i < len(text) and text[i] == "(":
            j = i + 1
            chars: list[str] = []
            while j < len(text) and text[j] != ")":
                if text[j] == "\\" and j + 1 < len(text) and 0 < ord(text[j + 1]) <= 126:
                    j += 1
                chars.append(text[j])
                j += 1
            if j >= len(text):
                raise MarkupError(f"Can't find end of a URL at byte offset {byte_offset(text, i)}")
            url, i = "".join(chars), j + 1
        elif kind == "custom_emoji":
            raise MarkupError("Custom emoji entity must contain a tg://emoji URL")
        if kind == "custom_emoji":
            out.entity(kind, start, {"custom_emoji_id": url.rpartition("id=")[2]})
        elif url:
            kind = "text_mention" if url.startswith("tg://user?id=") else kind
            out.entity(kind, start, {"url": url})
        return i
    out.entity(kind, start)
    return i + {"underline": 2, "spoiler": 2, "pre": 3}.get(kind, 1)


def _attach_languages(out: Builder) -> Builder:
    # "```lang" markers were stored as pseudo-entities; fold them into the matching "pre".
    langs = {e["offset"]: e["value"] for e in out.entities if e["type"] == "_lang"}
    out.entities = [e for e in out.entities if e["type"] != "_lang"]
    for ent in out.entities:
        if ent["type"] == "pre" and ent["offset"] in langs:
            ent["language"] = langs[ent["offset"]]
    return out


# --- legacy Markdown ----------------------------------------------------------------------

_MD_KINDS = {"*": "bold", "_": "italic", "`": "code"}


def parse_markdown(text: str) -> ParsedText:
    out = Builder()
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == "\\" and i + 1 < n and text[i + 1] in "_*`[":
            out.add(text[i + 1])
            i += 2
            continue
        if char not in "_*`[":
            out.add(char)
            i += 1
            continue
        offset, start = byte_offset(text, i), out.pos
        if text.startswith("```", i):
            end = text.find("```", i + 3)
            if end < 0:
                raise MarkupError(f"Can't find end of the entity starting at byte offset {offset}")
            out.add(text[i + 3 : end])
            out.entity("pre", start)
            i = end + 3
        elif char == "[":
            close = text.find("]", i + 1)
            if close < 0:
                raise MarkupError(f"Can't find end of the entity starting at byte offset {offset}")
            out.add(text[i + 1 : close])
            i = close + 1
            if text.startswith("(", i) and (paren := text.find(")", i)) > 0:
                out.entity("text_link", start, {"url": text[i + 1 : paren]})
                i = paren + 1
        else:
            end = text.find(char, i + 1)
            if end < 0:
                raise MarkupError(f"Can't find end of the entity starting at byte offset {offset}")
            out.add(text[i + 1 : end])
            out.entity(_MD_KINDS[char], start)
            i = end + 1
    return out.result()
