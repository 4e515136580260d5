"""The group-wide "You Said, We Did" page: a chosen period, grouped by theme, filterable by outcome."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from feedback.models import ResponseEntry
from members.models import Membership
from tests.feedback.conftest import close, publish

pytestmark = pytest.mark.django_db

URL = reverse("feedback:you_said_we_did")


@pytest.fixture
def published(project, make_entry):
    make_entry(project, what_we_heard="Adopted view", outcome=ResponseEntry.Outcome.ADOPTED)
    make_entry(project, what_we_heard="Rejected view", outcome=ResponseEntry.Outcome.NOT_ADOPTED)
    return publish(close(project))


def test_it_lists_published_entries_for_the_members_group(client, member, published):
    client.force_login(member)
    text = client.get(URL).text
    assert "Adopted view" in text
    assert "Rejected view" in text
    assert published.title in text


def test_it_filters_by_outcome(client, member, published):
    client.force_login(member)
    text = client.get(URL, {"outcome": "not_adopted"}).text
    assert "Rejected view" in text
    assert "Adopted view" not in text


def test_it_filters_by_period(client, member, published):
    published.response_published_at = timezone.now() - timedelta(days=200)
    published.save()
    client.force_login(member)
    assert "Adopted view" not in client.get(URL, {"period": "3"}).text
    assert "Adopted view" in client.get(URL, {"period": "12"}).text


def test_it_leaves_out_unpublished_responses(client, member, project, make_entry):
    make_entry(project, what_we_heard="Still a draft")
    close(project)
    client.force_login(member)
    text = client.get(URL).text
    assert "Still a draft" not in text
    assert "No responses have been published for this choice yet" in text


def test_it_never_shows_another_groups_responses(client, panel_member, published):
    client.force_login(panel_member)
    assert "Adopted view" not in client.get(URL, {"group": "peg"}).text


def test_a_member_of_two_groups_chooses_one(client, member, panel, published, make_project, make_entry):
    Membership.objects.create(user=member, group=panel)
    panel_project = make_project(title="Leaflet", groups=[panel])
    make_entry(panel_project, what_we_heard="Panel view")
    publish(close(panel_project))
    client.force_login(member)
    assert "Panel view" in client.get(URL, {"group": "reading-panel"}).text
    assert "Panel view" not in client.get(URL, {"group": "peg"}).text


def test_it_pages_long_lists_by_25(client, member, published, make_entry):
    for i in range(30):
        make_entry(published, what_we_heard=f"View number {i}", position=i + 1)
    client.force_login(member)
    first = client.get(URL).text
    assert "Page 2 of 2" in first
    assert "page=2" in client.get(URL, {"outcome": "adopted"}).text


def test_the_impact_link_is_for_the_chair_and_staff_only(client, member, chair, staff, published):
    impact = reverse("feedback:impact", args=["peg"])
    client.force_login(member)
    assert impact not in client.get(URL).text
    client.force_login(chair)
    assert impact in client.get(URL).text
    client.force_login(staff)
    assert impact in client.get(URL, {"group": "peg"}).text
