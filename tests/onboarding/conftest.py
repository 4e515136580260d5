from datetime import date

import pytest

from members.onboarding.models import AgreementVersion


@pytest.fixture
def agreement(db):
    return AgreementVersion.objects.create(
        name="First edition", in_force_from=date(2026, 4, 1), text="We will send papers a week before meetings."
    )
