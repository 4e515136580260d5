"""Staff add a person in the admin; an invitation link lets them set a password once."""

import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from engagement.core.confirm import CONFIRMED
from members import invitations, services
from members.models import User


def link_in(message):
    return re.search(r"http://[^\s]+/accounts/invitation/[^\s/]+/", message.body).group(0)


def path_of(link):
    return link.split("127.0.0.1:8000", 1)[1]


@pytest.fixture
def invited(db, django_capture_on_commit_callbacks):
    user = User.objects.create_user("new@example.org", full_name="New Member")
    with django_capture_on_commit_callbacks(execute=True):
        services.invite(user)
    user.refresh_from_db()
    return user


@pytest.mark.django_db(transaction=True)
def test_it_emails_an_invitation_when_staff_add_a_person(client, staff):
    client.force_login(staff)
    response = client.post(
        reverse("admin:members_user_add"),
        {
            "email": "Newcomer@Example.org",
            "full_name": "Nia Newcomer",
            "preferred_name": "",
            "communication_preference": "email",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="newcomer@example.org")
    assert not user.has_usable_password()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["newcomer@example.org"]
    assert "/accounts/invitation/" in mail.outbox[0].body
    assert mail.outbox[0].alternatives[0][1] == "text/html"


@pytest.mark.django_db
def test_it_sets_the_password_and_signs_in(client, invited):
    url = path_of(link_in(mail.outbox[0]))
    assert client.get(url).status_code == 200
    response = client.post(url, {"new_password1": "correct horse battery", "new_password2": "correct horse battery"})
    assert response.status_code == 302
    assert response.url == reverse("dashboard")
    invited.refresh_from_db()
    assert invited.check_password("correct horse battery")
    assert client.get(reverse("dashboard")).status_code == 200


@pytest.mark.django_db
def test_it_works_only_once(client, invited):
    url = path_of(link_in(mail.outbox[0]))
    client.post(url, {"new_password1": "correct horse battery", "new_password2": "correct horse battery"})
    client.logout()
    response = client.get(url)
    assert response.status_code == 400
    assert "This invitation link does not work" in response.text


@pytest.mark.django_db
def test_it_refuses_a_tampered_link(client, invited):
    token = invitations.make_token(invited)
    response = client.get(reverse("accept_invitation", args=[token[:-2] + "xx"]))
    assert response.status_code == 400
    assert "This invitation link does not work" in response.text


@pytest.mark.django_db
def test_it_refuses_an_expired_link(client, invited, settings):
    url = path_of(link_in(mail.outbox[0]))
    with time_machine.travel(invited.invited_at.timestamp() + (settings.INVITATION_TIMEOUT_DAYS + 1) * 86400):
        assert client.get(url).status_code == 400


@pytest.mark.django_db
def test_a_new_invitation_replaces_the_old_link(client, invited, django_capture_on_commit_callbacks):
    old_url = path_of(link_in(mail.outbox[0]))
    with time_machine.travel(invited.invited_at.timestamp() + 60), django_capture_on_commit_callbacks(execute=True):
        services.invite(invited)
    new_url = path_of(link_in(mail.outbox[1]))
    assert client.get(old_url).status_code == 400
    assert client.get(new_url).status_code == 200


@pytest.mark.django_db
def test_it_keeps_the_form_with_an_error_for_mismatched_passwords(client, invited):
    url = path_of(link_in(mail.outbox[0]))
    response = client.post(url, {"new_password1": "correct horse battery", "new_password2": "something else"})
    assert response.status_code == 200
    assert "There is a problem" in response.text
    invited.refresh_from_db()
    assert not invited.has_usable_password()


@pytest.mark.django_db(transaction=True)
def test_staff_can_resend_invitations_from_the_list(client, staff, member):
    client.force_login(staff)
    response = client.post(
        reverse("admin:members_user_changelist"),
        {"action": "send_invitation", "_selected_action": [member.pk], "send_again": "1", CONFIRMED: "1"},
    )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["member@example.org"]]


def invite_from_the_list(client, *people, **fields):
    return client.post(
        reverse("admin:members_user_changelist"),
        {"action": "send_invitation", "_selected_action": [p.pk for p in people], **fields},
        follow=True,
    )


@pytest.mark.django_db(transaction=True)
def test_bulk_invitations_ask_first_and_send_nothing(client, staff):
    invited = User.objects.create_user("new@example.org", None, full_name="Sam Lee")
    client.force_login(staff)
    response = invite_from_the_list(client, invited)
    assert "1 person will be e-mailed" in response.text
    assert "new@example.org" in response.text
    assert mail.outbox == []
    invited.refresh_from_db()
    assert invited.invited_at is None


@pytest.mark.django_db(transaction=True)
def test_bulk_invitations_skip_people_with_a_password_unless_sent_again(client, staff, member):
    invited = User.objects.create_user("new@example.org", None, full_name="Sam Lee")
    client.force_login(staff)
    response = invite_from_the_list(client, invited, member, **{CONFIRMED: "1"})
    assert [m.to for m in mail.outbox] == [["new@example.org"]]
    assert "Invitations e-mailed to 1 person." in response.text


@pytest.mark.django_db(transaction=True)
def test_ticking_send_again_counts_people_with_a_password(client, staff, member):
    client.force_login(staff)
    left_out = invite_from_the_list(client, member)
    assert "1 person who already set a password left out." in left_out.text
    assert 'name="send_again"' in left_out.text
    again = invite_from_the_list(client, member, send_again="1")
    assert "1 person will be e-mailed" in again.text
    assert mail.outbox == []
