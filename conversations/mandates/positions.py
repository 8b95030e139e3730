"""The report-back, position by position: what came of each of the mandate's positions, then,
in the group, what the committee does with one not obtained: a request to the partner, or
kept for the next mandate to this partner."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import Message, Update

from bot.access import Press
from bot.context import BotContext
from bot.domain.entities import Mandate, MandateReport, NextStep, PositionOutcome, PositionResult
from bot.domain.mandates import RESULT_LABELS, RESULT_MARKS, RESULT_WORDS, mandate_ref
from bot.domain.requests import request_ref
from bot.ui import Button, acknowledge, edit, edit_markup, edit_or_send, h, send
from bot.wizard import draft
from conversations.mandates.buttons import AskAgain, CarryKept, KeepForNext, Result
from conversations.mandates.views import report_buttons, report_text
from conversations.requests.entry import request_from_position

WIZARD = "mandate-report"  # the report's wizard (report.py)
POSITION = 4  # its state while a position is asked about


async def ask_position(
    update: Update, context: BotContext, then: Callable[[Update, BotContext], Awaitable[object]]
) -> object:
    """The next position the representative has not said the result of; `then` once all are
    said (a mandate without positions goes straight on)."""
    answers = draft(context, WIZARD)
    mandate = await context.storage.mandates.get(int(answers.get("mandate_id", 0)))
    results = [PositionResult(r) for r in answers.setdefault("results", [])]
    if mandate is None or len(results) >= len(mandate.positions):
        return await then(update, context)
    _ = context._
    lines = [
        f"{RESULT_MARKS[result]} {h(position)} — {h(_(RESULT_WORDS[result]))}"
        for position, result in zip(mandate.positions, results, strict=False)
    ]
    index = len(results)
    if lines:
        lines.append("")
    lines += [
        _("Position {n} of {total}: « {position} »").format(
            n=index + 1, total=len(mandate.positions), position=h(mandate.positions[index])
        ),
        _("What came of it?"),
    ]
    choices: list[Button] = [
        (f"{RESULT_MARKS[r]} {_(RESULT_LABELS[r])}", Result(result=r)) for r in PositionResult
    ]
    buttons = [choices[i : i + 2] for i in range(0, len(choices), 2)]
    await edit_or_send(update, context, "\n".join(lines), buttons)
    return POSITION


def result_given(
    then: Callable[[Update, BotContext], Awaitable[object]],
) -> Callable[[Update, BotContext, Result], Awaitable[object]]:
    """The press on a result: kept in the draft, then the next position (or `then`)."""

    async def given(update: Update, context: BotContext, button: Result) -> object:
        draft(context, WIZARD).setdefault("results", []).append(button.result.value)
        return await ask_position(update, context, then)

    return given


def results_of(
    mandate: Mandate, answers: dict[str, object]
) -> tuple[list[str], list[PositionResult]]:
    """The positions said so far and their results, side by side, for the report."""
    given = answers.get("results")
    results = [PositionResult(str(r)) for r in given] if isinstance(given, list) else []
    return list(mandate.positions[: len(results)]), results


# --- in the group: one tap per position not obtained -----------------------------------------


async def ask_again(
    update: Update, context: BotContext, press: Press[AskAgain, MandateReport]
) -> None:
    """A position not obtained becomes a request to the partner, made at the meeting."""
    report = press.record
    outcome = await _claimed(update, context, report, press.button.point, NextStep.REQUEST)
    if outcome is None:
        return
    mandate = await context.storage.mandates.get(report.mandate_id)
    assert mandate is not None
    request = await request_from_position(
        context, mandate, outcome.text, created_by=press.membership.person_id
    )
    await context.storage.mandates.positions.set_request(report.id, outcome.index, request.id)
    ref = request_ref(request.number)
    await acknowledge(update, context, context._("Saved: {ref}").format(ref=ref))
    await _refresh(update, context, report.id, (ref, outcome.text))


async def keep_for_next(
    update: Update, context: BotContext, press: Press[KeepForNext, MandateReport]
) -> None:
    """A position not obtained stays for the next mandate to this partner: offered there."""
    report = press.record
    outcome = await _claimed(update, context, report, press.button.point, NextStep.KEPT)
    if outcome is None:
        return
    await acknowledge(update, context, context._("Kept for the next mandate."))
    await _refresh(update, context, report.id, None)


async def _claimed(
    update: Update, context: BotContext, report: MandateReport, index: int, step: NextStep
) -> PositionOutcome | None:
    """The position, claimed for this step by the first press only."""
    outcome = next((r for r in report.results if r.index == index), None)
    if outcome is not None and await context.storage.mandates.positions.claim(
        report.id, index, step
    ):
        return outcome
    await acknowledge(update, context, context._("Already recorded."))
    return None


async def _refresh(
    update: Update, context: BotContext, report_id: int, saved: tuple[str, str] | None
) -> None:
    """The report in the chat says what the position became, and its buttons go away (for a
    report too long to edit whole, a short reply says it)."""
    storage = context.storage
    report = await storage.mandates.report(report_id)
    mandate = await storage.mandates.get(report.mandate_id) if report else None
    committee = await storage.committees.get(report.committee_id) if report else None
    query = update.callback_query
    message = query.message if query is not None else None
    if report is None or mandate is None or committee is None or not isinstance(message, Message):
        return
    tr = context.services.translator_for(None, hint=committee.locale)
    chat_id, message_id = message.chat.id, message.message_id
    buttons = report_buttons(tr, report)
    if await edit(context, chat_id, message_id, report_text(tr, mandate, report), buttons):
        return
    await edit_markup(context, chat_id, message_id, buttons)
    if saved is not None:
        ref, point = saved
        text = tr.gettext("Saved: {ref} « {point} »").format(ref=ref, point=h(point))
        await send(context, chat_id, text, reply_to=message_id)


# --- the next mandate to this partner ------------------------------------------------------


async def kept_offer(context: BotContext, mandate: Mandate) -> tuple[list[str], list[Button]]:
    """What the last report to this partner kept for next time: the lines to show under the
    positions question, and the button that carries them again. Nothing when none was kept."""
    found = await context.storage.mandates.positions.kept(
        mandate.committee_id, mandate.partnership_id, mandate.partner_name, before=mandate.id
    )
    if found is None:
        return [], []
    number, kept = found
    _ = context._
    lines = ["", _("Kept from mandate {ref} for next time:").format(ref=mandate_ref(number))]
    lines += [f"• {h(point)}" for point in kept]
    return lines, [(_("Carry them again"), CarryKept())]


async def kept_positions(context: BotContext, mandate: Mandate) -> list[str]:
    found = await context.storage.mandates.positions.kept(
        mandate.committee_id, mandate.partnership_id, mandate.partner_name, before=mandate.id
    )
    return found[1] if found else []
