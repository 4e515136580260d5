"""The members app's e-mails: one function per kind, each with a subject, a plain-text and an HTML template."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from engagement.core.emails import send_templated_email
from engagement.core.notifications import NotWanted

from . import invitations, twostep


def send_invitation(notification):
    user = notification.user
    if not user.is_active:
        raise NotWanted("the account was closed")
    # A new invitation time makes any earlier invitation link stop working.
    user.invited_at = timezone.now()
    user.save(update_fields=["invited_at"])
    send_templated_email(
        "invitation",
        [user.email],
        {
            "user": user,
            "link": settings.SITE_URL + reverse("accept_invitation", args=[invitations.make_token(user)]),
            "days": settings.INVITATION_TIMEOUT_DAYS,
            "groups": [m.group for m in user.memberships.with_access().select_related("group")],
        },
    )


def send_password_reset(notification):
    user = notification.user
    # Checked again here: the password may have been made unusable (or the person erased) since.
    if not (user.is_active and user.has_usable_password()):
        raise NotWanted("the account has no password to reset")
    # The token is made here, as it is sent, so that it is never stored.
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    link = reverse("password_reset_confirm", args=[uid, default_token_generator.make_token(user)])
    send_templated_email("password_reset", [user.email], {"user": user, "link": settings.SITE_URL + link})


def send_two_step_link(notification):
    user = notification.user
    if not (user.is_active and user.is_staff):
        raise NotWanted("the account is no longer staff")
    send_templated_email("two_step_link", [user.email], {"user": user, "link": twostep.set_up_link(user)})
