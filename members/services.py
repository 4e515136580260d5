"""E-mails about a person's own account: an invitation, a two-step set-up link, a password reset.

Each is planned as a Notification in the caller's transaction and delivered by
the one delivery task (engagement/core/tasks.py). Asking again is a new e-mail,
so each request is its own event; the link itself is made when the e-mail is
sent, so no token is ever stored.
"""

import uuid

from django.db import transaction

from engagement.core import notifications
from engagement.core.tasks import send_notifications


def _tell(user, kind):
    event = f"{kind}-{uuid.uuid4().hex}"
    # About the account itself, so by e-mail whatever the person prefers for news.
    send_notifications(notifications.plan(user, event, [user], whatever_their_preference=True))


@transaction.atomic
def invite(user):
    _tell(user, "invitation")


@transaction.atomic
def send_two_step_link(user):
    _tell(user, "two-step-link")


@transaction.atomic
def send_password_reset(user):
    _tell(user, "password-reset")
