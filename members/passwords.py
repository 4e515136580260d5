"""Asking for a password reset: limited per address and per account, e-mailed by the delivery task.

The page says the same whatever happens ("Check your e-mail"), so it never
tells anyone whether an address has an account or has been asked too often.
Nothing is sent during the request, so the answer takes as long either way.
"""

from django.contrib.auth import forms as auth_forms
from django.utils.crypto import salted_hmac

from . import services
from .recruitment import throttle

RESETS_PER_HOUR = 3


def _address_key(email):
    # Hashed, so the cache holds no e-mail addresses.
    return "password-reset:address:" + salted_hmac("members.passwords", email.strip().lower()).hexdigest()


def _account_key(user):
    return f"password-reset:account:{user.pk}"


def _allow(key):
    """Count one request against `key`; False once the hour's allowance is used up."""
    if throttle.over_limit(key, RESETS_PER_HOUR):
        return False
    throttle.count(key)
    return True


class PasswordResetForm(auth_forms.PasswordResetForm):
    def save(self, **kwargs):
        """Plan the e-mail; the delivery task builds it (members/emails.py), so the template
        arguments Django's view passes are not used."""
        email = self.cleaned_data["email"]
        if not _allow(_address_key(email)):
            return
        # Also per account, so that no other spelling of the address gets round the limit.
        for user in self.get_users(email):
            if _allow(_account_key(user)):
                services.send_password_reset(user)
