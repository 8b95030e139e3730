"""The buttons of the yearly priorities (namespace « prio »)."""

from __future__ import annotations

from bot.callbacks import Callback, button


@button("prio", "open")
class OpenConsultation(Callback):
    id: int  # the committee
    year: int


@button("prio", "list")
class ShowProposals(Callback):
    id: int  # the consultation


@button("prio", "show")
class ShowProposal(Callback):
    id: int  # the proposal


@button("prio", "groupwith")
class GroupWith(Callback):
    """Choose the proposal this one is similar to."""

    id: int  # the proposal


@button("prio", "under")
class GroupUnder(Callback):
    id: int  # the proposal
    under: int  # the proposal it joins


@button("prio", "ungroup")
class Ungroup(Callback):
    id: int  # the proposal


@button("prio", "reword")
class Reword(Callback):
    id: int  # the proposal


@button("prio", "aside")
class SetAside(Callback):
    id: int  # the proposal


@button("prio", "rank")
class StartRanking(Callback):
    id: int  # the consultation


@button("prio", "pick")
class Pick(Callback):
    id: int  # the consultation
    proposal: int


@button("prio", "close")
class CloseRanking(Callback):
    id: int  # the consultation


@button("prio", "results")
class ShowResults(Callback):
    id: int  # the consultation


@button("prio", "print")
class PrintPriorities(Callback):
    id: int  # the consultation


@button("prio", "publish")
class PublishPriorities(Callback):
    id: int  # the consultation


@button("prio", "proxy")
class ProxyPicks(Callback):
    """« Picks by proxy »: a coordinator records the picks of a member without Telegram."""

    id: int  # the consultation


@button("prio", "proxyfor")
class ProxyPicker(Callback):
    id: int  # the consultation
    member: int  # the member without Telegram


@button("prio", "proxypick")
class ProxyPick(Callback):
    id: int  # the consultation
    member: int
    proposal: int
