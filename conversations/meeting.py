"""/reunion: record a meeting step by step in private chat; the compte rendu goes to the group."""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta
from typing import Any

from telegram import Chat, Update
from telegram.error import Forbidden
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot import commands
from bot.context import BotContext
from bot.domain.french_dates import DateProblem, find_due_date
from bot.domain.onboarding import clean_text
from bot.domain.quick_decision import MemberName, parse_quick_decision
from bot.domain.records import MeetingKind, decision_ref, follow_up_ref, meeting_ref
from bot.gatekeeper import require_membership
from bot.storage.decisions import FollowUpDraft
from bot.storage.models import Attendee, Committee, Meeting, Membership
from bot.ui import Button, callback_parts, edit_or_send, h, reply, send
from conversations.common import DRAFT_KEYS_PREFIX, cancel_fallback
from conversations.decision_views import due_text
from conversations.meeting_views import KIND_LABELS, MeetingRecord, meeting_title, minutes_text

log = logging.getLogger(__name__)

ASK_DATE, ASK_KIND, ASK_PARTNER, ASK_ATTENDEES, ASK_DECISIONS, ASK_ACTIONS, ASK_NEXT = range(7)
DRAFT = DRAFT_KEYS_PREFIX + "meeting"
MEETING_LINK_PREFIX = "meeting-"
MAX_ITEM_LENGTH = 1000
DEFAULT_MEETING_TIME = time(19, 0)


async def open_menu(update: Update, context: BotContext) -> int:
    """/reunion: new meeting, add to today's meeting, or open a past one."""
    membership = await require_membership(update, context)
    if membership is None:
        return ConversationHandler.END
    chat = update.effective_chat
    assert chat is not None
    _ = context._
    if chat.type != Chat.PRIVATE:
        # Privacy mode hides plain messages in groups: the steps continue in private.
        link = context.services.deep_link(f"{MEETING_LINK_PREFIX}{membership.committee.id}")
        await reply(
            update,
            context,
            _("Meetings are recorded in private chat with me. The minutes come back here."),
            [[(_("Record a meeting in private"), link)]],
        )
        return ConversationHandler.END
    return await show_menu(update, context, membership)


async def open_from_link(update: Update, context: BotContext) -> int:
    """The deep link from a group: work on that group's committee."""
    user = update.effective_user
    assert user is not None
    payload = (context.args or [""])[0]
    committee_id = payload.removeprefix(MEETING_LINK_PREFIX)
    membership = (
        await context.storage.committees.membership(int(committee_id), user.id)
        if committee_id.isdecimal() and len(committee_id) < 19
        else None
    )
    if membership is None:
        await reply(update, context, context._("You are not a member of this committee."))
        return ConversationHandler.END
    await context.storage.people.set_active_committee(user.id, membership.committee.id)
    return await show_menu(update, context, membership)


async def show_menu(update: Update, context: BotContext, membership: Membership) -> int:
    _ = context._
    committee = membership.committee
    today = context.services.now(committee.timezone).date()
    recent = await context.storage.meetings.recent(committee.id)
    buttons: list[list[Button]] = [[(_("New meeting"), "mtg:new")]]
    todays = next((m for m in recent if m.held_on == today), None)
    if todays is not None:
        buttons.append(
            [(_("Add to today's meeting ({ref})").format(ref=meeting_ref(todays.number)),
              f"mtg:more:{todays.id}")]
        )  # fmt: skip
    if recent:
        buttons.append([(_("Past meetings"), "mtg:past")])
    await reply(
        update,
        context,
        _("Meetings of <b>{name}</b>. What do you want to do?").format(name=h(committee.name)),
        buttons,
    )
    return ConversationHandler.END


async def ask_date(update: Update, context: BotContext) -> int:
    """First step: when was the meeting (today by default)."""
    query = update.callback_query
    membership = await require_membership(update, context)
    if query is not None:
        await query.answer()
    if membership is None:
        return ConversationHandler.END
    _draft(context).clear()
    _draft(context)["committee_id"] = membership.committee.id
    today = context.services.now(membership.committee.timezone).date()
    yesterday = today - timedelta(days=1)
    _ = context._
    await edit_or_send(
        update,
        context,
        _("When was the meeting? Press a button or write the date (example: 18/11)."),
        [
            [(_("Today ({day})").format(day=context.tr.format_day(today)), "mtg:day:0")],
            [(_("Yesterday ({day})").format(day=context.tr.format_day(yesterday)), "mtg:day:1")],
        ],
    )
    return ASK_DATE


async def date_by_button(update: Update, context: BotContext) -> int:
    query = update.callback_query
    assert query is not None
    parts = callback_parts(query, "mtg")
    days_back = 1 if parts == ["day", "1"] else 0
    await query.answer()
    committee = await _committee(context)
    if committee is None:
        return ConversationHandler.END
    held_on = context.services.now(committee.timezone).date() - timedelta(days=days_back)
    return await _ask_kind(update, context, held_on)


async def date_by_text(update: Update, context: BotContext) -> int:
    assert update.message is not None and update.message.text is not None
    committee = await _committee(context)
    if committee is None:
        return ConversationHandler.END
    finding = find_due_date(update.message.text, now=context.services.now(committee.timezone))
    if finding.due_date is None or finding.problem is DateProblem.UNREADABLE:
        await reply(update, context, context._("I could not read this date. Example: 18/11."))
        return ASK_DATE
    return await _ask_kind(update, context, finding.due_date)


async def _ask_kind(update: Update, context: BotContext, held_on: date) -> int:
    _draft(context)["held_on"] = held_on.isoformat()
    buttons: list[list[Button]] = [
        [(context._(label), f"mtg:kind:{kind.value}")] for kind, label in KIND_LABELS.items()
    ]
    buttons.append([(context._("« Back"), "mtg:back")])
    await edit_or_send(
        update,
        context,
        context._("Meeting of {day}. What kind of meeting?").format(
            day=context.tr.format_day(held_on)
        ),
        buttons,
    )
    return ASK_KIND


async def kind_chosen(update: Update, context: BotContext) -> int:
    query = update.callback_query
    assert query is not None
    parts = callback_parts(query, "mtg")
    kinds = {kind.value for kind in MeetingKind}
    if not parts or len(parts) != 2 or parts[1] not in kinds:
        await query.answer(context._("This button no longer works."))
        return ASK_KIND
    await query.answer()
    kind = MeetingKind(parts[1])
    committee = await _committee(context)
    if committee is None:
        return ConversationHandler.END
    if kind is MeetingKind.PARTNER:
        _draft(context)["kind"] = kind.value
        await edit_or_send(update, context, context._("Which partner? Example: CLSC de Limoilou"))
        return ASK_PARTNER
    partner = committee.housing_office if kind is MeetingKind.HOUSING_OFFICE else None
    return await _create_meeting(update, context, kind, partner)


async def partner_named(update: Update, context: BotContext) -> int:
    assert update.message is not None and update.message.text is not None
    partner = clean_text(update.message.text)[:120]
    if not partner:
        return ASK_PARTNER
    return await _create_meeting(update, context, MeetingKind.PARTNER, partner)


async def back_to_date(update: Update, context: BotContext) -> int:
    return await ask_date(update, context)


async def _create_meeting(
    update: Update, context: BotContext, kind: MeetingKind, partner: str | None
) -> int:
    """The meeting exists from here on: every later answer is saved as it comes."""
    user = update.effective_user
    committee = await _committee(context)
    draft = _draft(context)
    if committee is None or user is None or "held_on" not in draft:
        return ConversationHandler.END
    meeting = await context.storage.meetings.start(
        committee.id, date.fromisoformat(draft["held_on"]), kind, partner, user.id
    )
    draft.update(meeting_id=meeting.id, present=[user.id], extra=[])
    await _save_attendees(context, meeting.id)
    return await show_attendees(update, context)


async def show_attendees(update: Update, context: BotContext) -> int:
    draft = _draft(context)
    committee = await _committee(context)
    if committee is None:
        return ConversationHandler.END
    present = set(draft.get("present", []))
    members = await context.storage.committees.members(committee.id)
    buttons: list[list[Button]] = [
        [(("✓ " if m.person_id in present else "") + m.display_name, f"mtg:att:{m.person_id}")]
        for m in members[:30]
    ]
    buttons.append([(context._("Done"), "mtg:attdone")])
    extra = draft.get("extra", [])
    text = context._(
        "Who was there? Press the names. Write other names (not on Telegram), separated by commas."
    )
    if extra:
        text += "\n" + context._("Also present: {names}").format(names=h(", ".join(extra)))
    await edit_or_send(update, context, text, buttons)
    return ASK_ATTENDEES


async def toggle_attendee(update: Update, context: BotContext) -> int:
    query = update.callback_query
    assert query is not None
    parts = callback_parts(query, "mtg")
    person_id = int(parts[1]) if parts and len(parts) == 2 and parts[1].isdecimal() else None
    draft = _draft(context)
    present: list[int] = draft.setdefault("present", [])
    if person_id is not None:
        if person_id in present:
            present.remove(person_id)
        else:
            present.append(person_id)
    await query.answer()
    await _save_attendees(context, int(draft["meeting_id"]))
    return await show_attendees(update, context)


async def attendees_typed(update: Update, context: BotContext) -> int:
    assert update.message is not None and update.message.text is not None
    draft = _draft(context)
    extra: list[str] = draft.setdefault("extra", [])
    for name in update.message.text.replace(";", ",").split(","):
        cleaned = clean_text(name)[:60]
        if cleaned and cleaned not in extra:
            extra.append(cleaned)
    await _save_attendees(context, int(draft["meeting_id"]))
    return await show_attendees(update, context)


async def _save_attendees(context: BotContext, meeting_id: int) -> None:
    draft = _draft(context)
    committee = await _committee(context)
    if committee is None:
        return
    names = {
        m.person_id: m.display_name for m in await context.storage.committees.members(committee.id)
    }
    attendees = [Attendee(pid, names[pid]) for pid in draft.get("present", []) if pid in names]
    attendees += [Attendee(None, name) for name in draft.get("extra", [])]
    await context.storage.meetings.set_attendees(meeting_id, attendees)


async def ask_decisions(update: Update, context: BotContext) -> int:
    if update.callback_query is not None:
        await update.callback_query.answer()
    await edit_or_send(
        update,
        context,
        context._(
            "Decisions: write one decision per message. Press « Done » when there are no more."
        ),
        [[(context._("Done"), "mtg:decdone")]],
    )
    return ASK_DECISIONS


async def decision_typed(update: Update, context: BotContext) -> int:
    """Each decision is saved as soon as it is written."""
    assert update.message is not None and update.message.text is not None
    meeting = await _meeting(context)
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
        [[(context._("Done"), "mtg:decdone")]],
    )
    return ASK_DECISIONS


async def ask_actions(update: Update, context: BotContext) -> int:
    if update.callback_query is not None:
        await update.callback_query.answer()
    await edit_or_send(
        update,
        context,
        context._(
            "Actions: write one per message, with who and by when.\n"
            "Example: Call the office about the door, Marie, by Friday.\n"
            "Press « Done » when there are no more."
        ),
        [[(context._("Done"), "mtg:actdone")]],
    )
    return ASK_ACTIONS


async def action_typed(update: Update, context: BotContext) -> int:
    """Each action becomes a follow-up (what, who, by when) as soon as it is written."""
    assert update.message is not None and update.message.text is not None
    user = update.effective_user
    meeting = await _meeting(context)
    committee = await _committee(context)
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
    )  # fmt: skip
    if not parsed.text:
        return ASK_ACTIONS
    person = parsed.responsible
    follow_up = await context.storage.follow_ups.create(
        committee.id,
        FollowUpDraft(
            text=parsed.text,
            responsible_id=person.person_id if person else None,
            responsible_name=person.display_name.split(" ")[0] if person else parsed.unknown_name,
            due_date=parsed.date.due_date if parsed.date.problem is None else None,
            due_time=parsed.date.due_time if parsed.date.problem is None else None,
        ),
        created_by=user.id,
        meeting_id=meeting.id,
    )
    who = h(follow_up.responsible_name) if follow_up.responsible_name else context._("nobody yet")
    lines = [
        context._("Saved: {ref} — {who} — {when}.").format(
            ref=follow_up_ref(follow_up.number),
            who=who,
            when=due_text(context.tr, follow_up.due_date, follow_up.due_time),
        )
    ]
    if parsed.date.problem is not None and parsed.date.phrase:
        lines.append(
            context._("I did not keep the date « {phrase} »: fix it later with /decision.").format(
                phrase=h(parsed.date.phrase)
            )
        )
    lines.append(context._("Another action, or « Done »."))
    await reply(update, context, "\n".join(lines), [[(context._("Done"), "mtg:actdone")]])
    return ASK_ACTIONS


async def ask_next_meeting(update: Update, context: BotContext) -> int:
    if update.callback_query is not None:
        await update.callback_query.answer()
    meeting = await _meeting(context)
    if meeting is not None and _draft(context).get("adding"):
        # Adding to an earlier meeting: its next date was already asked.
        return await finish(update, context, meeting.next_meeting_at)
    await edit_or_send(
        update,
        context,
        context._("When is the next meeting? Example: December 15 at 7 pm."),
        [[(context._("Not set yet"), "mtg:nonext")]],
    )
    return ASK_NEXT


async def next_meeting_typed(update: Update, context: BotContext) -> int:
    assert update.message is not None and update.message.text is not None
    committee = await _committee(context)
    if committee is None:
        return ConversationHandler.END
    now = context.services.now(committee.timezone)
    finding = find_due_date(update.message.text, now=now)
    if finding.due_date is None or finding.problem is not None:
        await reply(
            update, context, context._("I could not read a future date. Example: December 15.")
        )
        return ASK_NEXT
    moment = datetime.combine(
        finding.due_date, finding.due_time or DEFAULT_MEETING_TIME, tzinfo=now.tzinfo
    )
    return await finish(update, context, moment)


async def no_next_meeting(update: Update, context: BotContext) -> int:
    assert update.callback_query is not None
    await update.callback_query.answer()
    return await finish(update, context, None)


async def finish(update: Update, context: BotContext, next_at: datetime | None) -> int:
    """Close the meeting, show the compte rendu, post it to the committee's group."""
    meeting = await _meeting(context)
    if meeting is None:
        return ConversationHandler.END
    await context.storage.meetings.finish(meeting.id, next_at)
    _draft(context).clear()
    record = await load_record(context, meeting.id)
    if record is None:
        return ConversationHandler.END
    text = minutes_text(context.tr, record)
    await edit_or_send(
        update,
        context,
        text,
        [[(context._("Printable sheet and calendar"), f"exp:mtg:{meeting.id}")]],
    )
    await post_to_groups(context, record)
    return ConversationHandler.END


async def post_to_groups(context: BotContext, record: MeetingRecord) -> None:
    """The compte rendu goes to the committee's groups, in the committee's language."""
    tr = context.services.translator_for(None, hint=record.committee.locale)
    for chat in await context.storage.chats.of_committee(record.committee.id):
        if not chat.bot_present:
            continue
        try:
            await send(context, chat.chat_id, minutes_text(tr, record))
        except Forbidden:
            await context.storage.chats.set_bot_present(chat.chat_id, False)


async def load_record(context: BotContext, meeting_id: int) -> MeetingRecord | None:
    storage = context.storage
    meeting = await storage.meetings.get(meeting_id)
    committee = await storage.committees.get(meeting.committee_id) if meeting else None
    if meeting is None or committee is None:
        return None
    return MeetingRecord(
        committee=committee,
        meeting=meeting,
        attendees=await storage.meetings.attendees(meeting.id),
        decisions=await storage.decisions.of_meeting(meeting.id),
        actions=await storage.follow_ups.of_meeting(meeting.id),
    )


async def add_to_meeting(update: Update, context: BotContext) -> int:
    """Later the same day: more decisions and actions for today's meeting."""
    query = update.callback_query
    user = update.effective_user
    assert query is not None and user is not None
    meeting = await _pressed_meeting(update, context)
    if meeting is None:
        return ConversationHandler.END
    draft = _draft(context)
    draft.clear()
    draft.update(committee_id=meeting.committee_id, meeting_id=meeting.id, adding=True)
    return await ask_decisions(update, context)


async def list_past(update: Update, context: BotContext) -> None:
    query = update.callback_query
    assert query is not None
    membership = await require_membership(update, context)
    await query.answer()
    if membership is None:
        return
    recent = await context.storage.meetings.recent(membership.committee.id)
    buttons: list[list[Button]] = [
        [
            (
                f"{context.tr.format_day(m.held_on)} — {meeting_title(context.tr, m)}",
                f"mtg:open:{m.id}",
            )
        ]
        for m in recent
    ]
    await edit_or_send(update, context, context._("Which meeting?"), buttons)


async def open_past(update: Update, context: BotContext) -> None:
    meeting = await _pressed_meeting(update, context)
    if meeting is None:
        return
    assert update.callback_query is not None
    await update.callback_query.answer()
    record = await load_record(context, meeting.id)
    if record is not None:
        await edit_or_send(
            update,
            context,
            minutes_text(context.tr, record),
            [[(context._("Printable sheet and calendar"), f"exp:mtg:{meeting.id}")]],
        )


async def _pressed_meeting(update: Update, context: BotContext) -> Meeting | None:
    query = update.callback_query
    user = update.effective_user
    assert query is not None and user is not None
    parts = callback_parts(query, "mtg")
    meeting_id = int(parts[1]) if parts and len(parts) == 2 and parts[1].isdecimal() else None
    meeting = await context.storage.meetings.get(meeting_id) if meeting_id else None
    if (
        meeting is None
        or await context.storage.committees.membership(meeting.committee_id, user.id) is None
    ):
        await query.answer(context._("This button no longer works."), show_alert=True)
        return None
    return meeting


async def _committee(context: BotContext) -> Committee | None:
    committee_id = _draft(context).get("committee_id")
    return await context.storage.committees.get(int(committee_id)) if committee_id else None


async def _meeting(context: BotContext) -> Meeting | None:
    meeting_id = _draft(context).get("meeting_id")
    return await context.storage.meetings.get(int(meeting_id)) if meeting_id else None


def _draft(context: BotContext) -> dict[str, Any]:
    assert context.user_data is not None
    draft = context.user_data.setdefault(DRAFT, {})
    assert isinstance(draft, dict)
    return draft


def build_handler() -> ConversationHandler[BotContext]:
    """The meeting wizard, top to bottom. Private chat only."""
    text = filters.TEXT & ~filters.COMMAND
    private = filters.ChatType.PRIVATE
    entry_points: list[BaseHandler[Update, BotContext, Any]] = [
        CallbackQueryHandler(ask_date, pattern=r"^mtg:new$"),
        CallbackQueryHandler(add_to_meeting, pattern=r"^mtg:more:"),
        CommandHandler(
            "start",
            open_from_link,
            filters=private & filters.Regex(rf"^/start {MEETING_LINK_PREFIX}"),
        ),
    ]
    states: dict[object, list[BaseHandler[Update, BotContext, Any]]] = {
        ASK_DATE: [
            CallbackQueryHandler(date_by_button, pattern=r"^mtg:day:"),
            MessageHandler(text & private, date_by_text),
        ],
        ASK_KIND: [
            CallbackQueryHandler(kind_chosen, pattern=r"^mtg:kind:"),
            CallbackQueryHandler(back_to_date, pattern=r"^mtg:back$"),
        ],
        ASK_PARTNER: [MessageHandler(text & private, partner_named)],
        ASK_ATTENDEES: [
            CallbackQueryHandler(toggle_attendee, pattern=r"^mtg:att:"),
            CallbackQueryHandler(ask_decisions, pattern=r"^mtg:attdone$"),
            MessageHandler(text & private, attendees_typed),
        ],
        ASK_DECISIONS: [
            CallbackQueryHandler(ask_actions, pattern=r"^mtg:decdone$"),
            MessageHandler(text & private, decision_typed),
        ],
        ASK_ACTIONS: [
            CallbackQueryHandler(ask_next_meeting, pattern=r"^mtg:actdone$"),
            MessageHandler(text & private, action_typed),
        ],
        ASK_NEXT: [
            CallbackQueryHandler(no_next_meeting, pattern=r"^mtg:nonext$"),
            MessageHandler(text & private, next_meeting_typed),
        ],
    }
    fallbacks: list[BaseHandler[Update, BotContext, Any]] = [cancel_fallback()]
    return ConversationHandler(
        name="meeting",
        persistent=True,
        allow_reentry=True,
        entry_points=entry_points,
        states=states,
        fallbacks=fallbacks,
    )


def build_handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    return [
        CommandHandler(commands.MEETING.names, open_menu),
        CallbackQueryHandler(list_past, pattern=r"^mtg:past$"),
        CallbackQueryHandler(open_past, pattern=r"^mtg:open:"),
    ]
