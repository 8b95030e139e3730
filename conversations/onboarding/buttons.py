"""The buttons of onboarding (« onb »)."""

from __future__ import annotations

from bot.callbacks import Callback, button
from bot.domain.entities import CommitteeKind


@button("onb", "new")
class NewCommittee(Callback):
    pass


@button("onb", "kind")
class Kind(Callback):
    kind: CommitteeKind


@button("onb", "skip")
class SkipOffice(Callback):
    pass
