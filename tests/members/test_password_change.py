import pytest
from django.urls import reverse

NEW = "a-long-new-passphrase-7"

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, member):
    member.set_password("the-old-passphrase-1")
    member.save()
    client.force_login(member)
    return client


def test_it_changes_the_password_and_keeps_the_person_signed_in(signed_in, member):
    response = signed_in.post(
        reverse("password_change"),
        {"old_password": "the-old-passphrase-1", "new_password1": NEW, "new_password2": NEW},
        follow=True,
    )
    member.refresh_from_db()
    assert member.check_password(NEW)
    assert response.context["user"] == member
    assert "Your password has been changed." in response.text


def test_it_refuses_a_wrong_current_password(signed_in, member):
    response = signed_in.post(
        reverse("password_change"), {"old_password": "a-guess", "new_password1": NEW, "new_password2": NEW}
    )
    member.refresh_from_db()
    assert not member.check_password(NEW)
    assert "Your current password is not right" in response.text


def test_it_asks_for_the_current_password(signed_in, member):
    response = signed_in.post(reverse("password_change"), {"new_password1": NEW, "new_password2": NEW})
    assert "Enter your current password" in response.text


def test_it_applies_the_password_rules(signed_in):
    response = signed_in.post(
        reverse("password_change"),
        {"old_password": "the-old-passphrase-1", "new_password1": "12345", "new_password2": "12345"},
    )
    assert "This password is too short" in response.text


def test_it_needs_a_signed_in_person(client):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302
    assert reverse("login") in response.url


def test_the_profile_links_to_it(signed_in):
    assert reverse("password_change") in signed_in.get(reverse("profile")).text
