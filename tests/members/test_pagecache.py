"""The per-person page cache: repeat views come from the cache, and any committed write makes them stale."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import transaction
from django.test import Client
from django.urls import reverse

from feedback.models import Partner, Project, local_today
from meetings.models import Meeting, Reply
from members import pagecache
from members.models import Membership
from tests.conftest import make_person

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.page_cache]


def browser(user):
    """A signed-in client that, like a browser, has had its CSRF cookie from an earlier page."""
    client = Client()
    client.force_login(user)
    client.get(reverse("profile"))
    assert "csrftoken" in client.cookies
    return client


def served(response):
    return response.headers.get(pagecache.HIT_HEADER)


def test_a_repeat_view_comes_from_the_cache_unchanged(member, meeting):
    client = browser(member)
    first = client.get(reverse("dashboard"))
    second = client.get(reverse("dashboard"))
    assert (served(first), served(second)) == ("miss", "hit")
    assert second.content == first.content
    assert meeting.title.encode() in second.content


def test_a_committed_change_shows_on_the_next_view(member, meeting):
    client = browser(member)
    client.get(reverse("dashboard"))
    meeting.title = "Autumn meeting"
    meeting.save()
    response = client.get(reverse("dashboard"))
    assert served(response) == "miss"
    assert b"Autumn meeting" in response.content


def test_a_bulk_update_without_signals_also_makes_pages_stale(member, meeting):
    client = browser(member)
    client.get(reverse("dashboard"))
    Meeting.objects.filter(pk=meeting.pk).update(title="Moved by a bulk update")
    assert b"Moved by a bulk update" in client.get(reverse("dashboard")).content


def test_a_reply_sent_through_the_site_shows_at_once(member, meeting):
    client = browser(member)
    page = reverse("meetings:detail", args=[meeting.pk])
    client.get(page)
    assert served(client.get(page)) == "hit"
    client.post(reverse("meetings:reply", args=[meeting.pk]), {"response": Reply.Response.ATTENDING, "note": ""})
    response = client.get(page)
    assert "You told us you will be there." in response.content.decode()


def test_a_page_carrying_a_message_is_neither_served_from_nor_kept_in_the_cache(member, meeting):
    client = browser(member)
    page = reverse("meetings:detail", args=[meeting.pk])
    client.get(page)
    client.post(reverse("meetings:reply", args=[meeting.pk]), {"response": Reply.Response.ATTENDING, "note": ""})
    with_message = client.get(page)
    assert served(with_message) is None
    assert "We have recorded that you will be there." in with_message.content.decode()
    after = client.get(page)
    assert served(after) == "miss"
    assert "We have recorded that you will be there." not in after.content.decode()


def test_nobody_is_served_a_page_cached_for_someone_else(member, meeting, peg):
    other = make_person("other@example.org", "Tom Okafor")
    Membership.objects.create(user=other, group=peg)
    browser(member).get(reverse("dashboard"))
    mine = browser(member).get(reverse("dashboard"))
    theirs = browser(other).get(reverse("dashboard"))
    assert "Hello, Olivia" in mine.content.decode()
    assert served(theirs) == "miss"
    assert "Hello, Tom" in theirs.content.decode()
    assert "Olivia" not in theirs.content.decode()


def test_each_browser_gets_forms_its_own_csrf_cookie_accepts(member, meeting):
    page = reverse("meetings:detail", args=[meeting.pk])
    first = browser(member)
    first.get(page)
    assert served(first.get(page)) == "hit"
    # The same person in a second browser, with Django's CSRF check on as in real use.
    second = Client(enforce_csrf_checks=True)
    second.force_login(member)
    second.get(page)
    response = second.get(page)
    assert served(response) == "miss"
    token = response.content.decode().split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    reply = second.post(
        reverse("meetings:reply", args=[meeting.pk]), {"response": "attending", "note": "", "csrfmiddlewaretoken": token}
    )
    assert reply.status_code == 302


def test_nothing_is_cached_before_the_browser_has_a_csrf_cookie(member):
    client = Client()
    client.force_login(member)
    response = client.get(reverse("dashboard"))
    assert served(response) is None
    assert "csrftoken" in response.cookies


def test_time_alone_expires_a_page_after_page_cache_seconds(member, settings):
    settings.PAGE_CACHE_SECONDS = 60
    with time_machine.travel("2026-11-24 10:00", tick=False) as clock:
        client = browser(member)
        client.get(reverse("dashboard"))
        assert served(client.get(reverse("dashboard"))) == "hit"
        clock.shift(timedelta(seconds=61))
        assert served(client.get(reverse("dashboard"))) == "miss"


def test_it_can_be_turned_off(member, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client = browser(member)
    client.get(reverse("dashboard"))
    assert served(client.get(reverse("dashboard"))) is None


def test_a_cache_that_is_down_leaves_pages_working(member, meeting, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:9/0"}}
    client = browser(member)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    assert meeting.title in response.content.decode()


def test_a_transaction_moves_the_generation_on_once_when_it_commits(peg):
    before = pagecache.generation()
    with transaction.atomic():
        for number in range(3):
            make_person(f"person{number}@example.org")
        assert pagecache.generation() == before
    assert pagecache.generation() == before + 1


def test_a_rolled_back_transaction_leaves_cached_pages_alone(peg):
    before = pagecache.generation()
    with pytest.raises(RuntimeError), transaction.atomic():
        make_person("never@example.org")
        raise RuntimeError
    assert pagecache.generation() == before


def test_sign_in_sessions_do_not_make_pages_stale(db):
    before = pagecache.generation()
    SessionStore().create()
    Session.objects.all().delete()
    assert pagecache.generation() == before


def test_a_repeat_admin_list_comes_from_the_cache_and_a_change_shows(staff, member):
    client = browser(staff)
    page = reverse("admin:members_user_changelist")
    client.get(page)
    assert served(client.get(page)) == "hit"
    make_person("newcomer@example.org", "Nina Newcomer")
    response = client.get(page)
    assert served(response) == "miss"
    assert "Nina Newcomer" in response.content.decode()


def test_the_admin_still_checks_permission_before_serving_a_cached_list(staff, monkeypatch):
    client = browser(staff)
    page = reverse("admin:members_user_changelist")
    client.get(page)
    assert served(client.get(page)) == "hit"
    # As if the cache had been unreachable when the permission was taken away.
    monkeypatch.setattr(pagecache, "move_on", lambda: None)
    staff.groups.clear()
    assert client.get(page).status_code == 403


@pytest.fixture
def project(peg):
    project = Project.objects.create(
        title="Improving access to GP services",
        partner=Partner.objects.create(name="Riverside County Council"),
        lead_name="Priyanka Bhatt",
        lead_role="Transformation manager",
        lead_email="lead@example.org",
        summary="How you book appointments is changing.",
        status=Project.Status.OPEN,
        closes_on=local_today() + timedelta(days=7),
    )
    project.groups.set([peg])
    return project


@pytest.mark.parametrize(
    "page",
    [
        lambda meeting, project, group: reverse("meetings:detail", args=[meeting.pk]),
        lambda meeting, project, group: reverse("feedback:project_detail", args=[project.pk]),
        lambda meeting, project, group: group.get_absolute_url(),
    ],
    ids=["meeting", "project", "group"],
)
def test_a_member_who_steps_down_is_refused_a_page_cached_a_moment_ago(member, meeting, project, peg, page, monkeypatch):
    client = browser(member)
    address = page(meeting, project, peg)
    client.get(address)
    assert served(client.get(address)) == "hit"
    # As if the cache had been unreachable when the membership ended: the check still runs.
    monkeypatch.setattr(pagecache, "move_on", lambda: None)
    member.memberships.update(status=Membership.Status.STEPPED_DOWN)
    assert client.get(address).status_code == 404


@pytest.mark.parametrize(
    ("page", "queries"),
    [
        (lambda meeting, project: reverse("dashboard"), 2),
        (lambda meeting, project: reverse("meetings:list"), 2),
        (lambda meeting, project: reverse("meetings:detail", args=[meeting.pk]), 3),
        (lambda meeting, project: reverse("feedback:project_list"), 2),
        (lambda meeting, project: reverse("feedback:project_detail", args=[project.pk]), 3),
        (lambda meeting, project: reverse("feedback:you_said_we_did"), 2),
        (lambda meeting, project: reverse("expenses:claim_list"), 2),
    ],
    ids=["dashboard", "meetings", "meeting", "projects", "project", "you-said-we-did", "claims"],
)
def test_a_repeat_view_costs_the_sign_in_queries_and_the_access_check_only(
    member, meeting, project, page, queries, django_assert_num_queries
):
    client = browser(member)
    address = page(meeting, project)
    client.get(address)
    with django_assert_num_queries(queries):  # the session, the person, and for one object the access check
        assert served(client.get(address)) == "hit"


def test_a_draft_project_is_still_shown_to_staff_rendered_each_time(staff, project):
    # The quick check before a cached page only ever says no where the full check might
    # say yes: then the page is rendered and the full check decides.
    project.status = Project.Status.DRAFT
    project.save()
    client = browser(staff)
    address = reverse("feedback:project_detail", args=[project.pk])
    client.get(address)
    response = client.get(address)
    assert response.status_code == 200
    assert served(response) == "miss"


def test_a_write_that_changes_no_rows_leaves_cached_pages_alone(member):
    before = pagecache.generation()
    Meeting.objects.filter(pk=0).update(title="Nothing matches")
    assert pagecache.generation() == before
