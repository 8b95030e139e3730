"""The residents: the anonymous box (anyone writes, nobody is recorded), the residents'
channel, and « Publish for the residents » (the channel post and the lobby sheet, one content).

Entry points for the other features (see each function's docstring):
- `publish.offer_publication(update, context, committee_id, notice)`: after a compte rendu,
  a success, a meeting notice; `sheets.notice_from_record(tr, sheet)` builds the notice;
- `publish.publish_for_residents(context, notice_id, by)`;
- `buttons.ChannelSetup(id=committee_id)`: the button /parametres shows to link the channel;
- `sheets.lobby_sheet(...)`, `sheets.send_lobby_sheet(...)`: a notice as a sheet for the lobby;
- `entry.box_item_for_use(...)`, `entry.mark_box_item_used(...)`: a box message becomes an
  agenda item or a follow-up.
"""

from __future__ import annotations

from telegram.ext import CommandHandler, MessageHandler, filters

from bot import commands
from bot.access import BOX_ITEM, COMMITTEE, NOTICE, on_button, on_press
from bot.deeplinks import LinkRoute
from bot.features import FeatureHandlers
from bot.scheduler import DueSource


def handlers() -> FeatureHandlers:
    from conversations.residents import (
        answers,
        box_reader,
        box_writer,
        buttons,
        channel,
        contact,
        publish,
    )

    writing = box_writer.WRITING
    return [
        answers.build_wizard(),
        channel.build_wizard(),
        contact.build_wizard(),
        # The writer's side: taken before anything else may read the message.
        CommandHandler(commands.CANCEL.names, box_writer.stop, filters=writing),
        MessageHandler(writing & filters.TEXT & ~filters.COMMAND, box_writer.received),
        MessageHandler(writing & ~filters.TEXT & ~filters.StatusUpdate.ALL, box_writer.not_text),
        on_button(buttons.WantAnswer, box_writer.want_answer),
        on_button(buttons.ReadAnswer, box_writer.read_answer),
        # The members' box.
        CommandHandler(commands.BOX.names, box_reader.show_box),
        on_press(buttons.OpenBox, box_reader.open_box, records=COMMITTEE),
        on_press(buttons.OldItems, box_reader.old_items, records=COMMITTEE),
        on_press(buttons.BoxPoster, box_reader.poster, records=COMMITTEE),
        on_press(buttons.OpenItem, box_reader.open_item, records=BOX_ITEM),
        on_press(
            buttons.Archive,
            box_reader.archive,
            records=BOX_ITEM,
            allowed=box_reader.is_open,
            refusal=box_reader.MOVED_ON,
        ),
        on_press(
            buttons.Abusive,
            box_reader.mark_abusive,
            records=BOX_ITEM,
            allowed=box_reader.is_open,
            refusal=box_reader.MOVED_ON,
        ),
        on_press(
            buttons.Restore, box_reader.restore, records=BOX_ITEM, allowed=box_reader.is_closed
        ),
        on_press(
            buttons.ToPriority,
            box_reader.to_priority,
            records=BOX_ITEM,
            allowed=box_reader.is_open,
            refusal=box_reader.MOVED_ON,
        ),
        # Publishing for the residents.
        on_press(
            buttons.Publish,
            publish.press_publish,
            records=NOTICE,
            allowed=publish.not_published,
            refusal=publish.ALREADY_PUBLISHED,
        ),
        on_press(buttons.PrintNotice, publish.press_print, records=NOTICE),
        *channel.handlers(),
    ]


def links() -> list[LinkRoute]:
    from conversations.residents import box_links, box_reader, box_writer

    return [
        LinkRoute(box_links.BOX_LINK, box_writer.open_box),
        LinkRoute(box_links.PRIORITY_LINK, box_writer.open_for_priorities),
        LinkRoute(box_links.MEMBERS_BOX_LINK, box_reader.box_from_link),
    ]


def due_sources() -> list[DueSource]:
    from conversations.residents import news

    return [news.BoxNews()]
