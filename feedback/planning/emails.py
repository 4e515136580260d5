"""One function per kind of e-mail; survey invitees have no account, so each is a Notification on\nthe invitation, which holds their address and notes when the link went."""

from django.utils import timezone

from engagement.core.emails import send_templated_email
from engagement.core.notifications import NotWanted

from .models import Invitation


def send_survey_invitation(notification):
    invitation = Invitation.objects.select_related("survey").get(pk=notification.object_id)
    if invitation.used_at:
        raise NotWanted("the link has been used")
    send_templated_email(
        "planning_survey_invitation",
        [invitation.email],
        {"invitation": invitation, "survey": invitation.survey, "link": invitation.link},
    )
    Invitation.objects.filter(pk=invitation.pk).update(emailed_at=timezone.now())
