"""GOV.UK Notify sends e-mails, text messages and letters, each once, against a local fake of its API."""

import base64
import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from engagement.core import letters, notifications, tasks
from engagement.core.models import Notification
from meetings.emails import _meeting_context as meeting_context
from members.models import User
from tests.core.conftest import SMS_TEMPLATE

pytestmark = pytest.mark.django_db
Channel, Status = Notification.Channel, Notification.Status


@pytest.fixture
def texted(member):
    member.mobile_number = "+447700900982"
    member.text_reminders = True
    member.save()
    return member


@pytest.fixture
def by_post(member):
    member.communication_preference = User.CommunicationPreference.POST
    member.address = "1 Station Road\nReading"
    member.postcode = "RG1 1AA"
    member.save()
    return member


def row(event, channel=Channel.EMAIL):
    return Notification.objects.get(event=event, channel=channel)


def test_it_sends_an_email_through_notify_with_its_row_as_the_reference(fake_notify, meeting, member):
    [notification_id] = notifications.plan(meeting, "invitation", [member])
    assert notifications.deliver(notification_id) is True
    [(path, body)] = fake_notify.sent
    assert (path, body["email_address"], body["reference"]) == (
        "/v2/notifications/email",
        "member@example.org",
        str(notification_id),
    )
    assert body["personalisation"]["subject"].startswith("Meeting invitation: Public Engagement Group")
    assert "Group meeting" in body["personalisation"]["body"]
    sent = Notification.objects.get(pk=notification_id)
    assert (sent.status, sent.provider_id) == (Status.SENT, next(iter(fake_notify.notifications)))
    assert mail.outbox == []


def test_it_texts_a_reminder_as_well_as_the_email(fake_notify, meeting, texted):
    ids = notifications.plan(meeting, "reminder-1", [texted])
    assert {Notification.objects.get(pk=pk).channel for pk in ids} == {Channel.EMAIL, Channel.SMS}
    sms = row("reminder-1", Channel.SMS)
    assert notifications.deliver(sms.pk) is True
    [(path, body)] = fake_notify.sent
    assert (path, body["phone_number"], body["template_id"], body["reference"]) == (
        "/v2/notifications/sms",
        "+447700900982",
        SMS_TEMPLATE,
        str(sms.pk),
    )
    # The real text from the content's template (templates/sms/meeting_reminder.txt).
    assert body["personalisation"]["body"] == letters.render_text(
        "meeting_reminder", {**meeting_context(meeting, texted), "days": 1}
    )
    assert row("reminder-1", Channel.SMS).status == Status.SENT


def test_people_who_asked_for_phone_get_the_text_instead_of_the_email(fake_notify, meeting, texted):
    texted.communication_preference = User.CommunicationPreference.PHONE
    texted.text_reminders = False
    texted.save()
    notifications.plan(meeting, "reminder-1", [texted])
    assert list(Notification.objects.values_list("channel", flat=True)) == [Channel.SMS]


def test_kinds_with_no_text_version_are_not_texted(fake_notify, meeting, texted):
    notifications.plan(meeting, "invitation", [texted])
    assert list(Notification.objects.values_list("channel", flat=True)) == [Channel.EMAIL]


def test_a_letter_is_posted_only_after_approval(
    fake_notify, client, staff, meeting, by_post, quick_letters, django_capture_on_commit_callbacks
):
    assert notifications.plan(meeting, "invitation", [by_post]) == []
    letter = row("invitation", Channel.LETTER)
    assert letter.status == Status.AWAITING_APPROVAL
    # Even a task run for it by mistake sends nothing before approval.
    assert notifications.deliver(letter.pk) is False
    assert fake_notify.requests == []
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/admin/letters-to-approve/", {"up_to": letter.pk, "_send_confirmed": "1"})
    [(path, body)] = fake_notify.sent
    assert (path, body["reference"], base64.b64decode(body["content"])) == (
        "/v2/notifications/letter",
        str(letter.pk),
        b"%PDF-1.7 a letter",
    )
    assert row("invitation", Channel.LETTER).status == Status.SENT


def test_the_real_letter_is_a_pdf_notify_takes(
    fake_notify, client, staff, meeting, by_post, django_capture_on_commit_callbacks
):
    notifications.plan(meeting, "invitation", [by_post])
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/admin/letters-to-approve/", {"up_to": row("invitation", Channel.LETTER).pk, "_send_confirmed": "1"}
        )
    [(path, body)] = fake_notify.sent
    assert base64.b64decode(body["content"]).startswith(b"%PDF-")


def test_letters_are_not_planned_unless_enabled(fake_notify, settings, meeting, by_post):
    settings.NOTIFY_LETTERS_ENABLED = False
    assert notifications.plan(meeting, "invitation", [by_post]) == []
    assert not Notification.objects.exists()


def test_a_notify_outage_is_retried_and_the_message_goes_once(fake_notify, meeting, member):
    [notification_id] = notifications.plan(meeting, "invitation", [member])
    fake_notify.fail_next = [500]
    # In-process, Celery runs the retry at once (throw=False lets it).
    tasks.deliver_notification.apply(args=[notification_id], throw=False)
    # The retry first asked Notify whether the failed attempt had reached it, then sent it.
    assert [(method, path) for method, path, _ in fake_notify.requests] == [
        ("POST", "/v2/notifications/email"),
        ("GET", "/v2/notifications"),
        ("POST", "/v2/notifications/email"),
    ]
    assert len(fake_notify.notifications) == 1
    sent = Notification.objects.get(pk=notification_id)
    assert (sent.status, sent.attempts) == (Status.SENT, 2)


def test_a_refused_message_fails_without_a_retry(fake_notify, meeting, member):
    [notification_id] = notifications.plan(meeting, "invitation", [member])
    fake_notify.fail_next = [400]
    result = tasks.deliver_notification.apply(args=[notification_id], throw=False)
    assert result.state == "FAILURE"
    failed = Notification.objects.get(pk=notification_id)
    assert (failed.status, failed.handed_at, failed.last_error.split(":")[0]) == (Status.FAILED, None, "Refused")


def handed_then_lost(notification_id):
    """The worker handed the message to Notify and died before recording the answer."""
    long_ago = timezone.now() - notifications.STALE_CLAIM - timedelta(seconds=1)
    Notification.objects.filter(pk=notification_id).update(
        status=Status.SENDING, claimed_at=long_ago, handed_at=long_ago
    )


def test_a_message_whose_answer_was_lost_is_found_by_its_reference(fake_notify, meeting, texted):
    notifications.plan(meeting, "reminder-1", [texted])
    sms = row("reminder-1", Channel.SMS)
    handed_then_lost(sms.pk)
    held = fake_notify.hold("sms", str(sms.pk))
    assert notifications.deliver(sms.pk) is True
    assert fake_notify.sent == []
    found = row("reminder-1", Channel.SMS)
    assert (found.status, found.provider_id) == (Status.SENT, held["id"])


def test_a_message_whose_answer_was_lost_is_sent_if_notify_never_had_it(fake_notify, meeting, texted):
    notifications.plan(meeting, "reminder-1", [texted])
    sms = row("reminder-1", Channel.SMS)
    handed_then_lost(sms.pk)
    assert notifications.deliver(sms.pk) is True
    assert len(fake_notify.sent) == 1


def test_an_email_handed_to_a_mail_server_stays_unknown(meeting, member):
    [notification_id] = notifications.plan(meeting, "invitation", [member])
    handed_then_lost(notification_id)
    assert notifications.deliver(notification_id) is False
    assert (Notification.objects.get(pk=notification_id).status, mail.outbox) == (Status.UNKNOWN, [])


@pytest.mark.django_db(transaction=True)
def test_two_workers_send_one_message(fake_notify, meeting, texted):
    notifications.plan(meeting, "reminder-1", [texted])
    sms = row("reminder-1", Channel.SMS)
    barrier = threading.Barrier(2)

    def worker():
        barrier.wait()
        try:
            notifications.deliver(sms.pk)
        except notifications.Held:
            pass  # the other worker had it: the task would try again later, and find it sent
        finally:
            connection.close()

    workers = [threading.Thread(target=worker) for _ in range(2)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    assert len(fake_notify.sent) == 1
    assert row("reminder-1", Channel.SMS).status == Status.SENT


def test_without_a_key_everything_goes_by_email_as_before(meeting, texted, by_post):
    texted_too = User.objects.get(pk=texted.pk)
    notifications.plan(meeting, "reminder-1", [texted_too])
    assert not Notification.objects.exists()  # they asked for post: on the staff's printable list
    other = User.objects.create_user(
        "e@example.org", full_name="E Mail", mobile_number="+447700900983", text_reminders=True
    )
    [notification_id] = notifications.plan(meeting, "reminder-1", [other])
    notifications.deliver(notification_id)
    assert [message.to for message in mail.outbox] == [["e@example.org"]]
    assert list(Notification.objects.values_list("channel", flat=True)) == [Channel.EMAIL]


def test_a_letter_is_not_posted_to_someone_who_since_asked_for_email(fake_notify, meeting, by_post, quick_letters):
    notifications.plan(meeting, "invitation", [by_post])
    letter = row("invitation", Channel.LETTER)
    Notification.objects.filter(pk=letter.pk).update(status=Status.PENDING)  # approved
    User.objects.filter(pk=by_post.pk).update(communication_preference=User.CommunicationPreference.EMAIL)
    assert notifications.deliver(letter.pk) is False
    assert (row("invitation", Channel.LETTER).status, fake_notify.requests) == (Status.NOT_SENT, [])
