"""One function per kind of project e-mail; each renders emails/feedback_<kind>_subject.txt, .txt and .html."""

from django.conf import settings
from django.urls import reverse

from engagement.core.emails import send_templated_email
from engagement.core.notifications import NotWanted

from .models import Project, ResponseChase, ResponseEntry


def absolute(path):
    return settings.SITE_URL + path


def send_project_opened(notification):
    user, project = notification.user, notification.subject
    send_templated_email(
        "feedback_project_opened",
        [user.email],
        {"user": user, "project": project, "link": absolute(project.get_absolute_url())},
    )


def send_closing_soon(notification):
    user, project = notification.user, notification.subject
    send_templated_email(
        "feedback_closing_soon",
        [user.email],
        {
            "user": user,
            "project": project,
            "link": absolute(project.get_absolute_url()),
            "settings_link": absolute(reverse("feedback:email_settings")),
        },
    )


def send_response_published(notification):
    user, project = notification.user, notification.subject
    entries = (
        ResponseEntry.objects.filter(project=project, comments__author=user)
        .select_related("theme", "project")
        .distinct()
    )
    send_templated_email(
        "feedback_response_published",
        [user.email],
        {
            "user": user,
            "project": project,
            "entries": [(entry, absolute(entry.get_absolute_url())) for entry in entries],
            "link": absolute(project.get_response_url()),
        },
    )


def send_comment_hidden(notification):
    user, comment = notification.user, notification.subject
    send_templated_email(
        "feedback_comment_hidden",
        [user.email],
        {
            "user": user,
            "comment": comment,
            "project": comment.project,
            "link": absolute(comment.project.get_absolute_url()),
        },
    )


def _response_chase(email, name, project, overdue, to_staff):
    """The response is due, or overdue. The lead has no account and works through staff,
    so only staff get the admin link."""
    send_templated_email(
        "feedback_response_chase",
        [email],
        {
            "name": name,
            "project": project,
            "overdue": overdue,
            "to_staff": to_staff,
            "admin_link": absolute(reverse("admin:feedback_project_change", args=[project.pk])),
        },
    )


def send_response_chase_to_staff(notification):
    """Event "response-due", or "response-chase-<ISO week>" once overdue."""
    user, project = notification.user, notification.subject
    _response_chase(user.email, user.display_name, project, notification.event != "response-due", to_staff=True)


def send_response_chase_to_lead(notification):
    """The same, to the project's lead (event "lead-" and the staff event): they have no account,
    so the project holds their address, and each chase is recorded with the address it went to."""
    project = Project.objects.get(pk=notification.object_id)
    if project.status != Project.Status.CLOSED or not project.lead_email:
        raise NotWanted("the response is no longer awaited, or the project has no lead's address")
    event = notification.event.removeprefix("lead-")
    _response_chase(project.lead_email, project.lead_name, project, event != "response-due", to_staff=False)
    ResponseChase.objects.get_or_create(project=project, event=event, defaults={"email": project.lead_email})


def send_report_ready(notification):
    """A large "You said, we did" report someone asked for is built (event "report-ready-…"):
    the subject is the project, or the group for a group's report."""
    user, subject = notification.user, notification.subject
    large_print = notification.event.startswith("report-ready-large-print-")
    if isinstance(subject, Project):
        link = reverse("feedback:project_response_pdf", args=[subject.pk]) + ("?print=large" if large_print else "")
    else:
        link = reverse("feedback:you_said_we_did")
    what = f"'You said, we did' report{' in large print' if large_print else ''} for {subject}"
    send_templated_email("document_ready", [user.email], {"user": user, "what": what, "link": absolute(link)})
