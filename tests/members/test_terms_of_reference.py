"""A group's terms of reference: staff keep them in the group admin; members read them, and download the
document, from the group's page."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from tests.meetings.test_documents import blank_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def terms(peg):
    peg.purpose = "To make sure local people shape NHS services."
    peg.meets = "Every two months"
    peg.term_years = 2
    peg.missed_meetings_alert = 3
    peg.terms_of_reference.save("terms.pdf", ContentFile(blank_pdf(1)))
    return peg


def document_url(group):
    return reverse("group_terms_of_reference", args=[group.slug])


def test_a_member_reads_the_terms_of_reference_on_the_group_page(client, member, terms):
    client.force_login(member)
    text = client.get(terms.get_absolute_url()).text
    assert [
        phrase in text
        for phrase in (
            "To make sure local people shape NHS services.",
            "Every two months",
            "2 years",
            "miss 3 meetings in a row",
            "33%",
        )
    ] == [True] * 5


def test_the_group_page_links_to_the_document(client, member, terms):
    client.force_login(member)
    assert f'href="{document_url(terms)}"' in client.get(terms.get_absolute_url()).text


def test_a_member_downloads_the_document(client, member, terms):
    client.force_login(member)
    response = client.get(document_url(terms))
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")


def test_a_member_of_another_group_is_refused_the_document(client, panel_member, terms):
    client.force_login(panel_member)
    assert client.get(document_url(terms)).status_code == 404


def test_without_a_document_there_is_no_link_and_no_download(client, member, peg):
    client.force_login(member)
    assert (
        document_url(peg) in client.get(peg.get_absolute_url()).text,
        client.get(document_url(peg)).status_code,
    ) == (
        False,
        404,
    )


def test_staff_edit_the_terms_of_reference_in_the_group_admin(client, staff, peg):
    client.force_login(staff)
    text = client.get(reverse("admin:members_engagementgroup_change", args=[peg.pk])).text
    assert all(f'name="{field}"' in text for field in ("purpose", "term_years", "meets", "terms_of_reference"))


def test_the_group_admin_still_shows_every_other_field_of_the_group(client, staff, peg):
    client.force_login(staff)
    text = client.get(reverse("admin:members_engagementgroup_change", args=[peg.pk])).text
    assert 'name="reminder_days"' in text
