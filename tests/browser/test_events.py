"""A visitor signs up for a public event from the home page, then uses their private link to change their
answer, in real Chromium; each page, errors included, passes axe-core."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from feedback.events.models import Event, Registration
from feedback.models import Partner, Project
from feedback.planning.models import EngagementPlan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def public_event(peg, venue):
    project = Project.objects.create(
        title="Plans for dementia services",
        partner=Partner.objects.create(name="Riverside and Downs Mental Health NHS Trust"),
        summary="How memory assessment will work.",
    )
    project.groups.set([peg])
    start = timezone.now().replace(microsecond=0) + timedelta(days=20)
    return Event.objects.create(
        plan=EngagementPlan.objects.create(project=project),
        title="Dementia services: public drop-in",
        purpose="Hear our plans and tell us what you think.",
        start=start,
        end=start + timedelta(hours=2),
        venue=venue,
        capacity=10,
        audience=Event.Audience.PUBLIC,
        sign_up_open=True,
    )


def test_a_visitor_signs_up_and_changes_their_answer(live_server, page, public_event, assert_accessible):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Dementia services: public drop-in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dementia services: public drop-in")
    assert_accessible(page)

    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_text("Enter your full name").first).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Full name").fill("Sam Reed")
    page.get_by_label("E-mail address").fill("sam@example.org")
    page.get_by_label("Step-free access").check()
    page.get_by_role("button", name="Sign up").click()
    # The same words whether or not the address had signed up before: the link comes by e-mail.
    expect(page.get_by_text("If you have already signed up, we have e-mailed your link again.")).to_be_visible()
    # A thank-you, not the form again: nothing invites a second sign-up.
    expect(page.get_by_role("button", name="Sign up")).to_have_count(0)
    expect(page.get_by_role("link", name="Sign up someone else")).to_be_visible()
    assert_accessible(page)

    page.goto(live_server.url + Registration.objects.get().get_reply_url())
    expect(page.get_by_text("You have a place.").first).to_be_visible()
    expect(page.get_by_label("Step-free access")).to_be_checked()
    assert_accessible(page)

    page.get_by_label("No, I cannot come").check()
    page.get_by_role("button", name="Save your changes").click()
    expect(page.get_by_text("Your place is cancelled.")).to_be_visible()
    assert_accessible(page)
    assert Registration.objects.get().status == Registration.Status.CANCELLED


def test_an_invitees_reply_page_passes_axe(live_server, page, public_event, assert_accessible):
    Event.objects.filter(pk=public_event.pk).update(audience=Event.Audience.INVITED, sign_up_open=False)
    registration = Registration.objects.create(event=public_event, name="Priya Shah", email="priya@example.org")
    page.goto(live_server.url + registration.get_reply_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Dementia services: public drop-in")
    assert_accessible(page)
    page.get_by_role("button", name="Send your reply").click()
    expect(page.get_by_text("Select yes if you can come, or no if you cannot").first).to_be_visible()
    assert_accessible(page)


def test_a_cancelled_events_sign_up_page_says_so_first_and_passes_axe(
    live_server, page, public_event, assert_accessible
):
    Event.objects.filter(pk=public_event.pk).update(
        cancelled_at=timezone.now(), online_link="https://meet.example.org/drop-in"
    )
    page.goto(live_server.url + public_event.get_public_url())
    expect(page).to_have_title(re.compile(r"^Cancelled: Dementia services: public drop-in"))
    expect(page.get_by_text("This event has been cancelled")).to_be_visible()
    expect(page.get_by_role("link", name="Join the event online")).to_have_count(0)
    assert_accessible(page)
