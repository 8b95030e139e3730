"""The anonymous box's promise: who writes to a box is never written down.

Everywhere else the bot records who talks to it (`access.identify_person` keeps each person's
id, name and language), and PTB's persistence keeps conversation states and user data under
the person's Telegram id. A message to a committee's box must leave no such trace. So:

- the box's updates (its deep link, a message typed after opening it, its own buttons) are
  recognised here, before any handler runs; the gatekeeper then records nobody for them;
- the box flow is not a wizard and keeps nothing in user_data: the only state, « this person
  is writing to that box », lives in this process's memory, under a keyed hash of the id;
- so does the flood limit (a few messages per sender per period), and the way to hand a
  private answer to a writer who asked for one while the bot runs (see `ReplyChats`).

A restart forgets all of it: a person writing at that moment opens the link again, and a
private answer waits until its writer presses « See the answer » in their own chat.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from telegram import Chat, Update

# Deep link prefixes of the box (see conversations/residents): the general box, and the box
# as the place to propose a priority during the yearly consultation.
BOX_PREFIX = "box-"
PRIORITY_PREFIX = "prio-"
# Buttons that only the writer has (in their own chat) live in this namespace.
ANONYMOUS_NAMESPACE = "anon"
# A box stays open for typing this long after the link is opened or a message is sent.
WRITING_WINDOW = 15 * 60.0
# A flood from one sender: at most this many messages per window (seconds), per sender.
FLOOD_LIMITS: tuple[tuple[int, float], ...] = ((5, 10 * 60.0), (15, 24 * 3600.0))
# A private answer is pushed to its writer's chat while the bot still remembers it.
REPLY_MEMORY = 30 * 24 * 3600.0
_MAX_TRACKED = 10_000
_CANCEL = frozenset({"/annuler", "/cancel"})


@dataclass(frozen=True, slots=True)
class Writing:
    """Someone opened a box and may now type their message."""

    committee_id: int
    for_priorities: bool
    until: float


class AnonymousSenders:
    """In memory only. Senders are known by a keyed hash of their id (the key is random per
    process), so even this memory holds no list of Telegram ids."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._key = secrets.token_bytes(32)
        self._writing: dict[str, Writing] = {}
        self._sent: dict[str, deque[float]] = {}
        self.reply_chats = ReplyChats(clock)

    def _pseudonym(self, user_id: int) -> str:
        return hmac.new(self._key, str(user_id).encode(), hashlib.sha256).hexdigest()

    # --- writing ------------------------------------------------------------------------------

    def start_writing(self, user_id: int, committee_id: int, *, for_priorities: bool) -> None:
        self._prune()
        self._writing[self._pseudonym(user_id)] = Writing(
            committee_id, for_priorities, self._clock() + WRITING_WINDOW
        )

    def writing(self, user_id: int) -> Writing | None:
        found = self._writing.get(self._pseudonym(user_id))
        if found is None or found.until < self._clock():
            return None
        return found

    def keep_writing(self, user_id: int) -> None:
        """Another message may follow: the window starts again."""
        found = self.writing(user_id)
        if found is not None:
            self._writing[self._pseudonym(user_id)] = Writing(
                found.committee_id, found.for_priorities, self._clock() + WRITING_WINDOW
            )

    def stop_writing(self, user_id: int) -> None:
        self._writing.pop(self._pseudonym(user_id), None)

    # --- flood --------------------------------------------------------------------------------

    def wait_before_next(self, user_id: int) -> float:
        """Seconds before this sender may put another message in a box (0: now)."""
        stamps = self._sent.get(self._pseudonym(user_id))
        if not stamps:
            return 0.0
        now = self._clock()
        longest = max(window for _count, window in FLOOD_LIMITS)
        while stamps and stamps[0] <= now - longest:
            stamps.popleft()
        wait = 0.0
        for count, window in FLOOD_LIMITS:
            recent = [stamp for stamp in stamps if stamp > now - window]
            if len(recent) >= count:
                wait = max(wait, recent[-count] + window - now)
        return wait

    def count_message(self, user_id: int) -> None:
        self._sent.setdefault(self._pseudonym(user_id), deque()).append(self._clock())

    # --- the gatekeeper's question -----------------------------------------------------------

    def leaves_no_trace(self, update: Update) -> bool:
        """Whether this update belongs to a box and must not be recorded with its sender.

        A command other than /annuler ends the typing (the person went on to something else);
        a button of another feature does too.
        """
        chat = update.effective_chat
        user = update.effective_user
        if chat is None or user is None or chat.type != Chat.PRIVATE:
            return False
        query = update.callback_query
        if query is not None:
            if (query.data or "").startswith(ANONYMOUS_NAMESPACE + ":"):
                return True
            self.stop_writing(user.id)
            return False
        message = update.message
        if message is None:
            return False
        text = (message.text or "").strip()
        words = text.split()
        box_link = len(words) == 2 and words[0] == "/start"
        if box_link and words[1].startswith((BOX_PREFIX, PRIORITY_PREFIX)):
            return True
        if self.writing(user.id) is None:
            return False
        if text.startswith("/") and words[0].split("@")[0].lower() not in _CANCEL:
            self.stop_writing(user.id)
            return False
        return True

    def _prune(self) -> None:
        if len(self._writing) < _MAX_TRACKED and len(self._sent) < _MAX_TRACKED:
            return
        now = self._clock()
        self._writing = {k: w for k, w in self._writing.items() if w.until >= now}
        longest = max(window for _count, window in FLOOD_LIMITS)
        self._sent = {k: s for k, s in self._sent.items() if s and s[-1] > now - longest}


class ReplyChats:
    """Reply hash → the writer's chat, so a private answer reaches them at once.

    Kept in memory only, for a while: the database never holds it. After a restart (or after
    `REPLY_MEMORY`), the answer waits in the box until the writer presses « See the answer »
    under their message, in their own chat: their token finds it, nothing finds them.
    """

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._chats: dict[str, tuple[int, float]] = {}

    def remember(self, token_hash: str, chat_id: int) -> None:
        if len(self._chats) >= _MAX_TRACKED:
            now = self._clock()
            self._chats = {k: v for k, v in self._chats.items() if v[1] >= now}
        self._chats[token_hash] = (chat_id, self._clock() + REPLY_MEMORY)

    def take(self, token_hash: str) -> int | None:
        """The chat to push an answer to, forgotten as it is given (one answer per message)."""
        found = self._chats.pop(token_hash, None)
        if found is None or found[1] < self._clock():
            return None
        return found[0]


# One bot per process: the app makes a fresh one at each start (`reset`), as a new process
# would have, so tests that restart the bot see what a real restart forgets.
senders = AnonymousSenders()


def reset() -> AnonymousSenders:
    global senders
    senders = AnonymousSenders()
    return senders
