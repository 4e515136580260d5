"""Editable copies of documents as Word files (python-docx), for a partner or the secretary to change.

Built with Word's own styles, so the headings are headings and a table's first row is a
header row that Word and screen readers treat as one (and repeat across pages).
"""

import io

from django.conf import settings
from django.http import HttpResponse
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class WordDocument:
    def __init__(self, title: str):
        self.document = Document()
        properties = self.document.core_properties
        properties.title = title
        properties.author = settings.ORGANISATION_NAME
        properties.language = "en-GB"
        body = self.document.styles["Normal"]
        body.font.name = "Arial"
        body.font.size = Pt(12)  # as the PDFs: body text no smaller than 12pt
        self.heading(title, 1)

    def heading(self, text: str, level: int = 2):
        self.document.add_heading(text, level)

    def paragraph(self, text: str, label: str = ""):
        paragraph = self.document.add_paragraph()
        if label:
            paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(text)

    def bullets(self, items):
        for item in items:
            self.document.add_paragraph(item, style="List Bullet")

    def table(self, headers, rows, label_column: bool = False):
        """A table whose first row is marked as its header row; `label_column` makes the first cell of
        each row bold, for a table of facts (label, value) with no header row of its own."""
        table = self.document.add_table(rows=0, cols=len(headers) if headers else 2)
        table.style = "Table Grid"
        if headers:
            cells = table.add_row().cells
            for cell, text in zip(cells, headers, strict=True):
                cell.paragraphs[0].add_run(text).bold = True
            header = OxmlElement("w:tblHeader")
            header.set(qn("w:val"), "true")
            table.rows[0]._tr.get_or_add_trPr().append(header)
        for row in rows:
            cells = table.add_row().cells
            for i, (cell, text) in enumerate(zip(cells, row, strict=True)):
                cell.paragraphs[0].add_run(str(text)).bold = label_column and i == 0
        return table

    def response(self, filename: str) -> HttpResponse:
        output = io.BytesIO()
        self.document.save(output)
        response = HttpResponse(output.getvalue(), content_type=CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
