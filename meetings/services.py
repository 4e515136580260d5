"""Steps in a meeting's life that change it and tell people about it.

Each runs in one transaction and queues its e-mails through the outbox in that
same transaction: a rolled-back change sends nothing, and a committed one is
not lost if Redis is down at that moment. Views, admin actions and commands
all come here.
"""

from django.db import transaction

from engagement.core import outbox

from . import tasks
from .models import Meeting


@transaction.atomic
def arrange(meetings):
    """Meetings just added: invite their groups now rather than at the next scheduled run."""
    for meeting in meetings:
        outbox.enqueue(tasks.plan_meeting_emails, meeting.pk)


@transaction.atomic
def issue_papers(meeting):
    meeting.status = Meeting.Status.PAPERS_ISSUED
    meeting.save(update_fields=["status", "modified"])
    outbox.enqueue(tasks.plan_meeting_emails, meeting.pk)


@transaction.atomic
def move(meeting, start, end):
    """Change the time; everyone already told hears about it, and calendars update (same UID, new sequence)."""
    meeting.start, meeting.end = start, end
    meeting.sequence += 1
    meeting.save(update_fields=["start", "end", "sequence", "modified"])
    outbox.enqueue(tasks.announce_change, meeting.pk, f"moved-{meeting.sequence}")


@transaction.atomic
def cancel(meeting):
    meeting.status = Meeting.Status.CANCELLED
    meeting.sequence += 1
    meeting.save(update_fields=["status", "sequence", "modified"])
    outbox.enqueue(tasks.announce_change, meeting.pk, "cancelled")


@transaction.atomic
def build_document(meeting, kind, user):
    """A large pack or minutes: built in the background, then its reader is e-mailed a link."""
    outbox.enqueue(tasks.build_meeting_document, meeting.pk, kind, user.pk)
