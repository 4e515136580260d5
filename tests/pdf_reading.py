"""Reading PDFs back as a reader would see them: where each word sits, and how large the type is."""

import io
import math
import subprocess
from dataclasses import dataclass
from xml.etree import ElementTree

from pypdf import PdfReader


@dataclass
class Word:
    page: int  # from 1
    text: str
    x_min: float
    x_max: float
    page_width: float


def words(pdf):
    """Every word with its position (poppler's pdftotext, which places glyphs as a viewer does)."""
    xhtml = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    found = []
    namespace = "{http://www.w3.org/1999/xhtml}"
    for number, page in enumerate(ElementTree.fromstring(xhtml).iter(f"{namespace}page"), 1):
        for word in page.iter(f"{namespace}word"):
            found.append(
                Word(
                    number, word.text or "", float(word.get("xMin")), float(word.get("xMax")), float(page.get("width"))
                )
            )
    return found


def type_sizes(pdf, pages=None):
    """{text run: size in points} for every run of text drawn, the page's and the text's scaling applied."""
    sizes = {}
    reader = PdfReader(io.BytesIO(pdf))

    def visit(text, cm, tm, _font, size):
        if text.strip():
            a, b, c, d = (
                tm[0] * cm[0] + tm[1] * cm[2],
                tm[0] * cm[1] + tm[1] * cm[3],
                tm[2] * cm[0] + tm[3] * cm[2],
                tm[2] * cm[1] + tm[3] * cm[3],
            )
            sizes[text.strip()] = round(size * math.sqrt(abs(a * d - b * c)), 1)

    for page in reader.pages if pages is None else [reader.pages[i] for i in pages]:
        page.extract_text(visitor_text=visit)
    return sizes
