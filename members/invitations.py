"""One-time, expiring invitation links that let a new member set a password.

The token signs the user's id and a hash of their password, last sign-in and
invitation time: setting a password or sending a new invitation changes the
hash, so each link works once and only the newest one works.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

from .models import User

SALT = "members.invitation"


def _state(user):
    value = f"{user.pk}:{user.password}:{user.last_login}:{user.invited_at}"
    return salted_hmac(SALT, value).hexdigest()[:32]


def make_token(user):
    return signing.dumps({"u": user.pk, "s": _state(user)}, salt=SALT)


def user_for_token(token):
    """The user the token was made for, or None if it is tampered, expired or already used."""
    try:
        data = signing.loads(token, salt=SALT, max_age=timedelta(days=settings.INVITATION_TIMEOUT_DAYS))
    except signing.BadSignature:
        return None
    user = User.objects.filter(pk=data.get("u"), is_active=True).first()
    if user is None or not constant_time_compare(data.get("s", ""), _state(user)):
        return None
    return user
