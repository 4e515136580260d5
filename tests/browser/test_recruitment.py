"""A visitor finds an open round and sends an expression of interest, in real Chromium; every page passes axe-core."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from members.models import AccessNeed, LivedExperienceArea, Locality
from members.recruitment.models import Application, RecruitmentChannel, Round, SelectionCriterion

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def open_round(peg):
    cache.clear()
    for i, name in enumerate(["Northgate", "Eastbrook", "Southmere"]):
        Locality.objects.create(name=name, position=i)
    for i, name in enumerate(["Carer", "Dementia", "Mental health"]):
        LivedExperienceArea.objects.create(name=name, position=i)
    for i, name in enumerate(["Large print", "BSL interpreter"]):
        AccessNeed.objects.create(name=name, position=i)
    RecruitmentChannel.objects.create(name="Healthwatch newsletter")
    today = timezone.localdate()
    round = Round.objects.create(
        group=peg,
        title="Join the Public Engagement Group",
        slug="peg-members",
        summary="We are looking for local people to join our group.",
        about_group="We advise the partners on how they involve the public.",
        what_members_do="Come to a meeting every two months.",
        expenses="We pay back travel and care costs.",
        opens_on=today - timedelta(days=7),
        closes_on=today + timedelta(days=7),
        is_published=True,
    )
    SelectionCriterion.objects.create(round=round, position=1, title="Listens to different views")
    yield round
    cache.clear()


def test_a_visitor_finds_the_round_and_sends_an_expression_of_interest(
    live_server, page, open_round, assert_accessible
):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="See which groups are recruiting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Join a group")
    assert_accessible(page)

    page.get_by_role("link", name=open_round.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(open_round.title)
    assert_accessible(page)
    page.get_by_role("button", name="Start now").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("About you")
    assert_accessible(page)
    page.get_by_label("Full name").fill("Amara Nwosu")
    page.get_by_label("E-mail address").fill("amara@example.net")
    page.get_by_label("Southmere").check()
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your experience")
    assert_accessible(page)
    page.get_by_label("Carer").check()
    page.get_by_label("Why would you like to join?").fill("I care for my mother and want carers to be heard.")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("How you would take part")
    assert_accessible(page)
    page.get_by_label("BSL interpreter").check()
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Equality questions (optional)")
    assert_accessible(page)
    page.get_by_label("Female").check()
    page.get_by_role("button", name="Continue").click()

    # The box to keep them was not ticked: asked once, here, rather than the form failing.
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers before sending")
    expect(page.get_by_text("amara@example.net")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Send your expression of interest").click()
    expect(
        page.get_by_role("link", name="Choose whether we keep your equality answers or leave them out")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Yes, keep my answers").check()
    page.get_by_role("button", name="Send your expression of interest").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("We have your expression of interest")
    assert_accessible(page)
    application = Application.objects.get()
    assert application.full_name == "Amara Nwosu" and application.equality.sex == "female"


def test_the_steps_work_from_the_keyboard_and_going_back_keeps_the_answers(live_server, page, open_round):
    page.goto(live_server.url + f"/join/{open_round.slug}/apply/about-you/")
    page.get_by_label("Full name").focus()
    page.keyboard.type("Amara Nwosu")
    page.keyboard.press("Tab")
    page.keyboard.type("amara@example.net")
    page.get_by_label("Southmere").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Continue").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your experience")
    page.get_by_role("link", name="Back").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("About you")
    expect(page.get_by_label("Full name")).to_have_value("Amara Nwosu")
    expect(page.get_by_label("Southmere")).to_be_checked()


def test_the_error_state_keeps_what_was_typed_and_is_accessible(live_server, page, open_round, assert_accessible):
    page.goto(live_server.url + f"/join/{open_round.slug}/apply/about-you/")
    page.get_by_label("E-mail address").fill("amara@example.net")
    page.get_by_label("Southmere").check()
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page).to_have_title(f"Error: About you – {open_round.title} – Public engagement groups")
    expect(page.get_by_role("link", name="Enter your full name")).to_be_visible()
    expect(page.get_by_label("E-mail address")).to_have_value("amara@example.net")
    expect(page.get_by_label("Southmere")).to_be_checked()
    assert_accessible(page)

    page.get_by_role("link", name="Enter your full name").click()
    expect(page.get_by_label("Full name")).to_be_focused()
    assert not Application.objects.exists()


def test_the_character_count_and_the_server_agree(live_server, page, open_round):
    """Line breaks are one character to the count; the browser sends two. An answer the count
    allows is allowed."""
    page.goto(live_server.url + f"/join/{open_round.slug}/apply/about-you/")
    page.get_by_label("Full name").fill("Amara Nwosu")
    page.get_by_label("E-mail address").fill("amara@example.net")
    page.get_by_label("Southmere").check()
    page.get_by_role("button", name="Continue").click()
    story = "\n".join(["I care for my mother."] * 100)  # 2,100 letters and 99 line breaks
    story += "\n" + "x" * (3000 - len(story) - 1)
    page.get_by_label("Why would you like to join?").fill(story)
    expect(page.get_by_text("You have 0 characters remaining")).to_be_visible()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("How you would take part")


def test_a_closed_round_page_is_accessible(live_server, page, open_round, assert_accessible):
    open_round.opens_on = timezone.localdate() - timedelta(days=30)
    open_round.closes_on = timezone.localdate() - timedelta(days=1)
    open_round.next_round_expected = "spring 2027"
    open_round.save()
    page.goto(live_server.url + f"/join/{open_round.slug}/")
    expect(page.get_by_text("We expect the next round in spring 2027.")).to_be_visible()
    assert_accessible(page)
