"""Project papers: checked by content, stored under unguessable sanitised names, served only to the groups."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from feedback.models import Paper

pytestmark = pytest.mark.django_db


def paper(project, name, content):
    paper = Paper(project=project, title="Briefing", file=SimpleUploadedFile(name, content))
    paper.full_clean()
    paper.save()
    return paper


def test_a_file_pretending_to_be_a_pdf_is_refused(project):
    with pytest.raises(ValidationError, match="must be a"):
        paper(project, "briefing.pdf", b"<script>alert(1)</script>")


def test_the_stored_name_is_sanitised_and_unguessable(project):
    stored = paper(project, "../../<bad> name.pdf", b"%PDF-1.4 test")
    assert stored.file.name.startswith("project-papers/")
    assert ".." not in stored.file.name and "<" not in stored.file.name
    assert len(stored.file.name.split("/")[1]) == 32


def test_only_the_projects_groups_can_download_it(client, project, member, panel_member):
    stored = paper(project, "briefing.pdf", b"%PDF-1.4 test")
    client.force_login(panel_member)
    assert client.get(stored.get_absolute_url()).status_code == 404
    client.force_login(member)
    response = client.get(stored.get_absolute_url())
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
