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
        self.seen: list[str] = []  # everything read so far

    async def read_until_prompt(self, timeout: float = 20.0) -> str:
        assert self.process.stdout is not None
        received = b""
        async with asyncio.timeout(timeout):
            while not PROMPT.search(received):
                chunk = await self.process.stdout.read(4096)
                if not chunk:
                    break
                received += chunk
        # French puts a no-break space before « : »; the assertions are typed with a plain one.
        text = received.decode().replace("\u00a0", " ")
        self.seen.append(text)
        return text

    async def say(self, line: str) -> str:
        assert self.process.stdin is not None
        self.process.stdin.write(line.encode() + b"\n")
        await self.process.stdin.drain()
        return await self.read_until_prompt()


async def start_demo(tmp_path: Path) -> tuple[asyncio.subprocess.Process, DemoSession]:
    env = {
        **os.environ,
        "DEMO_DATABASE_PATH": str(tmp_path / "demo.sqlite3"),
        "BOT_TOKEN": "",
        "DEFAULT_LOCALE": "fr_CA",
        "PYTHONUNBUFFERED": "1",
        # Monday 9:00 in Québec: before the weekly summary's hour, whatever the real time.
        "DEMO_START": "2026-11-23T14:00:00+00:00",
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "demo",
        cwd=tmp_path, env={**env, "PYTHONPATH": str(ROOT)},
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    return process, DemoSession(process)


async def test_the_demo_walks_through_onboarding_in_french(tmp_path: Path) -> None:
    process, demo = await start_demo(tmp_path)
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
        # Paul joins the group; Marie logs a decision there, which Paul may not undo: the
        # bot's alert over the chat is shown.
        await demo.say(":as Paul")
        await demo.say(":join")
        await demo.say(":as Marie")
        card = await demo.say("/decision On garde le local ouvert le samedi.")
        undo = re.search(r"\[(\d)\] Annuler la décision", card)
        assert undo is not None, card
        await demo.say(":as Paul")
        refused = await demo.say(undo.group(1))
        assert "[alerte] Seule la personne qui l'a écrite" in refused
        await demo.say(":as Marie")
        await demo.say(":private")
        assert "English" in await demo.say("/langue")
        assert "I will speak to you in English" in await demo.say("2")
        assert "nothing to cancel" in await demo.say("/cancel")
        assert "pas de bouton" in await demo.say("9")
        await demo.say("/langue")
        await demo.say("1")

        logged = await demo.say("/decision On répare la porte. Paul s'en occupe d'ici vendredi.")
        assert "vendredi 27 novembre 2026" in logged or "vendredi" in logged
        assert "D-2" in logged  # D-1 was logged in the group
        # Time moves on: the follow-up's reminders arrive (whatever the hour of this run,
        # one of four moments six hours apart is outside the quiet hours).
        later = await demo.say(":clock +2d")
        for _ in range(3):
            later += await demo.say(":clock +6h")
        assert "S-2" in later and any(
            words in later
            for words in ("Petit rappel", "C'est aujourd'hui", "Où en êtes-vous", "Pendant mon")
        )
        menu = await demo.say("/exporter")
        assert "Que voulez-vous imprimer" in menu and "[1]" in menu
        files = await demo.say("1")
        assert "fichier enregistré" in files
        assert "[notification] Je prépare les fichiers" in files  # the button's toast
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


async def test_the_demo_explains_its_own_errors_in_french(tmp_path: Path) -> None:
    process, demo = await start_demo(tmp_path)
    try:
        await demo.read_until_prompt()
        assert "Commande de démo inconnue : :groupe" in await demo.say(":groupe Voisins")
        assert "Tapez un nom après :as" in await demo.say(":as")
        assert "pas de bouton à presser" in await demo.say("3")
        assert "Allez d'abord dans un groupe" in await demo.say(":join")
        assert "Tapez :clock +2d" in await demo.say(":clock demain")
        await demo.say(":group Voisins")
        assert "Marie est déjà dans ce groupe" in await demo.say(":join")
        await demo.say(":as Paul")
        outside = await demo.say("Bonjour")
        assert "Paul n'est pas dans ce groupe" in outside and ":join" in outside
        assert "pas pour ce bot" in await demo.say("https://t.me/autre_bot?start=x")
        await demo.say(":join")
        assert "pas de bouton" in await demo.say("7")
        assert process.stdout is not None and process.stdin is not None
        process.stdin.write(b":quit\n")
        await process.stdin.drain()
        assert await asyncio.wait_for(process.wait(), 20) == 0
        rest = (await process.stdout.read()).decode()
        transcript = "".join(demo.seen) + rest
        assert "Traceback" not in transcript
        for english in ("Unknown", "Type a name", "is not in this group", "The sandbox", "bot is"):
            assert english not in transcript
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
