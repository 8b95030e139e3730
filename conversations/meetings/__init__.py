"""Meetings: /reunion step by step, the compte rendu, and the yearly meeting with the office."""

from __future__ import annotations

from telegram.ext import CommandHandler

from bot import commands
from bot.access import AGENDA_ITEM, ASSEMBLY, BOX_ITEM, COMMITTEE, MEETING, on_button, on_press
from bot.deeplinks import LinkRoute
from bot.features import FeatureHandlers
from bot.scheduler import DueSource


def handlers() -> FeatureHandlers:
    from conversations.meetings import agenda, assembly, assembly_results, buttons, menu, wizard
    from conversations.residents import entry

    return [
        wizard.build_wizard(),  # « New meeting », « Add to today's meeting », step by step
        # General assemblies: prepared, announced, printed; the results typed back in.
        assembly.build_wizard(),
        assembly_results.build_wizard(),
        on_press(buttons.OpenAssembly, assembly.open_assembly, records=ASSEMBLY),
        on_press(buttons.AssemblyNotice, assembly.notice, records=ASSEMBLY),
        on_press(buttons.AttendanceSheet, assembly.attendance_sheet, records=ASSEMBLY),
        on_press(buttons.BallotSheet, assembly.ballot_sheet, records=ASSEMBLY),
        CommandHandler(commands.MEETING.names, menu.open_menu),
        on_button(buttons.PastMeetings, menu.list_past),
        on_press(buttons.OpenMeeting, menu.open_past, records=MEETING),
        # The agenda of the next meeting, and its notice for the residents.
        on_press(buttons.AnnounceNext, agenda.announce_next, records=MEETING),
        on_press(buttons.ShowAgenda, agenda.show_agenda, records=COMMITTEE),
        on_press(buttons.RemoveAgendaItem, agenda.remove_item, records=AGENDA_ITEM),
        on_press(
            buttons.AgendaFromBox,
            agenda.agenda_from_box,
            records=BOX_ITEM,
            allowed=entry.is_unused,
            refusal=entry.ALREADY_USED,
        ),
    ]


def links() -> list[LinkRoute]:
    from conversations.meetings import menu

    return [LinkRoute(menu.MEETING_LINK, menu.open_from_link)]


def due_sources() -> list[DueSource]:
    from conversations.meetings import yearly

    return [yearly.OfficeMeeting()]
