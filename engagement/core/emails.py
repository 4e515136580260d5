"""Sending one templated e-mail; each app's emails.py has one function per kind that calls it."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

# While set (by `captured`), e-mails are kept in this list instead of being sent.
_captured = ContextVar("captured_emails", default=None)


@contextmanager
def captured():
    """Keep the e-mails senders make in the yielded list, sending none: for a preview before sending."""
    kept = []
    token = _captured.set(kept)
    try:
        yield kept
    finally:
        _captured.reset(token)


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
    kept = _captured.get()
    if kept is not None:
        kept.append(message)
        return
    message.send()
