"""Small real files for tests that need content a browser or pypdf would accept."""

import io

from pypdf import PdfWriter


def one_page_pdf():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
