"""A message GOV.UK Notify took but could not deliver can be tried again when that may work (a phone off for
days, a fault at Notify), never when it would fail again (no such number); each is sent once, under a
reference of its own, against a local fake of Notify's API."""

import json

import pytest
from django.urls import reverse

from engagement.core import failed_emails, notifications, receipts
from engagement.core.models import Notification
from tests.core.conftest import CALLBACK_TOKEN

pytestmark = pytest.mark.django_db
Channel, Status = Notification.Channel, Notification.Status
URL = reverse("admin:failed_emails")


@pytest.fixture
def text(fake_notify, meeting, member):
    """A reminder texted through the fake Notify, which it then could not deliver: the phone was off."""
    member.mobile_number, member.text_reminders = "+447700900982", True
    member.save()
    notifications.plan(meeting, "reminder-1", [member])
    sms = Notification.objects.get(channel=Channel.SMS)
    notifications.deliver(sms.pk)
    Notification.objects.filter(pk=sms.pk).update(delivery_status="temporary-failure")
    return Notification.objects.get(pk=sms.pk)


def row_on_the_page(client, staff):
    client.force_login(staff)
    [row] = client.get(URL).context["rows"]
    return row


def try_again(client, notification, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(URL, {"notification": notification.pk}, follow=True)


def test_a_text_the_phone_could_not_take_can_be_tried_again(client, staff, text):
    row = row_on_the_page(client, staff)
    assert (row["why"], row["can_try_again"]) == (
        failed_emails.UNDELIVERED_REASONS[("temporary-failure", Channel.SMS)],
        True,
    )


def test_a_fault_at_notify_can_be_tried_again(client, staff, text):
    Notification.objects.filter(pk=text.pk).update(delivery_status="technical-failure")
    row = row_on_the_page(client, staff)
    assert (row["why"], row["can_try_again"]) == (
        "GOV.UK Notify had a fault on its side and did not send it. Try again.",
        True,
    )


def test_a_number_that_does_not_exist_cannot_be_tried_again_and_says_what_to_check(client, staff, text):
    Notification.objects.filter(pk=text.pk).update(delivery_status="permanent-failure")
    row = row_on_the_page(client, staff)
    assert row["can_try_again"] is False
    assert "sending it again would fail too. Check the number with the person" in row["why"]


def test_trying_again_sends_it_under_a_new_reference(
    client, staff, text, fake_notify, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    response = try_again(client, text, django_capture_on_commit_callbacks)
    assert [str(m) for m in response.context["messages"]] == [
        "1 text message will be sent again in the next few minutes."
    ]
    first, again = fake_notify.sent
    assert (first[1]["reference"], again[1]["reference"]) == (str(text.pk), f"{text.pk}-2")
    sent = Notification.objects.get(pk=text.pk)
    assert (sent.status, sent.sent_again, sent.delivery_status) == (Status.SENT, 1, "")
    assert (
        sent.provider_id == [n["id"] for n in fake_notify.notifications.values() if n["reference"] == sent.reference][0]
    )


def test_trying_again_twice_sends_it_once(client, staff, text, fake_notify, django_capture_on_commit_callbacks):
    client.force_login(staff)
    try_again(client, text, django_capture_on_commit_callbacks)
    response = try_again(client, text, django_capture_on_commit_callbacks)
    assert [str(m) for m in response.context["messages"]] == [
        "Nothing was sent again: that message has been sent or dealt with since."
    ]
    assert len(fake_notify.sent) == 2  # the first sending and one more


def test_a_permanent_failure_posted_anyway_is_not_sent(
    client, staff, text, fake_notify, django_capture_on_commit_callbacks
):
    Notification.objects.filter(pk=text.pk).update(delivery_status="permanent-failure")
    client.force_login(staff)
    try_again(client, text, django_capture_on_commit_callbacks)
    assert len(fake_notify.sent) == 1
    assert Notification.objects.get(pk=text.pk).sent_again == 0


def test_a_lost_answer_is_found_under_the_new_reference_not_the_old(text, fake_notify):
    # Sent again, handed to Notify, and the answer lost: the retry asks Notify by the new reference. The
    # undelivered message it holds under the old one must not be taken for it.
    assert failed_emails.try_again([text.pk]) == [Channel.SMS]
    Notification.objects.filter(pk=text.pk).update(status=Status.FAILED, handed_at=text.sent_at)
    assert notifications.deliver(text.pk) is True
    assert [body["reference"] for _, body in fake_notify.sent] == [str(text.pk), f"{text.pk}-2"]


def test_a_late_receipt_for_the_first_sending_is_not_recorded_on_the_second(client, text, fake_notify):
    old_id = text.provider_id
    failed_emails.try_again([text.pk])
    # Before the new sending records Notify's id, a receipt for the old message arrives.
    body = {"id": old_id, "reference": str(text.pk), "status": "temporary-failure", "notification_type": "sms"}
    client.post(
        reverse("notify_receipt"),
        json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {CALLBACK_TOKEN}"},
    )
    assert Notification.objects.get(pk=text.pk).delivery_status == ""


def test_a_receipt_for_the_second_sending_is_recorded_by_its_reference(text):
    failed_emails.try_again([text.pk])
    assert receipts.record("new-id", f"{text.pk}-2", "delivered") == 1
    assert Notification.objects.get(pk=text.pk).delivery_status == "delivered"


def test_references_that_are_not_ours_match_nothing():
    assert [Notification.with_reference(r) for r in ["", "x", "1-1", "1-x", "١", "1-٢", "9" * 30]] == [None] * 7


def test_without_notify_the_page_says_e_mail(client, staff, member):
    client.force_login(staff)
    assert client.get(URL).context["title"] == "E-mails that failed"


def test_with_notify_the_page_says_message(client, staff, text):
    client.force_login(staff)
    response = client.get(URL)
    assert response.context["title"] == "Messages that failed"
    assert "e-mail" not in response.text.split('id="content-main"')[1].lower()
