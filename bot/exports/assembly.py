"""The paper of a general assembly: an attendance sheet to sign, and a ballot to fill in.

Both are read standing or with poor eyesight, like the sheet for the lobby (bot/exports/
lobby.py, whose page they build on): 16 pt text, left-aligned, boxes large enough to write
in or tick with a pen. No internal codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.exports.common import one_line
from bot.exports.lobby import LobbyPdf, LobbySheet
from bot.i18n import Translator

BODY = 16.0
ROW_HEIGHT = 13.0  # mm: room to write a name by hand
BOX = 7.0  # mm: a box to tick
# Name, apartment, signature: shares of the page's width.
COLUMNS = (0.45, 0.2, 0.35)


@dataclass(frozen=True, slots=True)
class AssemblyPaper:
    """What both sheets say at the top, already in the residents' language."""

    committee_name: str
    title: str  # « Assemblée générale »
    when: str  # « Jeudi 10 décembre 2026 à 19 h »
    place: str | None = None
    questions: tuple[str, ...] = ()


def _texts(paper: AssemblyPaper) -> list[str]:
    return [paper.committee_name, paper.title, paper.when, paper.place or "", *paper.questions]


def _top(pdf: LobbyPdf, paper: AssemblyPaper, heading: str, tr: Translator) -> None:
    pdf.paragraph(heading, 28.0, bold=True)
    pdf.paragraph(one_line(paper.committee_name), BODY + 3, bold=True)
    pdf.paragraph(f"{one_line(paper.title)} — {one_line(paper.when)}", BODY)
    if paper.place:
        pdf.paragraph(tr.gettext("Where: {place}").format(place=one_line(paper.place)), BODY)
    pdf.space(BODY * 0.4)
    pdf.rule()
    pdf.space(BODY * 0.6)


def _finish(pdf: LobbyPdf, paper: AssemblyPaper, heading: str, tr: Translator, day: date) -> bytes:
    try:
        pdf.finish(LobbySheet(paper.committee_name, heading), tr, day)
        return bytes(pdf.output())
    finally:
        pdf.close_fonts()


def render_attendance_sheet(paper: AssemblyPaper, tr: Translator, *, printed_on: date) -> bytes:
    """A table to sign: name, apartment, signature; as many rows as fit, on two pages."""
    heading = tr.gettext("Attendance sheet")
    pdf = LobbyPdf.for_texts(BODY, tr, _texts(paper))
    _top(pdf, paper, heading, tr)
    labels = (tr.gettext("Name"), tr.gettext("Apartment"), tr.gettext("Signature"))
    widths = [share * pdf.epw for share in COLUMNS]
    for page in range(2):
        if page:
            pdf.add_page()
        pdf.set_font("dejavu", "B", BODY)
        pdf.set_draw_color(0)
        pdf.set_line_width(0.3)
        for label, width in zip(labels, widths, strict=True):
            pdf.cell(width, ROW_HEIGHT, pdf.printable(label), border=1, align=pdf.align)
        pdf.ln(ROW_HEIGHT)
        while pdf.y + ROW_HEIGHT < pdf.page_break_trigger:
            for width in widths:
                pdf.cell(width, ROW_HEIGHT, "", border=1)
            pdf.ln(ROW_HEIGHT)
    return _finish(pdf, paper, heading, tr, printed_on)


def render_ballot(paper: AssemblyPaper, tr: Translator, *, printed_on: date) -> bytes:
    """Each question, with a box for « for », « against » and « abstain »."""
    heading = tr.gettext("Ballot")
    pdf = LobbyPdf.for_texts(BODY, tr, _texts(paper))
    _top(pdf, paper, heading, tr)
    pdf.paragraph(tr.gettext("Tick one box per question."), BODY)
    choices = (tr.gettext("For"), tr.gettext("Against"), tr.gettext("Abstain"))
    for number, question in enumerate(paper.questions, start=1):
        pdf.heading(f"{number}. {one_line(question)}")
        if pdf.will_page_break(BOX + 4):
            pdf.add_page()
        top = pdf.y + 1
        left = pdf.l_margin
        pdf.set_font("dejavu", "", BODY)
        pdf.set_draw_color(0)
        pdf.set_line_width(0.4)
        for label in choices:
            pdf.rect(left, top, BOX, BOX)
            pdf.set_xy(left + BOX + 2, top)
            text = pdf.printable(label)
            pdf.cell(pdf.get_string_width(text) + 2, BOX, text)
            left += BOX + pdf.get_string_width(text) + 14
        pdf.set_xy(pdf.l_margin, top + BOX + 2)
    return _finish(pdf, paper, heading, tr, printed_on)
