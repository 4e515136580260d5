"""After an event, in real Chromium with axe-core: the attendees' feedback link, and staff's page for what was heard."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from feedback.events.models import Evaluation, Event, EventFeedback
from feedback.models import Partner, Project, Theme
from feedback.planning.models import EngagementPlan
from tests.browser.test_sign_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def held(peg, venue):
    project = Project.objects.create(
        title="Plans for dementia services",
        partner=Partner.objects.create(name="Riverside and Downs Mental Health NHS Trust"),
        lead_name="Helen Arkwright",
        summary="How memory assessment will work.",
    )
    project.groups.set([peg])
    start = timezone.now() - timedelta(hours=4)
    return Event.objects.create(
        plan=EngagementPlan.objects.start(project),
        title="Dementia services workshop",
        purpose="Tell us what works now.",
        start=start,
        end=start + timedelta(hours=3),
        venue=venue,
    )


def test_an_attendee_sends_feedback_by_the_events_link(live_server, page, held, assert_accessible):
    page.goto(live_server.url + reverse("events:attendee_feedback", args=[held.feedback_token]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Tell us what you think")
    assert_accessible(page)

    page.get_by_label("What would you like to tell us? (optional)").fill("More time for questions.")
    page.get_by_role("button", name="Send your feedback").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_label("What would you like to tell us? (optional)")).to_have_value("More time for questions.")
    assert_accessible(page)

    page.get_by_label("Quite useful").check()
    page.get_by_role("button", name="Send your feedback").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for your feedback")
    assert_accessible(page)
    assert Evaluation.objects.get().usefulness == Evaluation.Usefulness.QUITE
    assert EventFeedback.objects.get().text == "More time for questions."


def test_staff_type_in_and_theme_what_was_heard(live_server, page, staff, held):
    Theme.objects.create(name="Transport")
    sign_in(page, live_server, staff.email)
    page.goto(live_server.url + reverse("admin:events_eventfeedback_event", args=[held.pk]))
    page.get_by_label("What was said").fill("The last bus is at 6pm\nParking costs too much")
    expect(page.get_by_label("Each line is one item")).to_be_checked()
    page.get_by_label("Paper feedback form").check()
    page.get_by_role("button", name="Save the feedback").click()
    expect(page.get_by_text("2 items of feedback saved (one item to a line).")).to_be_visible()

    page.get_by_label("The last bus is at 6pm").check()
    page.get_by_label("Give the ticked feedback the theme").select_option(label="Transport")
    page.get_by_role("button", name="Set the theme").click()
    expect(page.get_by_text("1 item given the theme “Transport”.")).to_be_visible()
    assert list(EventFeedback.objects.exclude(theme=None).values_list("text", flat=True)) == ["The last bus is at 6pm"]


def test_the_chair_finds_the_report_on_the_plan_page_and_one_to_come_says_why_not(
    live_server, page, chair, held, assert_accessible
):
    to_come = Event.objects.create(
        plan=held.plan,
        title="Dementia services: second workshop",
        purpose="Tell us more.",
        start=held.start + timedelta(days=30),
        end=held.start + timedelta(days=30, hours=2),
        venue=held.venue,
    )
    Project.objects.filter(pk=held.plan.project_id).update(status=Project.Status.OPEN)
    sign_in(page, live_server, chair.email)
    page.goto(live_server.url + reverse("planning:plan_detail", args=[held.plan.project_id]))
    expect(page.get_by_role("link", name="event report, PDF")).to_have_count(1)
    assert_accessible(page)

    page.goto(live_server.url + reverse("events:report_pdf", args=[to_come.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text("There is no report until the event has happened")
    assert_accessible(page)
