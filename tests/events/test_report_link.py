"""The way to the event report from the plan page, for those who may read it, once the event has happened."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members.models import Membership

pytestmark = pytest.mark.django_db


def plan_page(client, user, plan):
    client.force_login(user)
    return client.get(reverse("planning:plan_detail", args=[plan.project_id])).text


def report_link(event):
    return reverse("events:report_pdf", args=[event.pk])


def test_the_chair_of_the_projects_group_finds_the_report_of_an_event_held(client, chair, plan, make_event):
    held = make_event(days=-1)
    assert f'href="{report_link(held)}"' in plan_page(client, chair, plan)


def test_staff_find_the_report_of_an_event_held(client, staff, plan, make_event):
    held = make_event(days=-1)
    assert f'href="{report_link(held)}"' in plan_page(client, staff, plan)


def test_there_is_no_report_link_for_an_event_to_come(client, chair, plan, make_event):
    to_come = make_event(days=7)
    assert report_link(to_come) not in plan_page(client, chair, plan)


def test_members_are_not_offered_the_report(client, member, plan, make_event):
    held = make_event(days=-1)
    assert report_link(held) not in plan_page(client, member, plan)


def test_the_chair_of_another_group_is_not_offered_the_report(client, member, panel, plan, make_event):
    """Only chairing a group the project is brought to counts (the plan page reads it with the plan)."""
    Membership.objects.create(user=member, group=panel, role=Membership.Role.CHAIR)
    held = make_event(days=-1)
    assert report_link(held) not in plan_page(client, member, plan)


def test_the_links_cost_the_page_no_query_however_many_events(client, chair, plan, make_event):
    """Whether the chair may read reports is read with the plan (planning.access.PLAN_PAGE_FACTS), not once an event."""

    def queries():
        with CaptureQueriesContext(connection) as captured:
            plan_page(client, chair, plan)
        return len(captured)

    make_event(days=7)
    queries()  # the first page caches what every page needs (content types, the session)
    without = queries()
    make_event(days=-1)
    with_one = queries()
    for days in range(-5, -2):
        make_event(days=days)
    assert with_one == without
    assert queries() == with_one
