"""Letters: a request written as a formal letter, or a lettre de relance; the committee reviews
it part by part (« Edit »), then « It's final »: a PDF to print or attach, and the text to
paste in an email. The letter is in the committee's language: it goes to a partner."""

from __future__ import annotations

import asyncio

from telegram import Update
from telegram.ext import ConversationHandler, MessageHandler, filters

from bot.access import REQUEST_LETTER, Press, on_press
from bot.context import BotContext
from bot.domain.entities import Committee, Membership, Role
from bot.domain.partnerships import clip
from bot.domain.request_letters import (
    LETTER_PART_LABELS,
    LETTER_PART_LIMITS,
    Letter,
    LetterKind,
    LetterPart,
    can_change_letter,
    missing_parts,
)
from bot.domain.requests import Request, request_ref
from bot.exports.letter import (
    default_parts,
    letter_file_name,
    letter_sheet,
    letter_text,
    render_letter_pdf,
)
from bot.i18n import N_
from bot.scheduler import replan
from bot.ui import Button, ask_text, edit_or_send, h, reply, send_document
from bot.wizard import Wizard, clear_draft, draft, wizard
from conversations.requests.buttons import (
    EditPart,
    LetterFiles,
    LetterFinal,
    MakeLetter,
    MakeRelanceLetter,
    Open,
)
from conversations.requests.common import committee_of, hand_over, today_in

WIZARD = "request-letters"
PART = 0
LETTER_MOVED_ON = N_(
    "This letter is final already, or its request is closed: nothing was changed."
)


async def make_letter(
    update: Update, context: BotContext, press: Press[MakeLetter, Request]
) -> None:
    """« Letter »: the request as a letter to review."""
    await _new_letter(update, context, press.record, press.membership, LetterKind.REQUEST)


async def make_relance_letter(
    update: Update, context: BotContext, press: Press[MakeRelanceLetter, Request]
) -> None:
    """« Lettre de relance »: it cites the first request, its date and its number."""
    await _new_letter(update, context, press.record, press.membership, LetterKind.RELANCE)


async def _new_letter(
    update: Update,
    context: BotContext,
    request: Request,
    membership: Membership,
    kind: LetterKind,
) -> None:
    storage = context.storage
    committee = membership.committee
    tr = context.services.translator_for(None, hint=committee.locale)
    partnership = (
        await storage.partnerships.get(request.partnership_id) if request.partnership_id else None
    )
    signer_id, signer_name = await _signer(context, membership)
    parts = default_parts(
        tr,
        kind,
        request,
        committee_name=committee.name,
        letterhead=await storage.request_letters.letterhead(committee.id),
        signer_name=signer_name,
        contact_person=partnership.contact_person if partnership else None,
    )
    letter = await storage.request_letters.draft(
        request.id,
        kind,
        today_in(context, committee),
        parts,
        signer_id=signer_id,
        by=membership.person_id,
    )
    await show_review(update, context, letter.id)


async def _signer(context: BotContext, membership: Membership) -> tuple[int | None, str | None]:
    """Who signs by default: the person, if a coordinator; else the committee's coordinator."""
    members = await context.storage.committees.members(membership.committee.id)
    me = next((m for m in members if m.person_id == membership.person_id), None)
    if membership.is_coordinator and me is not None:
        return me.person_id, me.display_name
    lead = next((m for m in members if m.role is Role.COORDINATOR), me)
    return (lead.person_id, lead.display_name) if lead else (None, None)


async def show_review(
    update: Update, context: BotContext, letter_id: int, *, edit: bool = True
) -> None:
    """The letter as it will read, the parts still to write marked, a button per part."""
    storage = context.storage
    letter = await storage.request_letters.get(letter_id)
    request = await storage.requests.get(letter.request_id) if letter else None
    if letter is None or request is None:
        return
    committee = await committee_of(context, request)
    text, sheet_text = _review_text(context, letter, request, committee)
    _ = context._
    labels = [(part, _(LETTER_PART_LABELS[part])) for part in LetterPart]
    part_buttons: list[Button] = [
        ("✏️ " + label, EditPart(id=letter.id, part=part)) for part, label in labels
    ]
    buttons: list[list[Button]] = [part_buttons[i : i + 2] for i in range(0, len(part_buttons), 2)]
    buttons.append([(_("✅ It's final"), LetterFinal(id=letter.id))])
    buttons.append([(_("See the request"), Open(id=request.id))])
    body = f"{text}\n\n{h(sheet_text)}"
    if edit:
        await edit_or_send(update, context, body, buttons)
    else:
        await reply(update, context, body, buttons)


def _review_text(
    context: BotContext, letter: Letter, request: Request, committee: Committee
) -> tuple[str, str]:
    _ = context._
    tr = context.services.translator_for(None, hint=committee.locale)
    sheet = letter_sheet(tr, letter, request, committee.name)
    name = _("Letter") if letter.kind is LetterKind.REQUEST else _("Lettre de relance")
    intro = _(
        "{name} for {ref}: check it. Press a part to change it, then « It's final »."
    ).format(name=name, ref=request_ref(request.number))
    missing = missing_parts(letter)
    if missing:
        names = ", ".join(_(LETTER_PART_LABELS[p]) for p in missing)
        intro += "\n" + _("Still to write, if you want them on the letter: {parts}.").format(
            parts=names
        )
    return intro, letter_text(sheet)


# --- one part at a time ----------------------------------------------------------------------


async def ask_part(update: Update, context: BotContext, press: Press[EditPart, Letter]) -> int:
    letter = press.record
    request = await context.storage.requests.get(letter.request_id)
    if request is None or not await hand_over(update, context, request):
        return ConversationHandler.END
    clear_draft(context, WIZARD)
    draft(context, WIZARD).update(letter_id=letter.id, part=press.button.part.value)
    return await ask_again(update, context)


async def ask_again(update: Update, context: BotContext) -> int:
    d = draft(context, WIZARD)
    letter = await context.storage.request_letters.get(int(d.get("letter_id", 0)))
    if letter is None:
        return ConversationHandler.END
    part = LetterPart(d["part"])
    now = letter.part(part)
    text = context._("Write the new « {part} » ({limit} characters at most).").format(
        part=context._(LETTER_PART_LABELS[part]), limit=LETTER_PART_LIMITS[part]
    )
    if now:
        text += "\n" + context._("Now: {text}").format(text=h(now))
    await ask_text(update, context, text)
    return PART


async def part_typed(update: Update, context: BotContext) -> int | None:
    assert update.message is not None and update.message.text is not None
    d = draft(context, WIZARD)
    letter = await context.storage.request_letters.get(int(d.get("letter_id", 0)))
    user = update.effective_user
    member = (
        await context.storage.committees.membership(letter.committee_id, user.id)
        if letter is not None and user is not None
        else None
    )
    if letter is None or member is None or not can_change_letter(letter):
        clear_draft(context, WIZARD)
        await reply(update, context, context._(LETTER_MOVED_ON))
        return ConversationHandler.END
    part = LetterPart(d["part"])
    limit = LETTER_PART_LIMITS[part]
    text, _cut = clip(update.message.text, limit + 1)
    if not text or len(text) > limit:
        await reply(
            update,
            context,
            context._("Please write it in {limit} characters at most.").format(limit=limit),
        )
        return None
    await context.storage.request_letters.set_part(letter.id, part, text)
    clear_draft(context, WIZARD)
    await show_review(update, context, letter.id, edit=False)
    return ConversationHandler.END


# --- final -----------------------------------------------------------------------------------


async def make_final(
    update: Update, context: BotContext, press: Press[LetterFinal, Letter]
) -> None:
    """« It's final »: dated today; the files come. A lettre de relance is a relance."""
    letter = press.record
    committee = press.membership.committee
    today = today_in(context, committee)
    if not await context.storage.request_letters.make_final(letter.id, today):
        await edit_or_send(update, context, context._(LETTER_MOVED_ON))
        return
    if letter.kind is LetterKind.RELANCE:
        await context.storage.requests.relanced(
            letter.request_id, today, press.membership.person_id
        )
        await replan(context)
    await edit_or_send(
        update,
        context,
        context._(
            "The letter is final, dated {day}. Here it is to print or attach, and as text."
        ).format(day=context.tr.format_day(today)),
        [[(context._("See the request"), Open(id=letter.request_id))]],
    )
    await send_files(update, context, letter.id)


async def letter_files(
    update: Update, context: BotContext, press: Press[LetterFiles, Letter]
) -> None:
    await send_files(update, context, press.record.id)


async def send_files(update: Update, context: BotContext, letter_id: int) -> None:
    """The PDF, then the text to paste in an email, in the chat where it was asked for."""
    chat = update.effective_chat
    letter = await context.storage.request_letters.get(letter_id)
    request = await context.storage.requests.get(letter.request_id) if letter else None
    if chat is None or letter is None or request is None:
        return
    committee = await committee_of(context, request)
    tr = context.services.translator_for(None, hint=committee.locale)
    sheet = letter_sheet(tr, letter, request, committee.name)
    pdf = await asyncio.to_thread(render_letter_pdf, sheet, lang=tr.locale.replace("_", "-"))
    sent = await send_document(
        context,
        chat.id,
        pdf,
        letter_file_name(sheet),
        caption=context._("To print, or to attach to an email."),
    )
    if sent is None:
        return
    await reply(
        update,
        context,
        context._("To paste in an email:") + "\n\n" + h(letter_text(sheet)),
    )


def is_changeable(letter: Letter) -> bool:
    return can_change_letter(letter)


def is_final(letter: Letter) -> bool:
    return letter.final


def build_wizard() -> Wizard:
    """A letter's part, typed (private only: a group hands over with a link)."""
    text = filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE
    return wizard(
        WIZARD,
        entry_points=[
            on_press(
                EditPart,
                ask_part,
                records=REQUEST_LETTER,
                allowed=is_changeable,
                refusal=LETTER_MOVED_ON,
            )
        ],
        states={PART: [MessageHandler(text, part_typed)]},
        questions={PART: ask_again},
    )
