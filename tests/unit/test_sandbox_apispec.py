"""The sandbox's checks of Bot API calls against the official api.json, and its markup parser."""

from __future__ import annotations

import json

import pytest

from sandbox.apispec import ApiSpec
from sandbox.markup import MarkupError, parse_text, plain_text

_SPEC = ApiSpec.find()
needs_spec = pytest.mark.skipif(
    _SPEC is None,
    reason="shared/telegram-bot-api/api.json not found (set TELEGRAM_API_SPEC to its path)",
)


@pytest.fixture
def spec() -> ApiSpec:
    assert _SPEC is not None
    return _SPEC


def keyboard(*buttons: dict[str, object]) -> dict[str, object]:
    return {"inline_keyboard": [list(buttons)]}


@needs_spec
def test_valid_calls_pass(spec: ApiSpec) -> None:
    assert spec.check_call("getMe", {}) == []
    assert (
        spec.check_call(
            "sendMessage",
            {
                "chat_id": 1001,
                "text": "<b>Réunion</b> jeudi &amp; vendredi",
                "parse_mode": "HTML",
                "reply_markup": keyboard(
                    {"text": "Oui", "callback_data": "vote:oui"},
                    {"text": "Site", "url": "https://example.org"},
                ),
                "reply_parameters": {"message_id": 3},
            },
        )
        == []
    )
    assert spec.check_call("sendMessage", {"chat_id": "@comite", "text": "Salut"}) == []
    assert (
        spec.check_call(
            "setMyCommands",
            {
                "commands": [{"command": "aide", "description": "Obtenir de l'aide"}],
                "scope": {"type": "chat", "chat_id": -1001000000001},
                "language_code": "fr",
            },
        )
        == []
    )


@needs_spec
def test_form_encoded_values_are_decoded_by_declared_type(spec: ApiSpec) -> None:
    # PTB posts urlencoded forms where numbers, booleans and objects are JSON strings.
    form = {
        "chat_id": "1001",
        "text": "42",
        "disable_notification": "true",
        "reply_markup": json.dumps(keyboard({"text": "A", "callback_data": "a"})),
    }
    decoded = spec.decode_params("sendMessage", form)
    assert decoded["chat_id"] == 1001
    assert decoded["text"] == "42"  # a String field stays a string
    assert decoded["disable_notification"] is True
    assert decoded["reply_markup"] == keyboard({"text": "A", "callback_data": "a"})
    assert spec.check_call("sendMessage", form) == []
    assert spec.check_call("getUpdates", {"offset": "7", "allowed_updates": '["message"]'}) == []


@needs_spec
def test_unknown_method_parameter_and_missing_required(spec: ApiSpec) -> None:
    assert spec.check_call("sendMesage", {}) == [
        "Not Found: method 'sendMesage' does not exist in Bot API 10.1"
    ]
    assert spec.check_call("sendMessage", {"chat_id": 1, "text": "x", "colour": "red"}) == [
        "Bad Request: unknown parameter 'colour'"
    ]
    assert spec.check_call("sendMessage", {"text": "x"}) == [
        "Bad Request: missing required parameter 'chat_id'"
    ]
    # The Bot API ignores the case of method names.
    assert spec.canonical_method("SENDMESSAGE") == "sendMessage"


@needs_spec
def test_type_mismatches(spec: ApiSpec) -> None:
    assert spec.check_call("sendMessage", {"chat_id": 1.5, "text": "x"}) == [
        "Bad Request: 'chat_id' must be Integer or String, got Float"
    ]
    assert spec.check_call("getUpdates", {"offset": "abc"}) == [
        "Bad Request: 'offset' must be Integer, got String"
    ]
    assert spec.check_call("sendMessage", {"chat_id": 1, "text": "x", "reply_markup": "[]"}) == [
        "Bad Request: 'reply_markup' must be InlineKeyboardMarkup or ReplyKeyboardMarkup "
        "or ReplyKeyboardRemove or ForceReply, got Array"
    ]


@needs_spec
def test_text_length_is_counted_after_entities_parsing(spec: ApiSpec) -> None:
    assert spec.check_call("sendMessage", {"chat_id": 1, "text": "é" * 4096}) == []
    assert spec.check_call("sendMessage", {"chat_id": 1, "text": "é" * 4097}) == [
        "Bad Request: message is too long "
        "('text' must be 1-4096 characters after entities parsing, got 4097)"
    ]
    tagged = {"chat_id": 1, "text": f"<b>{'x' * 4096}</b>", "parse_mode": "HTML"}
    assert spec.check_call("sendMessage", tagged) == []
    assert spec.check_call("sendMessage", {"chat_id": 1, "text": " \n "}) == [
        "Bad Request: message text is empty "
        "('text' must be 1-4096 characters after entities parsing, got 0)"
    ]
    assert spec.check_call("sendDocument", {"chat_id": 1, "document": "x", "caption": "c" * 1025})
    assert spec.check_call("answerCallbackQuery", {"callback_query_id": "1", "text": "t" * 201})
    assert not spec.check_call(
        "answerCallbackQuery", {"callback_query_id": "1", "text": "t" * 200}
    )


@needs_spec
def test_callback_data_is_limited_to_64_utf8_bytes(spec: ApiSpec) -> None:
    fits = keyboard({"text": "Élu", "callback_data": "é" * 32})  # 64 bytes
    too_long = keyboard({"text": "Élu", "callback_data": "é" * 32 + "a"})  # 33 chars, 65 bytes
    assert spec.check_call("sendMessage", {"chat_id": 1, "text": "x", "reply_markup": fits}) == []
    assert spec.check_call(
        "sendMessage", {"chat_id": 1, "text": "x", "reply_markup": too_long}
    ) == [
        "Bad Request: BUTTON_DATA_INVALID "
        "('reply_markup.inline_keyboard[0][0].callback_data' must be 1-64 bytes, got 65)"
    ]


@needs_spec
def test_inline_keyboard_structure(spec: ApiSpec) -> None:
    def problems(markup: object) -> list[str]:
        return spec.check_call("sendMessage", {"chat_id": 1, "text": "x", "reply_markup": markup})

    assert problems(keyboard({"text": "Rien"})) == [
        "Bad Request: 'reply_markup.inline_keyboard[0][0]' must use exactly one of the optional "
        "action fields (callback_data, url, ...), got none"
    ]
    assert len(problems(keyboard({"text": "Deux", "url": "https://a.b", "callback_data": "x"})))
    assert problems({"inline_keyboard": [{"text": "A", "callback_data": "a"}]}) == [
        "Bad Request: 'reply_markup.inline_keyboard[0]' must be Array of InlineKeyboardButton, "
        "got Object"
    ]
    assert problems(keyboard({"callback_data": "a"})) == [
        "Bad Request: missing required field 'reply_markup.inline_keyboard[0][0].text' "
        "of InlineKeyboardButton"
    ]
    assert problems(keyboard({"text": "A", "callback_data": "a", "color": "red"})) == [
        "Bad Request: unknown field 'reply_markup.inline_keyboard[0][0].color' "
        "in InlineKeyboardButton"
    ]
    # Other markups: reply keyboards (strings allowed as buttons), removal, forced reply.
    assert problems({"keyboard": [["Oui", {"text": "Non"}]], "resize_keyboard": True}) == []
    assert problems({"remove_keyboard": True}) == []
    assert problems({"force_reply": True, "input_field_placeholder": "Votre nom"}) == []


@needs_spec
def test_parse_mode_and_markup_errors(spec: ApiSpec) -> None:
    def problems(text: str, mode: str) -> list[str]:
        return spec.check_call("sendMessage", {"chat_id": 1, "text": text, "parse_mode": mode})

    assert problems("Réunion à 19 h\\. Bienvenue\\!", "MarkdownV2") == []
    assert problems("*Gras* _italique_ [lien](https://a.b/c)", "MarkdownV2") == []
    assert problems("Réunion à 19 h.", "MarkdownV2") == [
        "Bad Request: can't parse entities: Character '.' is reserved and must be escaped "
        "with the preceding '\\'"
    ]
    assert problems("Prix: 5-10 $", "MarkdownV2") == [
        "Bad Request: can't parse entities: Character '-' is reserved and must be escaped "
        "with the preceding '\\'"
    ]
    assert problems("*gras sans fin", "MarkdownV2") == [
        "Bad Request: can't parse entities: Can't find end of Bold entity at byte offset 0"
    ]
    assert problems("<b>gras</i>", "HTML") == [
        "Bad Request: can't parse entities: Unmatched end tag at byte offset 7, "
        'expected "</b>", found "</i>"'
    ]
    assert problems("<b>gras", "HTML") == [
        "Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\""
    ]
    assert problems("<blink>x</blink>", "HTML") == [
        'Bad Request: can\'t parse entities: Unsupported start tag "blink" at byte offset 0'
    ]
    assert problems("3 < 4", "HTML")[0].startswith("Bad Request: can't parse entities:")
    assert problems("Tom & Jerry", "HTML") == [
        "Bad Request: can't parse entities: "
        'Character "&" at byte offset 4 must be escaped as "&amp;"'
    ]
    assert problems("x", "Markdown3") == [
        "Bad Request: unsupported parse_mode 'Markdown3' in 'parse_mode'"
    ]


@needs_spec
def test_bot_command_rules(spec: ApiSpec) -> None:
    def problems(*commands: tuple[str, str]) -> list[str]:
        listed = [{"command": c, "description": d} for c, d in commands]
        return spec.check_call("setMyCommands", {"commands": listed})

    assert problems(("aide", "Aide"), ("nouveau_comite", "Créer")) == []
    assert problems(("Aide", "Aide")) == [
        "Bad Request: BOT_COMMAND_INVALID ('commands[0].command' 'Aide' must be 1-32 "
        "characters of lowercase English letters, digits and underscores)"
    ]
    assert problems(("mot-clé", "x"))[0].startswith("Bad Request: BOT_COMMAND_INVALID")
    assert problems(("a" * 33, "x"))
    assert problems(("aide", "")) == [
        "Bad Request: 'commands[0].description' must be 1-256 characters, got 0"
    ]
    assert problems(*[(f"c{i}", "x") for i in range(101)]) == [
        "Bad Request: 'commands' must have 0-100 items, got 101"
    ]
    scoped = {"commands": [], "scope": {"type": "everyone"}}
    assert spec.check_call("setMyCommands", scoped)[0].startswith(
        "Bad Request: 'scope' is not a valid BotCommandScope"
    )


def test_markup_parsing_gives_plain_text_and_utf16_entities() -> None:
    parsed = parse_text("🏠 <b>Comité</b> &lt;Pins&gt;", "HTML")
    assert parsed.text == "🏠 Comité <Pins>"
    assert parsed.entities == [{"type": "bold", "offset": 3, "length": 6}]  # 🏠 is 2 units
    parsed = parse_text("*Vote* : [ici](https://t.me/x?start=a\\)b)\\.", "MarkdownV2")
    assert parsed.text == "Vote : ici."
    assert parsed.entities == [
        {"type": "bold", "offset": 0, "length": 4},
        {"type": "text_link", "offset": 7, "length": 3, "url": "https://t.me/x?start=a)b"},
    ]
    assert plain_text("<i>broken", "HTML") == "broken"  # lenient for already-sent texts
    with pytest.raises(MarkupError):
        parse_text("_oops", "Markdown")
