"""Who an action of a meeting names apart: « Appeler l'office, Mme Tremblay, d'ici vendredi ».

During /reunion an action is typed as a list, « what, who, by when ». The quick-decision reader
knows the committee's members and the people tied to a cue (« Gérard s'en occupe »); a person
without Telegram named apart, between commas, is neither. Such a part is the responsible
person when it reads as a name: a few capitalised words (particles such as « de » allowed),
no digits. It is kept exactly as typed, « M. Nguyen » with its dot. No Telegram types.
"""

from __future__ import annotations

import re

from bot.domain.french_dates import MONTHS, WEEKDAYS, fold_text

NAME_MAX_WORDS = 5
NAME_MAX_LENGTH = 60
# Small words inside a name: « Marie de la Fontaine », « Anh van Duc ».
_PARTICLES = frozenset(("de", "du", "des", "la", "le", "van", "von", "da", "di", "d'", "et"))
_WORD = re.compile(r"\S+")
# Words that start a part but are not a name: the date is read apart, pronouns are nobody.
_NOT_A_NAME = frozenset(
    (*WEEKDAYS, *MONTHS, "demain", "aujourd'hui", "ce", "cette", "on", "nous", "personne",
     "tout", "tous", "chacun", "chacune", "avant", "apres", "pour", "avec", "urgent")
)  # fmt: skip


def _reads_as_name(part: str) -> bool:
    words = _WORD.findall(part)
    if not words or len(words) > NAME_MAX_WORDS or len(part) > NAME_MAX_LENGTH:
        return False
    if any(char.isdigit() for char in part) or fold_text(words[0])[0] in _NOT_A_NAME:
        return False
    for word in words:
        if fold_text(word)[0] in _PARTICLES:
            continue
        if not word[0].isupper() or not any(char.isalpha() for char in word):
            return False
    return True


def responsible_named_apart(text: str, date_phrase: str | None = None) -> str | None:
    """The name typed between commas after the action itself, as typed; None when none.

    `date_phrase` is the date the reader found (« d'ici vendredi »): it is not part of a name,
    so « Mme Tremblay d'ici vendredi » between two commas still names Mme Tremblay.
    """
    parts = text.split(",")
    for raw in parts[1:]:
        part = raw
        if date_phrase and date_phrase in part:
            part = part.replace(date_phrase, " ")
        part = " ".join(part.split()).strip(" .;:!?-—–")
        if _reads_as_name(part):
            return part
    return None
