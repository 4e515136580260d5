"""After a people import, the officer may invite everyone the file named, through the confirmation page."""

import pytest
from django.core import mail
from django.urls import reverse

from engagement.core.confirm import CONFIRMED
from members.models import User
from tests.import_jobs import confirm, upload
from tests.members.test_account_powers import make_role

pytestmark = pytest.mark.django_db

PEOPLE = "members_user"
FILE = "email,full_name,group,role,term_start,term_end\n" + (
    "zoe@example.org,Zoë Brontë,Public Engagement Group,Member,03/04/2027,31/03/2030\n"
    "sam@example.org,Sam Person,,,,\n"
    "member@example.org,Morgan Member,,,,\n"
)


@pytest.fixture
def imported(client, staff, peg, member, django_capture_on_commit_callbacks):
    """The job page of a finished import of FILE: two new people, and `member`, who has set a password."""
    client.force_login(staff)
    preview = upload(client, PEOPLE, FILE, django_capture_on_commit_callbacks, "people.csv")
    return confirm(client, PEOPLE, preview, django_capture_on_commit_callbacks)


def invite_url(page):
    return reverse("admin:members_user_import_invite", args=[page.context["job"].pk])


def test_a_finished_import_offers_to_invite_everyone_the_file_named(imported):
    assert imported.context["invite"]["label"] == "Send invitations to the 3 people imported"


def test_a_checked_import_not_yet_confirmed_offers_no_invitations(
    client, staff, peg, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    preview = upload(client, PEOPLE, FILE, django_capture_on_commit_callbacks, "people.csv")
    assert "invite" not in preview.context
    assert client.get(invite_url(preview)).status_code == 404


def test_the_invitations_ask_first_leaving_out_those_with_a_password(client, imported):
    page = client.get(invite_url(imported))
    assert (page.context["emailed"], page.context["left_out"]) == (
        "2 people",
        ["1 person who already set a password left out."],
    )
    assert mail.outbox == []


def test_the_invitations_preview_the_email(client, imported):
    page = client.get(invite_url(imported))
    assert page.context["message"].subject.startswith("You are invited to join")


def test_send_invites_the_people_imported(client, imported, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(invite_url(imported), {CONFIRMED: "1"}, follow=True)
    assert sorted(message.to[0] for message in mail.outbox) == ["sam@example.org", "zoe@example.org"]
    assert [str(m) for m in response.context["messages"]] == ["Invitations e-mailed to 2 people."]


def test_send_again_also_invites_those_with_a_password(client, imported, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(invite_url(imported), {CONFIRMED: "1", "send_again": "1"})
    assert len(mail.outbox) == 3


def test_someone_elses_import_cannot_be_used_to_invite(client, imported):
    client.force_login(make_role("officer", "officer@example.org"))
    assert client.post(invite_url(imported), {CONFIRMED: "1"}).status_code == 404
    assert User.objects.filter(email="zoe@example.org", invited_at__isnull=False).count() == 0
