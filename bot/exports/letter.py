"""A request to a partner as a formal letter: short, polite, printable (PDF) or pasted in an email.

The committee's name and address line, the date, the partner's contact, « Objet », the request
in the committee's own words, a polite closing, the signature and how to reach the committee.
A lettre de relance cites the first request, its date and its number. Parts the committee did
not write (no address, no contact yet) are left out rather than invented.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos
from fpdf.fonts import TTFFont

from bot.domain.request_letters import (
    Letter,
    LetterKind,
    LetterPart,
    relance_answer_by,
    short_subject,
)
from bot.domain.requests import Request, request_ref
from bot.exports.common import clean_text, one_line, slugify
from bot.exports.pdf import FONT_DIR
from bot.i18n import Translator

_FAMILY = "dejavu"
_BODY = 11.5
_SMALL = 10.0
_NAME = 13.0
_MM_PER_PT = 25.4 / 72
_LEADING = 1.35
_MARGIN = 25.0
_SIGNING_ROOM = 14.0  # mm left blank above the signature, to sign by hand


@dataclass(frozen=True, slots=True)
class LetterSheet:
    """A letter ready to lay out; every text already in the letter's language."""

    committee_name: str
    address: str
    contact: str
    date_line: str
    recipient: str
    subject_label: str
    subject: str
    salutation: str
    paragraphs: tuple[str, ...]
    closing: str
    signature: str
    reference: str
    written_on: date


def long_day(tr: Translator, day: date) -> str:
    """« 23 novembre 2026 », « 1er mars 2027 », « November 23, 2026 »: a letter's date."""
    return tr.format_long_day(day)


def default_subject(tr: Translator, kind: LetterKind, request: Request) -> str:
    if kind is LetterKind.RELANCE:
        return tr.gettext("Follow-up to our request {ref} of {day}").format(
            ref=request_ref(request.number), day=long_day(tr, request.sent_on)
        )
    return short_subject(request.what)


def default_recipient(request: Request, contact_person: str | None) -> str:
    """The person the request went to (or the partnership's contact), then the partner."""
    lines = [request.addressed_to or contact_person or "", request.partner_name or ""]
    return "\n".join(line for line in lines if line.strip())


def default_parts(
    tr: Translator,
    kind: LetterKind,
    request: Request,
    *,
    committee_name: str,
    letterhead: Mapping[LetterPart, str],
    signer_name: str | None,
    contact_person: str | None,
) -> dict[LetterPart, str]:
    """A new letter's parts: the committee's last address, contact and signature (or its
    signer's name), the partner's contact, a subject, and the request as it was written."""
    signature = letterhead.get(LetterPart.SIGNATURE) or "\n".join(
        x for x in (signer_name, committee_name) if x
    )
    return {
        LetterPart.ADDRESS: letterhead.get(LetterPart.ADDRESS, ""),
        LetterPart.CONTACT: letterhead.get(LetterPart.CONTACT, ""),
        LetterPart.RECIPIENT: default_recipient(request, contact_person),
        LetterPart.SUBJECT: default_subject(tr, kind, request),
        LetterPart.BODY: request.what,
        LetterPart.SIGNATURE: signature,
    }


def letter_sheet(
    tr: Translator, letter: Letter, request: Request, committee_name: str
) -> LetterSheet:
    """The letter's parts, with the sentences around the committee's own words."""
    _ = tr.gettext
    ref = request_ref(request.number)
    body = letter.part(LetterPart.BODY) or request.what
    if letter.kind is LetterKind.RELANCE:
        paragraphs = (
            _("On {day}, we sent you the following request (our reference: {ref}):").format(
                day=long_day(tr, request.sent_on), ref=ref
            ),
            f"« {body} »",
            _(
                "We have not received an answer yet. We are writing to remind you of it, and "
                "would appreciate an answer by {day}."
            ).format(day=long_day(tr, relance_answer_by(letter.written_on))),
        )
    else:
        paragraphs = (
            _(
                "We are writing to you on behalf of our committee, {committee}, to make the "
                "following request:"
            ).format(committee=committee_name),
            body,
            _("We would appreciate an answer by {day}. Our reference: {ref}.").format(
                day=long_day(tr, request.expected_on), ref=ref
            ),
        )
    return LetterSheet(
        committee_name=committee_name,
        address=letter.part(LetterPart.ADDRESS),
        contact=letter.part(LetterPart.CONTACT),
        date_line=long_day(tr, letter.written_on),
        recipient=letter.part(LetterPart.RECIPIENT),
        subject_label=_("Subject:"),
        subject=letter.part(LetterPart.SUBJECT) or default_subject(tr, letter.kind, request),
        salutation=_("Madam, Sir,"),
        paragraphs=paragraphs,
        closing=_("Thank you for your attention to this request. Please accept our best regards."),
        signature=letter.part(LetterPart.SIGNATURE),
        reference=ref,
        written_on=letter.written_on,
    )


def letter_text(sheet: LetterSheet) -> str:
    """The letter as plain text, to paste in an email (nothing empty, no markup)."""
    blocks = [
        "\n".join(x for x in (sheet.committee_name, sheet.address, sheet.contact) if x.strip()),
        sheet.date_line,
        sheet.recipient,
        f"{sheet.subject_label} {sheet.subject}",
        sheet.salutation,
        *sheet.paragraphs,
        sheet.closing,
        sheet.signature,
    ]
    return "\n\n".join(clean_text(block) for block in blocks if block.strip())


def letter_file_name(sheet: LetterSheet) -> str:
    """« lettre-q-4-2026-11-23.pdf » (the stem from the reference, safe everywhere)."""
    return f"{slugify('lettre ' + sheet.reference)}-{sheet.written_on.isoformat()}.pdf"


def render_letter_pdf(sheet: LetterSheet, *, lang: str = "fr-CA") -> bytes:
    """The letter on one Letter-size page (more if the request is very long), as PDF bytes.
    Reproducible: the creation date is the letter's date."""
    pdf = _LetterPdf()
    try:
        pdf.compose(sheet)
        pdf.set_title(one_line(sheet.subject) or sheet.reference)
        pdf.set_subject(one_line(sheet.committee_name))
        pdf.set_creator("comite-bot")
        pdf.set_lang(lang)
        pdf.set_creation_date(datetime.combine(sheet.written_on, time(), tzinfo=UTC))
        return bytes(pdf.output())
    finally:
        pdf.close_fonts()


class _LetterPdf(FPDF):
    def __init__(self) -> None:
        super().__init__(orientation="portrait", unit="mm", format="letter")
        self.add_font(_FAMILY, "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font(_FAMILY, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        covered: set[int] | None = None
        for font in self.fonts.values():
            if isinstance(font, TTFFont):
                codes = set(font.cmap)
                covered = codes if covered is None else covered & codes
        self._glyphs = frozenset(covered or ())
        self.set_margins(_MARGIN, _MARGIN, _MARGIN)
        self.set_auto_page_break(True, margin=_MARGIN)
        self.add_page()

    def close_fonts(self) -> None:
        for font in self.fonts.values():
            if isinstance(font, TTFFont):
                font.close()

    def printable(self, text: str) -> str:
        """Text the fonts can draw: emoji dropped, other unknown characters marked."""
        out: list[str] = []
        for char in clean_text(text):
            if char == "\n" or ord(char) in self._glyphs:
                out.append(char)
            elif unicodedata.category(char)[0] == "Z":
                out.append(" ")
            elif unicodedata.category(char)[0] not in "MS" and unicodedata.category(char) != "Cf":
                out.append("\ufffd")
        return "\n".join(" ".join(line.split()) for line in "".join(out).split("\n"))

    def compose(self, sheet: LetterSheet) -> None:
        self._lines(sheet.committee_name, _NAME, bold=True)
        self._lines("\n".join(x for x in (sheet.address, sheet.contact) if x.strip()), _SMALL)
        self._gap(8)
        self._lines(sheet.date_line, _BODY, align=Align.R)
        self._gap(6)
        self._lines(sheet.recipient, _BODY)
        self._gap(8)
        self._lines(f"{sheet.subject_label} {sheet.subject}", _BODY, bold=True)
        self._gap(6)
        self._lines(sheet.salutation, _BODY)
        for paragraph in sheet.paragraphs:
            self._gap(3.5)
            self._lines(paragraph, _BODY)
        self._gap(3.5)
        self._lines(sheet.closing, _BODY)
        self._gap(_SIGNING_ROOM)
        self._lines(sheet.signature, _BODY)

    def _lines(
        self, text: str, size: float, *, bold: bool = False, align: Align = Align.L
    ) -> None:
        text = self.printable(text)
        if not text.strip():
            return
        self.set_font(_FAMILY, "B" if bold else "", size)
        self.set_x(self.l_margin)
        self.multi_cell(
            self.epw,
            size * _MM_PER_PT * _LEADING,
            text,
            align=align,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )

    def _gap(self, height: float) -> None:
        if self.y > self.t_margin:
            self.set_y(min(self.y + height, self.page_break_trigger))
