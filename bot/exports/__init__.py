"""A committee's records, exported: Markdown, a printable PDF, an iCalendar file and JSON."""

from bot.exports.calendar import render_ics
from bot.exports.common import export_file_name
from bot.exports.data import render_json
from bot.exports.markdown import escape_markdown, render_markdown
from bot.exports.pdf import render_pdf

__all__ = [
    "escape_markdown",
    "export_file_name",
    "render_ics",
    "render_json",
    "render_markdown",
    "render_pdf",
]
