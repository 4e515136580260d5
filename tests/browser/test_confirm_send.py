"""An officer opens a project for comments through the confirmation page, in real Chromium:
nothing is e-mailed before Send, and the message after it gives the right count."""

from datetime import timedelta

import pytest
from django.core import mail
from playwright.sync_api import expect

from engagement.core.dates import local_today
from feedback.models import Partner, Project
from members.models import Membership, User
from tests.browser.test_sign_in import sign_in
from tests.conftest import make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def draft(peg):
    project = Project.objects.create(
        title="Improving access to GP services",
        partner=Partner.objects.create(name="Riverside and Downs GP Federation"),
        lead_name="Priyanka Bhatt",
        lead_email="lead@example.org",
        summary="Practices are changing how you book appointments.",
        closes_on=local_today() + timedelta(days=14),
        status=Project.Status.DRAFT,
    )
    project.groups.set([peg])
    return project


@pytest.fixture
def by_post(peg):
    person = make_person(
        "letters@example.org", "Harold Price", communication_preference=User.CommunicationPreference.POST
    )
    person.address = "1 High Street, Leeds"
    person.save()
    Membership.objects.create(user=person, group=peg)
    return person


def test_opening_a_project_for_comments_asks_first(live_server, page, staff, member, by_post, draft, assert_accessible):
    sign_in(page, live_server, "staff@example.org")
    page.goto(live_server.url + "/admin/feedback/project/")
    page.get_by_role("checkbox", name="Select this object for an action").first.check()
    page.get_by_label("Action:").select_option("open_for_comments")
    page.get_by_role("button", name="Go").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Open 1 project for comments?")
    expect(page.get_by_text("1 person will be e-mailed.")).to_be_visible()
    expect(page.get_by_role("cell", name="Harold Price")).to_be_visible()
    expect(page.get_by_text("member@example.org")).to_be_visible()
    assert_accessible(page)
    assert mail.outbox == []
    draft.refresh_from_db()
    assert draft.status == Project.Status.DRAFT

    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Comments opened on 1 project; 1 member e-mailed, 1 to contact by post.")).to_be_visible()
    assert_accessible(page)
    draft.refresh_from_db()
    assert draft.status == Project.Status.OPEN
    assert [m.to for m in mail.outbox] == [["member@example.org"]]
