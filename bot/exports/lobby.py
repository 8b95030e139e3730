"""A sheet for the lobby: what residents read on the notice board, in large type.

Many residents are not on Telegram, some read with difficulty, and a notice board is read
standing: body text of 14 to 16 pt, left-aligned, plain headings, the committee's contact (a
name, and how to reach them), and QR codes to the anonymous box and to the channel. Internal
codes (D-12, S-7) never appear in it; a link under a QR code is printed small, for typing.

`render_lobby_sheet` takes what to print (a `LobbySheet`); the features fill one from a
compte rendu, the yearly priorities, a notice for the residents.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

import segno
from fpdf.enums import Align, XPos, YPos

from bot.domain.residents import Contact, NoticeSection
from bot.exports.common import clean_text, one_line
from bot.exports.pdf import FONT_DIR, FontedPdf
from bot.i18n import Translator

# Tried in order until the sheet fits on one page; the last one may use more pages.
BODY_SIZES: tuple[float, ...] = (16.0, 15.0, 14.0)
TITLE_SIZE = 24.0
SMALL_SIZE = 10.0  # the footer and the links under QR codes: never anything to read first
QR_SIZE = 38.0  # mm: scans from a step away with a phone
_FAMILY = "dejavu"
_MM_PER_PT = 25.4 / 72
_LEADING = 1.3
_MARGIN = 20.0
_TOP = 18.0
_BOTTOM = 22.0
_FOOTER_FROM_BOTTOM = 14.0
_REPLACEMENT = "\ufffd"
_SPACES = re.compile(r" {2,}")
# Marks and isolates that say which way a run reads (see bot/i18n.py): kept for the shaper.
_BIDI_CONTROLS = frozenset("\u200e\u200f\u061c\u2066\u2067\u2068\u2069")


@dataclass(frozen=True, slots=True)
class QrCode:
    """A link to print as a QR code, with what it is for in words (`caption`)."""

    url: str
    caption: str


@dataclass(frozen=True, slots=True)
class LobbySheet:
    """What to print, already in the residents' language."""

    committee_name: str
    title: str
    sections: tuple[NoticeSection, ...] = ()
    subtitle: str | None = None
    contact: Contact | None = None
    codes: tuple[QrCode, ...] = ()


def qr_png(url: str) -> bytes:
    """The QR code of `url` as a PNG image (black on white, with its quiet zone)."""
    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(buffer, kind="png", scale=8, border=4)
    return buffer.getvalue()


def render_lobby_sheet(sheet: LobbySheet, tr: Translator, *, printed_on: date) -> bytes:
    """The sheet as PDF bytes (Letter). `printed_on` goes in the footer and the metadata, so
    the same sheet printed the same day gives the same bytes."""
    images = [qr_png(code.url) for code in sheet.codes]
    texts = [sheet.title, sheet.committee_name, sheet.subtitle or ""]
    texts += [
        line for section in sheet.sections for line in (section.heading or "", *section.lines)
    ]
    texts += [sheet.contact.name, sheet.contact.how or ""] if sheet.contact else []
    texts += [code.caption for code in sheet.codes]
    for body in BODY_SIZES:
        pdf = LobbyPdf.for_texts(body, tr, texts)
        try:
            pdf.compose(sheet, tr, images)
            if pdf.pages_count == 1 or body == BODY_SIZES[-1]:
                pdf.finish(sheet, tr, printed_on)
                return bytes(pdf.output())
        finally:
            pdf.close_fonts()
    raise AssertionError("unreachable: the last size always returns")


class LobbyPdf(FontedPdf):
    """A page in large type, for the lobby (the sheets of an assembly build on it).

    As the record sheet (bot/exports/pdf.py): text in a script whose letters join (Arabic) is
    shaped with HarfBuzz, each paragraph in its own direction; a sheet in a right-to-left
    language is aligned right.
    """

    def __init__(self, body: float, *, right_to_left: bool = False, shaped: bool = False) -> None:
        super().__init__(orientation="portrait", unit="mm", format="letter")
        self.body = body
        self.right_to_left = right_to_left
        self.shaped = shaped or right_to_left
        self.add_font(_FAMILY, "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font(_FAMILY, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        if self.shaped:
            self.set_text_shaping(use_shaping_engine=True)
        self._glyphs = self._shared_glyphs()
        self.set_margins(_MARGIN, _TOP, _MARGIN)
        self.set_auto_page_break(True, margin=_BOTTOM)
        self.add_page()

    @classmethod
    def for_texts(cls, body: float, tr: Translator, texts: Sequence[str]) -> LobbyPdf:
        """A page for these texts in `tr`'s language: shaped when any of them needs it."""
        joins = any(
            unicodedata.bidirectional(char) in ("R", "AL") for text in texts for char in text
        )
        return cls(body, right_to_left=tr.right_to_left, shaped=joins)

    @property
    def align(self) -> Align:
        return Align.R if self.right_to_left else Align.L

    def printable(self, text: str) -> str:
        """Text the fonts can draw: emoji left out, other unknown characters marked."""
        out: list[str] = []
        for char in clean_text(text):
            kept = char == "\n" or ord(char) in self._glyphs
            # Which way a run reads: kept for the shaper.
            if kept or (char in _BIDI_CONTROLS and self.shaped):
                out.append(char)
            elif unicodedata.category(char)[0] == "Z":
                out.append(" ")
            elif unicodedata.category(char)[0] not in "MS" and unicodedata.category(char) != "Cf":
                out.append(_REPLACEMENT)
        return "\n".join(_SPACES.sub(" ", line).strip() for line in "".join(out).split("\n"))

    @staticmethod
    def line_height(size: float) -> float:
        return size * _MM_PER_PT * _LEADING

    # --- layout -------------------------------------------------------------------------------

    def compose(self, sheet: LobbySheet, tr: Translator, images: Sequence[bytes]) -> None:
        self.paragraph(one_line(sheet.title) or "—", TITLE_SIZE, bold=True)
        self.paragraph(one_line(sheet.committee_name), self.body + 3, bold=True)
        if sheet.subtitle:
            self.paragraph(one_line(sheet.subtitle), self.body)
        self.space(self.body * 0.4)
        self.rule()
        for section in sheet.sections:
            if section.heading:
                self.heading(section.heading)
            else:
                self.space(self.body * 0.4)
            for line in section.lines:
                self.paragraph(("• " if section.bullets else "") + line, self.body)
                self.space(self.body * 0.12)
        if sheet.contact is not None:
            self.heading(tr.gettext("To reach the committee"))
            self.paragraph(sheet.contact.name, self.body, bold=True)
            if sheet.contact.how:
                self.paragraph(sheet.contact.how, self.body)
        if sheet.codes:
            self._codes(sheet.codes, images)

    def finish(self, sheet: LobbySheet, tr: Translator, printed_on: date) -> None:
        footer = tr.gettext("Prepared with comite-bot on {day}").format(
            day=tr.format_day(printed_on)
        )
        total = self.pages_count
        self.set_auto_page_break(False)
        self.set_font(_FAMILY, "", SMALL_SIZE)
        self.set_text_color(80)
        for number in range(1, total + 1):
            self.page = number
            self.set_xy(self.l_margin, self.h - _FOOTER_FROM_BOTTOM)
            self.cell(
                self.epw, self.line_height(SMALL_SIZE), self.printable(footer), align=self.align
            )
            if total > 1:
                self.set_xy(self.l_margin, self.h - _FOOTER_FROM_BOTTOM)
                self.cell(
                    self.epw,
                    self.line_height(SMALL_SIZE),
                    f"{number}/{total}",
                    align=Align.L if self.right_to_left else Align.R,
                )
        self.page = total
        self.set_title(one_line(sheet.title) or "comite-bot")
        self.set_subject(one_line(sheet.committee_name) or "comite-bot")
        self.set_creator("comite-bot")
        self.set_lang(tr.locale.replace("_", "-"))
        self.set_creation_date(datetime.combine(printed_on, time(), tzinfo=UTC))

    def paragraph(self, text: str, size: float, *, bold: bool = False) -> None:
        self.set_text_color(0)
        self.set_font(_FAMILY, "B" if bold else "", size)
        self.set_x(self.l_margin)
        self.multi_cell(
            self.epw,
            self.line_height(size),
            self.printable(text),
            align=self.align,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )

    def heading(self, text: str) -> None:
        size = self.body + 3
        self.space(self.body * 0.5)
        # A heading stays with the first lines of its section.
        if self.y > self.t_margin and self.will_page_break(
            self.line_height(size) + 2 * self.line_height(self.body)
        ):
            self.add_page()
        self.paragraph(text, size, bold=True)
        self.space(self.body * 0.15)

    def _codes(self, codes: Sequence[QrCode], images: Sequence[bytes]) -> None:
        """QR codes side by side, each with its caption beside it in body type and its link
        small under the code: together they take little more than a code's height, so a
        compte rendu and its codes fit on one page."""
        column = self.epw / len(codes)
        text_width = column - QR_SIZE - 6
        self.set_font(_FAMILY, "", self.body)
        captions = [self.printable(code.caption) for code in codes]
        links = [self.printable(code.url.removeprefix("https://")) for code in codes]
        needed = max(
            max(
                self._height(caption, text_width, self.body),
                QR_SIZE + 1 + self._height(link, QR_SIZE, SMALL_SIZE),
            )
            for caption, link in zip(captions, links, strict=True)
        )
        self.space(self.body * 0.8)
        if self.will_page_break(needed):
            self.add_page()
        top = self.y
        bottom = top + QR_SIZE
        for index, (code, image) in enumerate(zip(codes, images, strict=True)):
            left = self.l_margin + index * column
            self.image(io.BytesIO(image), x=left, y=top, w=QR_SIZE, h=QR_SIZE, alt_text=code.url)
            self.set_xy(left, top + QR_SIZE + 1)
            self.set_font(_FAMILY, "", SMALL_SIZE)
            self.set_text_color(60)
            self.multi_cell(QR_SIZE, self.line_height(SMALL_SIZE), links[index], align=Align.L)
            bottom = max(bottom, self.y)
            self.set_xy(left + QR_SIZE + 3, top + 1)
            self.set_font(_FAMILY, "", self.body)
            self.set_text_color(0)
            self.multi_cell(
                text_width, self.line_height(self.body), captions[index], align=self.align
            )
            bottom = max(bottom, self.y)
        self.set_xy(self.l_margin, bottom)

    def _height(self, text: str, width: float, size: float) -> float:
        lines = self.multi_cell(width, self.line_height(size), text, dry_run=True, output="LINES")
        return len(lines) * self.line_height(size) if isinstance(lines, list) else 0.0

    def space(self, height: float) -> None:
        if self.y > self.t_margin:
            self.set_y(min(self.y + height, self.page_break_trigger))

    def rule(self) -> None:
        self.set_draw_color(120)
        self.set_line_width(0.4)
        self.line(self.l_margin, self.y, self.w - self.r_margin, self.y)
