"""The members app's e-mails: one function per kind, each with a subject, a plain-text and an HTML template."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from engagement.core.emails import send_templated_email


def send_invitation(user, token):
    send_templated_email(
        "invitation",
        [user.email],
        {
            "user": user,
            "link": settings.SITE_URL + reverse("accept_invitation", args=[token]),
            "days": settings.INVITATION_TIMEOUT_DAYS,
            "groups": [m.group for m in user.memberships.with_access().select_related("group")],
        },
    )


def send_password_reset(user):
    # The token is made here, in the task, so that it is never stored in the outbox table.
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    link = reverse("password_reset_confirm", args=[uid, default_token_generator.make_token(user)])
    send_templated_email("password_reset", [user.email], {"user": user, "link": settings.SITE_URL + link})


def send_two_step_link(user, link):
    send_templated_email("two_step_link", [user.email], {"user": user, "link": link})
