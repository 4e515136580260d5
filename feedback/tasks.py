"""Background work for projects: e-mails, and the steps the calendar drives.

Planning tasks record who should hear about an event (engagement.core.notifications
makes that once-only in the database) and queue one send per person; each
send claims its row, so retries and repeated runs e-mail no one twice.
"""

from datetime import date, timedelta

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.urls import reverse

from engagement.core import notifications
from engagement.core.dates import local_today
from engagement.core.emails import send_templated_email
from members.models import EngagementGroup, User
from members.roles import ENGAGEMENT_STAFF

from . import documents, emails
from .models import Comment, Project, ResponseChase

CLOSING_REMINDER_DAYS = 3


@shared_task(bind=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=8)
def send_feedback_email(self, notification_id):
    notifications.deliver(notification_id, emails.send_for_notification)


def queue_emails(notification_ids):
    for notification_id in notification_ids:
        send_feedback_email.delay(notification_id)


def engagement_staff():
    return User.objects.filter(is_active=True, is_staff=True, groups__name=ENGAGEMENT_STAFF)


@shared_task
def notify_project_opened(project_id):
    project = Project.objects.filter(pk=project_id, status=Project.Status.OPEN).first()
    if project is not None:
        queue_emails(notifications.plan(project, "project-opened", project.members()))


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
        queue_emails(notifications.plan(project, f"closing-soon-{project.closes_on.isoformat()}", people))


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
    queue_emails(notifications.plan(project, event, engagement_staff()))
    if project.lead_email:
        send_lead_chase.delay(project.pk, event)


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=8)
def send_lead_chase(project_id, event):
    project = Project.objects.filter(pk=project_id, status=Project.Status.CLOSED).exclude(lead_email="").first()
    if project is None:
        return
    # The row and the e-mail stand or fall together: if sending fails the row is
    # rolled back so a retry sends; a second run finds the row and sends nothing.
    with transaction.atomic():
        _, created = ResponseChase.objects.get_or_create(
            project=project, event=event, defaults={"email": project.lead_email}
        )
        if created:
            emails.send_response_chase(project.lead_email, project.lead_name, project, event, to_staff=False)


@shared_task
def notify_response_published(project_id):
    """Everyone whose comment a response entry answers; people already told are not told again."""
    project = Project.objects.filter(pk=project_id, status=Project.Status.PUBLISHED).first()
    if project is None:
        return
    commenters = User.objects.filter(is_active=True, project_comments__response_entries__project=project).distinct()
    queue_emails(notifications.plan(project, "response-published", commenters))


@shared_task
def notify_comment_hidden(comment_id):
    comment = Comment.objects.filter(pk=comment_id, hidden_at__isnull=False).select_related("author").first()
    if comment is not None:
        queue_emails(notifications.plan(comment, "comment-hidden", [comment.author]))


@shared_task(time_limit=900, soft_time_limit=840)
def build_report(user_id, project_id, group_id, since, outcome):
    """Build a large 'You Said, We Did' report in the background, then e-mail the person who asked."""
    if project_id:
        project = Project.objects.get(pk=project_id)
        document, what = documents.project_report(project), f"'You said, we did' report for {project}"
        link = reverse("feedback:project_response_pdf", args=[project_id])
    else:
        group = EngagementGroup.objects.get(pk=group_id)
        document = documents.group_report(group, date.fromisoformat(since) if since else None, outcome)
        what, link = f"'You said, we did' report for {group}", reverse("feedback:you_said_we_did")
    document.stored()
    user = User.objects.get(pk=user_id)
    send_templated_email("document_ready", [user.email], {"user": user, "what": what, "link": settings.SITE_URL + link})
