"""Setting up two-step sign-in needs more than the password.

A staff member asks for a set-up link, which is e-mailed to their account's
address (or a superuser prints one with `manage.py two_step_link`). Only the
link opens the authenticator set-up, so someone who knows or has reset the
password alone cannot enrol their own phone on the account. The link works
for PASSWORD_RESET_TIMEOUT and stops working once a device is confirmed or
the password changes.
"""

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice


class EnrolmentTokens(PasswordResetTokenGenerator):
    key_salt = "members.twostep.enrolment"

    def _make_hash_value(self, user, timestamp):
        confirmed = ",".join(
            str(pk)
            for pk in TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").values_list("pk", flat=True)
        )
        return f"{user.pk}:{user.password}:{timestamp}:{confirmed}"


tokens = EnrolmentTokens()


def set_up_link(user) -> str:
    return settings.SITE_URL + reverse("two_factor_set_up", args=[tokens.make_token(user)])


def link_is_valid(user, token) -> bool:
    return tokens.check_token(user, token)
