"""Onboarding e-mails: staff hear once when a training course or DBS check is about to run out."""

from django.conf import settings
from django.urls import reverse

from engagement.core.emails import send_templated_email
from engagement.core.notifications import NotWanted


def send_expiry_reminder(notification):
    """A training record or DBS check runs out on the date in the event ("expiring-<date>"); registered in apps.py."""
    model = notification.content_type.model_class()
    record = model.objects.select_related("user").filter(pk=notification.object_id).first()
    # Renewed, deleted or the person left since it was planned: the reminder for that date is no longer true.
    if record is None or record.expires is None or notification.event != f"expiring-{record.expires.isoformat()}":
        raise NotWanted("the record was renewed or removed")
    if not record.user.is_active:
        raise NotWanted("the person's account was closed")
    send_templated_email(
        "onboarding_expiring",
        [notification.user.email],
        {
            "user": notification.user,
            "record": record,
            "record_url": settings.SITE_URL
            + reverse(f"admin:onboarding_{model._meta.model_name}_change", args=[record.pk]),
        },
    )
