"""One task delivers every e-mail, looking up what to send in the registry the apps fill in."""

from smtplib import SMTPServerDisconnected

import pytest
from celery.exceptions import Retry

from engagement.core import notifications, tasks
from engagement.core.models import Notification
from members.models import EngagementGroup

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(monkeypatch):
    """An empty registry for the test, so the apps' own registrations are left as they were."""
    monkeypatch.setattr(notifications, "_senders", {})
    return notifications


def planned(group, user, event):
    [notification_id] = notifications.plan(group, event, [user])
    return Notification.objects.get(pk=notification_id)


def test_the_exact_event_is_found(registry, peg, member):
    registry.register(EngagementGroup, "welcome", send := lambda n: None)
    assert registry.sender_for(planned(peg, member, "welcome")) is send


def test_a_starred_event_covers_the_events_that_start_with_it(registry, peg, member):
    registry.register(EngagementGroup, "reminder-*", send := lambda n: None)
    assert registry.sender_for(planned(peg, member, "reminder-7")) is send


def test_the_longest_starred_event_wins(registry, peg, member):
    registry.register(EngagementGroup, "response-*", lambda n: None)
    registry.register(EngagementGroup, "response-chase-*", chase := lambda n: None)
    assert registry.sender_for(planned(peg, member, "response-chase-2026-W49")) is chase


def test_an_event_no_app_registered_is_refused(registry, peg, member):
    with pytest.raises(LookupError):
        registry.sender_for(planned(peg, member, "unheard-of"))


def test_two_apps_cannot_register_the_same_event(registry):
    registry.register(EngagementGroup, "welcome", lambda n: None)
    with pytest.raises(ValueError):
        registry.register(EngagementGroup, "welcome", lambda n: None)


def test_the_task_sends_the_registered_email_once(registry, peg, member):
    sent = []
    registry.register(EngagementGroup, "welcome", sent.append)
    notification = planned(peg, member, "welcome")
    tasks.deliver_notification.apply(args=[notification.pk])
    tasks.deliver_notification.apply(args=[notification.pk])
    assert [n.pk for n in sent] == [notification.pk]


def test_a_mail_server_fault_is_retried(registry, peg, member):
    def refused(notification):
        raise SMTPServerDisconnected("gone")

    registry.register(EngagementGroup, "welcome", refused)
    with pytest.raises(Retry):
        tasks.deliver_notification.apply(args=[planned(peg, member, "welcome").pk], throw=False)


def test_a_mistake_in_the_code_is_not_retried(registry, peg, member):
    def broken(notification):
        raise KeyError("no such template variable")

    registry.register(EngagementGroup, "welcome", broken)
    result = tasks.deliver_notification.apply(args=[planned(peg, member, "welcome").pk], throw=False)
    assert result.state == "FAILURE"
    assert Notification.objects.get().status == Notification.Status.FAILED


def test_an_address_held_by_the_subject_is_planned_once(peg):
    first = notifications.plan_to_subject(peg, "lead-chase")
    assert notifications.plan_to_subject(peg, "lead-chase") == first
    assert Notification.objects.get().user is None
