"""/parametres: a coordinator adjusts how the bot works for the committee."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from telegram import Update

from bot.access import STALE, Press, require_coordinator
from bot.context import BotContext
from bot.domain.entities import Committee
from bot.domain.records import FollowUpStatus
from bot.domain.reminders import RHYTHM_LABELS, Rhythm
from bot.domain.roles import INVITATION_DAYS_CHOICES
from bot.i18n import LANGUAGE_NAMES, N_, SUPPORTED_LOCALES
from bot.scheduler import replan
from bot.ui import Button, acknowledge, edit_or_send, h, reply
from conversations.committees.buttons import Members
from conversations.followups.reminders import plan_follow_up
from conversations.residents.buttons import ChannelSetup, SetContact
from conversations.settings.buttons import Setting, SettingMenu, SettingValue
from conversations.settings.topics import settings_part

QUIET_CHOICES: tuple[tuple[str, time, time], ...] = (
    ("2000", time(20, 0), time(9, 0)),
    ("2100", time(21, 0), time(8, 0)),
    ("1900", time(19, 0), time(10, 0)),
    ("2200", time(22, 0), time(7, 0)),
    ("none", time(0, 0), time(0, 0)),
)
MONTHS = range(1, 13)
QUORUMS = range(1, 8)
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
# The summary's button says what a press does: it carries the state it sets.
DIGEST_ON = N_("Send the summary of the week")
DIGEST_OFF = N_("Stop the summary of the week")


def zone_label(context: BotContext, zone: str) -> str:
    return context._(ZONE_LABELS[zone]) if zone in ZONE_LABELS else zone


def _hours(context: BotContext, start: time, end: time) -> str:
    if start == end:
        return context._("none")
    tr = context.tr
    return tr.gettext("{start} to {end}").format(
        start=tr.format_time(start), end=tr.format_time(end)
    )


def _month(context: BotContext, month: int) -> str:
    return context.tr.format_month_name(month)


@dataclass(frozen=True, slots=True)
class Choice:
    """One value a setting may take: what its button says and carries, and what it stores."""

    value: str  # in the button's data
    label: str
    stored: dict[str, object]


def choices(context: BotContext, which: Setting) -> list[Choice]:
    """Every value of a setting, in one place: the menu offers them, a press is read back
    against them (a value that is not here changes nothing)."""
    _ = context._
    match which:
        case Setting.QUIET:
            return [
                Choice(key, _hours(context, start, end), {"quiet_start": start, "quiet_end": end})
                for key, start, end in QUIET_CHOICES
            ]
        case Setting.RHYTHM:
            return [
                Choice(rhythm.value, _(RHYTHM_LABELS[rhythm]), {"reminder_rhythm": rhythm.value})
                for rhythm in Rhythm
            ]
        case Setting.DIGEST:
            return [
                Choice("on", _(DIGEST_ON), {"digest_enabled": 1}),
                Choice("off", _(DIGEST_OFF), {"digest_enabled": 0}),
            ]
        case Setting.DAY:
            names = [context.tr.weekday_name(day) for day in range(7)]
            return [
                Choice(str(day), name[:1].upper() + name[1:], {"digest_weekday": day})
                for day, name in enumerate(names)
            ]
        case Setting.QUORUM:
            return [Choice(str(n), str(n), {"vote_quorum": n}) for n in QUORUMS]
        case Setting.TIMEZONE:
            # Zone names hold « / », which button data cannot: the button carries the index.
            return [
                Choice(str(index), zone_label(context, zone), {"timezone": zone})
                for index, zone in enumerate(TIME_ZONES)
            ]
        case Setting.OFFICE:
            months = [
                Choice(str(month), _month(context, month), {"office_meeting_month": month})
                for month in MONTHS
            ]
            return [*months, Choice("0", _("No month"), {"office_meeting_month": None})]
        case Setting.LINKS:
            return [
                Choice(str(days), _days(context, days), {"invitation_days": days})
                for days in INVITATION_DAYS_CHOICES
            ]
        case Setting.LANGUAGE:
            # Each language named in itself, as in /langue.
            return [
                Choice(locale, LANGUAGE_NAMES[locale], {"locale": locale})
                for locale in SUPPORTED_LOCALES
            ]


def _days(context: BotContext, days: int) -> str:
    return context.tr.ngettext("{days} day", "{days} days", days).format(days=days)


# What /parametres shows of the groups with topics (conversations/settings/topics.py).
TopicPart = tuple[list[str], list[list[Button]]]


async def overview(
    context: BotContext, committee: Committee, topics: TopicPart = ([], [])
) -> tuple[str, list[list[Button]]]:
    _ = context._
    channel = await context.storage.resident_channels.of_committee(committee.id)
    contact = (await context.storage.box.settings(committee.id)).contact
    try:
        rhythm = _(RHYTHM_LABELS[Rhythm(committee.reminder_rhythm)])
    except ValueError:
        rhythm = committee.reminder_rhythm
    month = (
        _month(context, committee.office_meeting_month)
        if committee.office_meeting_month
        else _("not set")
    )
    lines = [
        "<b>" + _("Settings of the committee") + "</b>",
        _("Quiet hours (no reminders): {hours}").format(
            hours=_hours(context, committee.quiet_start, committee.quiet_end)
        ),
        _("Reminder rhythm: {rhythm}").format(rhythm=rhythm),
        (
            _("Summary of the week in the group: every {day}").format(
                day=context.tr.weekday_name(committee.digest_weekday)
            )
            if committee.digest_enabled
            else _("Summary of the week in the group: stopped")
        ),
        _("Quorum for votes: {quorum}").format(quorum=committee.vote_quorum),
        _("Time zone: {zone}").format(zone=zone_label(context, committee.timezone)),
        _("Yearly meeting with the housing office: {month}").format(month=month),
        _("New invitation links work for: {days}").format(
            days=_days(context, committee.invitation_days)
        ),
        _("Language of the group: {language}").format(
            language=LANGUAGE_NAMES.get(committee.locale, committee.locale)
        ),
        (
            _("Residents' channel: {channel}").format(
                channel=h(channel.title or channel.username or "?")
            )
            if channel
            else _("Residents' channel: none")
        ),
        (
            _("Contact printed on sheets: {contact}").format(contact=h(contact.name))
            if contact
            else _("Contact printed on sheets: none")
        ),
        *topics[0],
    ]

    def opens(which: Setting) -> SettingMenu:
        return SettingMenu(id=committee.id, which=which)

    # One press turns the summary on or off: the button carries the state it sets.
    digest = SettingValue(
        id=committee.id, which=Setting.DIGEST, value="off" if committee.digest_enabled else "on"
    )
    buttons: list[list[Button]] = [
        [(_("Quiet hours"), opens(Setting.QUIET)), (_("Rhythm"), opens(Setting.RHYTHM))],
        [
            (_(DIGEST_OFF if committee.digest_enabled else DIGEST_ON), digest),
            (_("Summary day"), opens(Setting.DAY)),
        ],
        [(_("Quorum"), opens(Setting.QUORUM)), (_("Time zone"), opens(Setting.TIMEZONE))],
        [
            (_("Yearly meeting month"), opens(Setting.OFFICE)),
            (_("Link validity"), opens(Setting.LINKS)),
        ],
        [(_("Language of the group"), opens(Setting.LANGUAGE))],
        *topics[1],
        [(_("Members and coordination"), Members(id=committee.id))],
        [
            (_("Residents' channel"), ChannelSetup(id=committee.id)),
            (_("Contact printed on sheets"), SetContact(id=committee.id)),
        ],
    ]
    return "\n".join(lines), buttons


async def show(update: Update, context: BotContext) -> None:
    """/parametres: the committee's settings, each with a button to change it."""
    membership = await require_coordinator(update, context)
    if membership is None:
        return
    topics = await settings_part(context, membership.committee)
    text, buttons = await overview(context, membership.committee, topics)
    await reply(update, context, text, buttons)


async def menu(update: Update, context: BotContext, press: Press[SettingMenu, Committee]) -> None:
    """The choices for one setting."""
    which = press.button.which
    buttons: list[Button] = [
        (choice.label, SettingValue(id=press.record.id, which=which, value=choice.value))
        for choice in choices(context, which)
    ]
    # The quorums are short numbers: one row.
    rows = [buttons] if which is Setting.QUORUM else [[button] for button in buttons]
    await edit_or_send(update, context, context._("Choose:"), rows)


async def change(
    update: Update, context: BotContext, press: Press[SettingValue, Committee]
) -> None:
    """Store one setting, re-plan the reminders it shapes, show the settings again."""
    committee = press.record
    chosen = next(
        (c for c in choices(context, press.button.which) if c.value == press.button.value), None
    )
    if chosen is None:
        await acknowledge(update, context, context._(STALE), alert=True)
        return
    await context.storage.committees.update_settings(committee.id, **chosen.stored)
    await _replan_committee(context, committee.id)
    await acknowledge(update, context, context._("Saved."))
    fresh = await context.storage.committees.get(committee.id)
    assert fresh is not None
    text, buttons = await overview(context, fresh, await settings_part(context, fresh))
    await edit_or_send(update, context, text, buttons)


async def _replan_committee(context: BotContext, committee_id: int) -> None:
    """Quiet hours, rhythm and time zone shape every reminder: plan them again."""
    for follow_up in await context.storage.follow_ups.open_of_committee(committee_id):
        if follow_up.status is FollowUpStatus.OPEN:
            await plan_follow_up(context.services, follow_up.id)
    await replan(context)
