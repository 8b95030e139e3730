"""The buttons of committees (« com ») and invitation links (« inv »)."""

from __future__ import annotations

from bot import access
from bot.callbacks import Callback, button


@button("com", "invite")
class Invite(Callback):
    id: int  # the committee


@button("com", "list")
class ChooseCommittee(Callback):
    pass


# « Use this committee » is the access mechanism's own button (bot/access.py): it is offered
# wherever the bot must ask which committee a person means.
UseCommittee = access.UseCommittee


@button("inv", "revoke")
class Revoke(Callback):
    token: str


@button("com", "link")
class LinkGroup(Callback):
    id: int  # the committee the group is for


@button("com", "members")
class Members(Callback):
    id: int  # the committee


@button("com", "name")
class NameCoordinator(Callback):
    id: int  # the committee
    person: int


@button("com", "stepdown")
class StepDown(Callback):
    id: int  # the committee
    confirmed: bool


@button("inv", "list")
class Links(Callback):
    id: int  # the committee


@button("inv", "off")
class TurnOff(Callback):
    """« Turn off link no. 2 » in the list of links (the list is shown again)."""

    token: str


# --- members without Telegram ---------------------------------------------------------------


@button("nm", "add")
class AddNamedMember(Callback):
    id: int  # the committee


@button("nm", "open")
class OpenNamedMember(Callback):
    id: int  # the member without Telegram


@button("nm", "relays")
class ChooseRelay(Callback):
    id: int  # the member without Telegram


@button("nm", "ask")
class AskRelay(Callback):
    id: int  # the member without Telegram
    person: int  # the member asked to relay


@button("nm", "yes")
class AcceptRelay(Callback):
    id: int  # the member without Telegram
    person: int  # who was asked: only they may answer


@button("nm", "no")
class DeclineRelay(Callback):
    id: int
    person: int


@button("nm", "norelay")
class StopRelay(Callback):
    id: int  # the member without Telegram


@button("nm", "remove")
class RemoveNamedMember(Callback):
    id: int
    confirmed: bool
