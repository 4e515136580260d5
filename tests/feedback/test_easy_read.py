"""Easy-read versions of a project and its response: offered to members whose format needs include
easy read, offered to everyone on the public page, and served only to those who may see the page."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members.models import AccessNeed
from tests.feedback.conftest import close, publish
from tests.sample_files import one_page_pdf

pytestmark = pytest.mark.django_db

PROJECT_LINK = "Read this project in easy read"
RESPONSE_LINK = "Read this response in easy read"


@pytest.fixture
def needs_easy_read(member):
    member.access_needs.add(AccessNeed.objects.create(name="Easy read"))
    return member


def attach(project, field="easy_read"):
    getattr(project, field).save("easy-read.pdf", ContentFile(one_page_pdf()))
    return project


@pytest.fixture
def published(project, make_entry):
    make_entry(project)
    project.publish_publicly = True
    return attach(publish(close(project)), "response_easy_read")


def test_a_member_who_needs_easy_read_is_offered_the_project_in_easy_read(client, project, needs_easy_read):
    attach(project)
    client.force_login(needs_easy_read)
    assert PROJECT_LINK in client.get(project.get_absolute_url()).text


def test_a_member_who_asked_for_easy_read_in_their_own_words_is_offered_it(client, project, member):
    member.access_needs_other = "Papers in Easy Read, please"
    member.save()
    attach(project)
    client.force_login(member)
    assert PROJECT_LINK in client.get(project.get_absolute_url()).text


def test_a_member_without_that_need_is_not_offered_it(client, project, member):
    member.access_needs.add(AccessNeed.objects.create(name="Large print"))
    attach(project)
    client.force_login(member)
    assert PROJECT_LINK not in client.get(project.get_absolute_url()).text


def test_a_project_without_an_easy_read_version_offers_none(client, project, needs_easy_read):
    client.force_login(needs_easy_read)
    assert PROJECT_LINK not in client.get(project.get_absolute_url()).text


def test_the_project_page_looks_up_the_members_needs_only_when_there_is_an_easy_read_version(
    client, project, needs_easy_read
):
    client.force_login(needs_easy_read)
    client.get(project.get_absolute_url())  # the session and the like, read once
    with CaptureQueriesContext(connection) as without:
        client.get(project.get_absolute_url())
    attach(project)
    with CaptureQueriesContext(connection) as with_file:
        client.get(project.get_absolute_url())
    assert len(with_file) == len(without) + 1


def test_a_member_of_the_projects_group_downloads_the_project_in_easy_read(client, project, member):
    attach(project)
    client.force_login(member)
    response = client.get(reverse("feedback:easy_read", args=[project.pk]))
    assert b"".join(response.streaming_content) == one_page_pdf()


def test_the_download_is_named_after_the_project(client, project, member):
    attach(project)
    client.force_login(member)
    response = client.get(reverse("feedback:easy_read", args=[project.pk]))
    assert 'filename="improving-access-to-gp-services-easy-read.pdf"' in response["Content-Disposition"]


def test_another_groups_member_cannot_download_it(client, project, panel_member):
    attach(project)
    client.force_login(panel_member)
    assert client.get(reverse("feedback:easy_read", args=[project.pk])).status_code == 404


def test_asking_for_a_version_that_does_not_exist_is_not_found(client, project, member):
    client.force_login(member)
    assert client.get(reverse("feedback:easy_read", args=[project.pk])).status_code == 404


def test_a_member_who_needs_easy_read_is_offered_the_response_in_easy_read(client, published, needs_easy_read):
    client.force_login(needs_easy_read)
    assert RESPONSE_LINK in client.get(published.get_response_url()).text


def test_the_response_in_easy_read_waits_for_the_response_to_be_published(client, project, make_entry, member):
    make_entry(project)
    attach(close(project), "response_easy_read")
    client.force_login(member)
    assert client.get(reverse("feedback:response_easy_read", args=[project.pk])).status_code == 404


def test_the_public_page_offers_the_response_in_easy_read_to_everyone(client, published):
    response = client.get(reverse("feedback:public_response", args=["peg", published.pk]))
    assert RESPONSE_LINK in response.text


def test_anyone_can_download_a_public_response_in_easy_read(client, published):
    response = client.get(reverse("feedback:public_response_easy_read", args=["peg", published.pk]))
    assert b"".join(response.streaming_content) == one_page_pdf()


def test_a_response_not_shown_publicly_has_no_public_easy_read_version(client, published):
    published.publish_publicly = False
    published.save()
    assert client.get(reverse("feedback:public_response_easy_read", args=["peg", published.pk])).status_code == 404


def test_an_easy_read_version_must_be_a_document(project):
    project.easy_read = SimpleUploadedFile("easy-read.pdf", b"<script>alert(1)</script>")
    with pytest.raises(ValidationError, match="must be a"):
        project.full_clean()


def test_staff_attach_both_versions_on_the_projects_admin_page(client, staff, project):
    client.force_login(staff)
    text = client.get(reverse("admin:feedback_project_change", args=[project.pk])).text
    assert 'name="easy_read"' in text
    assert 'name="response_easy_read"' in text
