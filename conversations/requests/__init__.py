"""Requests to partners: /demande, letters, answers and promises, relances with tenacity.

The doors other features use (a quick decision, a mandate's report-back, /bilan, the weekly
digest, the meetings, the exports) are plain functions in `entry.py`.
"""

from __future__ import annotations

from bot.access import DECISION, REQUEST_LETTER, on_button, on_press
from bot.deeplinks import LinkRoute
from bot.features import FeatureHandlers
from bot.scheduler import DueSource


def handlers() -> FeatureHandlers:
    from conversations.requests import (
        answers,
        buttons,
        edit,
        letters,
        menu,
        promises,
        tenacity,
        wizard,
    )
    from conversations.requests.common import MOVED_ON, on_request

    return [
        # /demande, « New request », « Edit » one part, « Open » (which ends an open question).
        wizard.build_wizard(),
        answers.build_wizard(),  # « Answer received »: what, when, a few words
        promises.build_wizard(),  # what the partner promised: a follow-up each
        letters.build_wizard(),  # a letter's part, typed
        on_button(buttons.ListAll, menu.list_all),
        on_button(buttons.Settled, menu.list_settled),
        # A closed request refuses every change (`on_request` checks it at each press).
        on_request(buttons.SetPartnership, menu.set_partnership),
        on_request(buttons.SetOffice, menu.set_office),
        on_request(buttons.EditMenu, edit.edit_menu),
        on_request(buttons.ChooseResponsible, edit.choose_responsible),
        on_request(buttons.SetResponsible, edit.set_responsible),
        on_request(buttons.PromisesDone, promises.promises_done),
        on_press(buttons.FromDecision, menu.from_decision, records=DECISION),
        # Tenacity: each press checked against the request's state at the moment of the press.
        on_request(
            buttons.Relanced,
            tenacity.relanced,
            allowed=tenacity.relanced_allowed,
            refusal=MOVED_ON,
        ),
        on_request(
            buttons.Pause, tenacity.pause, allowed=tenacity.pause_allowed, refusal=MOVED_ON
        ),
        on_request(
            buttons.Resume, tenacity.resume, allowed=tenacity.resume_allowed, refusal=MOVED_ON
        ),
        on_request(buttons.Close, tenacity.ask_close, allowed=tenacity.close_allowed),
        on_request(buttons.CloseConfirmed, tenacity.close, allowed=tenacity.close_allowed),
        # Letters: a draft until « It's final »; a final letter's files can be sent again.
        on_request(buttons.MakeLetter, letters.make_letter),
        on_request(
            buttons.MakeRelanceLetter,
            letters.make_relance_letter,
            allowed=tenacity.relanced_allowed,
            refusal=MOVED_ON,
        ),
        on_press(
            buttons.LetterFinal,
            letters.make_final,
            records=REQUEST_LETTER,
            allowed=letters.is_changeable,
            refusal=letters.LETTER_MOVED_ON,
        ),
        on_press(
            buttons.LetterFiles,
            letters.letter_files,
            records=REQUEST_LETTER,
            allowed=letters.is_final,
        ),
    ]


def links() -> list[LinkRoute]:
    from conversations.requests import menu, wizard
    from conversations.requests.common import NEW_REQUEST_LINK, REQUEST_LINK
    from conversations.requests.draft import WIZARD

    return [
        LinkRoute(REQUEST_LINK, menu.open_from_link),
        LinkRoute(NEW_REQUEST_LINK, wizard.begin_from_link, wizard=WIZARD),
    ]


def due_sources() -> list[DueSource]:
    from conversations.requests import tenacity

    return [tenacity.RequestRelances()]
