"""Encrypted, expiring, single-purpose links that let a member reply from an e-mail without signing in.

Each link names one meeting, one person and one answer. It also carries the
state of that person's reply when the e-mail was made, so once any reply is
recorded the older links stop working: each link works once.

The link is encrypted as well as signed (Fernet, with a key made from
SECRET_KEY), so that someone who sees it, in a forwarded e-mail or a log,
cannot read who it is for or what it answers.
"""

import base64
import json
from datetime import timedelta

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac

from members.models import User

from . import rules
from .models import Meeting, Reply

SALT = "meetings.reply"
MAX_AGE = timedelta(days=120)


class LinkProblem(Exception):
    """Why a reply link cannot be used, in words for the member."""

    def __init__(self, title, explanation, meeting=None):
        super().__init__(title)
        self.title = title
        self.explanation = explanation
        self.meeting = meeting


def _state(meeting_id, user_id):
    reply = Reply.objects.filter(meeting_id=meeting_id, user_id=user_id).values_list("responded_at", flat=True).first()
    return reply.isoformat() if reply else ""


def _fernet():
    # A key for each secret, newest first, so links already sent keep working after SECRET_KEY
    # is rotated, for as long as the old one stays in SECRET_KEY_FALLBACKS.
    secrets = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    return MultiFernet(
        [
            Fernet(base64.urlsafe_b64encode(salted_hmac(SALT, "key", secret=secret, algorithm="sha256").digest()))
            for secret in secrets
        ]
    )


def make_token(meeting, user, response):
    data = {"m": meeting.pk, "u": user.pk, "r": response, "s": _state(meeting.pk, user.pk)}
    return _fernet().encrypt(json.dumps(data).encode()).decode()


def read_token(token):
    """Return (meeting, user, response) for a usable link, or raise LinkProblem."""
    fernet = _fernet()
    try:
        data = json.loads(fernet.decrypt(token.encode()))
        made = fernet.extract_timestamp(token.encode())
    except InvalidToken:
        raise LinkProblem(
            "This link does not work", "It may have been copied wrongly, or cut short by your e-mail program."
        ) from None
    if timezone.now().timestamp() - made > MAX_AGE.total_seconds():
        raise LinkProblem("This link has expired", "Reply links work for 120 days.")
    meeting = Meeting.objects.select_related("group", "venue").filter(pk=data["m"]).first()
    user = User.objects.filter(pk=data["u"], is_active=True).first()
    if meeting is None or user is None or data["r"] not in Reply.Response.values:
        raise LinkProblem("This link does not work", "The meeting or the person it was for no longer exists.")
    if meeting.is_cancelled:
        raise LinkProblem("This meeting has been cancelled", "You do not need to reply.", meeting)
    if meeting.end < timezone.now():
        raise LinkProblem("This meeting has already happened", "Replies are closed.", meeting)
    # The e-mail may be older than the person's membership: someone who has since stepped down
    # (or changed role) no longer answers for the group. No meeting link: they cannot open its page.
    if not rules.can_reply(user, meeting):
        raise LinkProblem(
            "You cannot reply to this meeting",
            "Replies are for current members of the group. If you think this is wrong, please contact us.",
        )
    if data["s"] != _state(meeting.pk, user.pk):
        raise LinkProblem(
            "This link has already been used",
            "Your reply has been recorded. To change it, sign in and go to the meeting page.",
            meeting,
        )
    return meeting, user, data["r"]
