"""With Redis down, changes still save and their e-mails go later: nothing is lost."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from engagement.celery import app
from engagement.core import outbox
from engagement.core.models import QueuedTask
from members import services
from members.models import User

pytestmark = pytest.mark.django_db(transaction=True)


def use_broker(url):
    # Celery keeps its connection pools; drop them so the next message uses this broker.
    app.conf.broker_url = url
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def redis_down():
    """Point Celery at a port where nothing listens, as when the Redis server is stopped."""
    saved = app.conf.broker_url
    app.conf.task_always_eager = False
    use_broker("redis://127.0.0.1:9/0")
    yield
    use_broker(saved)
    app.conf.task_always_eager = True


def test_a_task_is_sent_when_the_transaction_commits(db):
    user = User.objects.create_user("new@example.org", full_name="New")
    services.invite(user)
    assert QueuedTask.objects.get().dispatched_at is not None
    assert len(mail.outbox) == 1


def test_staff_add_a_person_while_redis_is_down_and_the_invitation_goes_later(client, staff, redis_down):
    client.force_login(staff)
    response = client.post(
        reverse("admin:members_user_add"),
        {
            "email": "late@example.org",
            "full_name": "Late Invite",
            "communication_preference": "email",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    assert User.objects.filter(email="late@example.org").exists()
    waiting = QueuedTask.objects.get()
    assert waiting.dispatched_at is None and waiting.attempts == 1 and waiting.last_error
    assert mail.outbox == []

    # Redis is back: the relay (Celery beat, every minute) sends what waited.
    app.conf.task_always_eager = True
    assert outbox.relay(older_than=timedelta(0)) == 1
    assert [m.to for m in mail.outbox] == [["late@example.org"]]
    assert outbox.relay(older_than=timedelta(0)) == 0
