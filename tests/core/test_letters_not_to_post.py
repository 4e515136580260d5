"""Staff can decide not to post some letters waiting for approval: after a confirmation, each is recorded
as not sent, with who decided and when; the other letters still wait, and nothing is posted."""

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from engagement.core import notifications
from engagement.core.confirm import CONFIRMED
from engagement.core.models import Notification
from tests.core.conftest import person_by_post
from tests.members.test_account_powers import make_role

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("quick_letters")]
URL = reverse("admin:letters_to_approve")
Channel, Status = Notification.Channel, Notification.Status


def test_the_page_lists_each_letter_to_tick(client, staff, waiting):
    client.force_login(staff)
    [(subject, listed)] = client.get(URL).context["one_by_one"]
    assert subject.startswith("Meeting invitation: Public Engagement Group")
    assert [(letter.user.full_name, address) for letter, address in listed] == [
        ("Post Person 1", "1 Station Road, Reading, RG1 1AA"),
        ("Post Person 2", "1 Station Road, Reading, RG1 1AA"),
    ]


def test_ticking_a_letter_asks_first_and_changes_nothing(client, staff, waiting):
    client.force_login(staff)
    response = client.post(URL, {"action": "decline", "letter": [waiting[0].pk]})
    assert response.context["title"] == "Do not post 1 letter?"
    assert "Post Person 1" in response.text and "Post Person 2" not in response.text
    assert "1 other letter still waits for your approval." in response.text
    assert Notification.objects.filter(status=Status.AWAITING_APPROVAL).count() == 2


def test_the_confirmation_speaks_of_one_letter_in_the_singular(client, staff, waiting):
    client.force_login(staff)
    text = client.post(URL, {"action": "decline", "letter": [waiting[0].pk]}).text
    assert (
        "<strong>1 letter will not be posted.</strong> It is not sent another way: if this person still needs to "
        "know, contact them yourself."
    ) in text


def test_the_confirmation_speaks_of_several_letters_in_the_plural(client, staff, waiting):
    client.force_login(staff)
    text = client.post(URL, {"action": "decline", "letter": [letter.pk for letter in waiting]}).text
    assert (
        "<strong>2 letters will not be posted.</strong> They are not sent another way: if these people still "
        "need to know, contact them yourselves."
    ) in text


@time_machine.travel("2026-12-06 10:30 +00:00", tick=False)
def test_confirming_records_who_decided_and_when_and_posts_nothing(client, staff, waiting, fake_notify):
    client.force_login(staff)
    response = client.post(URL, {"action": "decline", "letter": [waiting[0].pk], CONFIRMED: "1"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["1 letter will not be posted."]
    declined, kept = (Notification.objects.get(pk=letter.pk) for letter in waiting)
    assert (declined.status, declined.last_error) == (
        Status.NOT_SENT,
        "Not sent: staff decided not to post it (Alex Morgan, 6 December 2026 at 10:30).",
    )
    assert kept.status == Status.AWAITING_APPROVAL
    assert fake_notify.requests == []


def test_a_letter_not_to_post_is_not_posted_with_the_others(
    client, staff, waiting, fake_notify, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    up_to = client.get(URL).context["up_to"]
    client.post(URL, {"action": "decline", "letter": [waiting[0].pk], CONFIRMED: "1"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {"up_to": up_to, CONFIRMED: "1"})
    [(_, body)] = fake_notify.sent
    assert body["reference"] == str(waiting[1].pk)


def test_a_letter_approved_meanwhile_is_not_changed(client, staff, waiting):
    Notification.objects.filter(pk=waiting[0].pk).update(status=Status.PENDING)
    client.force_login(staff)
    response = client.post(URL, {"action": "decline", "letter": [waiting[0].pk], CONFIRMED: "1"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "No letters were changed: they have been posted or dealt with since."
    ]
    assert Notification.objects.get(pk=waiting[0].pk).status == Status.PENDING


def test_nothing_ticked_says_what_to_do(client, staff, waiting):
    client.force_login(staff)
    response = client.post(URL, {"action": "decline"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Tick the letters not to post first."]


def test_only_letters_can_be_declined(client, staff, waiting, member, meeting):
    email = Notification.objects.create(user=member, subject=meeting, event="invitation", status=Status.PENDING)
    client.force_login(staff)
    client.post(URL, {"action": "decline", "letter": [email.pk], CONFIRMED: "1"})
    assert Notification.objects.get(pk=email.pk).status == Status.PENDING


def test_staff_without_the_role_cannot_decline(client, waiting):
    client.force_login(make_role("bare", "bare@example.org"))
    assert client.post(URL, {"action": "decline", "letter": [waiting[0].pk], CONFIRMED: "1"}).status_code == 403
    assert Notification.objects.filter(status=Status.AWAITING_APPROVAL).count() == 2


def test_the_page_takes_as_many_queries_with_more_letters(client, staff, waiting, meeting):
    client.force_login(staff)
    client.get(URL)  # the content types and permissions cached, as on any later visit
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    notifications.plan(meeting, "invitation", [person_by_post(3), person_by_post(4)])
    with CaptureQueriesContext(connection) as more:
        assert len(client.get(URL).context["one_by_one"][0][1]) == 4
    assert len(more) == len(few)
