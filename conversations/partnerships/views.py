"""How a partnership reads in a chat: the sheet, the celebration. No handlers."""

from __future__ import annotations

from bot.domain.entities import Objective, ObjectiveStatus, Partnership, PartnershipStatus
from bot.domain.partnerships import (
    INGREDIENT_QUESTIONS,
    KIND_LABELS,
    Answer,
    Ingredient,
    PartnerKind,
    next_steps,
    partnership_ref,
    recipe_score,
)
from bot.i18n import N_, Translator
from bot.ui import MAX_TEXT, Button, h
from conversations.partnerships.buttons import (
    AchievedMenu,
    Edit,
    EditMenu,
    End,
    FollowUpMenu,
    Objectives,
    Part,
    Pause,
    Publish,
    Save,
)

STATUS_LABELS: dict[PartnershipStatus, str] = {
    PartnershipStatus.DRAFT: N_("draft, not saved yet"),
    PartnershipStatus.ACTIVE: N_("active"),
    PartnershipStatus.PAUSED: N_("on pause"),
    PartnershipStatus.ENDED: N_("ended"),
}
ANSWER_MARKS = {Answer.YES: "✅", Answer.PARTLY: "🟡", Answer.NO: "❌"}


def kind_label(tr: Translator, kind: str) -> str:
    try:
        return tr.gettext(KIND_LABELS[PartnerKind(kind)])
    except ValueError:
        return kind


def recipe_answers(partnership: Partnership) -> dict[Ingredient, Answer]:
    answers: dict[Ingredient, Answer] = {}
    for ingredient, answer in partnership.recipe:
        try:
            answers[Ingredient(ingredient)] = Answer(answer)
        except ValueError:
            continue  # an ingredient from an older version: ignore rather than fail
    return answers


def objective_lines(tr: Translator, number: int, objective: Objective) -> list[str]:
    _ = tr.gettext
    mark = "🎉 " if objective.status is ObjectiveStatus.ACHIEVED else ""
    lines = [f"{number}. {mark}{h(objective.text)}"]
    if objective.success_sign:
        lines.append("   " + _("Sign of success: {sign}").format(sign=h(objective.success_sign)))
    if objective.target_date:
        lines.append("   " + _("By: {day}").format(day=tr.format_day(objective.target_date)))
    if objective.achieved_on:
        lines.append(
            "   " + _("Achieved on {day}").format(day=tr.format_day(objective.achieved_on))
        )
    return lines


def partnership_sheet(tr: Translator, partnership: Partnership) -> str:
    """The whole sheet, for the committee's members in private: with the recipe's checklist
    and the next steps it suggests (coaching)."""
    return "\n".join(_sheet_lines(tr, partnership, coaching=True))


def partnership_card(tr: Translator, partnership: Partnership) -> str:
    """The card pinned in the group: the partnership itself, without the coaching, and short
    enough for one message (it is edited in place after each change)."""
    lines = _sheet_lines(tr, partnership, coaching=False)
    text = "\n".join(lines)
    if len(text) <= MAX_TEXT:
        return text
    more = "…\n" + tr.gettext("The whole sheet: /partenariat")
    while lines and len("\n".join(lines)) + len(more) + 1 > MAX_TEXT:
        lines.pop()
    return "\n".join([*lines, more])


def _sheet_lines(tr: Translator, partnership: Partnership, *, coaching: bool) -> list[str]:
    _ = tr.gettext
    title = _("Partnership {ref} — {partner}").format(
        ref=partnership_ref(partnership.number), partner=h(partnership.partner_name)
    )
    lines = [f"<b>🤝 {title}</b>", kind_label(tr, partnership.partner_kind)]
    if partnership.contact_person:
        lines.append(_("Contact: {person}").format(person=h(partnership.contact_person)))
    lines.append(_("Status: {status}").format(status=_(STATUS_LABELS[partnership.status])))
    if partnership.need:
        lines += ["", "<b>" + h(_("The need")) + "</b>", h(partnership.need)]
    lines += ["", "<b>" + h(_("Shared objectives")) + "</b>"]
    if partnership.objectives:
        for number, objective in enumerate(partnership.objectives, start=1):
            lines += objective_lines(tr, number, objective)
    else:
        lines.append(_("No objective yet."))
    if partnership.committee_resources or partnership.partner_resources:
        lines += ["", "<b>" + h(_("What each side brings")) + "</b>"]
        if partnership.committee_resources:
            lines.append(_("Committee: {text}").format(text=h(partnership.committee_resources)))
        if partnership.partner_resources:
            lines.append(_("Partner: {text}").format(text=h(partnership.partner_resources)))
    if partnership.responsibilities:
        lines += ["", "<b>" + h(_("Who does what")) + "</b>"]
        for duty in partnership.responsibilities:
            who = f"{h(duty.who)} — " if duty.who else ""
            lines.append(f"• {who}{h(duty.what)}")
    answers = recipe_answers(partnership) if coaching else {}
    if answers:
        yes, total = recipe_score(answers)
        recipe = tr.ngettext(
            "Recipe: {yes} ingredient of {total}", "Recipe: {yes} ingredients of {total}", yes
        )
        lines += ["", "<b>" + h(recipe).format(yes=yes, total=total) + "</b>"]
        for ingredient in Ingredient:
            answer = answers.get(ingredient)
            if answer is not None:
                lines.append(f"{ANSWER_MARKS[answer]} {_(INGREDIENT_QUESTIONS[ingredient])}")
        steps = next_steps(answers)
        if steps:
            lines += ["", "<b>" + h(_("Next steps")) + "</b>"]
            lines += [f"• {_(step)}" for step in steps]
    return lines


def sheet_buttons(tr: Translator, partnership: Partnership) -> list[list[Button]]:
    _ = tr.gettext
    pid = partnership.id
    if partnership.status is PartnershipStatus.DRAFT:
        return [[(_("Save the partnership"), Save(id=pid))], *edit_rows(tr, partnership)]
    ended = partnership.status is PartnershipStatus.ENDED
    pause = _("Resume") if partnership.status is PartnershipStatus.PAUSED else _("Pause")
    # An ended sheet stays in the record as it was: no « Edit ».
    first: list[Button] = [] if ended else [(_("Edit"), EditMenu(id=pid))]
    rows: list[list[Button]] = [
        [*first, (_("Objective achieved"), AchievedMenu(id=pid))],
        [(_("Post and pin in the group"), Publish(id=pid))],
        [(_("Follow-up for an objective"), FollowUpMenu(id=pid))],
    ]
    if not ended:
        rows.append([(pause, Pause(id=pid)), (_("End"), End(id=pid))])
    return rows


EDIT_PARTS: dict[Part, str] = {
    Part.NAME: N_("Partner"),
    Part.CONTACT: N_("Contact"),
    Part.NEED: N_("Need"),
    Part.RESOURCES: N_("Resources"),
    Part.DUTIES: N_("Who does what"),
    Part.RECIPE: N_("Recipe"),
}


def edit_rows(tr: Translator, partnership: Partnership) -> list[list[Button]]:
    """The parts of the sheet, two by two; « Objectives » opens them one by one."""
    buttons: list[Button] = [
        (tr.gettext(label), Edit(id=partnership.id, part=part))
        for part, label in EDIT_PARTS.items()
    ]
    buttons.insert(3, (tr.gettext("Objectives"), Objectives(id=partnership.id)))
    return [buttons[i : i + 2] for i in range(0, len(buttons), 2)]


def celebration(tr: Translator, partnership: Partnership, objective: Objective) -> str:
    return "\n".join(
        [
            tr.gettext("🎉 <b>Objective achieved!</b>"),
            f"« {h(objective.text)} »",
            tr.gettext("With: {partner}").format(partner=h(partnership.partner_name)),
            tr.gettext("Thank you to everyone who made it happen!"),
        ]
    )
