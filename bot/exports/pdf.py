"""The compte rendu printed for the notice board: Letter, large type, one page if at all possible.

Many residents are not on Telegram, so this sheet is how they learn what was decided.

Arabic (and any text in a script whose letters join, such as a resident's name) is shaped
with HarfBuzz (fpdf2's text shaping, the `uharfbuzz` package): letters take their joined
forms, and each paragraph is laid out in its own direction by fpdf2's bidi algorithm. A sheet
in a right-to-left language is mirrored: text aligned right, references in the right column.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import Align, MethodReturnValue, XPos, YPos
from fpdf.fonts import TTFFont

from bot.domain.records import RecordSheet, decision_ref, follow_up_ref
from bot.exports.common import (
    attendee_names,
    capitalize_first,
    clean_text,
    one_line,
    status_label,
)
from bot.i18n import Translator

FONT_DIR = Path(__file__).resolve().parent.parent / "assets" / "fonts"
_FAMILY = "dejavu"

# Tried in order until everything fits on one page; the last one may use more pages.
BODY_SIZES: tuple[float, ...] = (14.0, 13.0, 12.0, 11.0)
MIN_TITLE_SIZE = 22.0
_FOOTER_SIZE = 10.0
_MM_PER_PT = 25.4 / 72
_LEADING = 1.3

# Letter, in mm. Margins leave room for a thumbtack and for printers that cannot print edges.
_SIDE_MARGIN = 20.0
_TOP_MARGIN = 18.0
_BOTTOM_MARGIN = 22.0
_FOOTER_FROM_BOTTOM = 14.0

# Printed for unsupported characters that carry meaning (a name in another script):
# a visible mark is better than a silent gap.
_REPLACEMENT = "\ufffd"
_DOUBLE_SPACES = re.compile(r" {2,}")
_SEPARATOR = " — "
_DETAIL_SEPARATOR = " · "
# Marks and isolates that say which way a run reads (see bot/i18n.py): kept for the shaper.
_BIDI_CONTROLS = frozenset("\u200e\u200f\u061c\u2066\u2067\u2068\u2069")


@dataclass(frozen=True, slots=True)
class _Style:
    body: float

    @property
    def title(self) -> float:
        return max(MIN_TITLE_SIZE, round(self.body * 24 / 14))

    @property
    def committee(self) -> float:
        return self.body + 4

    @property
    def heading(self) -> float:
        return self.body + 3

    @property
    def gap(self) -> float:
        """Space between items, in mm; shrinks with the type."""
        return self.body * _MM_PER_PT * 0.45

    @staticmethod
    def line_height(size: float) -> float:
        return size * _MM_PER_PT * _LEADING


def render_pdf(sheet: RecordSheet, tr: Translator, *, printed_on: date | None = None) -> bytes:
    """The printable sheet as PDF bytes.

    `printed_on` is the day shown in the footer and stored as the creation date
    (today by default); passing it makes the output byte-for-byte reproducible.
    """
    printed_on = printed_on or date.today()
    layout = _Layout(tr.right_to_left, tr.right_to_left or _joins_letters(sheet))
    pdf = _SheetPdf(_Style(BODY_SIZES[0]), layout)
    try:
        pdf.compose(sheet, tr)
        if pdf.pages_count > 1:
            # Height shrinks at best with the square of the type size (shorter and fewer
            # lines), so a size whose best case still overflows cannot fit: skip it.
            height = (pdf.pages_count - 1) * pdf.eph + pdf.y - pdf.t_margin
            candidates = [
                body
                for body in BODY_SIZES[1:-1]
                if height * (body / BODY_SIZES[0]) ** 2 < pdf.eph * 1.15
            ]
            # Try them on the same document (loading the fonts is the slow part),
            # then lay out the chosen size on a clean one.
            chosen = next(
                (body for body in candidates if pdf.fits_one_page(sheet, tr, body)),
                BODY_SIZES[-1],
            )
            pdf.close_fonts()
            pdf = _SheetPdf(_Style(chosen), layout)
            pdf.compose(sheet, tr)
        # Past the smallest size, extra pages are better than dropping decisions or follow-ups.
        pdf.finish(sheet, tr, printed_on)
        return bytes(pdf.output())
    finally:
        pdf.close_fonts()


@dataclass(frozen=True, slots=True)
class _Layout:
    right_to_left: bool  # the sheet's language reads right to left: mirror the page
    shaped: bool  # some text needs its letters joined and its direction worked out

    @property
    def align(self) -> Align:
        return Align.R if self.right_to_left else Align.L


def _joins_letters(sheet: RecordSheet) -> bool:
    """Whether any text of the sheet is in a right-to-left script (Arabic, Hebrew…), which
    only reads right once shaped: unshaped, its letters come out apart and backwards."""
    texts = [sheet.title, sheet.committee_name, sheet.subtitle or "", *sheet.attendees]
    texts += [d.text for d in sheet.decisions]
    texts += [a.text + " " + (a.responsible or "") for a in sheet.actions]
    texts += [label for label, _moment in sheet.extra_events]
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in "".join(texts))


class FontedPdf(FPDF):
    """A page with TrueType fonts: what every font loaded can draw, and closing them."""

    def close_fonts(self) -> None:
        # fpdf2 keeps font files open until output, and never closes them for a draft.
        for font in self.fonts.values():
            if isinstance(font, TTFFont):
                font.close()

    def _shared_glyphs(self) -> frozenset[int]:
        # Only characters every weight can draw: any text may end up in bold.
        covered: frozenset[int] | None = None
        for font in self.fonts.values():
            if isinstance(font, TTFFont):
                codes = frozenset(font.cmap)
                covered = codes if covered is None else covered & codes
        return covered or frozenset()


class _SheetPdf(FontedPdf):
    def __init__(self, style: _Style, layout: _Layout) -> None:
        super().__init__(orientation="portrait", unit="mm", format="letter")
        self.sheet_style = style
        self.layout = layout
        self.add_font(_FAMILY, "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font(_FAMILY, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        if layout.shaped:
            # Direction left to fpdf2, per paragraph: a French decision in an Arabic sheet
            # keeps its own.
            self.set_text_shaping(use_shaping_engine=True)
        self._glyphs = self._shared_glyphs()
        self.set_margins(_SIDE_MARGIN, _TOP_MARGIN, _SIDE_MARGIN)
        self.set_auto_page_break(True, margin=_BOTTOM_MARGIN)
        self.add_page()

    def fits_one_page(self, sheet: RecordSheet, tr: Translator, body: float) -> bool:
        """Whether the sheet fits on one page at this size; draws it on throwaway pages."""
        self.sheet_style = _Style(body)
        self.add_page()
        first = self.page
        self.compose(sheet, tr)
        return self.page == first

    def printable(self, text: str) -> str:
        """Text the fonts can draw; fpdf2 would print empty boxes for the rest."""
        out: list[str] = []
        for char in clean_text(text):
            if char == "\n" or ord(char) in self._glyphs:
                out.append(char)
                continue
            if char in _BIDI_CONTROLS and self.layout.shaped:
                out.append(char)
                continue
            category = unicodedata.category(char)
            if category[0] == "Z":
                out.append(" ")
            elif category[0] in "MS" or category == "Cf":
                # Emoji, their modifiers and joiners are decoration: leave them out.
                continue
            else:
                out.append(_REPLACEMENT)
        # A dropped emoji between two words would leave a double space.
        return "\n".join(
            _DOUBLE_SPACES.sub(" ", line).strip() for line in "".join(out).split("\n")
        )

    # Layout

    def compose(self, sheet: RecordSheet, tr: Translator) -> None:
        style = self.sheet_style
        self.set_text_color(0)
        self._paragraph(one_line(sheet.title) or "—", size=style.title, bold=True)
        self._space(style.gap)
        self._paragraph(one_line(sheet.committee_name), size=style.committee, bold=True)
        if sheet.subtitle:
            self._paragraph(one_line(sheet.subtitle), size=style.body + 2)
        if sheet.held_on is not None:
            self._paragraph(capitalize_first(tr.format_day(sheet.held_on)), size=style.body + 2)
        self._space(style.gap)
        self._rule()

        names = attendee_names(sheet)
        if names:
            self._heading(tr.gettext("Attendance"))
            self._paragraph(", ".join(names), size=style.body)

        for heading, part in sheet.parts:
            self._heading(one_line(heading))
            for line in part:
                self._paragraph("• " + line, size=style.body)

        refs = [decision_ref(d.number) for d in sheet.decisions]
        refs += [follow_up_ref(a.number) for a in sheet.actions]
        refs += [r.ref for r in sheet.requests]
        ref_width = self._ref_width(refs)

        if sheet.decisions:
            self._heading(tr.gettext("Decisions"))
            for decision in sheet.decisions:
                self._item(decision_ref(decision.number), [decision.text], ref_width)

        if sheet.actions:
            self._heading(tr.gettext("Follow-ups"))
            for action in sheet.actions:
                details: list[str] = []
                if action.responsible and (who := one_line(action.responsible)):
                    details.append(tr.gettext("Who: {person}").format(person=who))
                if action.due_date is not None:
                    due = tr.format_due(action.due_date, action.due_time)
                    details.append(tr.gettext("By: {day}").format(day=due))
                if (status := status_label(action.status, tr)) is not None:
                    details.append(status)
                lines = [action.text]
                if details:
                    lines.append(_DETAIL_SEPARATOR.join(details))
                self._item(follow_up_ref(action.number), lines, ref_width)

        if sheet.requests:
            self._heading(tr.gettext("Requests to partners"))
            for request in sheet.requests:
                details = [tr.gettext("Asked on {day}").format(day=tr.format_day(request.sent_on))]
                if request.partner and (partner := one_line(request.partner)):
                    details.insert(0, partner)
                details.append(request.state)
                lines = [request.what, _DETAIL_SEPARATOR.join(details)]
                self._item(request.ref, lines, ref_width)

        if sheet.next_meeting is not None:
            self._heading(tr.gettext("Next meeting"))
            moment = capitalize_first(tr.format_meeting(sheet.next_meeting))
            self._paragraph(moment, size=style.body, bold=True)

        if sheet.extra_events:
            self._heading(tr.gettext("Dates to remember"))
            for label, moment_at in sheet.extra_events:
                parts = [one_line(label), tr.format_moment(moment_at)]
                self._paragraph(_SEPARATOR.join(p for p in parts if p), size=style.body)

    def finish(self, sheet: RecordSheet, tr: Translator, printed_on: date) -> None:
        """Footers and metadata, once the number of pages is known."""
        footer = tr.gettext("Prepared with comite-bot on {day}").format(
            day=tr.format_day(printed_on)
        )
        total = self.pages_count
        self.set_auto_page_break(False)
        self.set_font(_FAMILY, "", _FOOTER_SIZE)
        self.set_text_color(80)
        height = _Style.line_height(_FOOTER_SIZE)
        for number in range(1, total + 1):
            self.page = number
            self.set_xy(self.l_margin, self.h - _FOOTER_FROM_BOTTOM)
            self.cell(self.epw, height, self.printable(footer), align=self.layout.align)
            if total > 1:
                # The page number on the other side.
                other = Align.L if self.layout.right_to_left else Align.R
                self.set_xy(self.l_margin, self.h - _FOOTER_FROM_BOTTOM)
                pages = f"{tr.format_number(number)}/{tr.format_number(total)}"
                self.cell(self.epw, height, pages, align=other)
        self.page = total

        self.set_title(self._metadata(sheet.title))
        self.set_subject(self._metadata(sheet.committee_name))
        self.set_creator("comite-bot")
        self.set_lang(tr.locale.replace("_", "-"))
        self.set_creation_date(datetime.combine(printed_on, time(), tzinfo=UTC))

    @staticmethod
    def _metadata(text: str) -> str:
        return one_line(text) or "comite-bot"

    def _paragraph(self, text: str, *, size: float, bold: bool = False) -> None:
        self.set_font(_FAMILY, "B" if bold else "", size)
        self.set_x(self.l_margin)
        self.multi_cell(
            self.epw,
            _Style.line_height(size),
            self.printable(text),
            # Ragged: justified large type leaves gaps that are hard to read.
            align=self.layout.align,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )

    def _heading(self, label: str) -> None:
        size = self.sheet_style.heading
        height = _Style.line_height(size)
        self._space(self.sheet_style.gap * 2)
        # Keep a heading with at least the first lines of its section.
        if self.y > self.t_margin and self.will_page_break(
            height + 2 * _Style.line_height(self.sheet_style.body)
        ):
            self.add_page()
        self._paragraph(label, size=size, bold=True)
        self._space(self.sheet_style.gap / 2)

    def _item(self, ref: str, lines: Sequence[str], ref_width: float) -> None:
        """A reference in its own column, its text wrapped beside it (a hanging indent)."""
        size = self.sheet_style.body
        line_height = _Style.line_height(size)
        width = self.epw - ref_width
        texts = [self.printable(line) for line in lines]
        self.set_font(_FAMILY, "", size)
        needed = sum(self._height(text, width, line_height) for text in texts)
        # Move a whole item to the next page rather than split it, unless it is huge.
        if needed < self.eph / 2 and self.y > self.t_margin and self.will_page_break(needed):
            self.add_page()
        top = self.y
        # Right to left, the reference stands in the right column and the text to its left.
        mirrored = self.layout.right_to_left
        ref_x = self.l_margin + width if mirrored else self.l_margin
        text_x = self.l_margin if mirrored else self.l_margin + ref_width
        self.set_font(_FAMILY, "B", size)
        self.set_xy(ref_x, top)
        self.cell(ref_width, line_height, self.printable(ref), align=self.layout.align)
        self.set_font(_FAMILY, "", size)
        for text in texts:
            self.set_x(text_x)
            self.multi_cell(
                width,
                line_height,
                text,
                align=self.layout.align,
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )
        self._space(self.sheet_style.gap)

    def _height(self, text: str, width: float, line_height: float) -> float:
        height = self.multi_cell(
            width,
            line_height,
            text,
            align=Align.L,
            dry_run=True,
            output=MethodReturnValue.HEIGHT,
        )
        return float(height) if isinstance(height, int | float) else line_height

    def _ref_width(self, refs: Sequence[str]) -> float:
        self.set_font(_FAMILY, "B", self.sheet_style.body)
        widest = max((self.get_string_width(ref) for ref in refs), default=0.0)
        return widest + self.sheet_style.body * _MM_PER_PT * 1.2

    def _space(self, height: float) -> None:
        # No blank space at the top of a fresh page.
        if self.y > self.t_margin:
            self.set_y(min(self.y + height, self.page_break_trigger))

    def _rule(self) -> None:
        self.set_draw_color(120)
        self.set_line_width(0.4)
        self.line(self.l_margin, self.y, self.w - self.r_margin, self.y)
