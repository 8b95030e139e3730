"""A follow-up's title: the decision as typed, without the person and the date understood.

« Écrire la lettre pour le déneigement, Paul, dans deux semaines » gives the follow-up
« Écrire la lettre pour le déneigement », for Paul, by the date: the title does not say again
what its own lines say. Nothing is added and nothing else is taken away:

- the text is read clause by clause (sentence ends, commas, « : », dashes between spaces);
- the person's phrase (« Paul s'en occupe », « responsable : Marie », « je vais ») goes only
  when it starts its clause: « Nous demandons à Claire de relancer » keeps Claire, since
  taking her out would break the sentence;
- the date phrase goes only at the start or the end of its clause, once the person's phrase
  is out: « la réunion du 15 avril est annulée » keeps its date;
- a clause left with nothing to say goes whole, with the comma or the period that ended it;
- with nothing taken away, or nothing left to say, the title is the text itself.

No Telegram types.
"""

from __future__ import annotations

import re

from bot.domain.typed_text import is_meaningful

Span = tuple[int, int]

# Arabic has its own comma, semicolon and question mark (« ، », « ؛ », « ؟ »).
_CLAUSE_END = re.compile(r"[.;!?؛؟\n]+\s*|[,،]\s*|\s*:\s+|\s+[-–—]+\s+")
# Words that tied a clause to what was taken out of it: « et Paul… », « c'est moi qui… ».
_TIES = re.compile(
    r"^(?:(?:et|mais|puis|qui|alors|donc|ensuite|c'est|moi)\b[\s,]*)+", re.IGNORECASE
)
_EDGES = " \t\n,;:.-–—،؛"
_EMPTY_BRACKETS = re.compile(r"\(\s*\)")
# Small words that only led to a phrase taken out at the end of a clause.
_DANGLING = re.compile(
    r"(?:\s+(?:le|la|les|l'|ce|cette|au|aux|du|de|d'|pour|avant|d'ici|dès|dans|en|el|para|"
    r"antes|del|al|قبل|في))+\s*$",
    re.IGNORECASE,
)


def _clauses(text: str) -> list[tuple[int, int, int]]:
    """(start, end, end of the separator after it) for each clause."""
    found: list[tuple[int, int, int]] = []
    position = 0
    for boundary in _CLAUSE_END.finditer(text):
        if boundary.start() > position or boundary.end() > position:
            found.append((position, boundary.start(), boundary.end()))
            position = boundary.end()
    found.append((position, len(text), len(text)))
    return found


def _clause_at(clauses: list[tuple[int, int, int]], index: int) -> tuple[int, int, int]:
    return next((c for c in clauses if c[0] <= index < c[2]), clauses[-1])


def _says_nothing(piece: str) -> bool:
    return not _TIES.sub("", piece.strip(_EDGES)).strip(_EDGES)


def follow_up_title(text: str, *, who: Span | None = None, when: Span | None = None) -> str:
    """`text` without the person's phrase `who` and the date phrase `when` (spans of `text`,
    as typed), by the rules above."""
    stripped = text.strip()
    offset = len(text) - len(text.lstrip())
    text = stripped
    clauses = _clauses(text)
    cut = [False] * len(text)

    def kept(start: int, end: int) -> str:
        return "".join(
            c for c, gone in zip(text[start:end], cut[start:end], strict=True) if not gone
        )

    def take(span: Span) -> None:
        for index in range(max(span[0], 0), min(span[1], len(text))):
            cut[index] = True

    if who is not None:
        start, end = who[0] - offset, who[1] - offset
        clause_start = _clause_at(clauses, max(start, 0))[0]
        if _says_nothing(kept(clause_start, max(start, clause_start))):
            take((start, end))
    if when is not None:
        start, end = when[0] - offset, when[1] - offset
        first, last = _clause_at(clauses, max(start, 0)), _clause_at(clauses, max(end - 1, 0))
        before = kept(first[0], max(start, first[0]))
        after = kept(min(end, last[1]), last[1])
        if _says_nothing(before) or not after.strip(_EDGES):
            take((start, end))
    if not any(cut):
        return text
    pieces: list[str] = []
    for start, end, separator_end in clauses:
        if not any(cut[start:end]):
            pieces.append(text[start:separator_end])
            continue
        remainder = _EMPTY_BRACKETS.sub("", kept(start, end))
        remainder = " ".join(_TIES.sub("", remainder.strip(_EDGES)).split())
        # What led to the date taken out does not dangle: « ouvert le samedi » → « ouvert ».
        remainder = _DANGLING.sub("", remainder)
        if is_meaningful(remainder):
            pieces.append(remainder + text[end:separator_end])
    title = "".join(pieces).strip(_EDGES)
    if not is_meaningful(title):
        return text
    return title[:1].upper() + title[1:]
