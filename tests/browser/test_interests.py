"""A member declares an interest from their profile, in real Chromium; the interests pages pass axe-core."""

from datetime import date

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from feedback.models import Partner, Project
from meetings.interests.models import Declaration, Interest
from meetings.models import AgendaItem
from tests.browser.test_sign_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_declares_an_interest_from_their_profile(live_server, page, member, assert_accessible):
    sign_in(page, live_server, "member@example.org")
    page.goto(live_server.url + reverse("profile"))
    page.get_by_role("link", name="Declare or update your interests").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your interests")
    expect(page.get_by_text("You have not declared your interests yet.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Add an interest").click()
    expect(page.get_by_text("within 28 days of any change")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Save this interest").click()
    expect(page.get_by_text("Choose what kind of interest it is").first).to_be_visible()
    assert_accessible(page)

    page.get_by_label("A voluntary role").check()
    page.get_by_label("Tell us about it").fill("Trustee of the carers' centre")
    page.get_by_label("Which organisation is it with?").fill("Riverside Carers")
    page.get_by_role("button", name="Save this interest").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your interests")
    expect(page.get_by_text("Trustee of the carers' centre")).to_be_visible()
    assert_accessible(page)
    assert Interest.objects.get(declaration__person=member).organisation == "Riverside Carers"


def test_the_chair_sees_interests_at_a_meeting_and_the_register_and_a_member_reviews_theirs(
    live_server, page, member, chair, meeting, assert_accessible
):
    declaration = Declaration.objects.create(person=member, confirmed_on=date(2026, 4, 1))
    Interest.objects.create(
        declaration=declaration, category="employment", organisation="Riverside Hospitals", description="Ward clerk"
    )
    project = Project.objects.create(
        title="Discharge", partner=Partner.objects.create(name="Riverside Hospitals"), lead_name="Lead", summary="S"
    )
    AgendaItem.objects.create(meeting=meeting, position=3, title="Discharge", project=project)
    sign_in(page, live_server, "chair@example.org")
    page.goto(live_server.url + meeting.get_absolute_url())
    expect(page.get_by_text("Olivia Bennett: employment, Riverside Hospitals")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="See the group's register of interests").click()
    expect(page.get_by_text("Ward clerk")).to_be_visible()
    assert_accessible(page)

    page.context.clear_cookies()
    sign_in(page, live_server, "member@example.org")
    page.goto(live_server.url + reverse("interests:review"))
    page.get_by_role("button", name="Nothing has changed — confirm").click()
    expect(page.get_by_text("You have confirmed that your interests have not changed")).to_be_visible()
    assert_accessible(page)
