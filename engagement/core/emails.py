"""Sending one templated e-mail; each app's emails.py has one function per kind that calls it."""

from contextlib import contextmanager, suppress
from contextvars import ContextVar
from smtplib import SMTPException

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string

# While set (by `captured`), e-mails are kept in this list instead of being sent.
_captured = ContextVar("captured_emails", default=None)
# While set (by `handing_over`), called once the mail server is connected, just before the message goes to it.
_on_handing = ContextVar("on_handing", default=None)


@contextmanager
def captured():
    """Keep the e-mails senders make in the yielded list, sending none: for a preview before sending."""
    kept = []
    token = _captured.set(kept)
    try:
        yield kept
    finally:
        _captured.reset(token)


@contextmanager
def handing_over(callback):
    """Call callback() just before each message is handed to the mail server, after connecting to it:
    the delivery task records the moment, so it knows whether a failure came before or after."""
    token = _on_handing.set(callback)
    try:
        yield
    finally:
        _on_handing.reset(token)


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
    connection = get_connection()
    # Connected first, so that a mail server that is down or hung fails before anything is handed over.
    connection.open()
    try:
        if (on_handing := _on_handing.get()) is not None:
            on_handing()
        connection.send_messages([message])
    finally:
        # The server's answer to the message has been read by now; failing to say goodbye changes nothing.
        with suppress(SMTPException, OSError):
            connection.close()
