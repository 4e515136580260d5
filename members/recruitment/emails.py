"""One function per recruitment e-mail; each renders emails/recruitment_<kind>{_subject.txt,.txt,.html}.

Applicants have no account: each e-mail is a Notification on the record holding their
address, sent once by the delivery task; the record notes when it went."""

from django.conf import settings
from django.utils import timezone

from engagement.core.emails import send_templated_email

from .models import Application, OutcomeEmail


def send_confirmation(notification):
    application = Application.objects.select_related("round__group").get(pk=notification.object_id)
    round = application.round
    send_templated_email(
        "recruitment_confirmation",
        [application.email],
        {"application": application, "round": round, "link": settings.SITE_URL + round.get_absolute_url()},
    )
    Application.objects.filter(pk=application.pk).update(confirmation_sent_at=timezone.now())


def send_not_appointed(notification):
    outcome = OutcomeEmail.objects.select_related("application", "round").get(pk=notification.object_id)
    send_templated_email(
        "recruitment_not_appointed",
        [outcome.email],
        {"application": outcome.application, "round": outcome.round, "message": outcome.round.not_appointed_message},
    )
    OutcomeEmail.objects.filter(pk=outcome.pk).update(sent_at=timezone.now())
