"""The residents' channel: a coordinator links it, step by step, and the bot checks it works.

The bot must be an administrator of the channel with the right to post. A coordinator who is
also an administrator of the channel links it, either by typing its @name (or t.me link), or
with one tap in the message the bot sends them when they make it an administrator (a private
channel has no @name). Each time, the bot asks Telegram (getChat, getChatMember) rather than
trusting what it was told.
"""

from __future__ import annotations

from telegram import Chat, ChatFullInfo, ChatMember, Update
from telegram.error import TelegramError
from telegram.ext import ChatMemberHandler, ConversationHandler, MessageHandler, filters

from bot.access import COMMITTEE, Press, on_press
from bot.context import BotContext
from bot.domain.entities import Committee
from bot.domain.residents import channel_reference
from bot.i18n import N_
from bot.ui import Button, edit_or_send, h, post_to_groups, reply, send_to_person
from bot.wizard import Handler, Wizard, clear_draft, draft, wizard
from conversations.residents.buttons import (
    ChannelSetup,
    CheckChannel,
    LinkAnother,
    LinkChannel,
    UnlinkChannel,
)
from conversations.residents.publish import offer_publication
from conversations.residents.sheets import box_notice, residents_translator

WIZARD = "channel"
ASK_NAME = 0

NOT_FOUND = N_(
    "I cannot find this channel. Check its name; if the channel is private, make me one of its "
    "administrators first: I will then write to you."
)
NOT_A_CHANNEL = N_("This is not a channel. For the committee's group, type /start in the group.")
NOT_ADMIN = N_(
    "I am not an administrator of this channel yet: do steps 2 to 4, then write its name again."
)
CANNOT_POST = N_(
    "I am an administrator of this channel, but without the right to post messages. Turn on "
    "« Post messages » for me, then write its name again."
)
NOT_THEIRS = N_(
    "Only an administrator of the channel can link it. Ask its owner to make you an "
    "administrator, or to link it."
)
_ADMINS = {ChatMember.ADMINISTRATOR, ChatMember.OWNER}


class ChannelStatus(ChatMemberHandler[BotContext, None]):
    """The bot's own status changed in a channel (groups are the committees feature's)."""

    def check_update(self, update: object) -> bool:
        chat = update.effective_chat if isinstance(update, Update) else None
        return (
            bool(super().check_update(update)) and chat is not None and chat.type == Chat.CHANNEL
        )


async def setup(
    update: Update, context: BotContext, press: Press[ChannelSetup, Committee]
) -> object:
    """The channel linked, with what can be done; or how to link one, step by step."""
    _ = context._
    committee = press.record
    channel = await context.storage.resident_channels.of_committee(committee.id)
    if channel is None:
        return await _instructions(update, context, committee)
    name = f" (@{h(channel.username)})" if channel.username else ""
    lines = [
        _("The residents' channel of {committee} is « {title} »{name}.").format(
            committee=h(committee.name), title=h(channel.title or "?"), name=name
        ),
        _("I publish there only what a member of the committee chooses."),
    ]
    if not channel.bot_present:
        lines.append(_("I cannot post there any more: make me an administrator again."))
    buttons: list[list[Button]] = [
        [(_("Check the channel"), CheckChannel(id=committee.id))],
        [(_("Link another channel"), LinkAnother(id=committee.id))],
        [(_("Unlink the channel"), UnlinkChannel(id=committee.id))],
    ]
    await edit_or_send(update, context, "\n".join(lines), buttons)
    return ConversationHandler.END


async def another(
    update: Update, context: BotContext, press: Press[LinkAnother, Committee]
) -> object:
    return await _instructions(update, context, press.record)


async def _instructions(update: Update, context: BotContext, committee: Committee) -> object:
    _ = context._
    draft(context, WIZARD)["committee"] = committee.id
    steps = [
        _("<b>A channel for the residents</b>"),
        _(
            "A Telegram channel lets the committee publish for every resident: comptes rendus, "
            "successes, meeting notices. Only its administrators write there, and I publish "
            "nothing unless a member of the committee chooses it."
        ),
        "",
        _("1. In Telegram, create the channel (✏️, then « New channel »), or open yours."),
        _("2. Open the channel's profile, then « Administrators », then « Add administrator »."),
        _("3. Search for @{bot} and choose it.").format(bot=h(context.services.bot_username)),
        _("4. Leave « Post messages » on, then save."),
        _(
            "5. Write here the channel's name, starting with @, or its t.me link. For a private "
            "channel, I write to you as soon as you have added me."
        ),
    ]
    await edit_or_send(update, context, "\n".join(steps))
    return ASK_NAME


async def name_given(update: Update, context: BotContext) -> object:
    """The channel's @name or link: checked with Telegram, then linked."""
    _ = context._
    assert update.message is not None and update.effective_user is not None
    reference = channel_reference(update.message.text or "")
    if reference is None:
        await reply(
            update,
            context,
            _(
                "Write the channel's name, starting with @ (for example @locataires_des_pins), "
                "or its t.me link. To stop: /annuler"
            ),
        )
        return None
    committee_id = int(draft(context, WIZARD).get("committee", 0))
    membership = await context.storage.committees.membership(
        committee_id, update.effective_user.id
    )
    if membership is None or not membership.is_coordinator:
        clear_draft(context, WIZARD)
        await reply(update, context, _("Only a coordinator of the committee can do this."))
        return ConversationHandler.END
    if not await link_checked(update, context, membership.committee, reference):
        return None
    clear_draft(context, WIZARD)
    return ConversationHandler.END


async def link_checked(
    update: Update, context: BotContext, committee: Committee, reference: str | int
) -> bool:
    """Ask Telegram about the channel and the person; link it when all is right."""
    _ = context._
    user = update.effective_user
    assert user is not None
    chat, problem = await verify(context, reference, user.id)
    if chat is None:
        await reply(update, context, _(problem or NOT_FOUND))
        return False
    await context.storage.resident_channels.link(
        committee.id, chat.id, chat.title, chat.username, user.id
    )
    await reply(
        update,
        context,
        _(
            "Done! The channel « {title} » is linked to {committee}. I will publish there only "
            "what a member chooses, with « Publish for the residents »."
        ).format(title=h(chat.title or ""), committee=h(committee.name)),
    )
    # A first post a coordinator may want: the box, presented to residents.
    await reply(update, context, _("To start, you may present the box to the residents:"))
    await offer_publication(
        update, context, committee.id, box_notice(residents_translator(committee), committee)
    )
    return True


async def verify(
    context: BotContext, reference: str | int, user_id: int
) -> tuple[ChatFullInfo | None, str | None]:
    """The channel when the bot may post there and the person administers it; else the
    problem (an N_ text)."""
    bot = context.bot
    try:
        chat = await bot.get_chat(reference)
    except TelegramError:
        return None, NOT_FOUND
    if chat.type != Chat.CHANNEL:
        return None, NOT_A_CHANNEL
    try:
        me = await bot.get_chat_member(chat.id, bot.id)
    except TelegramError:
        return None, NOT_ADMIN
    if me.status != ChatMember.ADMINISTRATOR:
        return None, NOT_ADMIN
    if not getattr(me, "can_post_messages", False):
        return None, CANNOT_POST
    try:
        them = await bot.get_chat_member(chat.id, user_id)
    except TelegramError:
        return None, NOT_THEIRS
    if them.status not in _ADMINS:
        return None, NOT_THEIRS
    return chat, None


async def link_pressed(
    update: Update, context: BotContext, press: Press[LinkChannel, Committee]
) -> None:
    """« Link it to the committee », in the message sent when the bot was made administrator."""
    await link_checked(update, context, press.record, -press.button.channel)


async def check(
    update: Update, context: BotContext, press: Press[CheckChannel, Committee]
) -> None:
    _ = context._
    channel = await context.storage.resident_channels.of_committee(press.record.id)
    if channel is None:
        await reply(update, context, _("No channel is linked to the committee."))
        return
    chat, problem = await verify(context, channel.chat_id, press.membership.person_id)
    await context.storage.resident_channels.set_bot_present(
        channel.chat_id, chat is not None or problem == NOT_THEIRS
    )
    if chat is None and problem != NOT_THEIRS:
        await reply(update, context, _(problem or NOT_FOUND))
        return
    await reply(
        update,
        context,
        _("All is well: I can post in « {title} ».").format(title=h(channel.title or "")),
    )


async def unlink(
    update: Update, context: BotContext, press: Press[UnlinkChannel, Committee]
) -> None:
    _ = context._
    channel = await context.storage.resident_channels.of_committee(press.record.id)
    await context.storage.resident_channels.unlink(press.record.id)
    title = h(channel.title or "") if channel else ""
    await edit_or_send(
        update,
        context,
        _(
            "The channel « {title} » is no longer linked: I will not publish there any more. "
            "You may also remove me from its administrators."
        ).format(title=title),
    )


async def bot_status_changed(update: Update, context: BotContext) -> None:
    """Made administrator of a channel: offer its coordinator to link it. Demoted or removed
    from a linked channel: the committee's group hears that posts no longer go out."""
    change = update.my_chat_member
    assert change is not None
    chat = change.chat
    member = change.new_chat_member
    can_post = member.status == ChatMember.ADMINISTRATOR and bool(
        getattr(member, "can_post_messages", False)
    )
    storage = context.storage
    linked = await storage.resident_channels.by_chat(chat.id)
    if linked is not None:
        if linked.bot_present != can_post:
            await storage.resident_channels.set_bot_present(chat.id, can_post)
            committee = await storage.committees.get(linked.committee_id)
            tr = residents_translator(committee) if committee else context.tr
            text = (
                tr.gettext("I can publish again in the residents' channel « {title} ».")
                if can_post
                else tr.gettext(
                    "I can no longer publish in the residents' channel « {title} ». A "
                    "coordinator can make me an administrator again, with « Post messages »."
                )
            )
            await post_to_groups(
                context, linked.committee_id, text.format(title=h(chat.title or ""))
            )
        return
    by = change.from_user
    if not can_post or by is None or by.is_bot:
        return
    coordinated = [m for m in await storage.committees.memberships_of(by.id) if m.is_coordinator]
    if not coordinated:
        return
    _ = context._
    buttons: list[list[Button]] = [
        [
            (
                _("Link it to {committee}").format(committee=m.committee.name),
                LinkChannel(id=m.committee.id, channel=-chat.id),
            )
        ]
        for m in coordinated[:5]
    ]
    await send_to_person(
        context,
        by.id,
        _(
            "You made me an administrator of the channel « {title} ». Should it be the residents' "
            "channel of your committee? I will publish there only what a member chooses."
        ).format(title=h(chat.title or "")),
        buttons,
    )


def build_wizard() -> Wizard:
    typed = filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE
    return wizard(
        WIZARD,
        entry_points=[
            on_press(ChannelSetup, setup, records=COMMITTEE, coordinator=True),
            on_press(LinkAnother, another, records=COMMITTEE, coordinator=True),
        ],
        states={ASK_NAME: [MessageHandler(typed, name_given)]},
    )


def handlers() -> list[Handler]:
    return [
        ChannelStatus(bot_status_changed, ChatMemberHandler.MY_CHAT_MEMBER),
        on_press(LinkChannel, link_pressed, records=COMMITTEE, coordinator=True),
        on_press(CheckChannel, check, records=COMMITTEE, coordinator=True),
        on_press(UnlinkChannel, unlink, records=COMMITTEE, coordinator=True),
    ]
