"""The buttons of partnerships (« par »)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from bot.callbacks import Callback, button
from bot.domain.partnerships import Answer, Ingredient, PartnerKind


class Part(StrEnum):
    """The parts of a sheet « Edit » asks again."""

    NAME = "name"
    CONTACT = "contact"
    NEED = "need"
    OBJECTIVE = "objective"
    RESOURCES = "resources"
    DUTIES = "duties"
    RECIPE = "recipe"


class ObjectiveField(StrEnum):
    """The parts of an objective that can be changed one at a time."""

    TEXT = "text"
    SIGN = "sign"
    TARGET = "target"


@button("par", "new")
class NewPartnership(Callback):
    pass


@button("par", "open")
class OpenPartnership(Callback):
    id: int


@button("par", "kind")
class Kind(Callback):
    kind: PartnerKind


@button("par", "usename")
class UseOfficeName(Callback):
    pass


@button("par", "skip")
class Skip(Callback):
    """« Skip this question »: `step` is the wizard state of the optional question skipped."""

    step: int


@button("par", "sug")
class Suggestion(Callback):
    index: int


@button("par", "target")
class Target(Callback):
    day: date | None  # None: no date


@button("par", "sharpen")
class Sharpen(Callback):
    pass


@button("par", "keep")
class Keep(Callback):
    pass


@button("par", "choosedate")
class ChooseDate(Callback):
    """« Choose a date » under a vague objective whose date is what is missing."""


@button("par", "moreobj")
class MoreObjective(Callback):
    pass


@button("par", "next")
class Next(Callback):
    pass


@button("par", "dutyrm")
class RemoveDuty(Callback):
    """Remove one line of « who does what »."""

    id: int
    duty: int


@button("par", "dutydone")
class DutiesDone(Callback):
    """« That's all »: the list of « who does what » is complete."""


@button("par", "rc")
class Recipe(Callback):
    ingredient: Ingredient
    answer: Answer


@button("par", "edit")
class Edit(Callback):
    id: int
    part: Part


@button("par", "editmenu")
class EditMenu(Callback):
    id: int


@button("par", "objs")
class Objectives(Callback):
    """The objectives of a partnership, to change or remove one, or add another."""

    id: int


@button("par", "obj")
class ObjectiveOptions(Callback):
    id: int
    objective: int


@button("par", "objedit")
class EditObjective(Callback):
    id: int
    objective: int
    field: ObjectiveField


@button("par", "objdrop")
class DropObjective(Callback):
    """« Remove the objective »: asks once."""

    id: int
    objective: int


@button("par", "objdropok")
class DropObjectiveConfirmed(Callback):
    id: int
    objective: int


@button("par", "save")
class Save(Callback):
    id: int


@button("par", "achmenu")
class AchievedMenu(Callback):
    id: int


@button("par", "achask")
class AskAchieved(Callback):
    """An objective chosen as achieved: the announcement to the group is asked once."""

    id: int
    objective: int


@button("par", "ach")
class Achieved(Callback):
    """Confirmed: the objective is recorded as achieved and celebrated in the group."""

    id: int
    objective: int


@button("par", "fumenu")
class FollowUpMenu(Callback):
    id: int


@button("par", "fuobj")
class FollowUpFor(Callback):
    id: int
    objective: int


@button("par", "pub")
class Publish(Callback):
    id: int


@button("par", "pause")
class Pause(Callback):
    id: int


@button("par", "end")
class End(Callback):
    id: int


@button("par", "endok")
class EndConfirmed(Callback):
    id: int
