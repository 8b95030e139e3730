"""A typed CallbackContext: the person's language, their record and the storage, per update."""

from __future__ import annotations

from typing import Any, Self

from telegram import Message, Update
from telegram.ext import Application, CallbackContext, ExtBot

from bot.domain.entities import Membership, Person
from bot.i18n import Translator
from bot.services import Services
from bot.storage.repositories import Storage

SERVICES_KEY = "services"


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """Filled by the gatekeeper handler (group -1) before any feature handler runs."""

    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)
        self.person: Person | None = None
        # The committee this update acts for, once access resolved it (bot/access.py); in
        # private, what the bot writes then names it when the person has several (bot/ui.py).
        self.membership: Membership | None = None
        self.committee_count: int | None = None
        self._translator: Translator | None = None
        # Telegram refuses a second answer to one button press: steps that chain check this.
        self.query_answered = False
        # The chat this update came from and its forum topic (None: no topic), where what
        # the bot writes to that chat goes (bot/ui.py); None outside updates (scheduled work).
        self.answer_in: tuple[int, int | None] | None = None

    @classmethod
    def from_update(
        cls, update: object, application: Application[Any, Any, Any, Any, Any, Any]
    ) -> Self:
        context = super().from_update(update, application)
        if isinstance(update, Update) and update.effective_chat is not None:
            message = update.effective_message
            topic = (
                message.message_thread_id
                if isinstance(message, Message) and message.is_topic_message
                else None
            )
            context.answer_in = (update.effective_chat.id, topic)
        return context

    @property
    def services(self) -> Services:
        services = self.application.bot_data[SERVICES_KEY]
        assert isinstance(services, Services)
        return services

    @property
    def storage(self) -> Storage:
        return self.services.storage

    @property
    def tr(self) -> Translator:
        if self._translator is None:
            self._translator = self.services.translator_for(self.person)
        return self._translator

    @tr.setter
    def tr(self, value: Translator) -> None:
        self._translator = value

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages what this person types may be in, as plain codes (« es », « ar »)
        for the readers of bot/domain: their own, then the chat's (a group reads the
        committee's, whose examples they may copy). French is always read."""
        own = self.services.translator_for(self.person).locale
        return tuple(dict.fromkeys(locale.split("_")[0] for locale in (own, self.tr.locale)))

    def _(self, message: str) -> str:
        """Translate a message into this person's language."""
        return self.tr.gettext(message)
