"""The "You said, we did" PDF's table headers and links read back with pikepdf."""

import io
import re

import pikepdf
import pytest

from engagement.core.documents import structure_elements
from feedback import documents as feedback_documents

from .conftest import close, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(project, make_entry):
    publish(close(project))
    for row in range(3):
        make_entry(project, where_addressed_url=f"https://example.org/plans/primary-care-access-plan#section-{row}")
    document = feedback_documents.project_report(project)
    return document, pikepdf.open(io.BytesIO(document.render()))


def test_every_header_cell_has_a_scope(report):
    _document, pdf = report
    headers = [e for e in structure_elements(pdf.Root.StructTreeRoot) if e.S == pikepdf.Name.TH]
    assert len(headers) > 3
    assert all("/Scope" in th.A for th in headers)


def test_each_link_is_one_annotation_with_text_that_is_not_the_address(report):
    document, pdf = report
    annotations = [a for page in pdf.pages for a in page.get("/Annots", []) if a.Subtype == pikepdf.Name.Link]
    assert len(annotations) == len(re.findall(r"<a\s[^>]*href=", document.html)) == 3
    assert ">https://" not in document.html
