"""Read a decision typed in one message after a meeting: who takes care of it, and by when.

« On demande à l'office de réparer la porte. Marie s'en occupe d'ici vendredi. » gives the
decision text, Marie as responsible and Friday as due date. No Telegram types.

Who is responsible, in order: the first person tied to a responsibility cue (« Marie s'en
occupe », « Paul va appeler », « responsable : Marie », « c'est moi qui », « je m'en charge »,
an unknown « Gérard doit »); else the first member named. Names are matched without regard to
case or accents, on whole words (« Marie » is not « Mariette » nor « Marie-Ève »), a full name
winning over a first name; `@username` mentions match usernames.

The decision keeps the text as typed (only the ends trimmed). The follow-up's title is that
text without what was understood: the date phrase (« d'ici vendredi ») and the responsible
person with the words that only say so (« Paul s'en occupe », « responsable : Marie »,
« je vais »). See `follow_up_title`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from itertools import pairwise

from bot.domain.decision_cues import Cues, caseless_name, cues_for
from bot.domain.follow_up_title import follow_up_title
from bot.domain.french_dates import NO_DATE, DateFinding, find_due_date, fold_text
from bot.domain.meeting_actions import responsible_named_apart
from bot.domain.typed_text import is_meaningful

DEFAULT_MAX_LENGTH = 1000


class DecisionProblem(Enum):
    EMPTY = "empty"  # nothing to keep: blank, invisible characters, one letter
    TOO_LONG = "too_long"


@dataclass(frozen=True)
class MemberName:
    """A committee member the text may name."""

    person_id: int
    display_name: str  # "Marie Tremblay"
    username: str | None  # Telegram @username without @


@dataclass(frozen=True)
class QuickDecision:
    text: str  # the message as typed, ends trimmed; never empty when problem is None
    responsible: MemberName | None  # the author too, when they take it
    responsible_is_author: bool
    other_people: tuple[MemberName, ...]  # other members named (all candidates if ambiguous)
    unknown_name: str | None  # a responsible who matches no member: « Gérard s'en occupe »
    date: DateFinding
    problem: DecisionProblem | None
    title: str = ""  # the follow-up's: the text without the person and date understood


_USERNAME = re.compile(r"(?<![\w@])@(?P<name>[a-z0-9_]{2,32})\b")
_WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")
_ELISION = re.compile(r"^(?:d|qu|j|c|s|n|m|t)'")
# First names that are also common words: matched only when written with a capital.
_WORD_NAMES = frozenset((
    "claire", "rose", "pierre", "france", "avril", "jade", "constance", "prudence", "blanche",
    "fleur", "olive", "colombe", "aimee", "ange", "flore", "marine", "sage", "aurore",
))  # fmt: skip


@dataclass
class _Mention:
    start: int  # in the folded text
    end: int
    candidates: tuple[MemberName, ...] = ()
    unknown: str | None = None
    is_author: bool = False
    linked: bool = False
    plural: bool = False


def _key_pattern(name: str) -> re.Pattern[str] | None:
    words = name.split()
    if not words:
        return None
    # Hyphens count as part of a name, so « Marie » does not match « Marie-Ève ».
    return re.compile(r"(?<![\w-])" + r"\s+".join(map(re.escape, words)) + r"(?![\w-])")


def _member_mentions(
    text: str, folded: str, origin: list[int], roster: Sequence[MemberName], cues: Cues
) -> list[_Mention]:
    # Folded keys, so « Marie » in one name and « MARIE » in another are the same name.
    by_key: dict[str, list[MemberName]] = {}
    for member in roster:
        words = fold_text(member.display_name)[0].split()
        for key in {" ".join(words), *words[:1]}:
            # « A. Roy » or a member called « Le » would otherwise be found everywhere.
            if " " in key or key in _WORD_NAMES or (len(key) > 1 and key not in cues.not_names):
                by_key.setdefault(key, []).append(member)
    found: list[_Mention] = []
    for name, members in by_key.items():
        pattern = _key_pattern(name)
        if pattern is None:
            continue
        capital_only = name in _WORD_NAMES
        for match in pattern.finditer(folded):
            if capital_only and not text[origin[match.start()]].isupper():
                continue
            found.append(_Mention(match.start(), match.end(), tuple(members)))
    for match in _USERNAME.finditer(folded):
        wanted = match.group("name")
        members = [m for m in roster if (m.username or "").lstrip("@").lower() == wanted]
        found.append(
            _Mention(match.start(), match.end(), tuple(members), None if members else "@" + wanted)
        )
    kept = _without_overlaps(found)
    starts = {m.start for m in kept}
    return [m for m in kept if not _other_surname(text, folded, origin, m, starts, cues)]


def _other_surname(
    text: str, folded: str, origin: list[int], mention: _Mention, starts: set[int], cues: Cues
) -> bool:
    """« Marie Fernandez » is not our Marie Tremblay: a first name then an unknown surname."""
    if " " in folded[mention.start : mention.end] or folded[mention.end : mention.end + 1] != " ":
        return False
    following = _WORD.match(folded, mention.end + 1)
    return (
        following is not None
        and following.start() not in starts
        and _is_name_word(text, folded, origin, following.start(), following.end(), cues)
    )


def _without_overlaps(found: list[_Mention]) -> list[_Mention]:
    """Longest first at each place, so a full name beats the first name inside it."""
    kept: list[_Mention] = []
    for mention in sorted(found, key=lambda m: (m.start, m.start - m.end)):
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return kept


def _cue_after(
    text: str, folded: str, origin: list[int], end: int, cues: Cues
) -> re.Match[str] | None:
    match = cues.third_person.match(folded, end)
    # « Marie Fernandez » is a surname, not « Marie fer… » acting.
    if match is None or text[origin[match.start("verb")]].isupper():
        return None
    return match


def _is_name_word(
    text: str, folded: str, origin: list[int], start: int, end: int, cues: Cues
) -> bool:
    original = text[origin[start] : origin[end - 1] + 1]
    word = folded[start:end]
    if not original[:1].isupper() or (len(original) > 1 and original.isupper()):
        return False  # lower-case words and acronyms (« OMH ») are not names
    return word not in cues.not_names and not word.startswith("l'")


def _unknown_mentions(
    text: str, folded: str, origin: list[int], taken: list[tuple[int, int]], cues: Cues
) -> list[_Mention]:
    """Capitalised words tied to a responsibility cue: « Gérard s'en occupe »; in a script
    without capitals, the word itself next to the cue: « ماري تتولى », « سيتولى أحمد »."""
    words: list[tuple[int, int]] = []
    for match in _WORD.finditer(folded):
        start = match.start()
        elision = _ELISION.match(match.group())
        if elision is not None:
            start += elision.end()  # « qu'Annie » names Annie
        if start < match.end() and not any(s < match.end() and start < e for s, e in taken):
            words.append((start, match.end()))
    names = [
        w
        for w in words
        if _is_name_word(text, folded, origin, *w, cues)
        or (cues.caseless and caseless_name(folded[w[0] : w[1]], cues))
    ]
    found: list[_Mention] = []
    for index, (start, end) in enumerate(names):
        after = _cue_after(text, folded, origin, end, cues)
        before = cues.link_before.search(folded, max(0, start - 30), start)
        if after is None and before is None:
            continue
        # Join a neighbouring capitalised word: « Gérard Roy s'en occupe », « Mme Gagnon va ».
        if after is not None and index > 0 and folded[names[index - 1][1] : start] == " ":
            start = names[index - 1][0]
        elif after is None and index + 1 < len(names) and folded[end : names[index + 1][0]] == " ":
            end = names[index + 1][1]
        unknown = text[origin[start] : origin[end - 1] + 1]
        found.append(_Mention(start, end, unknown=unknown, linked=True))
    return found


def _link(text: str, folded: str, origin: list[int], mentions: list[_Mention], cues: Cues) -> None:
    for mention in mentions:
        after = _cue_after(text, folded, origin, mention.end, cues)
        before = cues.link_before.search(folded, max(0, mention.start - 30), mention.start)
        mention.linked = mention.linked or after is not None or before is not None
        mention.plural = after is not None and cues.plural.search(after.group()) is not None
    # « Marie et Paul s'en occupent »: Marie shares Paul's cue.
    for first, second in reversed(list(pairwise(mentions))):
        between = folded[first.end : second.start]
        if second.linked and second.plural and cues.conjunction.fullmatch(between):
            first.linked = first.plural = True


def _who_phrase(folded: str, mention: _Mention, cues: Cues) -> tuple[int, int]:
    """The responsible's name (or « je m'en occupe ») with the words that only say so."""
    start, end = mention.start, mention.end
    if mention.is_author:
        author = cues.author_who.match(folded, start)
        end = author.end() if author else start
    only = cues.only_says_who.match(folded, end)
    if only is not None:
        end = only.end()
    before = cues.link_before.search(folded, max(0, start - 30), start)
    if before is not None:
        start = before.start()
    return start, end


def _date_spans(text: str, origin: list[int], date: DateFinding) -> list[tuple[int, int]]:
    """Where the date phrase sits in the folded text: « le 15 avril » names no Avril."""
    if not date.phrase:
        return []
    return [
        (bisect_left(origin, match.start()), bisect_left(origin, match.end()))
        for match in re.finditer(re.escape(date.phrase), text)
    ]


def parse_quick_decision(
    text: str,
    *,
    author: MemberName,
    members: Sequence[MemberName],
    now: datetime,
    max_length: int = DEFAULT_MAX_LENGTH,
    languages: Sequence[str] = (),
) -> QuickDecision:
    """`languages`: what else than French the text may be in (« es », « ar »): their cues
    for who and when are read too."""
    cleaned = text.strip()
    if not is_meaningful(cleaned):
        return QuickDecision("", None, False, (), None, NO_DATE, DecisionProblem.EMPTY)
    problem: DecisionProblem | None = None
    if len(cleaned) > max_length:
        # Keep what fits so nothing is lost silently; the caller tells the person.
        cleaned, problem = cleaned[: max(max_length, 0)].rstrip(), DecisionProblem.TOO_LONG
    date = find_due_date(cleaned, now=now, languages=languages)
    cues = cues_for(tuple(languages))
    folded, origin = fold_text(cleaned)
    roster = list({m.person_id: m for m in [author, *members]}.values())

    date_spans = _date_spans(cleaned, origin, date)
    mentions = [
        m
        for m in _member_mentions(cleaned, folded, origin, roster, cues)
        if not any(s < m.end and m.start < e for s, e in date_spans)
    ]
    _link(cleaned, folded, origin, mentions, cues)
    taken = date_spans + [(m.start, m.end) for m in mentions]
    mentions += _unknown_mentions(cleaned, folded, origin, taken, cues)
    mentions += [
        _Mention(m.start(), m.end(), (author,), is_author=True, linked=True)
        for m in cues.author.finditer(folded)
    ]
    mentions.sort(key=lambda m: m.start)

    named = [m for m in mentions if m.candidates and not m.is_author]
    meant = {id(m): _meant(m, named) for m in mentions}
    # A tagged @someone nobody knows still says who, when nothing else does.
    tagged = [m for m in mentions if m.unknown and m.unknown.startswith("@")]
    chosen = next((m for m in mentions if m.linked), None) or next(iter(named + tagged), None)
    chosen_meant = meant[id(chosen)] if chosen is not None else ()
    responsible = chosen_meant[0] if len(chosen_meant) == 1 else None
    others: dict[int, MemberName] = {}
    for mention in named:
        for member in meant[id(mention)]:
            others.setdefault(member.person_id, member)
    if responsible is not None:
        others.pop(responsible.person_id, None)
    who = None
    if chosen is not None and not chosen.plural and (responsible or chosen.unknown):
        who_start, who_end = _who_phrase(folded, chosen, cues)
        who = (origin[who_start], origin[who_end - 1] + 1)
    unknown_name = chosen.unknown if chosen is not None else None
    if chosen is None:
        # Nobody tied to a cue: someone without Telegram named apart, between commas
        # (« Appeler l'office, Mme Tremblay, d'ici vendredi »), kept as typed.
        unknown_name = responsible_named_apart(cleaned, date.phrase)
        start = cleaned.find(unknown_name) if unknown_name else -1
        if unknown_name and start >= 0:
            who = (start, start + len(unknown_name))
    when = None
    if date.due_date is not None and date.problem is None and date_spans:
        when = (origin[date_spans[0][0]], origin[date_spans[0][1] - 1] + 1)
    return QuickDecision(
        text=cleaned,
        responsible=responsible,
        responsible_is_author=responsible is not None
        and responsible.person_id == author.person_id,
        other_people=tuple(others.values()),
        unknown_name=unknown_name,
        date=date,
        problem=problem,
        title=follow_up_title(cleaned, who=who, when=when),
    )


def _meant(mention: _Mention, named: list[_Mention]) -> tuple[MemberName, ...]:
    """The members a mention may mean; several when two share the name (the bot asks)."""
    if len(mention.candidates) <= 1:
        return mention.candidates
    # « Marie Gagnon … Marie s'en occupe »: the full name elsewhere settles it.
    elsewhere = {m.candidates[0].person_id for m in named if len(m.candidates) == 1}
    settled = tuple(c for c in mention.candidates if c.person_id in elsewhere)
    return settled if len(settled) == 1 else mention.candidates
