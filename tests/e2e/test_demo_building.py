"""The demo shows the whole building: a channel for the residents, the anonymous box."""

from __future__ import annotations

import asyncio
import os
import re
import sys
from pathlib import Path

from tests.e2e.test_demo import ROOT, DemoSession


async def test_the_demo_links_a_channel_publishes_and_takes_an_anonymous_message(
    tmp_path: Path,
) -> None:
    env = {
        **os.environ,
        "DEMO_DATABASE_PATH": str(tmp_path / "demo.sqlite3"),
        "BOT_TOKEN": "",
        "DEFAULT_LOCALE": "fr_CA",
        "PYTHONUNBUFFERED": "1",
        "PYTHONPATH": str(ROOT),
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "demo",
        cwd=tmp_path, env=env,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    demo = DemoSession(process)
    try:
        assert ":channel" in await demo.read_until_prompt()
        await demo.say("/start")
        await demo.say("1")
        await demo.say("Comité des Pins")
        await demo.say("1")
        assert "Votre comité est créé" in await demo.say("OMH de Québec")

        made = await demo.say(":channel Résidents des Pins")
        assert "@residents_des_pins_demo" in made
        assert "Vous m'avez fait administrateur du canal « Résidents des Pins »" in made
        linked = await demo.say("1")
        assert "est relié à ce comité : Comité des Pins" in linked.replace("\u00a0", " ")
        assert "Publier pour les résidents" in linked
        posted = await demo.say("1")
        assert "canal « Résidents des Pins »" in posted and "Écrivez au comité" in posted

        shared = await demo.say("/boite")
        assert "Le lien et l'affiche de la boîte" in shared
        link = re.search(r"https://t\.me/\S+\?start=box-\S+", await demo.say("1"))
        assert link is not None
        await demo.say(":as Ginette")
        assert "Votre nom ne sera pas transmis" in await demo.say(link.group(0))
        assert "Reçu" in await demo.say("Le chauffage ne marche plus au 3e.")
        await demo.say(":as Marie")
        assert "Le chauffage ne marche plus" in await demo.say("/boite")

        assert process.stdin is not None
        process.stdin.write(b":quit\n")
        await process.stdin.drain()
        assert process.stdout is not None
        farewell = (await asyncio.wait_for(process.stdout.read(), 20)).decode()
        assert "Traceback" not in farewell
        assert await asyncio.wait_for(process.wait(), 20) == 0
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
