"""The command menu: French names first, English aliases, registered per language."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import BotCommand, BotCommandScopeAllGroupChats, BotCommandScopeAllPrivateChats
from telegram.ext import ExtBot

from bot.i18n import N_, SUPPORTED_LOCALES, translator


@dataclass(frozen=True, slots=True)
class CommandSpec:
    fr: str
    en: str
    description: str  # English source text, translated when registered
    in_groups: bool = True

    @property
    def names(self) -> list[str]:
        return [self.fr] if self.fr == self.en else [self.fr, self.en]

    def name_for(self, locale: str) -> str:
        return self.en if locale.startswith("en") else self.fr


START = CommandSpec("start", "start", N_("Welcome; create or join a committee"))
HELP = CommandSpec("aide", "help", N_("What I can do"))
LANGUAGE = CommandSpec("langue", "language", N_("Change my language"), in_groups=False)
FORGET = CommandSpec("oublier", "forget", N_("Erase my personal data"), in_groups=False)
CANCEL = CommandSpec("annuler", "cancel", N_("Leave what is in progress"))
PARTNERSHIP = CommandSpec("partenariat", "partnership", N_("Define or review a partnership"))
MANDATE = CommandSpec("mandat", "mandate", N_("Give the representative a mandate"))
FOLLOWUPS = CommandSpec("suivis", "followups", N_("Follow-ups: due, overdue, done"))
SUMMARY = CommandSpec("bilan", "summary", N_("The committee at a glance"))
SETTINGS = CommandSpec("parametres", "settings", N_("Committee settings (coordinators)"))
DECISION = CommandSpec("decision", "decision", N_("Write down a decision in one message"))
MEETING = CommandSpec("reunion", "meeting", N_("Record a meeting: who, decisions, actions"))
REQUEST = CommandSpec("demande", "request", N_("Requests to partners: answers, relances"))
EXPORT = CommandSpec("exporter", "export", N_("Printable record: PDF, text, calendar"))
BOX = CommandSpec("boite", "box", N_("The anonymous box: what residents wrote"))
PRIORITIES = CommandSpec("priorites", "priorities", N_("The tenants' priorities for the year"))

# Order is the order of the menu and of /aide.
COMMANDS: tuple[CommandSpec, ...] = (
    START,
    PARTNERSHIP,
    MANDATE,
    DECISION,
    MEETING,
    FOLLOWUPS,
    REQUEST,
    BOX,
    PRIORITIES,
    SUMMARY,
    EXPORT,
    HELP,
    LANGUAGE,
    SETTINGS,
    FORGET,
    CANCEL,
)


async def register_commands(bot: ExtBot[None], default_locale: str) -> None:
    """Set the menu per language, and for private chats and groups separately."""
    for locale in (None, *SUPPORTED_LOCALES):
        tr = translator(locale or default_locale)
        language_code = locale.split("_")[0] if locale else None
        for scope, in_groups in (
            (BotCommandScopeAllPrivateChats(), False),
            (BotCommandScopeAllGroupChats(), True),
        ):
            commands = [
                BotCommand(spec.name_for(tr.locale), tr.gettext(spec.description))
                for spec in COMMANDS
                if spec.in_groups or not in_groups
            ]
            await bot.set_my_commands(commands, scope=scope, language_code=language_code)
