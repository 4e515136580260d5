from datetime import date

import pytest
import time_machine
from django.urls import reverse

from members.onboarding.models import AgreementSignature, AgreementVersion

pytestmark = pytest.mark.django_db
URL = reverse("onboarding:sign_agreement")


@pytest.fixture(autouse=True)
def _in_june():
    with time_machine.travel("2026-06-10 12:00 +01:00", tick=False):
        yield


def test_it_records_the_version_the_typed_name_and_the_date(client, member, agreement):
    client.force_login(member)
    response = client.post(URL, {"typed_name": "  olivia   BENNETT "})
    assert response.status_code == 302
    signature = AgreementSignature.objects.get(user=member)
    assert (signature.version, signature.typed_name, signature.signed_on) == (
        agreement,
        "olivia BENNETT",
        date(2026, 6, 10),
    )


def test_it_refuses_a_name_that_is_not_the_members(client, member, agreement):
    client.force_login(member)
    response = client.post(URL, {"typed_name": "Olivia Benett"})
    assert "Type your full name as it is on your profile" in response.text
    assert not AgreementSignature.objects.exists()


def test_it_refuses_an_empty_name(client, member, agreement):
    client.force_login(member)
    response = client.post(URL, {"typed_name": ""})
    assert "Type your full name to sign the agreement" in response.text
    assert not AgreementSignature.objects.exists()


def test_it_shows_the_agreement_text_to_read_before_signing(client, member, agreement):
    client.force_login(member)
    assert "We will send papers a week before meetings." in client.get(URL).text


def test_a_new_version_asks_again(client, member, agreement):
    AgreementSignature.objects.create(
        user=member, version=agreement, typed_name="Olivia Bennett", signed_on=date(2026, 4, 2)
    )
    new = AgreementVersion.objects.create(name="Second edition", in_force_from=date(2026, 6, 1), text="New text.")
    client.force_login(member)
    assert 'name="typed_name"' in client.get(URL).text
    client.post(URL, {"typed_name": "Olivia Bennett"})
    assert AgreementSignature.objects.filter(user=member, version=new).exists()


def test_a_version_not_yet_in_force_is_not_asked_for(client, member, agreement):
    AgreementVersion.objects.create(name="Second edition", in_force_from=date(2026, 7, 1), text="Draft.")
    client.force_login(member)
    client.post(URL, {"typed_name": "Olivia Bennett"})
    assert AgreementSignature.objects.get(user=member).version == agreement


def test_signing_again_keeps_the_first_signature(client, member, agreement):
    AgreementSignature.objects.create(
        user=member, version=agreement, typed_name="Olivia Bennett", signed_on=date(2026, 5, 1)
    )
    client.force_login(member)
    client.post(URL, {"typed_name": "Olivia Bennett"})
    assert AgreementSignature.objects.get(user=member).signed_on == date(2026, 5, 1)


def test_there_is_nothing_to_sign_before_the_first_version(client, member):
    client.force_login(member)
    assert client.get(URL).status_code == 404


def test_a_visitor_is_sent_to_sign_in(client, agreement):
    assert client.get(URL).status_code == 302
