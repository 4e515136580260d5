"""Notify's delivery receipts, by its callback or by polling, are recorded on each message's row, and
messages it could not deliver are shown to staff."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from engagement.core import notifications, tasks
from engagement.core.models import Notification
from tests.core.conftest import CALLBACK_TOKEN

pytestmark = pytest.mark.django_db
Channel, Status = Notification.Channel, Notification.Status


@pytest.fixture
def text(fake_notify, meeting, member):
    """A reminder texted through the fake Notify."""
    member.mobile_number, member.text_reminders = "+447700900982", True
    member.save()
    notifications.plan(meeting, "reminder-1", [member])
    sms = Notification.objects.get(channel=Channel.SMS)
    notifications.deliver(sms.pk)
    return Notification.objects.get(pk=sms.pk)


def receipt(client, notification, status, token=CALLBACK_TOKEN):
    body = {
        "id": notification.provider_id,
        "reference": str(notification.pk),
        "to": "+447700900982",
        "status": status,
        "created_at": "2026-12-06T10:00:00.000000Z",
        "completed_at": "2026-12-06T10:00:05.000000Z",
        "sent_at": "2026-12-06T10:00:01.000000Z",
        "notification_type": "sms",
    }
    return client.post(
        reverse("notify_receipt"),
        json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )


def test_a_receipt_from_the_callback_is_recorded(client, text):
    assert receipt(client, text, "delivered").status_code == 204
    assert Notification.objects.get(pk=text.pk).delivery_status == "delivered"


def test_a_receipt_with_the_wrong_token_is_refused(client, text):
    assert receipt(client, text, "delivered", token="guessed").status_code == 403
    assert Notification.objects.get(pk=text.pk).delivery_status == ""


def test_receipts_are_refused_when_no_token_is_set(client, settings, text):
    settings.NOTIFY_CALLBACK_TOKEN = ""
    assert receipt(client, text, "delivered", token="").status_code == 403


def test_a_receipt_that_is_not_notifys_json_is_refused(client, text):
    response = client.post(
        reverse("notify_receipt"),
        "{",
        content_type="application/json",
        headers={"Authorization": f"Bearer {CALLBACK_TOKEN}"},
    )
    assert response.status_code == 400


def test_polling_records_what_notify_says(fake_notify, text):
    fake_notify.notifications[text.provider_id]["status"] = "permanent-failure"
    assert tasks.check_deliveries() == 1
    checked = Notification.objects.get(pk=text.pk)
    assert (checked.delivery_status, checked.delivery_checked_at is not None) == ("permanent-failure", True)
    # Final: not asked about again.
    assert tasks.check_deliveries() == 0


def test_polling_asks_only_about_messages_not_yet_final(fake_notify, text):
    Notification.objects.filter(pk=text.pk).update(delivery_status="delivered")
    assert tasks.check_deliveries() == 0
    Notification.objects.filter(pk=text.pk).update(delivery_status="", sent_at=timezone.now() - timedelta(days=8))
    assert tasks.check_deliveries() == 0


def test_polling_does_nothing_without_a_key(settings, fake_notify, text):
    settings.NOTIFY_API_KEY = ""
    assert tasks.check_deliveries() == 0


def test_an_undelivered_text_is_shown_to_staff(client, staff, text):
    Notification.objects.filter(pk=text.pk).update(delivery_status="permanent-failure")
    client.force_login(staff)
    [row] = client.get(reverse("admin:failed_emails")).context["rows"]
    assert row["what"].startswith("Text message: ")
    assert row["address"] == "+447700900982"
    assert row["why"].startswith("The mobile number does not exist")
    assert row["can_try_again"] is False
    home = client.get(reverse("admin:index")).text
    assert "1 message could not be delivered." in home
