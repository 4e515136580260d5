"""Onboarding changes, one function each, used by the member pages, the admin and the demo alike."""

from datetime import date

from django.db import transaction

from members.models import User

from .models import AgreementSignature, AgreementVersion


def same_name(typed: str, full_name: str) -> bool:
    """Whether the typed name is the person's full name, ignoring case and extra spaces."""
    return " ".join(typed.split()).casefold() == " ".join(full_name.split()).casefold()


@transaction.atomic
def sign_agreement(user: User, version: AgreementVersion, typed_name: str, today: date) -> AgreementSignature:
    """Record that the person signed this version today; signing it again keeps the first signature."""
    if not same_name(typed_name, user.full_name):
        raise ValueError("The typed name is not the person's full name.")
    signature, _ = AgreementSignature.objects.get_or_create(
        user=user, version=version, defaults={"typed_name": " ".join(typed_name.split()), "signed_on": today}
    )
    return signature
