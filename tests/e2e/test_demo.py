"""The terminal demo, run as a person would: `python -m bot demo`, typing line by line."""

from __future__ import annotations

import asyncio
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROMPT = re.compile(rb"\] > $")


class DemoSession:
    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process

    async def read_until_prompt(self, timeout: float = 20.0) -> str:
        assert self.process.stdout is not None
        received = b""
        async with asyncio.timeout(timeout):
            while not PROMPT.search(received):
                chunk = await self.process.stdout.read(4096)
                if not chunk:
                    break
                received += chunk
        return received.decode()

    async def say(self, line: str) -> str:
        assert self.process.stdin is not None
        self.process.stdin.write(line.encode() + b"\n")
        await self.process.stdin.drain()
        return await self.read_until_prompt()


async def test_the_demo_walks_through_onboarding_in_french(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DEMO_DATABASE_PATH": str(tmp_path / "demo.sqlite3"),
        "BOT_TOKEN": "",
        "DEFAULT_LOCALE": "fr_CA",
        "PYTHONUNBUFFERED": "1",
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "demo",
        cwd=tmp_path, env={**env, "PYTHONPATH": str(ROOT)},
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    demo = DemoSession(process)
    try:
        intro = await demo.read_until_prompt()
        assert "Bac à sable" in intro

        assert "Créer un comité" in await demo.say("/start")
        assert "Quel est son nom" in await demo.say("1")
        assert "quel genre de comité" in await demo.say("Comité des Pins")
        assert "office d'habitation" in await demo.say("1")
        done = await demo.say("OMH de Québec")
        assert "Votre comité est créé" in done
        invitation = await demo.say("1")
        link = re.search(r"https://t\.me/\S+\?start=join-\S+", invitation)
        assert link is not None

        await demo.say(":as Paul")
        assert "Bienvenue" in await demo.say(link.group(0))
        await demo.say(":as Marie")
        assert "/start" in await demo.say(":group Locataires")
        assert "est maintenant relié" in await demo.say("/start")
        await demo.say(":private")
        assert "English" in await demo.say("/langue")
        assert "I will speak to you in English" in await demo.say("2")
        assert "nothing to cancel" in await demo.say("/cancel")
        assert "pas de bouton" in await demo.say("9")
        await demo.say("/langue")
        await demo.say("1")

        logged = await demo.say("/decision On répare la porte. Paul s'en occupe d'ici vendredi.")
        assert "vendredi 27 novembre 2026" in logged or "vendredi" in logged
        assert "D-1" in logged
        # Time moves on: the follow-up's reminders arrive (whatever the hour of this run,
        # one of four moments six hours apart is outside the quiet hours).
        later = await demo.say(":clock +2d")
        for _ in range(3):
            later += await demo.say(":clock +6h")
        assert "S-1" in later and any(
            words in later
            for words in ("Petit rappel", "C'est aujourd'hui", "Où en êtes-vous", "Pendant mon")
        )
        menu = await demo.say("/exporter")
        assert "Que voulez-vous imprimer" in menu and "[1]" in menu
        files = await demo.say("1")
        assert "fichier enregistré" in files
        pdf = tmp_path / "data" / "demo-files"
        assert any(path.suffix == ".pdf" for path in pdf.iterdir())

        assert process.stdin is not None
        process.stdin.write(b":quit\n")
        await process.stdin.drain()
        assert process.stdout is not None
        farewell = (await asyncio.wait_for(process.stdout.read(), 20)).decode()
        assert "Au revoir" in farewell
        assert await asyncio.wait_for(process.wait(), 20) == 0
        assert "Traceback" not in farewell
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
