"""Without REDIS_URL (a demo) tasks run in the request's own process. A delivery that fails or is to be retried
there must not turn the request, whose data is saved, into an error page: the outbox relay sends it again."""

import pytest

from engagement.core import tasks
from engagement.core.models import Notification, QueuedTask

pytestmark = pytest.mark.django_db


def test_a_notify_outage_in_process_is_logged_not_raised(
    django_capture_on_commit_callbacks, fake_notify, meeting, member, caplog
):
    fake_notify.fail_next = [500] * 50
    notification = Notification.objects.create(user=member, subject=meeting, event="invitation")
    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_notifications([notification.pk])
    queued = QueuedTask.objects.get()
    # Left for the relay to send again once its lease runs out; the message is not lost.
    assert (queued.done_at, queued.started_at, queued.lease_until is not None) == (None, None, True)
    assert Notification.objects.get().status != Notification.Status.SENT
    assert "failed in-process and will be sent again" in caplog.text
