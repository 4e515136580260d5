"""One function per kind of project e-mail; each renders emails/feedback_<kind>_subject.txt, .txt and .html."""

from django.conf import settings
from django.urls import reverse

from engagement.core.emails import send_templated_email

from .models import ResponseEntry


def absolute(path):
    return settings.SITE_URL + path


def send_project_opened(user, project):
    send_templated_email(
        "feedback_project_opened",
        [user.email],
        {"user": user, "project": project, "link": absolute(project.get_absolute_url())},
    )


def send_closing_soon(user, project):
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


def send_response_published(user, project):
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


def send_comment_hidden(user, comment):
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


def send_response_chase(email, name, project, event, to_staff):
    """To a member of staff or the project lead: the response is due, or overdue.

    The lead has no account and works through staff, so only staff get the admin link.
    """
    send_templated_email(
        "feedback_response_chase",
        [email],
        {
            "name": name,
            "project": project,
            "overdue": event != "response-due",
            "to_staff": to_staff,
            "admin_link": absolute(reverse("admin:feedback_project_change", args=[project.pk])),
        },
    )


def send_for_notification(notification):
    """Send the e-mail a planned Notification stands for (called by notifications.deliver)."""
    user, subject, event = notification.user, notification.subject, notification.event
    if event == "project-opened":
        send_project_opened(user, subject)
    elif event.startswith("closing-soon-"):
        send_closing_soon(user, subject)
    elif event == "response-published":
        send_response_published(user, subject)
    elif event == "comment-hidden":
        send_comment_hidden(user, subject)
    elif event == "response-due" or event.startswith("response-chase-"):
        send_response_chase(user.email, user.display_name, subject, event, to_staff=True)
    else:
        raise ValueError(f"No project e-mail for the event {event!r}")
