"""What was decided and who does what: the heart of a meeting's record, saved line by line."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import ConversationHandler

from bot.access import Press
from bot.context import BotContext
from bot.domain.entities import Committee, Meeting
from bot.domain.named_members import as_named
from bot.domain.onboarding import clean_text
from bot.domain.quick_decision import MemberName, parse_quick_decision
from bot.domain.records import decision_ref, follow_up_ref
from bot.storage.decisions import FollowUpDraft
from bot.ui import Button, edit_or_send, h, reply
from bot.wizard import back_button, clear_draft, draft
from conversations.followups.reminders import follow_up_changed
from conversations.meetings.buttons import ActionsDone, AddToMeeting, DecisionsDone

WIZARD = "meeting"
ASK_DATE, ASK_KIND, ASK_PARTNER, ASK_ATTENDEES, ASK_DECISIONS, ASK_ACTIONS, ASK_NEXT = range(7)
MAX_ITEM_LENGTH = 1000


async def ask_decisions(update: Update, context: BotContext) -> int:
    buttons: list[list[Button]] = [[(context._("Done"), DecisionsDone())]]
    if not draft_of(context).get("adding"):
        buttons.append(back_button(context, ASK_ATTENDEES))
    lines = [
        context._(
            "Decisions: write one decision per message. Press « Done » when there are no more."
        )
    ]
    meeting = await draft_meeting(context)
    agenda = await context.storage.agenda.of_meeting(meeting.id) if meeting else []
    if agenda:
        lines += ["", "<b>" + context._("On the agenda") + "</b>"]
        lines += [f"• {h(item.text)}" for item in agenda]
    await edit_or_send(update, context, "\n".join(lines), buttons)
    return ASK_DECISIONS


async def decision_typed(update: Update, context: BotContext) -> int:
    """Each decision is saved as soon as it is written."""
    assert update.message is not None and update.message.text is not None
    meeting = await draft_meeting(context)
    if meeting is None:
        return ConversationHandler.END
    text = clean_text(update.message.text)
    note = ""
    if len(text) > MAX_ITEM_LENGTH:
        text = text[:MAX_ITEM_LENGTH]
        note = "\n" + context._("Your text was too long: I kept the beginning.")
    author_id = update.effective_user.id if update.effective_user else None
    decision, _follow_up = await context.storage.decisions.record(
        meeting.committee_id, text, created_by=author_id, meeting_id=meeting.id
    )
    await reply(
        update,
        context,
        context._("Saved: {ref}. Another decision, or « Done ».").format(
            ref=decision_ref(decision.number)
        )
        + note,
        [[(context._("Done"), DecisionsDone())]],
    )
    return ASK_DECISIONS


async def ask_actions(update: Update, context: BotContext) -> int:
    await edit_or_send(
        update,
        context,
        context._(
            "Actions: write one per message, with who and by when.\n"
            "Example: Call the office about the door, Marie, by Friday.\n"
            "Press « Done » when there are no more."
        ),
        [[(context._("Done"), ActionsDone())], back_button(context, ASK_DECISIONS)],
    )
    return ASK_ACTIONS


async def action_typed(update: Update, context: BotContext) -> int:
    """Each action becomes a follow-up (what, who, by when) as soon as it is written."""
    assert update.message is not None and update.message.text is not None
    user = update.effective_user
    meeting = await draft_meeting(context)
    committee = await draft_committee(context)
    if meeting is None or committee is None or user is None:
        return ConversationHandler.END
    members = await context.storage.committees.members(committee.id)
    names = [MemberName(m.person_id, m.display_name, m.username) for m in members]
    author = next(
        (n for n in names if n.person_id == user.id), MemberName(user.id, user.first_name, None)
    )
    parsed = parse_quick_decision(
        update.message.text, author=author, members=names,
        now=context.services.now(committee.timezone), max_length=MAX_ITEM_LENGTH,
        languages=context.languages,
    )  # fmt: skip
    if not parsed.text:
        return ASK_ACTIONS
    person = parsed.responsible
    # Someone without Telegram (« ..., Mme Tremblay, ... ») is kept by name: as the committee
    # wrote it when they are one of its members without Telegram, otherwise as typed.
    named_members = await context.storage.named_members.of_committee(committee.id)
    named = (
        as_named(parsed.unknown_name, named_members)
        if person is None and parsed.unknown_name
        else None
    )
    follow_up = await context.storage.follow_ups.create(
        committee.id,
        FollowUpDraft(
            text=parsed.title or parsed.text,  # who and when have their own lines
            responsible_id=person.person_id if person else None,
            responsible_name=person.display_name.split(" ")[0] if person else named,
            due_date=parsed.date.due_date if parsed.date.problem is None else None,
            due_time=parsed.date.due_time if parsed.date.problem is None else None,
        ),
        created_by=user.id,
        meeting_id=meeting.id,
    )
    await follow_up_changed(context, follow_up.id)
    who = h(follow_up.responsible_name) if follow_up.responsible_name else context._("nobody yet")
    lines = [
        context._("Saved: {ref} — {who} — {when}.").format(
            ref=follow_up_ref(follow_up.number),
            who=who,
            when=context.tr.format_due(follow_up.due_date, follow_up.due_time),
        )
    ]
    if parsed.date.problem is not None and parsed.date.phrase:
        lines.append(
            context._("I did not keep the date « {phrase} »: fix it later with /decision.").format(
                phrase=h(parsed.date.phrase)
            )
        )
    lines.append(context._("Another action, or « Done »."))
    await reply(update, context, "\n".join(lines), [[(context._("Done"), ActionsDone())]])
    return ASK_ACTIONS


async def add_to_meeting(
    update: Update, context: BotContext, press: Press[AddToMeeting, Meeting]
) -> int:
    """Later the same day: more decisions and actions for today's meeting."""
    meeting = press.record
    clear_draft(context, WIZARD)
    draft_of(context).update(committee_id=meeting.committee_id, meeting_id=meeting.id, adding=True)
    return await ask_decisions(update, context)


async def draft_committee(context: BotContext) -> Committee | None:
    committee_id = draft_of(context).get("committee_id")
    return await context.storage.committees.get(int(committee_id)) if committee_id else None


async def draft_meeting(context: BotContext) -> Meeting | None:
    meeting_id = draft_of(context).get("meeting_id")
    return await context.storage.meetings.get(int(meeting_id)) if meeting_id else None


def draft_of(context: BotContext) -> dict[str, Any]:
    """The meeting being recorded: its committee, date, attendees, and once created, its id."""
    return draft(context, WIZARD)
