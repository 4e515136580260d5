"""Sending one templated message; each app's emails.py has one function per kind that calls it.

The message goes by the channel of the Notification being delivered (engagement/core/channels.py):
an e-mail (through GOV.UK Notify when NOTIFY_API_KEY is set, otherwise the mail server or the
console), a text message or a letter, made from the same template and context
(engagement/core/letters.py holds the text and letter versions).
"""

from contextlib import contextmanager, suppress
from contextvars import ContextVar
from smtplib import SMTPException

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string

from . import channels, letters, notify
from .models import Notification

# While set (by `captured`), messages are kept in this list instead of being sent.
_captured = ContextVar("captured_emails", default=None)
# While set (by `handing_over`), called once the mail server is connected, just before the message goes to it.
_on_handing = ContextVar("on_handing", default=None)
# While set (by `delivering`), the Notification being sent: its channel, person and reference.
_delivering = ContextVar("delivering", default=None)


class NotWanted(Exception):
    """Raised by a sender when the message is no longer wanted (the account was closed since it was planned,
    or the person no longer asks for letters or texts); raised here too, so it is known to every sender."""


@contextmanager
def captured():
    """Keep the messages senders make in the yielded list, sending none: for a preview before sending.
    An e-mail is kept as its EmailMultiAlternatives, a text message as its text, a letter as its PDF."""
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


@contextmanager
def delivering(notification):
    """Send what senders make by `notification`'s channel, to its person, under its reference."""
    token = _delivering.set(notification)
    try:
        yield
    finally:
        _delivering.reset(token)


def _hand_over():
    if (on_handing := _on_handing.get()) is not None:
        on_handing()


def send_templated_email(template, recipients, context, attachments=()):
    """Render emails/<template>_subject.txt, .txt and .html and send one message; or, for a text message or
    a letter (see `delivering`), its version of the template."""
    context = {
        "SERVICE_NAME": settings.SERVICE_NAME,
        "ORGANISATION_NAME": settings.ORGANISATION_NAME,
        "SITE_URL": settings.SITE_URL,
        "ENGAGEMENT_TEAM_EMAIL": settings.ENGAGEMENT_TEAM_EMAIL,
        **context,
    }
    notification = _delivering.get()
    channel = notification.channel if notification else Notification.Channel.EMAIL
    if channel == Notification.Channel.SMS:
        return _send_text(notification, template, context)
    if channel == Notification.Channel.LETTER:
        return _send_letter(notification, template, context, attachments)
    kept = _captured.get()
    # Notify sends the subject and plain-text body only: no calendar file, no PDF. A preview (kept) shows the
    # e-mail as it will go, and each template that mentions an attachment says where to get it instead.
    by_notify = notify.enabled() and (notification is not None or kept is not None)
    context["attachments_sent"] = not by_notify
    subject = " ".join(render_to_string(f"emails/{template}_subject.txt", context, using="text").split())
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"emails/{template}.txt", context, using="text"),
        to=recipients,
    )
    message.attach_alternative(render_to_string(f"emails/{template}.html", context), "text/html")
    for filename, content, mimetype in () if by_notify else attachments:
        message.attach(filename, content, mimetype)
    if kept is not None:
        kept.append(message)
        return
    if by_notify:
        _hand_over()
        notification.provider_id = notify.send_email(
            recipients[0], subject, message.body, reference=notification.reference
        )
        return
    connection = get_connection()
    # Connected first, so that a mail server that is down or hung fails before anything is handed over.
    connection.open()
    try:
        _hand_over()
        connection.send_messages([message])
    finally:
        # The server's answer to the message has been read by now; failing to say goodbye changes nothing.
        with suppress(SMTPException, OSError):
            connection.close()


def _send_text(notification, template, context):
    if not channels.by_text_message(notification.user):
        raise NotWanted("they no longer ask for text messages")
    body = letters.render_text(template, context)
    if (kept := _captured.get()) is not None:
        kept.append(body)
        return
    _hand_over()
    notification.provider_id = notify.send_text(notification.user.mobile_number, body, reference=notification.reference)


def _send_letter(notification, template, context, attachments):
    user = notification.user
    if not channels.by_post(user):
        raise NotWanted("they no longer ask for letters")
    pdf = letters.render_letter(
        template, context, recipient=user, large_print=user.wants_large_print, attachments=attachments
    )
    if (kept := _captured.get()) is not None:
        kept.append(pdf)
        return
    _hand_over()
    notification.provider_id = notify.send_letter(pdf, reference=notification.reference)
