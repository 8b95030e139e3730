"""Decisions: /decision in one message, and the buttons that fix what was understood."""

from __future__ import annotations

from bot.access import BOX_ITEM, DECISION, on_press
from bot.deeplinks import LinkRoute
from bot.features import FeatureHandlers
from bot.incoming import OnEdit
from bot.scheduler import DueSource


def handlers() -> FeatureHandlers:
    from conversations.decisions import buttons, edits, fixes, from_box, quick
    from conversations.followups.actions import on_follow_up
    from conversations.residents import entry

    return [
        quick.build_wizard(),  # the text after a bare /decision, a date typed by hand
        # An edited /decision (or answer) offers to correct the same decision.
        OnEdit(edits.decision_edited),
        on_press(buttons.CorrectFromEdit, edits.correct_from_edit, records=DECISION),
        # A follow-up already done or cancelled refuses every change (the follow-ups' check).
        on_follow_up(buttons.ChoosePerson, fixes.choose_person),
        on_follow_up(buttons.SetPerson, fixes.set_person),
        on_follow_up(buttons.SetNamedPerson, fixes.set_named_person),
        on_follow_up(buttons.ChooseDate, fixes.choose_date),
        on_follow_up(buttons.SetDate, fixes.set_date),
        on_follow_up(buttons.DropFollowUp, fixes.drop_follow_up),
        # A decision that has a follow-up refuses a second one (checked as it is stored);
        # only its author or a coordinator may undo it.
        on_press(buttons.AddFollowUp, fixes.add_follow_up, records=DECISION),
        on_press(buttons.Undo, fixes.undo_decision, records=DECISION),
        # Asked once when follow-ups would go with it; a second « Yes » finds nothing.
        on_press(buttons.UndoConfirmed, fixes.undo_confirmed, records=DECISION),
        on_press(buttons.KeepDecision, fixes.keep_decision, records=DECISION),
        # A box message becomes a follow-up, once.
        on_press(
            buttons.FollowUpFromBox,
            from_box.follow_up_from_box,
            records=BOX_ITEM,
            allowed=entry.is_unused,
            refusal=entry.ALREADY_USED,
        ),
    ]


def links() -> list[LinkRoute]:
    return []


def due_sources() -> list[DueSource]:
    return []
