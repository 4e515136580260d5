"""GOV.UK Notify, through its official client (notifications-python-client).

Notify sends our e-mails, text messages and letters when NOTIFY_API_KEY is set. Its
templates only carry our own words: the e-mail template is `((subject))` and `((body))`,
the text message template `((body))`, and letters are PDFs we make (precompiled letters).
Every message's reference is its Notification's id ("<id>-2" once staff have had it sent again:
Notification.reference), so a message whose answer was lost can be found again
(engagement/core/notifications.py) instead of being sent twice.
"""

from contextlib import contextmanager
from io import BytesIO

from django.conf import settings
from notifications_python_client.errors import APIError, InvalidResponse
from notifications_python_client.notifications import NotificationsAPIClient

# Seconds to wait for Notify's answer: well inside the delivery task's time limit (notifications.SEND_TIME_LIMIT).
TIMEOUT = 15
# Notify's statuses after which nothing more will happen to the message, so polling stops.
FINAL = {
    "delivered",
    "received",
    "cancelled",
    # Sent abroad: the phone network tells Notify nothing more.
    "sent",
    "permanent-failure",
    "temporary-failure",
    "technical-failure",
    "validation-failed",
    "virus-scan-failed",
}


class Unavailable(Exception):
    """Notify could not be reached, or failed on its side: worth trying again later."""


class Refused(Exception):
    """Notify would not take the message (a wrong number, a letter it cannot print): sending it again will not help."""


def enabled() -> bool:
    return bool(settings.NOTIFY_API_KEY)


@contextmanager
def _talking():
    try:
        yield NotificationsAPIClient(settings.NOTIFY_API_KEY, base_url=settings.NOTIFY_BASE_URL, timeout=TIMEOUT)
    except APIError as error:
        # The client reports a connection that failed or timed out as status 503; an answer it could not
        # read may have been Notify taking the message, which the retry asks about before sending again.
        if isinstance(error, InvalidResponse) or error.status_code == 429 or error.status_code >= 500:
            raise Unavailable(str(error)) from error
        raise Refused(str(error)) from error


def send_email(address: str, subject: str, body: str, reference: str) -> str:
    """Notify's id for the e-mail it has taken."""
    with _talking() as client:
        return client.send_email_notification(
            address,
            settings.NOTIFY_EMAIL_TEMPLATE_ID,
            personalisation={"subject": subject, "body": body},
            reference=reference,
        )["id"]


def send_text(number: str, body: str, reference: str) -> str:
    with _talking() as client:
        return client.send_sms_notification(
            number, settings.NOTIFY_SMS_TEMPLATE_ID, personalisation={"body": body}, reference=reference
        )["id"]


def send_letter(pdf: bytes, reference: str) -> str:
    with _talking() as client:
        return client.send_precompiled_letter_notification(reference, BytesIO(pdf))["id"]


def find(reference: str) -> dict | None:
    """The message Notify holds under this reference (its JSON), or None if it has none."""
    with _talking() as client:
        found = client.get_all_notifications(reference=reference)["notifications"]
    return found[0] if found else None


def status(provider_id: str) -> str:
    with _talking() as client:
        return client.get_notification_by_id(provider_id)["status"]
