"""Steps in a project's life that change it and tell people about it.

Each runs in one transaction and queues its e-mails through the outbox, in
that same transaction: a rolled-back change sends nothing, and a committed one
is not lost if Redis is down at that moment.
"""

from django.db import transaction

from engagement.core import outbox

from . import tasks
from .models import Project


class NotAllowed(Exception):
    """The step cannot be taken; the message says why, in plain English."""


@transaction.atomic
def open_for_comments(project, now=None):
    problems = project.problems_opening(now)
    if problems:
        raise NotAllowed(f"“{project}” cannot open: {'; '.join(problems)}.")
    project.mark_open(now)
    outbox.enqueue(tasks.notify_project_opened, project.pk)


@transaction.atomic
def close_comments(project, now=None):
    if project.status != Project.Status.OPEN:
        raise NotAllowed(f"“{project}” is not open for comments.")
    project.mark_closed(now)
    outbox.enqueue(tasks.notify_response_due, project.pk)


@transaction.atomic
def publish_response(project, now=None):
    """Publish (or republish after changes); only people not yet told are e-mailed."""
    problems = project.problems_publishing()
    if problems:
        raise NotAllowed(f"The response to “{project}” cannot be published: {'; '.join(problems)}.")
    project.mark_published(now)
    outbox.enqueue(tasks.notify_response_published, project.pk)


@transaction.atomic
def hide_comment(comment, by, reason):
    comment.hide(by, reason)
    outbox.enqueue(tasks.notify_comment_hidden, comment.pk)


@transaction.atomic
def build_report(user, project=None, group=None, since=None, outcome=None, large_print=False):
    """A large "You said, we did" report, of a project or of a group's projects: built in the
    background, then its reader is e-mailed a link."""
    outbox.enqueue(
        tasks.build_report,
        user.pk,
        project.pk if project else None,
        group.pk if group else None,
        since.isoformat() if since else None,
        outcome,
        large_print,
    )
