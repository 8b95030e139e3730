"""The catalogs are complete and French is what a new person gets."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from bot.i18n import LOCALES_DIR, SUPPORTED_LOCALES, normalize_locale, translator


def load_catalog(locale: str) -> Catalog:
    with (LOCALES_DIR / locale / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=locale)


def load_template() -> Catalog:
    with (LOCALES_DIR / "messages.pot").open("rb") as handle:
        return read_po(handle)


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_catalog_is_complete(locale: str) -> None:
    catalog = load_catalog(locale)
    template_ids = {message.id for message in load_template() if message.id}
    catalog_ids = {message.id for message in catalog if message.id}
    assert template_ids - catalog_ids == set(), "messages missing from the catalog"
    untranslated = [m.id for m in catalog if m.id and not m.string]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert untranslated == []
    assert fuzzy == []
    errors = [(m.id, e) for m in catalog if m.id for e in m.check(catalog)]
    assert errors == []


def test_french_placeholders_match_the_source() -> None:
    import re

    placeholder = re.compile(r"\{[a-z_]+\}")
    for message in load_catalog("fr_CA"):
        if message.id and isinstance(message.id, str):
            assert sorted(placeholder.findall(message.id)) == sorted(
                placeholder.findall(str(message.string))
            ), message.id


def test_template_matches_the_code() -> None:
    """Every string the code marks is in the template (run ./dev i18n after changing texts)."""
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "fresh.pot"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "babel.messages.frontend",
                "extract",
                "-F",
                "babel.cfg",
                "-k",
                "N_",
                "--no-location",
                "-o",
                str(output),
                ".",
            ],
            cwd=LOCALES_DIR.parent,
            check=True,
            capture_output=True,
        )
        with output.open("rb") as handle:
            fresh = {m.id for m in read_po(handle) if m.id}
    assert fresh - {m.id for m in load_template() if m.id} == set()


def test_telegram_language_codes_map_to_supported_locales() -> None:
    assert normalize_locale("fr") == "fr_CA"
    assert normalize_locale("fr-CA") == "fr_CA"
    assert normalize_locale("en-US") == "en"
    assert normalize_locale("ar") == "ar"
    assert normalize_locale("es-MX") == "es"
    assert normalize_locale("de") == "fr_CA"
    assert normalize_locale(None) == "fr_CA"
    assert normalize_locale("de", default="en") == "en"


def test_dates_are_written_out_in_quebec_french() -> None:
    tr = translator("fr_CA")
    moment = datetime(2026, 11, 27, 19, 30, tzinfo=UTC)
    assert tr.format_day(moment, tz=ZoneInfo("America/Toronto")) == "vendredi 27 novembre 2026"
    assert tr.format_moment(moment, tz=ZoneInfo("America/Toronto")) == (
        "vendredi 27 novembre 2026 à 14 h 30"
    )
    assert translator("en").format_day(moment) == "Friday, November 27, 2026"
    assert tr.format_number(1234.5) == "1\u00a0234,5"


def test_list_lines_keep_their_order_in_arabic() -> None:
    """« S-7 — text » in Arabic: each part isolated, the line starting right to left."""
    assert translator("fr_CA").line("S-7", "Réparer", "Paul") == "S-7 — Réparer — Paul"
    arabic = translator("ar").line("S-7", "إصلاح الباب")
    assert arabic == "\u200f\u2068S-7\u2069 — \u2068إصلاح الباب\u2069"
