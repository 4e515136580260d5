"""Signed, expiring, single-purpose links that let a member reply from an e-mail without signing in.

Each link names one meeting, one person and one answer. It also signs the
state of that person's reply when the e-mail was made, so once any reply is
recorded the older links stop working: each link works once.
"""

from datetime import timedelta

from django.core import signing
from django.utils import timezone

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


def make_token(meeting, user, response):
    return signing.dumps({"m": meeting.pk, "u": user.pk, "r": response, "s": _state(meeting.pk, user.pk)}, salt=SALT)


def read_token(token):
    """Return (meeting, user, response) for a usable link, or raise LinkProblem."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired:
        raise LinkProblem("This link has expired", "Reply links work for 120 days.") from None
    except signing.BadSignature:
        raise LinkProblem("This link does not work", "It may have been copied wrongly, or cut short by your e-mail program.") from None
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
