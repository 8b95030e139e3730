"""The operator's commands on a running bot: backup, restore, check, stats."""

from __future__ import annotations

import asyncio
import io
import sqlite3
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bot.app import services_of
from bot.config import ConfigError
from bot.operations.backup import take_backup
from bot.operations.cli import run_command
from sandbox import SandboxServer
from tests.e2e.harness import BotHarness
from tests.e2e.steps import committee_with_members, create_committee, invitation_link


def command(
    name: str, argument: str | None, env: dict[str, str], now: datetime | None = None
) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_command(name, argument, env, out=out, err=err, now=now)
    # French puts a no-break space before a colon; the tests read plain spaces.
    return code, out.getvalue().replace("\u00a0", " "), err.getvalue().replace("\u00a0", " ")


def decision_texts(database: Path) -> list[str]:
    with closing(sqlite3.connect(database)) as db:
        return [row[0] for row in db.execute("SELECT text FROM decisions ORDER BY number")]


async def test_a_backup_taken_during_writes_holds_every_acknowledged_write(
    sandbox: SandboxServer, bot: BotHarness, tmp_path: Path
) -> None:
    marie, _ = await committee_with_members(sandbox.world, "Marie")
    acknowledged: list[str] = []
    backup_started = asyncio.Event()

    async def write(count: int) -> None:
        """Marie logs decisions one after the other; an answer with its number is the ack."""
        for index in range(count):
            text = f"Point {index:02d} adopté à l'unanimité."
            await marie.send(f"/decision {text}")
            answer = await marie.private_chat.next_bot_message(timeout=10)
            assert f"D-{index + 1}" in answer.plain_text, answer.plain_text
            acknowledged.append(text)
            if len(acknowledged) == 5:
                backup_started.set()

    writer = asyncio.create_task(write(15))
    await backup_started.wait()
    before = list(acknowledged)
    # The backup runs in a thread while Marie keeps writing through the bot.
    result = await asyncio.to_thread(take_backup, bot.database_path, tmp_path / "backups", keep=14)
    await writer
    assert len(acknowledged) == 15

    env = {"DATABASE_PATH": str(bot.database_path)}
    code, _, err = command("restore", str(result.path), env)
    assert code == 1
    assert "Le bot tourne" in err and "Rien n'a été changé" in err

    await bot.stop()
    code, out, err = command("restore", str(result.path), env)
    assert code == 0, err
    assert "gardée sous" in out
    [previous] = bot.database_path.parent.glob("bot.sqlite3.before-restore-*")
    assert len(decision_texts(previous)) == 15  # nothing lost: the old file is kept whole

    restored = decision_texts(bot.database_path)
    # Every write acknowledged before the backup began is in it, in order, and nothing
    # half-written: what is there is a beginning of what Marie wrote.
    assert restored[: len(before)] == before
    assert restored == acknowledged[: len(restored)]

    await bot.start()  # the bot runs on the restored file
    await marie.send("/decision On reprend après la restauration.")
    answer = await marie.private_chat.next_bot_message()
    assert f"D-{len(restored) + 1}" in answer.plain_text


async def test_backups_are_checked_and_only_the_last_ones_are_kept(
    sandbox: SandboxServer, bot: BotHarness, tmp_path: Path
) -> None:
    await create_committee(sandbox.world.add_user("Marie"))
    env = {"DATABASE_PATH": str(bot.database_path), "BACKUP_KEEP": "2"}
    folder = tmp_path / "copies"
    written = []
    for _ in range(3):
        code, out, err = command("backup", str(folder), env)
        assert code == 0, err
        assert "vérification d'intégrité réussie" in out
        written.append(Path(out.split(" : ", 1)[1].split(" (", 1)[0]))
    assert "ancienne sauvegarde supprimée" in out
    assert sorted(folder.iterdir()) == sorted(written[1:])
    with closing(sqlite3.connect(written[-1])) as copy:
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert copy.execute("SELECT COUNT(*) FROM committees").fetchone()[0] == 1


async def test_check_finds_a_damaged_file_and_restore_refuses_it(
    sandbox: SandboxServer, bot: BotHarness, tmp_path: Path
) -> None:
    await create_committee(sandbox.world.add_user("Marie"))
    env = {"DATABASE_PATH": str(bot.database_path), "BOT_TOKEN": sandbox.token}
    code, out, err = command("check", None, env)
    assert code == 0, err
    assert "Vérification d'intégrité : correcte." in out
    assert "Le bot tourne" in out

    good = take_backup(bot.database_path, tmp_path / "b", keep=3).path
    damaged = tmp_path / "damaged.sqlite3"
    data = bytearray(good.read_bytes())
    page = 4096
    for offset in range(2 * page, min(len(data), 6 * page)):
        data[offset] = 0x5A  # pages of tables and indexes overwritten
    damaged.write_bytes(bytes(data))

    code, _, err = command("check", None, env | {"DATABASE_PATH": str(damaged)})
    assert code == 1
    assert "problèmes" in err

    await bot.stop()
    code, _, err = command("restore", str(damaged), env)
    assert code == 1
    assert "ne peut pas être restaurée" in err and "Rien n'a été changé" in err
    assert not list(bot.database_path.parent.glob("*.before-restore-*"))


async def test_check_refuses_a_database_from_a_newer_version(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    await create_committee(sandbox.world.add_user("Marie"))
    await bot.stop()
    with closing(sqlite3.connect(bot.database_path)) as db:
        db.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) "
            "VALUES (9999, '9999_from_the_future.sql', '2030-01-01')"
        )
        db.commit()
    env = {"DATABASE_PATH": str(bot.database_path), "BOT_TOKEN": sandbox.token}
    code, _, err = command("check", None, env)
    assert code == 1
    assert "9999" in err and "version plus récente" in err


async def test_stats_count_without_personal_data(sandbox: SandboxServer, bot: BotHarness) -> None:
    marie, _ = await committee_with_members(sandbox.world, "Marie", "Paul")
    await marie.send(
        "/decision On demande un devis pour la porte. Paul s'en occupe d'ici vendredi."
    )
    await marie.private_chat.next_bot_message()
    # Marie blocks the bot just before it tells her that Kim joined: Telegram refuses.
    link = await invitation_link(marie)
    marie.blocked = True
    kim = sandbox.world.add_user("Kim")
    await kim.open_link(link)
    await kim.private_chat.next_bot_message()
    await bot.settle()

    env = {"DATABASE_PATH": str(bot.database_path)}
    code, out, err = command("stats", None, env, now=bot.clock())
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Comités : 1 (actifs ces 30 derniers jours : 1)"
    assert lines[1] == "Membres : 3"
    assert lines[2] == "Suivis ouverts : 1, en retard : 0"
    assert lines[3].startswith("Rappels en attente d'envoi : ")
    assert lines[4] == "Envois refusés ces dernières 24 heures : 1 (bloqué par la personne : 1)"
    assert lines[5].startswith("Taille de la base : ")
    for personal in ("Marie", "Paul", "Kim", "porte", "Pins"):
        assert personal not in out

    # A week later, Paul's Friday has passed.
    _, out, _ = command("stats", None, env, now=bot.clock() + timedelta(days=7))
    assert "Suivis ouverts : 1, en retard : 1" in out


async def test_a_second_bot_on_the_same_database_refuses_to_start(
    sandbox: SandboxServer, bot: BotHarness
) -> None:
    second = BotHarness(sandbox, bot.database_path)
    with pytest.raises(ConfigError) as refused:
        await second.start()
    assert "utilise DATABASE_PATH" in str(refused.value)
    assert "tourne déjà" in str(refused.value)
    # The refused start closed the database PTB had opened for its persistence: an open
    # connection's thread would keep `python -m bot` from exiting after the message.
    assert second.application is not None
    with pytest.raises(RuntimeError, match="not awaited"):
        _ = services_of(second.application).storage.db.connection
    await second.application.shutdown()
    # The first one carries on.
    lea = sandbox.world.add_user("Léa")
    await lea.send("/aide")
    assert "Commandes" in (await lea.private_chat.next_bot_message()).plain_text
