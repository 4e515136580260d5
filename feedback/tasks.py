"""Background work for projects: e-mails, and the steps the calendar drives.

Planning tasks record who should hear about an event (engagement.core.notifications
makes that once-only in the database) and queue one send per person; each
send claims its row, so retries and repeated runs e-mail no one twice.
"""

import uuid
from datetime import date, timedelta

from celery import shared_task

from engagement.core import notifications
from engagement.core.dates import local_today
from engagement.core.tasks import send_notifications
from members.models import EngagementGroup, User
from members.roles import engagement_staff

from . import documents
from .events import outcomes as event_outcomes
from .models import Comment, Project

CLOSING_REMINDER_DAYS = 3


@shared_task
def notify_project_opened(project_id):
    project = Project.objects.filter(pk=project_id, status=Project.Status.OPEN).first()
    if project is not None:
        send_notifications(notifications.plan(project, "project-opened", project.members()))


@shared_task
def send_closing_reminders():
    """Remind members who have not commented, once per closing date, when comments close within 3 days."""
    today = local_today()
    closing = Project.objects.filter(
        status=Project.Status.OPEN, closes_on__range=(today, today + timedelta(days=CLOSING_REMINDER_DAYS))
    )
    for project in closing:
        people = (
            project.members()
            .exclude(pk__in=Comment.objects.filter(project=project, withdrawn_at=None).values("author"))
            .exclude(feedback_preference__closing_reminders=False)
        )
        # Keyed on the date, so a project reopened with a new closing date reminds people again.
        send_notifications(notifications.plan(project, f"closing-soon-{project.closes_on.isoformat()}", people))


@shared_task
def close_projects_past_their_date():
    for project_id in Project.objects.close_past_their_date():
        notify_response_due.delay(project_id)


@shared_task
def notify_response_due(project_id):
    chase_response(project_id, "response-due")


@shared_task
def chase_overdue_responses():
    """Weekly, for every response past its target: the ISO week in the event makes it one e-mail a week."""
    year, week, _ = local_today().isocalendar()
    for project_id in Project.objects.overdue().values_list("pk", flat=True):
        chase_response(project_id, f"response-chase-{year}-W{week:02d}")


def chase_response(project_id, event):
    project = Project.objects.filter(pk=project_id, status=Project.Status.CLOSED).first()
    if project is None:
        return
    send_notifications(notifications.plan(project, event, engagement_staff()))
    if project.lead_email:
        send_notifications(notifications.plan_to_subject(project, f"lead-{event}"))


@shared_task
def notify_response_published(project_id):
    """Everyone whose comment a response entry answers; people already told are not told again."""
    project = Project.objects.filter(pk=project_id, status=Project.Status.PUBLISHED).first()
    if project is None:
        return
    send_notifications(notifications.plan(project, "response-published", commenters_answered(project)))
    # And people at the plan's events who asked to hear what came of them (feedback/events/outcomes.py).
    send_notifications(event_outcomes.share_outcomes(project))


def commenters_answered(project):
    """Everyone whose comment the project's response answers (also counted before staff publish)."""
    return User.objects.filter(is_active=True, project_comments__response_entries__project=project).distinct()


@shared_task
def notify_comment_hidden(comment_id):
    comment = Comment.objects.filter(pk=comment_id, hidden_at__isnull=False).select_related("author").first()
    if comment is not None:
        send_notifications(notifications.plan(comment, "comment-hidden", [comment.author]))


@shared_task(time_limit=900, soft_time_limit=840)
def build_report(user_id, project_id, group_id, since, outcome, large_print=False):
    """Build a large 'You Said, We Did' report in the background, then e-mail the person who asked."""
    if project_id:
        project = Project.objects.get(pk=project_id)
        document = documents.project_report(project, large_print)
    else:
        group = EngagementGroup.objects.get(pk=group_id)
        document = documents.group_report(group, date.fromisoformat(since) if since else None, outcome, large_print)
    document.stored()
    user = User.objects.get(pk=user_id)
    subject = project if project_id else group
    # The event names the copy, so the e-mail links to the one that was asked for.
    event = f"report-ready-{'large-print-' if large_print else ''}{uuid.uuid4().hex}"
    send_notifications(notifications.plan(subject, event, [user], whatever_their_preference=True))
