"""Does a typed text say something? Names, decisions, objectives and reasons must.

A text is meaningful when it shows at least two letters or digits (of any script) once the
characters that show nothing are set aside: spaces of every width, zero-width and other
formatting characters (U+200B…U+200F, U+2060, U+FEFF, soft hyphen…), the fillers that some
keyboards and pranksters use to look like a name (Hangul fillers U+3164, U+115F, U+1160,
U+FFA0; the blank Braille pattern U+2800), and combining marks standing alone. Punctuation,
symbols and emoji count as nothing on their own: « ... », « ? », « 👍 » say nothing to
keep. One letter (« A ») is too short for a name or a decision. No Telegram types.
"""

from __future__ import annotations

from enum import Enum

MINIMUM_SIGNS = 2

# Letters by Unicode's reckoning that show nothing.
_FILLERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


class TextProblem(Enum):
    BLANK = "blank"  # nothing visible: spaces, invisible characters, punctuation only
    TOO_SHORT = "too_short"  # a single letter or digit


def _is_sign(char: str) -> bool:
    """A letter or digit that shows (not a filler)."""
    return char.isalnum() and char not in _FILLERS


def text_problem(text: str, *, minimum: int = MINIMUM_SIGNS) -> TextProblem | None:
    """Why a typed text says nothing to keep, or None when it does."""
    signs = sum(1 for char in text if _is_sign(char))
    if signs == 0:
        return TextProblem.BLANK
    if signs < minimum:
        return TextProblem.TOO_SHORT
    return None


def is_meaningful(text: str) -> bool:
    return text_problem(text) is None
