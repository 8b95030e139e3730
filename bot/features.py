"""What a feature package exposes, in its `__init__`: its whole surface in a few lines.

- `handlers()`: its commands, its buttons and its wizard (a `Wizard`, merged by the app
  into the one conversation: see bot/wizard.py), and its answer to an edited message
  (an `OnEdit`: see bot/incoming.py);
- `links()`: the deep links it answers (see bot/deeplinks.py);
- `due_sources()`: the nudges it schedules (see bot/scheduler.py).

The package imports its own modules inside these functions: features use each other's modules
(a partnership's button in a follow-up's message), and a package that imports nothing on its
own keeps those imports free of cycles.
"""

from __future__ import annotations

from typing import Protocol

from bot.deeplinks import LinkRoute
from bot.incoming import OnEdit
from bot.scheduler import DueSource
from bot.wizard import Handler, Wizard

FeatureHandlers = list[Handler | Wizard | OnEdit]


class Feature(Protocol):
    def handlers(self) -> FeatureHandlers: ...

    def links(self) -> list[LinkRoute]: ...

    def due_sources(self) -> list[DueSource]: ...
