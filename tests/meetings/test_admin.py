"""Staff run meetings from the admin: generate a series, move one, issue papers, cancel."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from engagement.core.confirm import CONFIRMED
from engagement.core.models import Notification
from meetings.models import Meeting
from members.models import Membership, User

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")

GENERATE = {
    "title": "Group meeting",
    "ordinal": "2",
    "weekday": "1",
    "every_months": "2",
    "first_month": "2027-01-01",
    "count": "6",
    "start": "10:00",
    "end": "13:00",
    "online_link": "https://meet.example.org/peg",
}


def test_staff_preview_the_dates_before_creating_them(client, staff, peg):
    client.force_login(staff)
    response = client.post(reverse("admin:meetings_meeting_generate"), GENERATE | {"group": peg.pk, "preview": "1"})
    assert response.status_code == 200
    assert "Tuesday 12 January 2027, 10:00" in response.text
    assert "Tuesday 9 November 2027" in response.text
    assert not Meeting.objects.exists()


def test_staff_create_a_year_of_meetings_in_one_step(client, staff, peg):
    client.force_login(staff)
    response = client.post(reverse("admin:meetings_meeting_generate"), GENERATE | {"group": peg.pk, "confirm": "1"})
    assert response.status_code == 302
    starts = [m.start.astimezone(LONDON) for m in Meeting.objects.order_by("start")]
    assert [s.date().isoformat() for s in starts] == [
        "2027-01-12",
        "2027-03-09",
        "2027-05-11",
        "2027-07-13",
        "2027-09-14",
        "2027-11-09",
    ]
    assert {s.hour for s in starts} == {10}


def test_generating_without_a_venue_or_link_explains_why(client, staff, peg):
    client.force_login(staff)
    data = GENERATE | {"group": peg.pk, "online_link": "", "preview": "1"}
    response = client.post(reverse("admin:meetings_meeting_generate"), data)
    assert "Give a venue, an online joining link, or both." in response.text
    assert 'value="Group meeting"' in response.text


def test_members_cannot_use_the_generator(client, member):
    client.force_login(member)
    assert client.get(reverse("admin:meetings_meeting_generate")).status_code == 302


@pytest.mark.django_db(transaction=True)
def test_moving_a_meeting_in_the_admin_tells_those_already_invited(
    client, staff, member, peg, venue, django_capture_on_commit_callbacks
):
    start = datetime(2030, 3, 12, 10, tzinfo=LONDON)
    meeting = Meeting.objects.create(
        group=peg, title="Spring", start=start, end=start + timedelta(hours=3), venue=venue
    )
    from meetings import tasks

    tasks.plan_meeting_emails()
    mail.outbox.clear()
    client.force_login(staff)
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    data = {
        "group": peg.pk,
        "title": "Spring",
        "kind": "regular",
        "status": "scheduled",
        "start_0": "19/03/2030",
        "start_1": "10:00:00",
        "end_0": "19/03/2030",
        "end_1": "13:00:00",
        "venue": venue.pk,
        "online_link": "",
        "online_instructions": "",
        "papers_deadline": "",
        "minutes_status": "none",
        "minutes_approved_on": "",
    }
    for prefix in ["items", "replies", "attendees", "actions", "minutes_comments"]:
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    with django_capture_on_commit_callbacks(execute=True):
        confirmation = client.post(url, data)
    meeting.refresh_from_db()
    assert (meeting.start.astimezone(LONDON).day, mail.outbox) == (12, [])
    assert "1 person will be e-mailed" in confirmation.text
    assert "Tuesday 19 March 2030, 10am to 1pm" in confirmation.text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data | {CONFIRMED: "1"}, follow=True)
    assert response.redirect_chain, response.context and response.context["adminform"].form.errors
    meeting.refresh_from_db()
    assert meeting.start.astimezone(LONDON).day == 19
    assert meeting.sequence == 1
    assert [m.subject.split(":")[0] for m in mail.outbox] == ["Meeting moved"]
    assert "Tuesday 19 March 2030, 10am to 1pm" in mail.outbox[0].body
    assert "Meeting moved; 1 person e-mailed." in response.text


def test_issue_papers_action_emails_members(client, staff, member, peg, venue, django_capture_on_commit_callbacks):
    start = datetime(2030, 3, 12, 10, tzinfo=LONDON)
    meeting = Meeting.objects.create(
        group=peg, title="Spring", start=start, end=start + timedelta(hours=3), venue=venue
    )
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:meetings_meeting_changelist"),
            {"action": "issue_papers", "_selected_action": [meeting.pk], CONFIRMED: "1"},
        )
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PAPERS_ISSUED
    assert Notification.objects.filter(event="papers-issued", user=member, status="sent").exists()


def test_approve_minutes_approves_only_drafts_and_records_who(client, staff, peg, venue):
    start = datetime(2030, 3, 12, 10, tzinfo=LONDON)

    def meeting(minutes_status, approved_on=None):
        return Meeting.objects.create(
            group=peg,
            title="Spring",
            start=start,
            end=start + timedelta(hours=3),
            venue=venue,
            minutes_status=minutes_status,
            minutes_approved_on=approved_on,
        )

    draft = meeting(Meeting.MinutesStatus.DRAFT)
    unwritten = meeting(Meeting.MinutesStatus.NONE)
    approved = meeting(Meeting.MinutesStatus.APPROVED, date(2030, 4, 1))
    client.force_login(staff)
    response = client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": "approve_minutes", "_selected_action": [draft.pk, unwritten.pk, approved.pk], CONFIRMED: "1"},
        follow=True,
    )
    for m in (draft, unwritten, approved):
        m.refresh_from_db()
    assert (draft.minutes_status, draft.minutes_approved_on) == ("approved", timezone.localdate())
    assert (draft.minutes_approved_by, draft.history.first().history_user) == (staff, staff)
    assert (unwritten.minutes_status, unwritten.minutes_approved_on) == ("none", None)
    assert approved.minutes_approved_on == date(2030, 4, 1)
    assert [str(m) for m in response.context["messages"]] == ["Minutes approved for 1 meeting; 0 members e-mailed."]


def test_approving_minutes_says_first_which_are_left_out(client, staff, peg, venue):
    start = datetime(2030, 3, 12, 10, tzinfo=LONDON)
    meeting = Meeting.objects.create(
        group=peg, title="Spring", start=start, end=start + timedelta(hours=3), venue=venue, minutes_status="none"
    )
    client.force_login(staff)
    page = client.post(
        reverse("admin:meetings_meeting_changelist"), {"action": "approve_minutes", "_selected_action": [meeting.pk]}
    ).text
    assert "Only draft minutes of meetings that were not cancelled can be approved." in page


def test_status_cannot_be_edited_so_cancelling_goes_through_the_action(
    client, staff, member, peg, venue, django_capture_on_commit_callbacks
):
    start = datetime(2030, 3, 12, 10, tzinfo=LONDON)
    meeting = Meeting.objects.create(
        group=peg, title="Spring", start=start, end=start + timedelta(hours=3), venue=venue
    )
    client.force_login(staff)
    data = {
        "group": peg.pk,
        "title": "Spring",
        "kind": "regular",
        "status": "cancelled",
        "start_0": "12/03/2030",
        "start_1": "10:00:00",
        "end_0": "12/03/2030",
        "end_1": "13:00:00",
        "venue": venue.pk,
        "online_link": "",
        "online_instructions": "",
        "papers_deadline": "",
        "minutes_status": "none",
        "minutes_approved_on": "",
    }
    for prefix in ["items", "replies", "attendees", "actions", "minutes_comments"]:
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    response = client.post(reverse("admin:meetings_meeting_change", args=[meeting.pk]), data)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.SCHEDULED
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:meetings_meeting_changelist"),
            {"action": "cancel_meetings", "_selected_action": [meeting.pk], CONFIRMED: "1"},
        )
    meeting.refresh_from_db()
    assert (meeting.status, meeting.sequence) == (Meeting.Status.CANCELLED, 1)


def spring_meeting(peg, venue):
    start = datetime(2030, 3, 12, 10, tzinfo=LONDON)
    return Meeting.objects.create(group=peg, title="Spring", start=start, end=start + timedelta(hours=3), venue=venue)


def test_issuing_papers_asks_first_and_sends_nothing(
    client, staff, member, peg, venue, django_capture_on_commit_callbacks
):
    meeting = spring_meeting(peg, venue)
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:meetings_meeting_changelist"), {"action": "issue_papers", "_selected_action": [meeting.pk]}
        )
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.SCHEDULED
    assert mail.outbox == []
    assert "1 person will be e-mailed" in response.text
    assert "member@example.org" in response.text


def test_issuing_papers_lists_who_to_ring_and_says_so_after(
    client, staff, member, peg, venue, django_capture_on_commit_callbacks
):
    meeting = spring_meeting(peg, venue)
    ringing = User.objects.create_user(
        "phone@example.org", "x", full_name="Ruth Okafor", phone="0113 496 0000", communication_preference="phone"
    )
    Membership.objects.create(user=ringing, group=peg)
    client.force_login(staff)
    url = reverse("admin:meetings_meeting_changelist")
    confirmation = client.post(url, {"action": "issue_papers", "_selected_action": [meeting.pk]})
    assert "Ruth Okafor" in confirmation.text
    assert "0113 496 0000" in confirmation.text
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            url, {"action": "issue_papers", "_selected_action": [meeting.pk], CONFIRMED: "1"}, follow=True
        )
    assert [str(m) for m in done.context["messages"]] == [
        "Papers issued for 1 meeting; 1 member e-mailed, 1 to contact by phone."
    ]


def test_cancelling_asks_first_and_counts_those_already_told(
    client, staff, member, peg, venue, django_capture_on_commit_callbacks
):
    meeting = spring_meeting(peg, venue)
    Notification.objects.create(user=member, subject=meeting, event="invitation", status="sent")
    client.force_login(staff)
    url = reverse("admin:meetings_meeting_changelist")
    confirmation = client.post(url, {"action": "cancel_meetings", "_selected_action": [meeting.pk]})
    meeting.refresh_from_db()
    assert (meeting.status, meeting.sequence) == (Meeting.Status.SCHEDULED, 0)
    assert "1 person will be e-mailed" in confirmation.text
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            url, {"action": "cancel_meetings", "_selected_action": [meeting.pk], CONFIRMED: "1"}, follow=True
        )
    assert [m.to for m in mail.outbox] == [["member@example.org"]]
    assert [str(m) for m in done.context["messages"]] == ["1 meeting cancelled; 1 person e-mailed."]


def test_moving_a_meeting_no_one_has_heard_of_saves_without_asking(client, staff, member, peg, venue):
    meeting = spring_meeting(peg, venue)
    client.force_login(staff)
    data = {
        "group": peg.pk,
        "title": "Spring",
        "kind": "regular",
        "start_0": "19/03/2030",
        "start_1": "10:00:00",
        "end_0": "19/03/2030",
        "end_1": "13:00:00",
        "venue": venue.pk,
        "minutes_status": "none",
    }
    for prefix in ["items", "replies", "attendees", "actions", "minutes_comments"]:
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    response = client.post(reverse("admin:meetings_meeting_change", args=[meeting.pk]), data)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.start.astimezone(LONDON).day == 19


def test_marking_one_meeting_held_says_meeting_not_meetings(client, staff, peg, venue):
    start = datetime(2030, 3, 12, 10, tzinfo=LONDON)
    meeting = Meeting.objects.create(
        group=peg, title="Spring", start=start, end=start + timedelta(hours=3), venue=venue
    )
    client.force_login(staff)
    response = client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": "mark_held", "_selected_action": [meeting.pk]},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == ["1 meeting marked as held."]
