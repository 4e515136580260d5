"""Letters and text messages: the same news as an e-mail, for people who asked for post or a phone.

A letter is templates/letters/<template>.html, rendered by WeasyPrint into an A4 PDF laid out
for GOV.UK Notify's precompiled letters (sent by engagement/core/emails.py on the letter channel),
with the PDFs the e-mail would attach appended. A text message is templates/sms/<template>.txt,
reduced to the GSM-7 alphabet so that it goes as plain text and fits two messages.

Notify's letter specification (https://www.notifications.service.gov.uk/using-notify/guidance/letter-specification;
the numbers are those Notify's own checks use, alphagov/notifications-template-preview app/precompiled.py):
  * every page A4 portrait (210 x 297 mm, as shown), nothing printed within 15 mm of the left and right
    edges or 5 mm of the top and bottom;
  * page 1: the recipient's address, alone, in the area 24.6 to 120 mm from the left and 39.5 to 66.3 mm
    from the top (Notify reads it from there, and rewrites it), at least 3 and at most 7 lines, the last
    a UK postcode; the sender's logo above it (up to 30 mm from the top, left of 125 mm); the sender's
    address and contact details to the right (125 mm from the left, down to 95 mm); the letter's body
    from 95 mm down;
  * at most 10 pages in all (notifications-utils LETTER_MAX_PAGE_COUNT): an enclosure that would make
    the letter longer is left out, and the letter says how to get it instead.
static/css/letters.css places the blocks; the page margins are 18 mm, inside Notify's 15.
"""

import html
import io
import unicodedata
from contextlib import ExitStack
from dataclasses import dataclass
from decimal import Decimal

import pikepdf
from django.conf import settings
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils.formats import date_format
from weasyprint import CSS, HTML

from .dates import local_today
from .documents import (
    STYLESHEET,
    Appendix,
    add_bookmarks,
    append_paper,
    complete_table_structure,
    withdraw_pdf_ua_claim,
)

LETTER_STYLESHEET = settings.BASE_DIR / "static" / "css" / "letters.css"
MAX_LETTER_PAGES = 10
MAX_ADDRESS_LINES = 7
# Two concatenated GSM-7 text messages (153 characters each once joined): the most a reminder may cost.
MAX_TEXT_LENGTH = 306

MM = Decimal(72) / Decimal("25.4")
A4 = (210, 297)
# Notify's printable area on every page, in mm from the left and from the bottom (PDF coordinates).
PRINTABLE = (15, 5, 195, 292)

# The GSM 03.38 default alphabet, and its extension table (each of those costs two characters).
GSM_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENSION = set("^{}\\[~]|€")
# Characters people type (or templates and word processors put in) that have a plain GSM-7 equivalent.
PLAIN = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "′": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "″": '"',
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
        "−": "-",
        "…": "...",
        "•": "-",
        "·": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\t": " ",
    }
)


def has_letter(template):
    return _exists(f"letters/{template}.html")


def has_text(template):
    return _exists(f"sms/{template}.txt")


def _exists(name):
    try:
        get_template(name)
    except TemplateDoesNotExist:
        return False
    return True


def _context(context):
    return {
        "SERVICE_NAME": settings.SERVICE_NAME,
        "ORGANISATION_NAME": settings.ORGANISATION_NAME,
        "SITE_URL": settings.SITE_URL,
        "ENGAGEMENT_TEAM_EMAIL": settings.ENGAGEMENT_TEAM_EMAIL,
        "ENGAGEMENT_TEAM_PHONE": settings.ENGAGEMENT_TEAM_PHONE,
        **context,
    }


def render_text(template, context):
    """sms/<template>.txt as one plain GSM-7 paragraph; ValueError if it would take more than two messages."""
    text = " ".join(render_to_string(f"sms/{template}.txt", _context(context), using="text").split())
    text = "".join(_gsm(character) for character in text.translate(PLAIN))
    length = len(text) + sum(character in GSM_EXTENSION for character in text)
    if length > MAX_TEXT_LENGTH:
        raise ValueError(
            f"The text message {template!r} is {length} characters long; at most {MAX_TEXT_LENGTH} fit in two messages."
        )
    return text


def _gsm(character):
    """The character if GSM-7 has it; else its letter without accents (ā to a), or a question mark."""
    if character in GSM_BASIC or character in GSM_EXTENSION:
        return character
    plain = "".join(c for c in unicodedata.normalize("NFKD", character) if c in GSM_BASIC)
    return plain or "?"


_enclosures = {}


def register_enclosure(template, find):
    """Make find(context, large_print) give what a `template` letter encloses when its e-mail attaches no
    PDF: an Enclosure, one with no content if it is too long to post (the letter says how to get it),
    or None. Each app registers its own in AppConfig.ready(), as it does its e-mails."""
    _enclosures[template] = find


@dataclass
class Enclosure:
    title: str
    content: bytes  # empty for one too long to post
    pages: int  # 0 if not known
    # How many of its first pages we laid out ourselves, within Notify's margins; the rest (a partner's
    # paper, an attachment) may print to the edge of the page.
    ours: int = 0


def render_letter(template, context, *, recipient, large_print=False, attachments=()):
    """letters/<template>.html as a PDF for Notify's precompiled letters, with PDF attachments appended.

    attachments are the (filename, content, mimetype) the e-mail gets: PDFs are enclosed; calendar files
    are not (the letter gives the date, time and place). A letter whose e-mail attaches no PDF encloses
    what its app registered for it, if anything (the papers letter: the meeting pack)."""
    enclosures = [
        Enclosure(_title(filename), content, _page_count(content))
        for filename, content, mimetype in attachments
        if mimetype == "application/pdf"
    ]
    left_out = []
    if not enclosures and (find := _enclosures.get(template)) and (found := find(context, large_print)):
        (enclosures if found.content else left_out).append(found)
    context = _context(context) | {
        "recipient": recipient,
        "address_lines": address_lines(recipient),
        "today": date_format(local_today(), "j F Y"),
        "large_print": large_print,
        # The e-mail's subject; its template escapes for HTML, and the letter's escapes it again.
        "subject": html.unescape(
            " ".join(render_to_string(f"emails/{template}_subject.txt", _context(context), using="text").split())
        ),
    }
    while True:
        letter = _render(template, context | {"enclosures": enclosures, "left_out": left_out})
        pages = _page_count(letter)
        if pages + sum(enclosure.pages for enclosure in enclosures) <= MAX_LETTER_PAGES or not enclosures:
            break
        # The longest goes first: it is the likeliest to be the one that cannot fit.
        longest = max(enclosures, key=lambda enclosure: enclosure.pages)
        enclosures.remove(longest)
        left_out.append(longest)
    if pages > MAX_LETTER_PAGES:
        raise ValueError(f"The letter {template!r} is {pages} pages long; Notify posts at most {MAX_LETTER_PAGES}.")
    return _enclose(letter, enclosures)


def address_lines(recipient):
    """The recipient's name, address and postcode as at most 7 lines (Notify's limit), the postcode last."""
    postcode = " ".join(recipient.postcode.upper().split())
    lines = [" ".join(line.split()) for line in recipient.address.splitlines()]
    lines = [line for line in lines if line.strip(" ,")]
    if lines and postcode and lines[-1].replace(" ", "").upper() == postcode.replace(" ", ""):
        lines.pop()
    if not lines or not postcode:
        raise ValueError(f"{recipient.full_name} has no postal address with a postcode, so no letter can be posted.")
    lines = [recipient.full_name, *lines]
    room = MAX_ADDRESS_LINES - 1
    if len(lines) > room:
        lines[room - 1 :] = [", ".join(line.rstrip(",") for line in lines[room - 1 :])]
    return [*lines, postcode]


def _title(filename):
    stem = filename.rsplit(".", 1)[0].replace("-", " ").replace("_", " ").strip()
    return stem[:1].upper() + stem[1:]


def _page_count(pdf):
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return len(document.pages)


def _render(template, context):
    return HTML(
        string=render_to_string(f"letters/{template}.html", context), base_url=str(settings.BASE_DIR)
    ).write_pdf(
        stylesheets=[CSS(filename=str(STYLESHEET)), CSS(filename=str(LETTER_STYLESHEET))], pdf_variant="pdf/ua-1"
    )


def _enclose(letter, enclosures):
    """The letter with each enclosure's pages after it, with the post-processing and bookmarks every
    document gets (engagement/core/documents.py), and every page within Notify's printable area."""
    with pikepdf.open(io.BytesIO(letter)) as pdf, ExitStack() as opened:
        every_page_tagged = True
        starts = []
        for number, enclosure in enumerate(enclosures, 1):
            other = opened.enter_context(pikepdf.open(io.BytesIO(enclosure.content), password=""))
            _fit_pages(other, enclosure.ours)
            starts.append(len(pdf.pages))
            every_page_tagged &= append_paper(pdf, other, enclosure.title, f"enclosure-{number}-")
        complete_table_structure(pdf)
        if not every_page_tagged:
            withdraw_pdf_ua_claim(pdf)
        add_bookmarks(pdf, [Appendix("Enclosed", enclosure.title, None) for enclosure in enclosures], starts)
        output = io.BytesIO()
        pdf.save(output)
    return output.getvalue()


def _fit_pages(pdf, ours):
    """Make every page A4 portrait, with nothing in Notify's margins: our own first `ours` pages are kept
    as they are; any other page (a partner's paper, which may print to the edge; a landscape plan; a US
    Letter page) is drawn on an A4 page, turned upright if that makes it larger, and shrunk into the
    printable area. Checking each page for ink in the margins would need a renderer we do not ship.

    A file with such a page loses its tags: they would point at the pages replaced."""
    fitted = False
    for index, page in enumerate(pdf.pages):
        if index < ours and _is_a4_portrait(page):
            continue
        form = pikepdf.Page(page).as_form_xobject(handle_transformations=True)
        pdf.pages[index] = _page_showing(pdf, form, _shown_box(form))
        fitted = True
    if fitted and "/StructTreeRoot" in pdf.Root:
        del pdf.Root["/StructTreeRoot"]


def _is_a4_portrait(page):
    """Notify's test: the media box A4, upright once the page's /Rotate is applied (within 2 mm)."""
    x0, y0, x1, y1 = (Decimal(str(float(n))) for n in page.mediabox)
    width, height = abs(x1 - x0) / MM, abs(y1 - y0) / MM
    if int(page.obj.get("/Rotate", 0)) % 180:
        width, height = height, width
    return abs(width - A4[0]) <= 2 and abs(height - A4[1]) <= 2


def _page_showing(pdf, form, box):
    """An A4 page with `form` (drawing within `box`) scaled down and centred in the printable area."""
    x0, y0, x1, y1 = box
    left, bottom, right, top = (Decimal(edge) * MM for edge in PRINTABLE)
    room_w, room_h = right - left, top - bottom
    turned = min(room_w / (y1 - y0), room_h / (x1 - x0)) > min(room_w / (x1 - x0), room_h / (y1 - y0))
    shown_w, shown_h = (y1 - y0, x1 - x0) if turned else (x1 - x0, y1 - y0)
    scale = min(room_w / shown_w, room_h / shown_h, Decimal(1))
    e = left + (room_w - shown_w * scale) / 2
    f = bottom + (room_h - shown_h * scale) / 2
    if turned:
        # A quarter turn anticlockwise: the box's lower right corner comes to the lower left.
        matrix = (0, scale, -scale, 0, e + scale * y1, f - scale * x0)
    else:
        matrix = (scale, 0, 0, scale, e - scale * x0, f - scale * y0)
    numbers = " ".join(f"{float(n):.4f}" for n in matrix)
    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page,
        MediaBox=pikepdf.Array([0, 0, float(A4[0] * MM), float(A4[1] * MM)]),
        Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Enclosed=form)),
        Contents=pdf.make_stream(f"q {numbers} cm /Enclosed Do Q".encode()),
    )
    return pikepdf.Page(pdf.make_indirect(page))


def _shown_box(form):
    """The form's bounding box after its /Matrix: where it draws, in its user space."""
    bx0, by0, bx1, by1 = (Decimal(str(float(n))) for n in form.BBox)
    a, b, c, d, e, f = (Decimal(str(float(n))) for n in form.get("/Matrix", [1, 0, 0, 1, 0, 0]))
    corners = [(a * x + c * y + e, b * x + d * y + f) for x in (bx0, bx1) for y in (by0, by1)]
    xs, ys = [x for x, _ in corners], [y for _, y in corners]
    return min(xs), min(ys), max(xs), max(ys)
