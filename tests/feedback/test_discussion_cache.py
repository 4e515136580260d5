"""The project page's cards are kept between views (feedback/discussion.py), yet every change shows on the
very next view, and each member sees only their own parts."""

import logging

import pytest

from feedback.models import ChecklistArea

pytestmark = pytest.mark.django_db


@pytest.fixture
def seen(client, member, project):
    """The page viewed once by the member, so its cards are kept."""

    def view(person=member):
        client.force_login(person)
        return client.get(project.get_absolute_url()).text

    return view


def test_it_shows_a_comment_added_since_the_last_view(seen, other_member, project, make_comment):
    seen()
    make_comment(project, other_member, body="The car park is too small.")
    assert "The car park is too small." in seen()


def test_it_shows_a_comment_edited_since_the_last_view(seen, other_member, project, make_comment):
    comment = make_comment(project, other_member, body="Before")
    seen()
    comment.edit("After")
    assert "After" in seen()


def test_it_shows_areas_changed_without_a_change_of_words(seen, other_member, project, make_comment):
    comment = make_comment(project, other_member)
    area = ChecklistArea.objects.first()
    seen()
    comment.edit(comment.body, [area])
    assert f'<strong class="nhsuk-tag nhsuk-tag--white">{area.name}</strong>' in seen()


def test_it_leaves_out_a_comment_withdrawn_since_the_last_view(seen, other_member, project, make_comment):
    comment = make_comment(project, other_member, body="Soon withdrawn")
    seen()
    comment.withdraw()
    assert "Soon withdrawn" not in seen()


def test_it_leaves_out_a_comment_hidden_since_the_last_view(seen, other_member, staff, project, make_comment):
    comment = make_comment(project, other_member, body="Soon hidden")
    seen()
    comment.hide(staff, "Personal details")
    assert "Soon hidden" not in seen()


def test_a_second_member_sees_their_own_links_not_the_firsts(seen, member, other_member, project, make_comment):
    mine = make_comment(project, member, body="Mine")
    theirs = make_comment(project, other_member, body="Theirs")
    seen(member)
    page = seen(other_member)
    assert f"/comments/{theirs.pk}/change/" in page
    assert f"/comments/{mine.pk}/change/" not in page
    assert "Tom Okafor (you)" in page and "Olivia Bennett (you)" not in page


def test_the_author_of_a_hidden_comment_still_sees_it_after_another_member(
    seen, member, other_member, staff, project, make_comment
):
    make_comment(project, other_member, body="Mine, hidden").hide(staff, "Personal details")
    seen(member)
    page = seen(other_member)
    assert "Mine, hidden" in page and "Personal details" in page


def test_staff_see_hidden_comments_after_a_member(seen, other_member, staff, project, make_comment):
    make_comment(project, other_member, body="Hidden one").hide(staff, "Personal details")
    seen()
    assert "Hidden from members" in seen(staff)


@pytest.fixture
def redis_stopped(settings):
    previous = settings.CACHES
    settings.CACHES = {
        "default": {
            "BACKEND": "engagement.core.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1: every connection is refused
            "OPTIONS": settings.REDIS_TIMEOUTS,
        }
    }
    yield
    settings.CACHES = previous


def test_the_page_shows_its_comments_while_the_cache_is_down(
    redis_stopped, seen, other_member, project, make_comment, caplog
):
    make_comment(project, other_member, body="Still here")
    with caplog.at_level(logging.WARNING, logger="feedback.discussion"):
        assert "Still here" in seen()
    assert any(record.name == "feedback.discussion" for record in caplog.records)
