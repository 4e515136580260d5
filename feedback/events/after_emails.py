"""The e-mails after an event, one function each. Attendees have no account, so each is a Notification
on their registration, which holds the address (registered in apps.py)."""

from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import reverse

from engagement.core.emails import send_templated_email
from engagement.core.notifications import NotWanted
from feedback import documents as feedback_documents
from feedback.models import Project

from .models import Registration
from .outcomes import is_open_for_feedback, shown_publicly


def absolute(path):
    return settings.SITE_URL + path


def _registration(notification):
    return Registration.objects.select_related("event__plan__project").get(pk=notification.object_id)


def send_feedback_link(notification):
    """The link to send feedback and the short evaluation, to someone who came."""
    registration = _registration(notification)
    event = registration.event
    if not registration.email or not is_open_for_feedback(event):
        raise NotWanted("the registration has no e-mail address, or the event is cancelled")
    send_templated_email(
        "event_outcome_feedback_link",
        [registration.email],
        {
            "registration": registration,
            "event": event,
            "link": absolute(reverse("events:attendee_feedback", args=[event.feedback_token])),
        },
    )


def send_outcome(notification):
    """What came of the event: the project's published response, to someone who agreed to hear it."""
    registration = _registration(notification)
    project = registration.event.project
    if not registration.email or not registration.wants_outcomes or project.status != Project.Status.PUBLISHED:
        raise NotWanted("they no longer want to hear, have no e-mail address, or the response was withdrawn")
    group = shown_publicly(project)
    attachments = []
    if group is None:
        # Stored when the e-mails were planned (outcomes.share_outcomes), so this only reads it.
        with default_storage.open(feedback_documents.project_report(project).stored(), "rb") as handle:
            attachments.append((f"you-said-we-did-{project.pk}.pdf", handle.read(), "application/pdf"))
    send_templated_email(
        "event_outcome",
        [registration.email],
        {
            "registration": registration,
            "event": registration.event,
            "project": project,
            "link": absolute(reverse("feedback:public_response", args=[group.slug, project.pk])) if group else "",
        },
        attachments,
    )
