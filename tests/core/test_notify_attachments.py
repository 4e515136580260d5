"""GOV.UK Notify sends an e-mail's subject and text only: an e-mail that mentions a calendar file or a PDF
says where to get it instead, and the same e-mail sent by the mail server still has it attached."""

import pytest
from django.core import mail

from engagement.core import notifications
from feedback.events.models import Registration
from tests.events import conftest as events

pytestmark = pytest.mark.django_db
# The events tests' fixtures, for an event and a registration.
project, plan, make_event, make_registration = events.project, events.plan, events.make_event, events.make_registration


@pytest.fixture
def place_confirmed(make_event, make_registration):
    registration = make_registration(make_event(), status=Registration.Status.COMING)
    [notification_id] = notifications.plan_to_subject(registration, "place-confirmed")
    return registration, notification_id


def body_sent(fake_notify):
    [(_, request)] = fake_notify.sent
    return request["personalisation"]["body"]


def test_an_event_e_mail_through_notify_links_to_the_calendar_entry(fake_notify, settings, place_confirmed):
    registration, notification_id = place_confirmed
    assert notifications.deliver(notification_id) is True
    body = body_sent(fake_notify)
    assert "attached" not in body
    assert f"choose “Add the event to your calendar”: {settings.SITE_URL}{registration.get_reply_url()}" in body


def test_a_meeting_e_mail_through_notify_links_to_the_calendar_entry(fake_notify, settings, meeting, member):
    [notification_id] = notifications.plan(meeting, "invitation", [member])
    assert notifications.deliver(notification_id) is True
    body = body_sent(fake_notify)
    assert "attached" not in body
    assert f"choose “Add to your calendar”: {settings.SITE_URL}{meeting.get_absolute_url()}" in body


def test_by_the_mail_server_the_calendar_file_is_attached_and_said_to_be(place_confirmed):
    _, notification_id = place_confirmed
    assert notifications.deliver(notification_id) is True
    [message] = mail.outbox
    assert "A calendar file is attached." in message.body
    assert [name for name, _, _ in message.attachments] == ["event.ics"]
