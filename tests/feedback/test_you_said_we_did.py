"""The group-wide "You Said, We Did" page: a chosen period, grouped by theme, filterable by outcome."""

import logging
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


# The entries table is kept between views (feedback/views.py _entries_table): every change shows on the next view.

TABLE = "feedback/includes/response_entries.html"


def test_it_draws_the_entries_once_for_everyone_who_sees_the_same_rows(client, member, other_member, published):
    client.force_login(member)
    assert TABLE in [template.name for template in client.get(URL).templates]
    client.force_login(other_member)
    response = client.get(URL)
    assert "Adopted view" in response.text
    assert TABLE not in [template.name for template in response.templates]


def test_it_shows_an_entry_edited_since_the_last_view(client, member, published):
    client.force_login(member)
    client.get(URL)
    ResponseEntry.objects.filter(what_we_heard="Adopted view").update(how_we_reflected="Now open on Saturdays")
    assert "Now open on Saturdays" in client.get(URL).text


def test_it_shows_a_theme_renamed_since_the_last_view(client, member, published, theme):
    client.force_login(member)
    client.get(URL)
    theme.name = "Getting an appointment"
    theme.save()
    assert "Getting an appointment" in client.get(URL).text


def test_it_shows_the_count_of_comments_answered_since_the_last_view(
    client, member, other_member, published, make_comment
):
    client.force_login(member)
    client.get(URL)
    entry = ResponseEntry.objects.get(what_we_heard="Adopted view")
    entry.comments.set([make_comment(published, other_member)])
    assert "Answers 1 comment" in client.get(URL).text


def test_it_shows_the_entries_while_the_cache_is_down(client, member, published, settings, caplog):
    settings.CACHES = {
        "default": {
            "BACKEND": "engagement.core.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1: every connection is refused
            "OPTIONS": settings.REDIS_TIMEOUTS,
        }
    }
    client.force_login(member)
    with caplog.at_level(logging.WARNING, logger="feedback.discussion"):
        assert "Adopted view" in client.get(URL).text
    assert any(record.name == "feedback.discussion" for record in caplog.records)
