"""A general assembly of the residents, as plain rules: when and where, the questions put to
a vote on paper, and the counts a coordinator types back in afterwards.

Many residents are not on Telegram: the assembly votes on paper (a printed ballot, a show of
hands), and the committee keeps the result. No Telegram types.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.domain.records import MeetingTime

MAX_QUESTIONS = 8
QUESTION_LIMIT = 200
PLACE_LIMIT = 120
# More votes than this is a typing mistake, not an assembly of one building.
MAX_COUNT = 100_000
_NUMBER = re.compile(r"\d+")


def assembly_ref(number: int) -> str:
    """A for « assemblée »: A-2. For members; printed sheets carry none."""
    return f"A-{number}"


@dataclass(frozen=True, slots=True)
class Question:
    position: int  # 1, 2, ... as printed on the ballot
    text: str
    counts: tuple[int, int, int] | None = None  # for, against, abstain, once typed back in

    @property
    def adopted(self) -> bool | None:
        """More for than against; None while its counts are not in."""
        if self.counts is None:
            return None
        return self.counts[0] > self.counts[1]


@dataclass(frozen=True, slots=True)
class Assembly:
    id: int
    committee_id: int
    number: int
    held_at: MeetingTime
    place: str | None
    questions: tuple[Question, ...] = ()

    @property
    def counted(self) -> bool:
        """Every question has its counts (an assembly without a vote has nothing to count)."""
        return all(q.counts is not None for q in self.questions)

    def next_to_count(self) -> Question | None:
        return next((q for q in self.questions if q.counts is None), None)


def read_counts(text: str) -> tuple[int, int, int] | None:
    """The counts of a question as typed: three numbers, in the order for, against, abstain
    (« 23 4 2 », « 23 pour, 4 contre, 2 abstentions »). None unless there are exactly three,
    each plausible: nothing is guessed."""
    numbers = [int(n) for n in _NUMBER.findall(text)]
    if len(numbers) != 3 or any(n > MAX_COUNT for n in numbers):
        return None
    return numbers[0], numbers[1], numbers[2]
