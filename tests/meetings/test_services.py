"""Each step that changes a meeting and tells people is one transaction: all of it or none."""

from datetime import timedelta

import pytest

from engagement.core.models import QueuedTask
from meetings import services
from meetings.models import Meeting

pytestmark = pytest.mark.django_db


def unchanged(meeting):
    meeting.refresh_from_db()
    return (meeting.status, meeting.sequence, QueuedTask.objects.count()) == (Meeting.Status.SCHEDULED, 0, 0)


def test_issuing_papers_is_all_or_nothing(meeting, fails_after_queueing):
    with pytest.raises(RuntimeError):
        services.issue_papers(meeting)
    assert unchanged(meeting)


def test_moving_is_all_or_nothing(meeting, fails_after_queueing):
    start = meeting.start
    with pytest.raises(RuntimeError):
        services.move(meeting, start + timedelta(days=1), meeting.end + timedelta(days=1))
    assert unchanged(meeting)
    assert meeting.start == start


def test_cancelling_is_all_or_nothing(meeting, fails_after_queueing):
    with pytest.raises(RuntimeError):
        services.cancel(meeting)
    assert unchanged(meeting)


def test_a_cancelled_meeting_queues_the_news_with_the_change(meeting):
    services.cancel(meeting)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    assert QueuedTask.objects.get().task == "meetings.tasks.announce_change"
