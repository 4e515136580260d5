"""A real Celery worker on the Redis server delivers a meeting reminder end to end.

Runs whenever REDIS_URL is set (.ci/run always sets it, with PostgreSQL): the
worker is a separate process reading the test database, so it needs a
database server it can share, not SQLite's in-memory test database.
"""

import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection
from django.utils import timezone

from engagement.celery import app
from engagement.core.models import Notification
from meetings import tasks
from meetings.models import Meeting

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs a Redis server (REDIS_URL); .ci/run sets it"),
    pytest.mark.django_db(transaction=True),
]


def database_url():
    db = connection.settings_dict
    assert connection.vendor == "postgresql", "The worker test needs PostgreSQL (DATABASE_URL) beside REDIS_URL."
    return f"postgres://{quote(db['USER'])}:{quote(db['PASSWORD'])}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture
def worker(tmp_path):
    env = os.environ | {
        "DATABASE_URL": database_url(),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(tmp_path),
        "DEBUG": "1",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "engagement",
            "worker",
            "-l",
            "warning",
            "-c",
            "2",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    app.conf.task_always_eager = False
    try:
        yield tmp_path
    finally:
        app.conf.task_always_eager = True
        process.terminate()
        output, _ = process.communicate(timeout=30)
        print(output)


def wait_for(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.25)
    return False


def test_a_real_worker_sends_the_reminder_once(worker, peg, venue, member):
    start = timezone.now() + timedelta(hours=20)
    meeting = Meeting.objects.create(
        group=peg, title="Tomorrow", start=start, end=start + timedelta(hours=2), venue=venue
    )
    # Two beat runs queue the same work; the worker's two processes race for it.
    tasks.plan_meeting_emails.delay()
    tasks.plan_meeting_emails.delay()

    reminders = Notification.objects.for_object(meeting).filter(event="reminder-1", user=member)
    assert wait_for(lambda: reminders.filter(status=Notification.Status.SENT).exists()), "no reminder was sent"
    time.sleep(2)  # give a duplicate, if any, time to arrive
    sent = "".join(path.read_text() for path in worker.iterdir())
    assert sent.count("Subject: Reminder:") == 1
    assert "meets tomorrow" in sent
    assert sent.count("Subject: Meeting invitation") == 1
