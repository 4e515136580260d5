"""A member's onboarding records are in their download, and go when they are erased."""

import io
import json
import zipfile
from datetime import date

import pytest
from django.urls import reverse

from members import privacy
from members.onboarding.models import AgreementSignature, Induction, TrainingRecord

pytestmark = pytest.mark.django_db


def test_the_download_includes_the_signed_agreement(client, member, agreement):
    AgreementSignature.objects.create(
        user=member, version=agreement, typed_name="Olivia Bennett", signed_on=date(2026, 4, 2)
    )
    client.force_login(member)
    response = client.post(reverse("my_data"))
    data = json.loads(zipfile.ZipFile(io.BytesIO(response.content)).read("data.json"))
    assert data["Onboarding and records"]["Involvement agreements signed"] == [
        {"Version": "First edition", "Typed name": "Olivia Bennett", "Signed on": "2 April 2026"}
    ]


def test_erasing_removes_the_onboarding_records(member, agreement):
    AgreementSignature.objects.create(
        user=member, version=agreement, typed_name="Olivia Bennett", signed_on=date(2026, 4, 2)
    )
    Induction.objects.create(user=member, completed_on=date(2026, 4, 20))
    TrainingRecord.objects.create(user=member, course="Safeguarding adults", completed_on=date(2026, 5, 1))
    privacy.erase(member)
    assert (AgreementSignature.objects.count(), Induction.objects.count(), TrainingRecord.objects.count()) == (0, 0, 0)
