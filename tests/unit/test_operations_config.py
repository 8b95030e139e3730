"""Settings of webhook mode, logs and backups: wrong values stop the bot with a French message."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.config import ConfigError, Settings, load_settings

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1"
SECRET = "a3f9c2d17be64e0f8a5b9c2d17be64e0"


def settings_of(tmp_path: Path, **env: str) -> Settings:
    return load_settings({"BOT_TOKEN": TOKEN, "DATABASE_PATH": str(tmp_path / "b.sqlite3"), **env})


def test_polling_by_default_with_a_heartbeat_beside_the_database(tmp_path: Path) -> None:
    settings = settings_of(tmp_path)
    assert settings.webhook is None
    assert settings.log_level == logging.INFO
    assert settings.heartbeat_file == tmp_path / "b.heartbeat"
    assert settings.lock_path == tmp_path / "b.sqlite3.lock"
    assert settings.backups == tmp_path / "backups"
    assert settings.backup_keep == 14


def test_webhook_mode_takes_its_path_from_the_url(tmp_path: Path) -> None:
    settings = settings_of(
        tmp_path,
        WEBHOOK_URL="https://bot.example.org/telegram",
        WEBHOOK_SECRET=SECRET,
        WEBHOOK_PORT="9000",
    )
    assert settings.webhook is not None
    assert settings.webhook.path == "/telegram"
    assert (settings.webhook.listen, settings.webhook.port) == ("127.0.0.1", 9000)
    assert settings.webhook.health_port == 8081
    assert SECRET not in repr(settings)


def test_a_webhook_without_its_secret_is_refused_in_french(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="WEBHOOK_SECRET est obligatoire quand WEBHOOK_URL"):
        settings_of(tmp_path, WEBHOOK_URL="https://bot.example.org/telegram")


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"WEBHOOK_URL": "http://bot.example.org/t"}, "doit être une adresse https://"),
        ({"WEBHOOK_SECRET": "avec des espaces"}, "ne peut contenir que A-Z"),
        ({"WEBHOOK_PORT": "http"}, "WEBHOOK_PORT=http doit être un nombre entier de 1 à 65535"),
        ({"WEBHOOK_PORT": "8081"}, "doivent être différents"),
        ({"LOG_LEVEL": "BAVARD"}, "LOG_LEVEL=BAVARD n'est pas un niveau"),
        ({"BACKUP_KEEP": "0"}, "BACKUP_KEEP=0 doit être un nombre entier de 1"),
    ],
)
def test_wrong_values_say_what_is_wrong(tmp_path: Path, env: dict[str, str], message: str) -> None:
    base = {"WEBHOOK_URL": "https://bot.example.org/t", "WEBHOOK_SECRET": SECRET}
    if "LOG_LEVEL" in env or "BACKUP_KEEP" in env:
        base = {}
    with pytest.raises(ConfigError) as raised:
        settings_of(tmp_path, **(base | env))
    assert message in str(raised.value).replace("\u00a0", " ")
    assert "avec des espaces" not in str(raised.value)  # a secret is never echoed


def test_plain_http_is_accepted_on_this_machine_only(tmp_path: Path) -> None:
    settings = settings_of(
        tmp_path, WEBHOOK_URL="http://127.0.0.1:8443/hook", WEBHOOK_SECRET=SECRET
    )
    assert settings.webhook is not None and settings.webhook.path == "/hook"
