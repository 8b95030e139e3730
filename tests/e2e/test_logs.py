"""At DEBUG, the log says what the bot did, never the token nor what members wrote."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sandbox import SandboxServer
from tests.e2e.ops import WEBHOOK_SECRET, BotProcess, free_port, webhook_env
from tests.e2e.steps import create_committee, invitation_link, join

COMMITTEE = "Association des locataires Zéphyrine"
DECISION = (
    "/decision On demande à l'office de réparer la porte du local Zéphyrine-7B. "
    "Bartholomé s'en occupe d'ici vendredi."
)
PERSONAL = [
    "Ghislaine",
    "Okafor",
    "ghislaine_ot",
    "Bartholomé",
    "Vaillancourt",
    "Zéphyrine",
    "porte du local",
]


@pytest.mark.parametrize("mode", ["polling", "webhook"])
async def test_a_debug_log_holds_no_token_and_no_names(
    sandbox: SandboxServer, tmp_path: Path, mode: str
) -> None:
    env = {"LOG_LEVEL": "DEBUG"}
    if mode == "webhook":
        env |= webhook_env(free_port(), free_port())
    process = BotProcess(sandbox, tmp_path, **env)
    await process.start()
    try:
        world = sandbox.world
        ghislaine = world.add_user("Ghislaine", last_name="Okafor", username="ghislaine_ot")
        await create_committee(ghislaine, COMMITTEE)
        bartholome = world.add_user("Bartholomé", last_name="Vaillancourt")
        await join(bartholome, await invitation_link(ghislaine), ghislaine)
        await ghislaine.send(DECISION)
        answer = await ghislaine.private_chat.next_bot_message(timeout=10)
        assert "Bartholomé" in answer.plain_text and "D-1" in answer.plain_text
    finally:
        assert await process.stop() == 0, process.log
    log = process.log

    # DEBUG really was on: PTB said which endpoints it called, and it took the updates.
    assert "Calling Bot API endpoint `sendMessage`" in log
    assert "Processing update" in log
    secret_part = sandbox.token.split(":", 1)[1]
    for needle in [sandbox.token, secret_part, WEBHOOK_SECRET]:
        assert needle not in log
    for name in PERSONAL:
        # As typed, and as JSON would escape it.
        for form in {name, json.dumps(name)[1:-1]}:
            assert form not in log, f"{form!r} in the log:\n" + "\n".join(
                line for line in log.splitlines() if form in line
            )
