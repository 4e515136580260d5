"""Minutes sign-off: the draft to those who attended for comment, their comments recorded for staff,
the draft on the next agenda, approval recorded and published to members, and staff reminded once of
minutes still unpublished."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from engagement.core.confirm import CONFIRMED
from meetings import documents as meeting_documents
from meetings import services, tasks
from meetings.models import Attendee, Meeting, MinutesComment
from members.models import Membership
from tests.conftest import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(peg):
    """The group's staff: reminded of unpublished minutes."""
    person = make_person("officer@example.org", "Sam Officer", is_staff=True)
    Membership.objects.create(user=person, group=peg, role=Membership.Role.STAFF)
    return person


@pytest.fixture
def held(make_meeting, member, chair):
    """A meeting 30 days ago that the member and the chair attended, with draft minutes."""
    meeting = make_meeting(days=-30, title="Spring meeting", status=Meeting.Status.HELD, minutes_status="draft")
    for person in (member, chair):
        Attendee.objects.create(meeting=meeting, user=person)
    return meeting


@pytest.fixture
def following(make_meeting):
    """The group's next meeting, held yesterday."""
    return make_meeting(days=-1, title="Summer meeting", status=Meeting.Status.HELD)


@pytest.fixture
def sending(django_capture_on_commit_callbacks):
    """Run a step with what it queues for after the commit, as in a real request."""

    def run(step, *args):
        with django_capture_on_commit_callbacks(execute=True):
            return step(*args)

    return run


def pdf_text(meeting):
    pdf = meeting_documents.minutes(meeting).render()
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)


def test_it_sends_the_draft_to_each_attendee_once(sending, held, member, chair):
    sending(services.send_draft_minutes, held)
    sending(services.send_draft_minutes, held)
    assert sorted(message.to[0] for message in mail.outbox) == sorted([member.email, chair.email])


def test_it_sets_the_comments_date_two_weeks_ahead_when_blank(sending, held):
    sending(services.send_draft_minutes, held)
    held.refresh_from_db()
    assert held.minutes_comments_until == timezone.localdate() + timedelta(days=14)


def test_the_draft_email_links_to_the_comment_page(sending, held):
    sending(services.send_draft_minutes, held)
    assert reverse("meetings:draft_minutes", args=[held.pk]) in mail.outbox[0].body


def test_staff_send_the_draft_through_the_confirmation_page(client, staff, held, django_capture_on_commit_callbacks):
    client.force_login(staff)
    url = reverse("admin:meetings_meeting_changelist")
    asking = client.post(url, {"action": "send_draft_minutes", "_selected_action": [held.pk]})
    assert ("2 people will be e-mailed" in asking.text, mail.outbox) == (True, [])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "send_draft_minutes", "_selected_action": [held.pk], CONFIRMED: "1"})
    assert len(mail.outbox) == 2


def test_an_attendee_comments_on_the_draft(client, sending, held, member):
    sending(services.send_draft_minutes, held)
    client.force_login(member)
    client.post(
        reverse("meetings:draft_minutes", args=[held.pk]), {"kind": "amendment", "text": "I said Tuesday, not Monday"}
    )
    assert list(MinutesComment.objects.values_list("author", "kind", "text")) == [
        (member.pk, "amendment", "I said Tuesday, not Monday")
    ]


def test_an_attendee_can_read_the_draft_while_it_is_out_for_comment(client, sending, held, member):
    sending(services.send_draft_minutes, held)
    client.force_login(member)
    assert client.get(reverse("meetings:minutes_docx", args=[held.pk])).status_code == 200


def test_comments_are_refused_after_the_date(client, held, member):
    held.minutes_comments_until = timezone.localdate() - timedelta(days=1)
    held.save()
    client.force_login(member)
    assert client.get(reverse("meetings:draft_minutes", args=[held.pk])).status_code == 404


def test_comments_are_refused_to_a_member_who_was_not_there(client, sending, held, peg):
    absentee = make_person("absent@example.org", "Ann Absent")
    Membership.objects.create(user=absentee, group=peg)
    sending(services.send_draft_minutes, held)
    client.force_login(absentee)
    assert client.get(reverse("meetings:draft_minutes", args=[held.pk])).status_code == 404


def test_staff_read_the_comments_on_the_meeting(client, staff, held, member):
    MinutesComment.objects.create(meeting=held, author=member, text="Please spell my name Olivia")
    client.force_login(staff)
    assert "Please spell my name Olivia" in client.get(reverse("admin:meetings_meeting_change", args=[held.pk])).text


def test_the_draft_goes_on_the_next_agenda_once_with_the_draft_attached(held, following):
    services.put_minutes_on_next_agenda(held)
    services.put_minutes_on_next_agenda(held)
    item = following.items.get()
    assert (item.title, item.minutes_of, item.papers.count()) == ("Minutes of the last meeting", held, 1)


def test_approving_records_who_and_the_day_of_the_meeting_that_approved(sending, staff, held, following):
    services.put_minutes_on_next_agenda(held)
    sending(services.approve_minutes, held, staff)
    held.refresh_from_db()
    assert (held.minutes_status, held.minutes_approved_by, held.minutes_approved_on) == (
        "approved",
        staff,
        timezone.localdate(following.start),
    )


def test_approving_tells_each_member_once(sending, staff, held, member, chair):
    sending(services.approve_minutes, held, staff)
    sending(services.approve_minutes, held, staff)
    assert sorted(message.to[0] for message in mail.outbox) == sorted([member.email, chair.email])


def test_approved_minutes_are_published_to_members(client, sending, staff, held, member):
    sending(services.approve_minutes, held, staff)
    client.force_login(member)
    assert client.get(reverse("meetings:minutes_pdf", args=[held.pk])).status_code == 200


def test_approved_minutes_are_final(sending, staff, held, following):
    services.put_minutes_on_next_agenda(held)
    sending(services.approve_minutes, held, staff)
    held.refresh_from_db()
    text = pdf_text(held)
    assert "DRAFT" not in text
    assert f"Approved at the meeting on {timezone.localdate(following.start):%-d %B %Y}" in text


def test_staff_are_reminded_once_of_unpublished_minutes(sending, held, officer):
    sending(tasks.remind_of_unpublished_minutes)
    sending(tasks.remind_of_unpublished_minutes)
    assert [message.to for message in mail.outbox] == [[officer.email]]


def test_staff_are_not_reminded_before_the_groups_number_of_days(sending, held, officer, peg):
    peg.minutes_reminder_days = 40
    peg.save()
    sending(tasks.remind_of_unpublished_minutes)
    assert mail.outbox == []


def test_staff_are_not_reminded_of_approved_minutes(sending, held, officer):
    held.minutes_status = Meeting.MinutesStatus.APPROVED
    held.save()
    sending(tasks.remind_of_unpublished_minutes)
    assert mail.outbox == []


def test_sending_approved_minutes_as_a_draft_changes_nothing(sending, staff, held):
    sending(services.approve_minutes, held, staff)
    mail.outbox.clear()
    sending(services.send_draft_minutes, held)
    held.refresh_from_db()
    assert (held.minutes_status, mail.outbox) == ("approved", [])
