"""The e-mail telling people what happened to their views (feedback.emails.send_response_published)."""

from types import SimpleNamespace

import pytest
from django.core import mail

from feedback import emails as feedback_emails
from feedback.models import ResponseEntry
from tests.core.conftest import published_response

pytestmark = pytest.mark.django_db


def send_about_an_entry(member, peg, outcome):
    project = published_response(peg, member, outcome)
    feedback_emails.send_response_published(SimpleNamespace(user=member, subject=project))
    return mail.outbox[-1]


def test_it_gives_the_theme_and_the_outcome(member, peg):
    message = send_about_an_entry(member, peg, ResponseEntry.Outcome.ADOPTED)
    assert "\nAccess to care: adopted.\n" in message.body
    assert "<strong>Access to care: adopted.</strong>" in message.alternatives[0][0]


def test_it_gives_the_theme_alone_for_an_entry_with_no_outcome(member, peg):
    message = send_about_an_entry(member, peg, "")
    assert "\nAccess to care.\n" in message.body
    assert "<strong>Access to care.</strong>" in message.alternatives[0][0]
    assert ": ." not in message.body
