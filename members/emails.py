"""One function per kind of e-mail; each renders a subject, a plain-text and an HTML body."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


def send_templated_email(template, recipients, context, attachments=()):
    """Render emails/<template>_subject.txt, .txt and .html and send one message."""
    context = {
        "SERVICE_NAME": settings.SERVICE_NAME,
        "ORGANISATION_NAME": settings.ORGANISATION_NAME,
        "SITE_URL": settings.SITE_URL,
        "ENGAGEMENT_TEAM_EMAIL": settings.ENGAGEMENT_TEAM_EMAIL,
        **context,
    }
    subject = " ".join(render_to_string(f"emails/{template}_subject.txt", context).split())
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"emails/{template}.txt", context),
        to=recipients,
    )
    message.attach_alternative(render_to_string(f"emails/{template}.html", context), "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    message.send()


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
