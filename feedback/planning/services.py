"""Steps in the planning work that tell people: e-mailing survey links.

Each runs in one transaction and queues its e-mails through the outbox in that
same transaction (engagement/core/tasks.py), as feedback/services.py does.
"""

from django.db import transaction

from engagement.core import notifications
from engagement.core.tasks import send_notifications


@transaction.atomic
def email_invitations(invitations):
    """E-mail the private link to each of these not e-mailed or used yet, once; return how many."""
    planned = [
        notification_id
        for invitation in waiting(invitations)
        for notification_id in notifications.plan_to_subject(invitation, "survey-invitation")
    ]
    return send_notifications(planned)


def waiting(invitations):
    """The invitations still to e-mail: not e-mailed, and not answered (also counted before staff send)."""
    return invitations.filter(emailed_at=None, used_at=None)
