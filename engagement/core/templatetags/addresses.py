import re

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def one_line(address):
    """A postal address typed one part a line, on one line for plain text: "1 Market Square, Northgate, ZZ1 2DD".
    Plain text has no line breaks to lean on (and with GOV.UK Notify it is all people get), so the parts
    are joined with commas; blank lines and commas people typed at line ends are dropped."""
    parts = (line.strip(" ,") for line in str(address or "").splitlines())
    return ", ".join(part for part in parts if part)


# A web address this long fits on one line of a letter's table even in large print (16 point bold), so it is
# kept whole: broken after its last "/", a short address leaves a stub ("peg") that no one reads as part of it.
FITS_ON_A_LINE = 40
# A last part this short is kept with the part before it, for the same reason.
STUB = 12


@register.filter
def web_address(url):
    """A web address to print in full, for people to type: kept whole if it fits on a line; if not, it may break
    only before a "/", "?", "&" or "#", never leaving a short last part alone, and each part between stays whole.
    A part longer than a line is left to break anywhere (the page's CSS), not to run off the paper."""
    url = str(url or "")
    if len(url) <= FITS_ON_A_LINE:
        return _whole(url)
    pieces = []
    # Not inside the "//" after the scheme.
    for piece in re.split(r"(?<![:/])(?=[/?&#])", url):
        if pieces and (len(piece) < STUB or len(pieces[-1]) < STUB) and len(pieces[-1] + piece) <= FITS_ON_A_LINE:
            pieces[-1] += piece
        else:
            pieces.append(piece)
    return mark_safe("<wbr>".join(_whole(piece) if len(piece) <= FITS_ON_A_LINE else escape(piece) for piece in pieces))


def _whole(text):
    return format_html('<span style="white-space: nowrap">{}</span>', text)
