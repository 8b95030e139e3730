"""Pure rules of the « partenariat » flow: partner kinds, shared objectives, the recipe checklist.

A committee writes down a partnership: the partner, the need behind it, precise shared
objectives (what will be different, how the committee will know, by when), who brings and does
what, and the « recipe » of a good partnership as a health checklist. The source documents name
imprecise objectives as a main cause of failure, hence `assess_objective`.

User-facing strings are English sources marked with `N_`; callers translate them with gettext.
No Telegram types.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import Enum, StrEnum

from bot.domain.french_dates import MONTHS, WEEKDAYS, fold_text
from bot.domain.texts import N_

PARTNERSHIP_TEXT_LIMIT = 500
WHO_MAX = 60


def partnership_ref(number: int) -> str:
    """P for « partenariat »: P-3, the same in every language."""
    return f"P-{number}"


class PartnerKind(StrEnum):
    HOUSING_OFFICE = "housing_office"
    HEALTH = "health"
    COMMUNITY = "community"
    MUNICIPALITY = "municipality"
    FEDERATION = "federation"
    SCHOOL = "school"
    POLICE = "police"
    EMPLOYMENT = "employment"
    OTHER = "other"


KIND_LABELS: dict[PartnerKind, str] = {
    PartnerKind.HOUSING_OFFICE: N_("Housing office (OH/OMH)"),
    PartnerKind.HEALTH: N_("CLSC or CISSS/CIUSSS"),
    PartnerKind.COMMUNITY: N_("Community organisation"),
    PartnerKind.MUNICIPALITY: N_("City or town"),
    PartnerKind.FEDERATION: N_("Tenants' federation (FLHLMQ)"),
    PartnerKind.SCHOOL: N_("School"),
    PartnerKind.POLICE: N_("Community police"),
    PartnerKind.EMPLOYMENT: N_("Employment services"),
    PartnerKind.OTHER: N_("Other partner"),
}

KIND_NAME_EXAMPLES: dict[PartnerKind, str] = {
    PartnerKind.HOUSING_OFFICE: N_("Longueuil housing office (OMHL)"),
    PartnerKind.HEALTH: N_("Limoilou CLSC"),
    PartnerKind.COMMUNITY: N_("Vanier neighbourhood centre"),
    PartnerKind.MUNICIPALITY: N_("City of Trois-Rivières"),
    PartnerKind.FEDERATION: N_("FLHLMQ (federation of HLM tenants)"),
    PartnerKind.SCHOOL: N_("Petite-Bourgogne school"),
    PartnerKind.POLICE: N_("Neighbourhood police station 15"),
    PartnerKind.EMPLOYMENT: N_("Trois-Rivières youth employment centre"),
    PartnerKind.OTHER: N_("Neighbourhood round table"),
}


@dataclass(frozen=True, slots=True)
class Suggestion:
    text: str  # the objective, short enough for a button
    success_sign: str  # how the committee will know it is reached


# Ideas from the source documents, each made checkable: a number, a frequency or a date.
OBJECTIVE_SUGGESTIONS: dict[PartnerKind, tuple[Suggestion, ...]] = {
    PartnerKind.HOUSING_OFFICE: (
        Suggestion(N_("Common rooms cleaned every week"),
                   N_("A cleaning schedule posted, and no complaint for 3 months")),
        Suggestion(N_("A community room open to tenants 3 days a week"),
                   N_("The keys given to the committee and the hours posted at the entrance")),
        Suggestion(N_("A formal meeting with the office once a year"),
                   N_("The tenants' priorities given in writing, and an answer within 2 months")),
        Suggestion(N_("Urgent repairs done within 48 hours"),
                   N_("A list of requests: 9 out of 10 fixed on time for 6 months")),
    ),
    PartnerKind.HEALTH: (
        Suggestion(N_("Visits to isolated or sick tenants every month"),
                   N_("The CLSC tells the committee how many visits it made each month")),
        Suggestion(N_("A vaccination clinic in the building in October"),
                   N_("The date posted 3 weeks before, and at least 30 tenants vaccinated")),
        Suggestion(N_("A nurse in the community room twice a month"),
                   N_("The visit days posted, and at least 5 tenants each time")),
        Suggestion(N_("A health workshop for seniors every season"),
                   N_("4 workshops held this year, with 10 people or more each time")),
    ),
    PartnerKind.COMMUNITY: (
        Suggestion(N_("Homework help for children twice a week"),
                   N_("A room and 2 volunteers booked, and 10 children signed up by October")),
        Suggestion(N_("A collective kitchen once a month"),
                   N_("A cooking day on the calendar each month, with 6 tenants or more")),
        Suggestion(N_("Food baskets given out in the building every 2 weeks"),
                   N_("The days posted, and no date missed for 3 months")),
        Suggestion(N_("A welcome visit to each new tenant within 30 days"),
                   N_("Each new tenant gets a visit and a welcome sheet")),
    ),
    PartnerKind.MUNICIPALITY: (
        Suggestion(N_("A playground in the park next to the buildings"),
                   N_("The budget voted by the city, and the play structures in place by June")),
        Suggestion(N_("Sidewalks near the buildings cleared after each snowfall"),
                   N_("No day with a blocked sidewalk this winter, in the committee's notes")),
        Suggestion(N_("Street lights on the path to the bus stop"),
                   N_("Lights in place before November, checked one evening by the committee")),
        Suggestion(N_("A bus stop closer to the buildings"),
                   N_("A written answer from the city within 3 months")),
    ),
    PartnerKind.FEDERATION: (
        Suggestion(N_("Training for the board on tenants' rights before June"),
                   N_("At least 4 board members attend the training")),
        Suggestion(N_("Help to prepare the yearly meeting with the office"),
                   N_("A list of priorities ready 2 weeks before the meeting")),
        Suggestion(N_("Send 2 delegates to the federation's congress"),
                   N_("The delegates registered, and a report to tenants after the congress")),
    ),
    PartnerKind.SCHOOL: (
        Suggestion(N_("The gym open to the HLM youth one evening a week"),
                   N_("A schedule agreed with the school, and 15 youths there each week")),
        Suggestion(N_("A meeting for HLM parents at the school in September"),
                   N_("The date posted 2 weeks before, and 10 families there")),
        Suggestion(N_("Homework help with the school, 2 hours a week"),
                   N_("A room booked, and 10 children signed up by October")),
    ),
    PartnerKind.POLICE: (
        Suggestion(N_("A police officer at our meeting 4 times a year"),
                   N_("The visits on the calendar, and an answer to each question from tenants")),
        Suggestion(N_("A safety walk around the buildings in the spring"),
                   N_("A list of unsafe spots given to the city and the office by June")),
        Suggestion(N_("A session on fraud against seniors in November"),
                   N_("At least 15 tenants there, and a sheet posted afterwards")),
    ),
    PartnerKind.EMPLOYMENT: (
        Suggestion(N_("A job day in the community room in the spring"),
                   N_("The date posted 1 month before, and 20 tenants there")),
        Suggestion(N_("Paid summer jobs for 5 youths from the buildings"),
                   N_("5 youths hired by June, for the upkeep of the grounds")),
        Suggestion(N_("Help with resumes in the community room twice a month"),
                   N_("The days posted on the notice board, and 8 people helped by December")),
    ),
    PartnerKind.OTHER: (
        Suggestion(N_("A meeting with the partner every 3 months"),
                   N_("4 meetings this year, each with a short written record")),
        Suggestion(N_("A working committee with the partner, every month"),
                   N_("A topic chosen, and each decision written down after the meeting")),
        Suggestion(N_("A tenants' party in the common room in June"),
                   N_("The party held, with at least 40 people")),
    ),
}  # fmt: skip


class Vagueness(Enum):
    TOO_SHORT = "too_short"
    VAGUE_WORDS = "vague_words"
    NO_SUCCESS_SIGN = "no_success_sign"
    NO_TARGET_DATE = "no_target_date"


VAGUENESS_HINTS: dict[Vagueness, str] = {
    Vagueness.TOO_SHORT: N_(
        "Can you say a little more? What, where, how often. "
        "Example: Clean the common rooms every week."
    ),
    Vagueness.VAGUE_WORDS: N_(
        "What will be different, concretely? Add a number, a frequency or a date. "
        "Example: Repair the hallway lights within 2 weeks."
    ),
    Vagueness.NO_SUCCESS_SIGN: N_(
        "How will you know it worked? Example: No complaint about the laundry room for 3 months."
    ),
    Vagueness.NO_TARGET_DATE: N_(
        "By when? Choose a date, even an approximate one: it helps with the follow-up."
    ),
}

MIN_OBJECTIVE_WORDS = 4
# Words joined by an apostrophe or a hyphen count once: « d'ici », « vivre-ensemble ».
_WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")
# Folded (lower case, no accents) French and English words that sound good but say nothing
# checkable on their own.
_VAGUE = re.compile(
    r"\b(?:amelior\w*|favoris\w*|mieux|plus|moins|davantage|sensibilis\w*|encourag\w*"
    r"|develop\w*|augment\w*|renforc\w*|promouv\w*|promotion|accroi\w*|optimis\w*|valoris\w*"
    r"|meilleur\w*|bonifi\w*|facilit\w*|bons?|bonnes?|qualite|rapid\w*|vite"
    r"|improv\w*|promot\w*|better|more|less|awareness|increas\w*|strengthen\w*|foster\w*"
    r"|enhanc\w*|boost\w*|good|quality|quick\w*|fast\w*)\b"
)
_NUMBER = re.compile(
    r"\d|\b(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente"
    r"|quarante|cinquante|cent|mille|moitie|douzaine|two|three|four|five|seven|eight|nine|ten"
    r"|twelve|fifteen|twenty|thirty|forty|fifty|hundred|half|dozen|once|twice)s?\b"
)
_UNIT = (
    r"(?:jours?|semaines?|mois|ans?|annees?|soirs?|soirees?|matins?|saisons?|trimestres?"
    r"|fins?\s+de\s+semaine|days?|weeks?|months?|years?|evenings?|mornings?|seasons?|terms?"
    r"|weekends?|" + "|".join(f"{day}s?" for day in WEEKDAYS) + ")"
)
_FREQUENCY = re.compile(
    r"\b(?:chaque|par|tous\s+les|toutes\s+les|aux|a\s+la|every|each|per|a|an)\s+(?:\w+\s+)?"
    + _UNIT
    + r"\b|\b(?:hebdomadaires?|mensuel\w*|annuel\w*|quotidien\w*|trimestriel\w*|weekly"
    r"|monthly|yearly|annual\w*|daily|quarterly)\b"
)
# « may » and « march » are left out: too often a verb in English.
_EN_MONTHS = "january february april june july august september october november december"
_MONTH_NAMES = "|".join([*MONTHS, *_EN_MONTHS.split()])
_DATE = re.compile(
    r"\b(?:" + _MONTH_NAMES + "|" + "|".join(WEEKDAYS) + r")\b|\bd'ici\b"
    r"|\bavant\s+(?:le|la|les|l')|\b(?:au|cet|en|l')\s*(?:printemps|ete|automne|hiver)\b"
    r"|\b(?:rentree|noel|christmas)\b|\bcette\s+annee\b|\bthis\s+year\b"
    r"|\b(?:this|next|the|by|before)\s+(?:spring|summer|fall|autumn|winter)\b"
)
# Tangible things: an objective about one of them is concrete enough (« réparer la porte »).
_THING = re.compile(
    r"\b(?:portes?|salles?|local|locaux|parcs?|jeux|modules?|cliniques?|bancs?|eclairage"
    r"|lumieres?|lampadaires?|trottoirs?|babillards?|affiches?|ascenseurs?|buanderies?"
    r"|laveuses?|secheuses?|jardins?|potagers?|poubelles?|bacs?|conteneurs?|cameras?"
    r"|serrures?|fenetres?|toits?|escaliers?|stationnements?|terrains?|rampes?|abribus"
    r"|autobus|balcons?|corridors?|couloirs?|entrees?|clotures?|chauffage|infirmieres?"
    r"|vaccins?|vaccination|ordinateurs?|paniers?|gymnases?|cles?|clefs?|boites?"
    r"|comptes?\s+rendus?|doors?|rooms?|playgrounds?|clinics?|benches|bench|lights?"
    r"|lighting|lamps?|sidewalks?|notice\s*boards?|elevators?|laundry|washers?|dryers?"
    r"|gardens?|bins?|containers?|locks?|windows?|roofs?|stairs?|staircases?|parking"
    r"|ramps?|bus\s+stops?|balcon(?:y|ies)|hallways?|entrances?|lobby|fences?|heating"
    r"|nurses?|vaccines?|computers?|baskets?|gyms?|keys?|mailbox(?:es)?|minutes)\b"
)


def _is_measurable(folded: str) -> bool:
    return any(pattern.search(folded) for pattern in (_NUMBER, _FREQUENCY, _DATE, _THING))


def assess_objective(text: str, success_sign: str | None, target: date | None) -> list[Vagueness]:
    """What keeps an objective from being checkable, in `Vagueness` order; [] when precise.

    Works on French (and English) text, whatever the case and accents. Only the objective's own
    text is read for vague words: the success sign and the date are asked for separately.
    """
    folded = fold_text(text)[0]
    found: list[Vagueness] = []
    if len(_WORD.findall(folded)) < MIN_OBJECTIVE_WORDS:
        found.append(Vagueness.TOO_SHORT)
    if _VAGUE.search(folded) and not _is_measurable(folded):
        found.append(Vagueness.VAGUE_WORDS)
    if not (success_sign or "").strip():
        found.append(Vagueness.NO_SUCCESS_SIGN)
    if target is None:
        found.append(Vagueness.NO_TARGET_DATE)
    return found


class Ingredient(StrEnum):
    """The recipe of a good partnership, in checklist order."""

    INFORMATION = "information"
    TIME = "time"
    MANDATE = "mandate"
    RESPECT = "respect"
    TRANSPARENCY = "transparency"
    NO_FAVOURITISM = "no_favouritism"
    FOLLOW_UP = "follow_up"


INGREDIENT_QUESTIONS: dict[Ingredient, str] = {
    Ingredient.INFORMATION: N_(
        "Do you get information from this partner that tenants can understand?"
    ),
    Ingredient.TIME: N_("Do you have enough time to inform and consult tenants before deciding?"),
    Ingredient.MANDATE: N_("Does your representative have a clear mandate from the committee?"),
    Ingredient.RESPECT: N_("Is there respect and trust on both sides?"),
    Ingredient.TRANSPARENCY: N_("Does the partner share its decisions and documents openly?"),
    Ingredient.NO_FAVOURITISM: N_("Are all tenants treated the same way, without favours?"),
    Ingredient.FOLLOW_UP: N_("Do you follow up on each request until you get an answer?"),
}


class Answer(StrEnum):
    YES = "yes"
    PARTLY = "partly"
    NO = "no"


ANSWER_LABELS: dict[Answer, str] = {
    Answer.YES: N_("Yes"),
    Answer.PARTLY: N_("Partly"),
    Answer.NO: N_("No"),
}

NEXT_STEPS: dict[Ingredient, str] = {
    Ingredient.INFORMATION: N_(
        "Ask the partner for documents in plain language, before each meeting."
    ),
    Ingredient.TIME: N_("Ask for the documents two weeks before a decision, to consult tenants."),
    Ingredient.MANDATE: N_("Give your representative a written mandate (/mandat)."),
    Ingredient.RESPECT: N_(
        "Agree on simple rules for your meetings, and thank the partner for each success."
    ),
    Ingredient.TRANSPARENCY: N_(
        "Ask for the minutes of the partner's meetings, and share yours with all tenants."
    ),
    Ingredient.NO_FAVOURITISM: N_(
        "Ask for clear rules, the same for all tenants. If needed, talk to your CCR."
    ),
    Ingredient.FOLLOW_UP: N_("Write down each request and its date, and follow up (/decision)."),
}


def next_steps(answers: Mapping[Ingredient, Answer]) -> list[str]:
    """A next step for each ingredient not answered YES (a missing answer counts), in order."""
    return [NEXT_STEPS[item] for item in Ingredient if answers.get(item) is not Answer.YES]


def recipe_score(answers: Mapping[Ingredient, Answer]) -> tuple[int, int]:
    """(ingredients answered YES, all ingredients): PARTLY is not counted, to keep it honest."""
    return sum(answers.get(item) is Answer.YES for item in Ingredient), len(Ingredient)


def clip(text: str, limit: int) -> tuple[str, bool]:
    """Spaces collapsed and trimmed, newlines kept (at most one blank line in a row), then cut at
    `limit` on a word boundary when one is near; also tells whether it was cut."""
    lines: list[str] = []
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if line or (lines and lines[-1]):
            lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    cleaned = "\n".join(lines)
    if len(cleaned) <= limit or not cleaned:
        return cleaned, False
    if limit <= 0:
        return "", True
    head = cleaned[:limit]
    if not cleaned[limit].isspace():
        boundary = max(head.rfind(" "), head.rfind("\n"))
        # Only back up to a space if it keeps most of the text: one long word is cut anyway.
        if boundary >= limit // 2:
            head = head[:boundary]
    return head.rstrip(), True


@dataclass(frozen=True, slots=True)
class Responsibility:
    who: str | None  # « Marie », « L'office »; None when the line names nobody apart
    what: str


@dataclass(frozen=True, slots=True)
class ResponsibilitiesParse:
    items: list[Responsibility]
    cut: bool  # lines dropped or shortened: the bot says so


_BULLET = re.compile(r"^(?:[-–—•*·▪►✦>]+|\d{1,2}[.)](?=\s))\s*")
# « — », a colon (not in « 18:30 » nor « https:// »), or a hyphen or « – » with a space on at
# least one side, so « Saint-Michel », « re-faire » and « lundi–mardi » stay whole.
_SEPARATOR = re.compile(r"\s*(?:—+|(?:(?<!\d):|:(?!\d))(?!//)|(?<=\s)[-–]+|[-–]+(?=\s))\s*")
HYPHEN_WHO_MAX = 40  # a hyphen is a weaker sign than a dash: only near the start


def _split_who(line: str) -> tuple[str | None, str]:
    for match in _SEPARATOR.finditer(line):
        if match.start() > WHO_MAX:
            break
        if "-" in match.group() and match.start() > HYPHEN_WHO_MAX:
            continue
        who = line[: match.start()].strip()
        what = line[match.end() :].strip()
        if any(char.isalpha() for char in who) and any(char.isalnum() for char in what):
            return who, what
    return None, line.rstrip(" :—–-").strip()


def parse_responsibilities(
    text: str, *, max_lines: int = 20, max_length: int = 300
) -> ResponsibilitiesParse:
    """One responsibility per line: « Marie — appelle l'office », « L'office : répare la porte »,
    « - le comité réserve la salle » (bullets allowed). No separator: `who` is None."""
    items: list[Responsibility] = []
    cut = False
    for raw in text.splitlines():
        line = _BULLET.sub("", " ".join(raw.split()), count=1)
        if not line.strip():
            continue
        if len(items) >= max_lines:
            cut = True
            break
        who, what = _split_who(line)
        what, shortened = clip(what, max_length)
        cut = cut or shortened
        if what:
            items.append(Responsibility(who, what))
    return ResponsibilitiesParse(items, cut)
