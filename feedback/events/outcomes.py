"""After the event: what was heard there, the attendees' feedback and evaluation, "what we heard"
drafts for the project's response, and telling the attendees who agreed what came of it.

Steps that tell people run in one transaction and queue their e-mails through the outbox
(engagement/core/tasks.send_notifications), as feedback/services.py does; each e-mail is a
Notification on the registration, which holds the address, so each person gets it once.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from engagement.core import notifications
from engagement.core.models import Notification
from engagement.core.tasks import send_notifications
from feedback import documents as feedback_documents
from feedback.models import Project, Theme
from feedback.themes.drafts import draft_entries

from .models import Evaluation, Event, EventFeedback, Registration

FEEDBACK_LINK = "feedback-link"
OUTCOME_SHARED = "outcome-shared"


def record_feedback(event: Event, texts: list[str], source: str, by) -> list[EventFeedback]:
    """Save each item staff typed in from the flipcharts or forms, marked as entered by them."""
    return EventFeedback.objects.bulk_create(
        [EventFeedback(event=event, text=text, source=source, entered_by=by) for text in texts]
    )


def set_theme(event: Event, feedback_ids: list[int], theme: Theme | None) -> int:
    """Give the chosen items of this event's feedback a theme (None takes it away); return how many."""
    return EventFeedback.objects.filter(event=event, pk__in=feedback_ids).update(theme=theme)


def is_open_for_feedback(event: Event, now=None) -> bool:
    """Attendees' feedback is taken once the event has started, and never for a cancelled one."""
    return event.cancelled_at is None and event.start <= (now or timezone.now())


@transaction.atomic
def save_attendee_feedback(event: Event, text: str, usefulness: int, what_to_change: str) -> None:
    """An attendee's feedback and evaluation, from the link after the event.

    Neither is tied to who sent it: the evaluation is anonymous, and the link is the event's, not the person's.
    """
    if text:
        EventFeedback.objects.create(event=event, text=text, source=EventFeedback.Source.ONLINE)
    Evaluation.objects.create(event=event, usefulness=usefulness, what_to_change=what_to_change)


def who_came(event: Event) -> QuerySet:
    """Registrations of people who came, or said they were coming where the register leaves them unmarked."""
    came = Q(attended=True) | Q(attended=None, status=Registration.Status.COMING)
    return event.registrations.filter(came)


def feedback_link_waiting(event: Event) -> QuerySet:
    """Who the feedback link would still go to: people who came, with an e-mail address, not sent it yet
    (also counted for the confirmation page, so the count there is the count sent)."""
    sent = Notification.objects.filter(
        content_type=ContentType.objects.get_for_model(Registration),
        event=FEEDBACK_LINK,
        status=Notification.Status.SENT,
    ).values("object_id")
    return who_came(event).exclude(email="").exclude(pk__in=sent)


@transaction.atomic
def email_feedback_link(event: Event) -> int:
    """E-mail the event's feedback link to everyone who came and has not had it; return how many."""
    planned = [
        notification_id
        for registration in feedback_link_waiting(event)
        for notification_id in notifications.plan_to_subject(registration, FEEDBACK_LINK)
    ]
    return send_notifications(planned)


def themed_groups(event: Event) -> list[tuple[Theme, list[str], list]]:
    """The event's themed feedback as draft_entries takes it: (theme, what was said, no member comments)."""
    groups = {}
    for item in (
        event.feedback.filter(theme__isnull=False)
        .select_related("theme")
        .order_by("theme__position", "theme__name", "created", "pk")
    ):
        groups.setdefault(item.theme, []).append(item.text)
    return [(theme, quotes, []) for theme, quotes in groups.items()]


def draft_what_we_heard(event: Event, groups=None):
    """Turn the event's themed feedback into draft "what we heard" entries of the project's response.

    The drafting itself belongs to suggested themes (feedback/themes), so entries drafted from
    an event read like those drafted from members' comments.
    """
    return draft_entries(event.project, themed_groups(event) if groups is None else groups)


def outcome_recipients(project: Project, now=None) -> QuerySet:
    """Everyone who agreed, at an event of this project's plan that took place, to hear what came of it."""
    return Registration.objects.filter(
        event__plan__project=project,
        event__cancelled_at=None,
        event__start__lte=now or timezone.now(),
        wants_outcomes=True,
    ).exclude(email="")


def share_outcomes(project: Project) -> list[int]:
    """Plan the "what came of it" e-mail to each attendee who agreed; return the ids still to send.

    Called when the project's response is published (feedback.tasks.notify_response_published).
    People already told are not told again, however often the response is republished.
    """
    planned = [
        notification_id
        for registration in outcome_recipients(project)
        for notification_id in notifications.plan_to_subject(registration, OUTCOME_SHARED)
    ]
    if planned and not shown_publicly(project):
        # Built here, where there is time, not by the first of the e-mails it is attached to.
        feedback_documents.project_report(project).stored()
    return planned


def shown_publicly(project: Project):
    """The public group page that shows the project's response, or None: people with no account can
    read the response there; otherwise it goes to them as a PDF."""
    if not project.publish_publicly or project.status != Project.Status.PUBLISHED:
        return None
    return project.groups.public().order_by("pk").first()
