"""The confirmation before an action e-mails many people: its wording, and previews that send nothing."""

import pytest
from django.core import mail

from engagement.core.confirm import counted, preview, told
from engagement.core.emails import captured, send_templated_email
from engagement.core.models import Notification
from members.models import User


def test_counted_uses_the_singular_for_one():
    assert counted(1, "project") == "1 project"


def test_counted_uses_the_plural_otherwise():
    assert [counted(0, "project"), counted(2, "person", "people")] == ["0 projects", "2 people"]


def offline(*ways):
    return [User(communication_preference=way) for way in ways]


def test_told_says_who_to_contact_by_post_and_by_phone():
    assert told(24, offline("post", "phone", "phone"), "member") == (
        "24 members e-mailed, 1 to contact by post, 2 to contact by phone"
    )


def test_told_says_only_who_was_e_mailed_when_everyone_was():
    assert told(1, [], "member") == "1 member e-mailed"


def test_a_captured_email_is_kept_not_sent():
    with captured() as kept:
        send_templated_email("document_ready", ["a@example.org"], {"what": "report", "link": "x"})
    assert mail.outbox == []
    assert [message.to for message in kept] == [["a@example.org"]]


def test_outside_a_capture_emails_are_sent():
    send_templated_email("document_ready", ["a@example.org"], {"what": "report", "link": "x"})
    assert [message.to for message in mail.outbox] == [["a@example.org"]]


@pytest.mark.django_db
def test_a_preview_undoes_what_the_sender_records(member):
    # Sending an invitation records when it went; a preview must leave no trace.
    message = preview(lambda: Notification(subject=member, user=member, event="invitation-preview"))
    member.refresh_from_db()
    assert (message.to, member.invited_at, mail.outbox) == (["member@example.org"], None, [])
