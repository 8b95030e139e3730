"""/parametres: a coordinator adjusts how the bot works for the committee."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from babel.dates import format_date, get_day_names
from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot import commands
from bot.access import require_membership
from bot.context import BotContext
from bot.domain.entities import Committee, Membership
from bot.domain.records import FollowUpStatus
from bot.domain.reminders import RHYTHM_LABELS, Rhythm
from bot.i18n import N_
from bot.scheduler import replan
from bot.ui import Button, callback_parts, edit_or_send, reply
from conversations.followups.reminders import plan_follow_up

QUIET_CHOICES: tuple[tuple[str, time, time], ...] = (
    ("2000", time(20, 0), time(9, 0)),
    ("2100", time(21, 0), time(8, 0)),
    ("1900", time(19, 0), time(10, 0)),
    ("2200", time(22, 0), time(7, 0)),
    ("none", time(0, 0), time(0, 0)),
)
# Québec first, then the other Canadian zones a committee might be in; people read names,
# not zone identifiers.
ZONE_LABELS: dict[str, str] = {
    "America/Toronto": N_("Québec and Ontario (Eastern time)"),
    "America/Halifax": N_("Nova Scotia (Atlantic time)"),
    "America/Moncton": N_("New Brunswick (Atlantic time)"),
    "America/St_Johns": N_("Newfoundland"),
    "America/Winnipeg": N_("Manitoba (Central time)"),
    "America/Regina": N_("Saskatchewan"),
    "America/Edmonton": N_("Alberta (Mountain time)"),
    "America/Vancouver": N_("British Columbia (Pacific time)"),
}
TIME_ZONES: tuple[str, ...] = tuple(ZONE_LABELS)


def zone_label(context: BotContext, zone: str) -> str:
    return context._(ZONE_LABELS[zone]) if zone in ZONE_LABELS else zone


def _hours(context: BotContext, start: time, end: time) -> str:
    if start == end:
        return context._("none")
    return context._("{start} to {end}").format(
        start=f"{start.hour} h" if not start.minute else f"{start.hour} h {start.minute:02d}",
        end=f"{end.hour} h" if not end.minute else f"{end.hour} h {end.minute:02d}",
    )


def overview(context: BotContext, committee: Committee) -> tuple[str, list[list[Button]]]:
    _ = context._
    days = get_day_names("wide", locale=context.tr.babel_locale)
    try:
        rhythm = _(RHYTHM_LABELS[Rhythm(committee.reminder_rhythm)])
    except ValueError:
        rhythm = committee.reminder_rhythm
    month = (
        format_date(
            date(2000, committee.office_meeting_month, 1), "MMMM", locale=context.tr.babel_locale
        )
        if committee.office_meeting_month
        else _("not set")
    )
    lines = [
        "<b>" + _("Settings of the committee") + "</b>",
        _("Quiet hours (no reminders): {hours}").format(
            hours=_hours(context, committee.quiet_start, committee.quiet_end)
        ),
        _("Reminder rhythm: {rhythm}").format(rhythm=rhythm),
        _("Weekly summary in the group: {state}, on {day}").format(
            state=_("on") if committee.digest_enabled else _("off"),
            day=days[committee.digest_weekday],
        ),
        _("Quorum for votes: {quorum}").format(quorum=committee.vote_quorum),
        _("Time zone: {zone}").format(zone=zone_label(context, committee.timezone)),
        _("Yearly meeting with the housing office: {month}").format(month=month),
    ]
    buttons: list[list[Button]] = [
        [(_("Quiet hours"), "set:menu:quiet"), (_("Rhythm"), "set:menu:rhythm")],
        [(_("Weekly summary on/off"), "set:digest:toggle"), (_("Summary day"), "set:menu:day")],
        [(_("Quorum"), "set:menu:quorum"), (_("Time zone"), "set:menu:tz")],
        [(_("Yearly meeting month"), "set:menu:office")],
    ]
    return "\n".join(lines), buttons


async def _coordinator(update: Update, context: BotContext) -> Membership | None:
    membership = await require_membership(update, context)
    if membership is None:
        return None
    if not membership.is_coordinator:
        text = context._("Only a coordinator can change the settings.")
        if update.callback_query is not None:
            await update.callback_query.answer(text, show_alert=True)
        else:
            await reply(update, context, text)
        return None
    return membership


async def show(update: Update, context: BotContext) -> None:
    membership = await _coordinator(update, context)
    if membership is None:
        return
    text, buttons = overview(context, membership.committee)
    await reply(update, context, text, buttons)


async def menu(update: Update, context: BotContext) -> None:
    """The choices for one setting."""
    membership = await _coordinator(update, context)
    parts = callback_parts(update.callback_query, "set")
    if membership is None or not parts or len(parts) != 2:
        return
    assert update.callback_query is not None
    await update.callback_query.answer()
    _ = context._
    which = parts[1]
    choices: list[list[Button]]
    if which == "quiet":
        choices = [[(_hours(context, s, e), f"set:quiet:{key}")] for key, s, e in QUIET_CHOICES]
    elif which == "rhythm":
        choices = [[(_(RHYTHM_LABELS[r]), f"set:rhythm:{r.value}")] for r in Rhythm]
    elif which == "day":
        days = get_day_names("wide", locale=context.tr.babel_locale)
        choices = [[(days[i], f"set:day:{i}")] for i in range(7)]
    elif which == "quorum":
        choices = [[(str(n), f"set:quorum:{n}") for n in range(1, 8)]]
    elif which == "tz":
        choices = [
            [(zone_label(context, zone), f"set:tz:{i}")] for i, zone in enumerate(TIME_ZONES)
        ]
    elif which == "office":
        months = [
            format_date(date(2000, month, 1), "MMMM", locale=context.tr.babel_locale)
            for month in range(1, 13)
        ]
        choices = [[(months[i], f"set:office:{i + 1}")] for i in range(12)]
        choices.append([(_("not set"), "set:office:0")])
    else:
        return
    await edit_or_send(update, context, _("Choose:"), choices)


async def change(update: Update, context: BotContext) -> None:
    """Store one setting, re-plan the reminders it shapes, show the settings again."""
    membership = await _coordinator(update, context)
    parts = callback_parts(update.callback_query, "set")
    if membership is None or not parts or len(parts) != 2:
        return
    assert update.callback_query is not None
    committee = membership.committee
    which, value = parts
    values: dict[str, object] | None = None
    if which == "quiet":
        found = next(((s, e) for key, s, e in QUIET_CHOICES if key == value), None)
        values = {"quiet_start": found[0], "quiet_end": found[1]} if found else None
    elif which == "rhythm" and value in {r.value for r in Rhythm}:
        values = {"reminder_rhythm": value}
    elif which == "digest" and value == "toggle":
        values = {"digest_enabled": int(not committee.digest_enabled)}
    elif which == "day" and value.isdecimal() and int(value) < 7:
        values = {"digest_weekday": int(value)}
    elif which == "quorum" and value.isdecimal() and 1 <= int(value) <= 7:
        values = {"vote_quorum": int(value)}
    elif which == "tz" and value.isdecimal() and int(value) < len(TIME_ZONES):
        values = {"timezone": TIME_ZONES[int(value)]}
    elif which == "office" and value.isdecimal() and int(value) <= 12:
        values = {"office_meeting_month": int(value) or None}
    if values is None:
        await update.callback_query.answer(context._("This button no longer works."))
        return
    await context.storage.committees.update_settings(committee.id, **values)
    await _replan_committee(context, committee.id)
    await update.callback_query.answer(context._("Saved."))
    fresh = await context.storage.committees.get(committee.id)
    assert fresh is not None
    text, buttons = overview(context, fresh)
    await edit_or_send(update, context, text, buttons)


async def _replan_committee(context: BotContext, committee_id: int) -> None:
    """Quiet hours, rhythm and time zone shape every reminder: plan them again."""
    for follow_up in await context.storage.follow_ups.open_of_committee(committee_id):
        if follow_up.status is FollowUpStatus.OPEN:
            await plan_follow_up(context.services, follow_up.id)
    await replan(context)


def build_handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    return [
        CommandHandler(commands.SETTINGS.names, show),
        CallbackQueryHandler(menu, pattern=r"^set:menu:"),
        CallbackQueryHandler(change, pattern=r"^set:(quiet|rhythm|digest|day|quorum|tz|office):"),
    ]
