"""`python -m bot check | backup [DIR] | restore FILE | stats`: the operator's commands.

Results go to stdout, problems to stderr, in DEFAULT_LOCALE (French first). Exit codes: 0 all
is well, 1 something is wrong or was refused, 2 the configuration is wrong.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from bot.config import ConfigError, Settings, load_settings
from bot.i18n import Translator, translator
from bot.operations.backup import BackupFailed, NotRestorable, restore_backup, take_backup
from bot.operations.check import check_database
from bot.operations.lock import LockHeld
from bot.operations.sqlite_files import Verdict
from bot.operations.stats import gather

COMMANDS = ("check", "backup", "restore", "stats")
OK, WRONG, BAD_CONFIG = 0, 1, 2


def run_command(
    command: str,
    argument: str | None,
    env: Mapping[str, str],
    out: TextIO | None = None,
    err: TextIO | None = None,
    now: datetime | None = None,
) -> int:
    """Run one command; `now` is the clock tests set (the real time otherwise)."""
    out = out or sys.stdout
    err = err or sys.stderr
    _ = translator(env.get("DEFAULT_LOCALE") or "fr_CA").gettext
    try:
        # Only `check` needs the token: the others work on the database alone.
        settings = load_settings(env, require_token=command == "check")
    except ConfigError as error:
        print(_("Configuration: {problem}").format(problem=error), file=err)
        return BAD_CONFIG
    tr = translator(settings.default_locale)
    if command == "check":
        return _check(settings, tr, out, err)
    if command == "backup":
        return _backup(settings, argument, tr, out, err)
    if command == "restore":
        if not argument:
            print(tr.gettext("Which backup? python -m bot restore FILE"), file=err)
            return BAD_CONFIG
        return _restore(settings, Path(argument), tr, out, err)
    if command == "stats":
        return _stats(settings, tr, out, err, now or datetime.now(UTC))
    raise ValueError(command)


def _check(settings: Settings, tr: Translator, out: TextIO, err: TextIO) -> int:
    _ = tr.gettext
    print(_("Configuration: correct."), file=out)
    mode = (
        _("webhook at {url}, health at http://{listen}:{port}/healthz").format(
            url=settings.webhook.url,
            listen=settings.webhook.listen,
            port=settings.webhook.health_port,
        )
        if settings.webhook
        else _("long polling")
    )
    print(_("Mode: {mode}.").format(mode=mode), file=out)
    report = check_database(settings)
    path = report.database
    if not report.exists:
        print(
            _(
                "Database: {path} does not exist yet; the bot creates it when it first starts."
            ).format(path=path),
            file=out,
        )
        return OK
    print(
        _("Database: {path} ({size}).").format(path=path, size=_size(report.size, tr)),
        file=out,
    )
    if report.problems:
        print(_("The integrity check found problems:"), file=err)
        for problem in report.problems:
            print(f"  - {problem}", file=err)
        print(
            _("Restore the last good backup: python -m bot restore FILE (with the bot stopped)."),
            file=err,
        )
        return WRONG
    print(_("Integrity check: ok."), file=out)
    schema = report.schema
    assert schema is not None
    if not schema.is_comite_bot:
        print(_("This file is not a comite-bot database (no migrations recorded)."), file=err)
        return WRONG
    if schema.unknown:
        print(
            _(
                "The database has migrations this version does not know ({numbers}): it was "
                "written by a newer version of the bot. Install that version again."
            ).format(numbers=", ".join(f"{number:04d}" for number in schema.unknown)),
            file=err,
        )
        return WRONG
    if schema.pending:
        print(
            tr.ngettext(
                "Migrations: {count} to apply ({names}); the bot applies it when it starts.",
                "Migrations: {count} to apply ({names}); the bot applies them when it starts.",
                len(schema.pending),
            ).format(count=len(schema.pending), names=", ".join(schema.pending)),
            file=out,
        )
    else:
        print(_("Migrations: all {count} applied.").format(count=len(schema.applied)), file=out)
    if report.running_pid is not None:
        print(_("The bot is running (process {pid}).").format(pid=report.running_pid), file=out)
    else:
        print(_("The bot is not running."), file=out)
    if report.heartbeat_age is not None and settings.webhook is None:
        print(
            _("Last answered poll: {seconds} s ago.").format(
                seconds=tr.format_number(round(report.heartbeat_age))
            ),
            file=out,
        )
    return OK


def _backup(
    settings: Settings, argument: str | None, tr: Translator, out: TextIO, err: TextIO
) -> int:
    _ = tr.gettext
    directory = Path(argument) if argument else settings.backups
    try:
        result = take_backup(settings.database_path, directory, settings.backup_keep)
    except FileNotFoundError:
        print(
            _("There is nothing to back up yet: {path} does not exist.").format(
                path=settings.database_path
            ),
            file=err,
        )
        return WRONG
    except BackupFailed as error:
        print(
            _("The copy failed its integrity check and was not kept: {problem}").format(
                problem=error
            ),
            file=err,
        )
        return WRONG
    except OSError as error:
        print(
            _("Could not write the backup in {folder}: {problem}").format(
                folder=directory, problem=error.strerror or error
            ),
            file=err,
        )
        return WRONG
    print(
        _("Backup written: {path} ({size}), integrity check ok.").format(
            path=result.path, size=_size(result.size, tr)
        ),
        file=out,
    )
    kept = settings.backup_keep
    print(
        tr.ngettext(
            "Keeping the last {count} backup in {folder}.",
            "Keeping the last {count} backups in {folder}.",
            kept,
        ).format(count=kept, folder=result.path.parent),
        file=out,
    )
    if result.removed:
        print(
            tr.ngettext(
                "Removed {count} older backup: {names}",
                "Removed {count} older backups: {names}",
                len(result.removed),
            ).format(count=len(result.removed), names=", ".join(p.name for p in result.removed)),
            file=out,
        )
    return OK


def _restore(settings: Settings, backup: Path, tr: Translator, out: TextIO, err: TextIO) -> int:
    _ = tr.gettext
    if not backup.is_file():
        print(_("{path}: no such file.").format(path=backup), file=err)
        return WRONG
    try:
        result = restore_backup(backup, settings.database_path, settings.lock_path)
    except LockHeld as held:
        print(
            _(
                "The bot is running (process {pid}): stop it first (systemctl stop comite-bot), "
                "then restore. Nothing was changed."
            ).format(pid=held.pid or "?"),
            file=err,
        )
        return WRONG
    except NotRestorable as refused:
        print(
            _("{path} cannot be restored: {reason} Nothing was changed.").format(
                path=backup, reason=_why_not(refused.verdict, tr)
            ),
            file=err,
        )
        return WRONG
    except BackupFailed as error:
        print(
            _("The copy failed its integrity check: {problem} Nothing was changed.").format(
                problem=error
            ),
            file=err,
        )
        return WRONG
    print(_("Restored {backup} to {path}.").format(backup=backup, path=result.restored), file=out)
    if result.previous is not None:
        print(
            _("The database that was in place is kept as {path}.").format(path=result.previous),
            file=out,
        )
    print(_("You can start the bot again."), file=out)
    return OK


def _why_not(verdict: Verdict, tr: Translator) -> str:
    _ = tr.gettext
    if verdict.problems:
        return _("the integrity check found problems ({problems}).").format(
            problems="; ".join(verdict.problems)
        )
    if verdict.schema is None or not verdict.schema.is_comite_bot:
        return _("it is not a comite-bot database.")
    return _("it was written by a newer version of the bot (migrations {numbers}).").format(
        numbers=", ".join(f"{number:04d}" for number in verdict.schema.unknown)
    )


def _stats(settings: Settings, tr: Translator, out: TextIO, err: TextIO, now: datetime) -> int:
    _ = tr.gettext
    if not settings.database_path.exists():
        print(
            _("There is no database yet: {path} does not exist.").format(
                path=settings.database_path
            ),
            file=err,
        )
        return WRONG
    stats = gather(settings.database_path, now, settings.zone)
    number = tr.format_number
    lines = [
        _("Committees: {count} (active in the last 30 days: {active})").format(
            count=number(stats.committees), active=number(stats.active_committees)
        ),
        _("Members: {count}").format(count=number(stats.members)),
        _("Open follow-ups: {count}, overdue: {overdue}").format(
            count=number(stats.follow_ups_open), overdue=number(stats.follow_ups_overdue)
        ),
        _("Reminders waiting to be sent: {count}").format(count=number(stats.reminders_pending)),
    ]
    total = sum(stats.refusals.values())
    if total:
        reasons = ", ".join(
            _("{reason}: {count}").format(reason=_reason(reason, tr), count=number(count))
            for reason, count in stats.refusals.items()
        )
        lines.append(
            _("Sends refused in the last 24 hours: {count} ({reasons})").format(
                count=number(total), reasons=reasons
            )
        )
    else:
        lines.append(_("Sends refused in the last 24 hours: none"))
    lines.append(_("Database size: {size}").format(size=_size(stats.database_bytes, tr)))
    for line in lines:
        print(line, file=out)
    return OK


def _reason(reason: str, tr: Translator) -> str:
    _ = tr.gettext
    names = {
        "blocked": _("blocked by the person"),
        "unreachable": _("person never wrote to the bot"),
        "chat_gone": _("group gone or bot removed"),
        "migrated": _("group became a supergroup"),
        "later": _("Telegram asked to wait"),
        "other": _("other"),
    }
    return names.get(reason, reason)


def _size(size: int, tr: Translator) -> str:
    _ = tr.gettext
    if size < 1024 * 1024:
        return _("{size} KB").format(size=tr.format_number(round(size / 1024, 1)))
    return _("{size} MB").format(size=tr.format_number(round(size / 1024 / 1024, 1)))
