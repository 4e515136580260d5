"""Once-only delivery: one e-mail per person per event, however often or concurrently tasks run."""

import threading

import pytest
from django.db import connection

from engagement.core import notifications
from engagement.core.models import Notification
from members.models import User
from tests.conftest import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(peg):
    return [make_person(f"p{i}@example.org", f"Person {i}") for i in range(3)]


def test_planning_twice_records_one_row_per_person(peg, people):
    notifications.plan(peg, "reminder-7", people)
    notifications.plan(peg, "reminder-7", people)
    assert Notification.objects.count() == 3


def test_it_skips_people_who_prefer_post_or_phone(peg, people):
    people[0].communication_preference = User.CommunicationPreference.POST
    people[1].communication_preference = User.CommunicationPreference.PHONE
    ids = notifications.plan(peg, "reminder-7", people)
    assert Notification.objects.get(pk__in=ids).user == people[2]


def test_delivering_twice_sends_once(peg, people):
    [notification_id] = notifications.plan(peg, "papers", people[:1])
    sent = []
    assert notifications.deliver(notification_id, sent.append) is True
    assert notifications.deliver(notification_id, sent.append) is False
    assert len(sent) == 1
    assert Notification.objects.get().status == Notification.Status.SENT


def test_planning_after_sending_returns_nothing_to_send(peg, people):
    [notification_id] = notifications.plan(peg, "papers", people[:1])
    notifications.deliver(notification_id, lambda n: None)
    assert notifications.plan(peg, "papers", people[:1]) == []


def test_a_failure_is_recorded_and_can_be_retried(peg, people):
    [notification_id] = notifications.plan(peg, "papers", people[:1])

    def broken(notification):
        raise ConnectionError("mail server down")

    with pytest.raises(ConnectionError):
        notifications.deliver(notification_id, broken)
    failed = Notification.objects.get()
    assert failed.status == Notification.Status.FAILED
    assert "mail server down" in failed.last_error
    assert notifications.deliver(notification_id, lambda n: None) is True
    assert Notification.objects.get().attempts == 2


@pytest.mark.django_db(transaction=True)
def test_concurrent_deliveries_send_once(peg, people):
    [notification_id] = notifications.plan(peg, "papers", people[:1])
    sent = []
    barrier = threading.Barrier(4)

    def worker():
        barrier.wait()
        try:
            notifications.deliver(notification_id, sent.append)
        except notifications.Held:
            pass  # another thread had it: the task would try again later, and find it sent
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(sent) == 1
