"""The e-mail telling people what happened to their views (feedback.emails.send_response_published)."""

from datetime import date
from types import SimpleNamespace

import pytest
from django.core import mail

from feedback import emails as feedback_emails
from feedback.models import Comment, Partner, Project, ResponseEntry, Theme

pytestmark = pytest.mark.django_db


def send_about_an_entry(member, peg, outcome):
    project = Project.objects.create(
        title="Improving access to GP services",
        partner=Partner.objects.create(name="Riverside County Council"),
        summary="How you book appointments is changing.",
        status=Project.Status.PUBLISHED,
        closes_on=date(2026, 11, 1),
    )
    project.groups.set([peg])
    comment = Comment.objects.create(project=project, author=member, body="The 8am phone queue is the problem.")
    entry = ResponseEntry.objects.create(
        project=project,
        theme=Theme.objects.create(name="Access to care"),
        what_we_heard="People cannot get through on the phone at 8am.",
        how_we_reflected="We will tell practices.",
        outcome=outcome,
    )
    entry.comments.set([comment])
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
