"""Committees: roles, invitation links, the active committee, and the committee's group."""

from __future__ import annotations

from telegram.ext import ChatMemberHandler, CommandHandler, MessageHandler, filters

from bot.access import COMMITTEE, INVITATION, NAMED_MEMBER, on_button, on_press
from bot.deeplinks import LinkRoute
from bot.features import FeatureHandlers
from bot.scheduler import DueSource


def handlers() -> FeatureHandlers:
    from conversations.committees import buttons, groups, invitations, members, named

    return [
        on_press(
            buttons.Invite, invitations.create_invitation, records=COMMITTEE, coordinator=True
        ),
        # Roles: only a coordinator links a group, sees the members, names a coordinator.
        on_press(buttons.LinkGroup, groups.link_chosen, records=COMMITTEE, coordinator=True),
        on_press(buttons.Members, members.show_members, records=COMMITTEE, coordinator=True),
        on_press(
            buttons.NameCoordinator, members.name_coordinator, records=COMMITTEE, coordinator=True
        ),
        on_press(buttons.StepDown, members.step_down, records=COMMITTEE, coordinator=True),
        # Members without Telegram: added, given a relay for their reminders, removed.
        named.build_wizard(),
        on_press(
            buttons.OpenNamedMember, named.open_member, records=NAMED_MEMBER, coordinator=True
        ),
        on_press(buttons.ChooseRelay, named.choose_relay, records=NAMED_MEMBER, coordinator=True),
        on_press(buttons.AskRelay, named.ask_relay, records=NAMED_MEMBER, coordinator=True),
        # Only the member asked may answer (checked by the press: the button names them).
        on_press(buttons.AcceptRelay, named.accept_relay, records=NAMED_MEMBER),
        on_press(buttons.DeclineRelay, named.decline_relay, records=NAMED_MEMBER),
        on_press(buttons.StopRelay, named.stop_relay, records=NAMED_MEMBER, coordinator=True),
        on_press(
            buttons.RemoveNamedMember, named.remove_member, records=NAMED_MEMBER, coordinator=True
        ),
        on_press(buttons.Links, invitations.show_links, records=COMMITTEE, coordinator=True),
        on_press(
            buttons.TurnOff,
            invitations.turn_off_from_list,
            records=INVITATION,
            key=lambda button: button.token,
            coordinator=True,
            allowed=invitations.is_active,
        ),
        on_button(buttons.ChooseCommittee, invitations.list_committees),
        on_press(buttons.UseCommittee, invitations.use_committee, records=COMMITTEE),
        on_press(
            buttons.Revoke,
            invitations.revoke_invitation,
            records=INVITATION,
            key=lambda button: button.token,
            coordinator=True,
            allowed=invitations.is_active,
        ),
        CommandHandler("start", groups.start_in_group, filters=filters.ChatType.GROUPS),
        ChatMemberHandler(groups.bot_membership_changed, ChatMemberHandler.MY_CHAT_MEMBER),
        ChatMemberHandler(groups.member_status_changed, ChatMemberHandler.CHAT_MEMBER),
        MessageHandler(filters.StatusUpdate.NEW_CHAT_MEMBERS, groups.members_joined),
        MessageHandler(filters.StatusUpdate.LEFT_CHAT_MEMBER, groups.member_left),
    ]


def links() -> list[LinkRoute]:
    return []


def due_sources() -> list[DueSource]:
    return []
