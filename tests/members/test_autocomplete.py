"""Every field asking for the person's own details says its purpose (WCAG 1.3.5), so browsers and
assistive tools can fill it in or mark it with a familiar icon."""

import re

import pytest
from django.contrib.auth.forms import SetPasswordForm

from members.forms import PasswordChangeForm, ProfileForm, SignInForm
from members.models import User
from members.passwords import PasswordResetForm
from members.recruitment.forms import ExpressionOfInterestForm

PURPOSES = [
    (ProfileForm, "preferred_name", "nickname"),
    (ProfileForm, "phone", "tel"),
    (ProfileForm, "address", "street-address"),
    (ProfileForm, "postcode", "postal-code"),
    (ExpressionOfInterestForm, "full_name", "name"),
    (ExpressionOfInterestForm, "email", "email"),
    (ExpressionOfInterestForm, "phone", "tel"),
    (ExpressionOfInterestForm, "address", "street-address"),
    (ExpressionOfInterestForm, "postcode", "postal-code"),
    (SignInForm, "username", "email"),
    (SignInForm, "password", "current-password"),
    (PasswordResetForm, "email", "email"),
    (SetPasswordForm, "new_password1", "new-password"),
    (SetPasswordForm, "new_password2", "new-password"),
    (PasswordChangeForm, "old_password", "current-password"),
    (PasswordChangeForm, "new_password1", "new-password"),
    (PasswordChangeForm, "new_password2", "new-password"),
]


def _form(form_class):
    if form_class in (SetPasswordForm, PasswordChangeForm):
        return form_class(User(email="someone@example.org"))
    return form_class()


@pytest.mark.django_db
@pytest.mark.parametrize(("form_class", "field", "purpose"), PURPOSES)
def test_it_names_the_purpose_of_each_personal_field(form_class, field, purpose):
    html = str(_form(form_class)[field])
    assert re.search(r'autocomplete="([^"]*)"', html).group(1) == purpose
