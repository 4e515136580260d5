"""Matters arising: the group's open actions from earlier meetings, worked out whenever the next meeting is
shown (the member meeting page, the pack, the meeting in the admin), and marked done by staff from the admin."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings import documents
from meetings.models import Action, Meeting
from tests.conftest import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def earlier(make_meeting):
    return make_meeting(days=-50, status=Meeting.Status.HELD, title="Spring meeting")


@pytest.fixture
def upcoming(make_meeting):
    return make_meeting(days=10, title="Summer meeting")


def add_action(meeting, owner, description="Ask the trust for the waiting times", due_in_days=20, **fields):
    return Action.objects.create(
        meeting=meeting,
        description=description,
        owner=owner,
        due=timezone.localdate() + timedelta(days=due_in_days),
        **fields,
    )


def section(page):
    """The matters arising section of the meeting page, up to the next heading of its level."""
    text = page.text.split('id="matters-arising"')[1]
    return text.split('<h2 class="nhsuk-heading-l"')[0]


def test_the_next_meeting_page_lists_open_actions_from_earlier_meetings(client, member, earlier, upcoming):
    add_action(earlier, member, due_in_days=20)
    client.force_login(member)
    listed = section(client.get(upcoming.get_absolute_url()))
    assert "Ask the trust for the waiting times" in listed
    assert "Olivia Bennett" in listed
    assert (timezone.localdate() + timedelta(days=20)).strftime("%-d %B %Y") in listed


def test_done_actions_are_not_listed(client, member, earlier, upcoming):
    add_action(earlier, member, status=Action.Status.DONE)
    client.force_login(member)
    assert "No actions from earlier meetings are still open." in section(client.get(upcoming.get_absolute_url()))


def test_an_action_marked_done_drops_off_at_once(client, member, earlier, upcoming):
    action = add_action(earlier, member)
    client.force_login(member)
    client.get(upcoming.get_absolute_url())
    action.mark_done()
    assert "Ask the trust" not in section(client.get(upcoming.get_absolute_url()))


def test_actions_from_this_or_later_meetings_are_not_matters_arising(member, earlier, upcoming, make_meeting):
    add_action(upcoming, member, description="Agreed at the meeting itself")
    add_action(make_meeting(days=70), member, description="Agreed later")
    assert list(Action.objects.arising_at(upcoming)) == []


def test_another_groups_actions_are_not_listed(panel, panel_member, make_meeting, upcoming):
    add_action(make_meeting(days=-50, group=panel), panel_member)
    assert list(Action.objects.arising_at(upcoming)) == []


def test_carried_forward_actions_are_listed(member, earlier, upcoming):
    action = add_action(earlier, member, status=Action.Status.CARRIED_FORWARD)
    assert list(Action.objects.arising_at(upcoming)) == [action]


def test_an_overdue_action_is_marked_overdue(client, member, earlier, upcoming):
    add_action(earlier, member, due_in_days=-3)
    client.force_login(member)
    assert "Overdue" in section(client.get(upcoming.get_absolute_url()))


def test_an_action_not_yet_due_is_not_marked_overdue(client, member, earlier, upcoming):
    add_action(earlier, member, due_in_days=3)
    client.force_login(member)
    assert "Overdue" not in section(client.get(upcoming.get_absolute_url()))


def test_the_matters_arising_are_read_in_one_query_however_many(
    client, member, peg, earlier, upcoming, django_assert_num_queries, settings
):
    settings.PREPARED_STATEMENTS = False  # the SQL as built, whose tables can be read, not EXECUTE of a statement
    add_action(earlier, member)
    client.force_login(member)
    # session, user, meeting (with my role and my reply), agenda items, matters arising (with their owners)
    with django_assert_num_queries(5) as first:
        client.get(upcoming.get_absolute_url())
    for i in range(10):
        add_action(earlier, make_person(f"owner{i}@example.org", f"Owner {i}"), due_in_days=i - 5)
    with django_assert_num_queries(5) as second:
        page = client.get(upcoming.get_absolute_url())
    assert section(page).count("nhsuk-table__row") == 12  # the header and 11 actions
    action_queries = [q for q in second.captured_queries if '"meetings_action"' in q["sql"]]
    assert len(action_queries) == len([q for q in first.captured_queries if '"meetings_action"' in q["sql"]]) == 1


def test_the_pack_lists_matters_arising_with_overdue_marked(member, earlier, upcoming):
    add_action(earlier, member, due_in_days=-3)
    add_action(earlier, member, description="Already done", status=Action.Status.DONE)
    html = documents.meeting_pack(upcoming).html.split("<h2>Matters arising</h2>")[1].split("<h2>")[0]
    assert "Ask the trust for the waiting times" in html and "(overdue)" in html
    assert "Already done" not in html


def test_the_pack_leaves_out_actions_agreed_at_the_meeting_itself(member, upcoming):
    add_action(upcoming, member)
    html = documents.meeting_pack(upcoming).html
    assert "No actions from earlier meetings are still open." in html


def test_the_meeting_in_the_admin_lists_matters_arising(client, staff, member, earlier, upcoming):
    action = add_action(earlier, member, due_in_days=-3)
    client.force_login(staff)
    page = client.get(reverse("admin:meetings_meeting_change", args=[upcoming.pk])).text
    assert reverse("admin:meetings_action_change", args=[action.pk]) in page
    assert "Olivia Bennett, due" in page and "(overdue)" in page


def test_staff_mark_actions_done_from_the_admin_list(client, staff, member, earlier):
    action = add_action(earlier, member)
    client.force_login(staff)
    client.post(reverse("admin:meetings_action_changelist"), {"action": "mark_done", "_selected_action": [action.pk]})
    action.refresh_from_db()
    assert (action.status, action.completed_on) == (Action.Status.DONE, timezone.localdate())


def test_marking_done_from_the_admin_keeps_the_day_an_action_was_already_done(client, staff, member, earlier):
    day = timezone.localdate() - timedelta(days=30)
    action = add_action(earlier, member, status=Action.Status.DONE, completed_on=day)
    client.force_login(staff)
    client.post(reverse("admin:meetings_action_changelist"), {"action": "mark_done", "_selected_action": [action.pk]})
    action.refresh_from_db()
    assert action.completed_on == day


def test_a_cancelled_meeting_has_no_matters_arising(client, member, earlier, make_meeting):
    add_action(earlier, member)
    cancelled = make_meeting(days=10, status=Meeting.Status.CANCELLED)
    client.force_login(member)
    assert "Matters arising" not in client.get(cancelled.get_absolute_url()).text
