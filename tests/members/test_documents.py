"""The shared PDF document: what serving one costs in storage calls."""

import pytest

from engagement.core.documents import Appendix, Document

pytestmark = pytest.mark.django_db


class CountingFile:
    """A stand-in for a FieldFile that counts how often its size (a storage call) is asked."""

    name = "papers/a.pdf"

    def __init__(self):
        self.size_reads = 0

    @property
    def size(self):
        self.size_reads += 1
        return 1234


def test_a_documents_stored_name_asks_each_appendix_size_once():
    paper = CountingFile()
    document = Document("pack-1", "documents/base.html", {}, appendices=[Appendix("Item 1", "Paper", paper)])
    assert document.path == document.path
    document.is_stored()
    assert paper.size_reads == 1
