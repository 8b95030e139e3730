from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, MissingTokenError, Secret, load_settings

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ"


def env(tmp_path: Path, **values: str) -> dict[str, str]:
    return {"BOT_TOKEN": TOKEN, "DATABASE_PATH": str(tmp_path / "db.sqlite3"), **values}


def test_defaults_are_quebec_french(tmp_path: Path) -> None:
    settings = load_settings(env(tmp_path))
    assert settings.default_locale == "fr_CA"
    assert settings.timezone == "America/Toronto"
    assert settings.telegram_base_url is None
    assert settings.token.get() == TOKEN


def test_the_token_never_shows_in_reprs(tmp_path: Path) -> None:
    settings = load_settings(env(tmp_path))
    assert TOKEN not in repr(settings)
    assert TOKEN not in str(settings.token)
    assert Secret("a") == Secret("a")


def test_missing_token_is_its_own_error_in_french(tmp_path: Path) -> None:
    with pytest.raises(MissingTokenError, match="BOT_TOKEN est absent"):
        load_settings(env(tmp_path, BOT_TOKEN=""))


def test_malformed_token_is_refused_without_echoing_it(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(env(tmp_path, BOT_TOKEN="not-a-token-secret"))
    assert "not-a-token-secret" not in str(caught.value)
    assert "@BotFather" in str(caught.value)


def test_unknown_time_zone(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="fuseau horaire"):
        load_settings(env(tmp_path, TIMEZONE="America/Quebec_City"))


def test_unknown_locale(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="fr_CA, en"):
        load_settings(env(tmp_path, DEFAULT_LOCALE="de_DE"))


def test_english_default_locale_speaks_english(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not a known time zone"):
        load_settings(env(tmp_path, DEFAULT_LOCALE="en", TIMEZONE="Mars/Olympus"))


def test_database_folder_not_writable(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(ConfigError, match="DATABASE_PATH"):
        load_settings(env(tmp_path, DATABASE_PATH=str(blocker / "sub" / "db.sqlite3")))


def test_base_url_must_be_http(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="TELEGRAM_BASE_URL"):
        load_settings(env(tmp_path, TELEGRAM_BASE_URL="127.0.0.1:8081"))
    settings = load_settings(env(tmp_path, TELEGRAM_BASE_URL="http://127.0.0.1:8081/bot"))
    assert settings.telegram_base_url == "http://127.0.0.1:8081/bot"
