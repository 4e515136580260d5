"""Every page a member, the chair or the public reaches fits a 320 CSS pixel wide window without
scrolling sideways (WCAG 1.4.10 Reflow): what a 1280-pixel window shows at 400% zoom."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from engagement.core.dates import local_today
from feedback.models import Partner, Project, Question, ResponseEntry, Theme
from feedback.planning.models import EngagementPlan
from meetings.models import AgendaItem, Meeting
from members.expenses.models import ClaimLine, ExpenseClaim
from members.recruitment.models import Round
from tests.browser.test_sign_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pages(peg, chair, venue):
    """Something on every page, with long words where real ones are long, and the address of each."""
    today = local_today()
    partner = Partner.objects.create(name="Riverside and Downs Community Healthcare NHS Foundation Trust")
    start = timezone.now().replace(microsecond=0) + timedelta(days=10)
    meeting = Meeting.objects.create(
        group=peg, title="Winter meeting", start=start, end=start + timedelta(hours=3), venue=venue
    )
    AgendaItem.objects.create(meeting=meeting, position=1, title="Declarations of interest", minutes_allotted=5)
    AgendaItem.objects.create(
        meeting=meeting, position=2, title="Improving access to GP services", minutes_allotted=45, presenter="Priyanka"
    )
    project = Project.objects.create(
        title="Improving access to GP services",
        partner=partner,
        lead_name="Priyanka Bhatt",
        summary="How you book appointments is changing.",
        status=Project.Status.OPEN,
        closes_on=today + timedelta(days=10),
    )
    project.groups.set([peg])
    Question.objects.create(project=project, text="What gets in the way of booking an appointment?")
    EngagementPlan.objects.create(project=project, summary="We will involve carers before drafting.")
    answered = Project.objects.create(
        title="A public health website",
        partner=partner,
        lead_name="Sam Lee",
        summary="A new website about staying well.",
        status=Project.Status.PUBLISHED,
        publish_publicly=True,
        closes_on=today - timedelta(days=30),
        closed_at=timezone.now() - timedelta(days=30),
        response_published_at=timezone.now() - timedelta(days=5),
    )
    answered.groups.set([peg])
    ResponseEntry.objects.create(
        project=answered,
        theme=Theme.objects.create(name="Information and communication"),
        what_we_heard="Offer the key pages in the main community languages, and in easy read.",
        how_we_reflected="The five most visited pages will be translated.",
        where_addressed="Website content plan, section 2",
        outcome=ResponseEntry.Outcome.PARTLY_ADOPTED,
    )
    claim = ExpenseClaim.objects.create(
        claimant=chair,
        group=peg,
        meeting=meeting,
        activity_date=today,
        description="Public Engagement Group: winter meeting travel and parking",
    )
    ClaimLine.objects.create(claim=claim, kind=ClaimLine.Kind.PARKING, amount=Decimal("1234.50"))
    round = Round.objects.create(
        group=peg,
        title="Join the Public Engagement Group",
        slug="peg-members",
        summary="We are looking for local people to join our group.",
        about_group="We advise the partners on how they involve the public.",
        what_members_do="Come to a meeting every two months.",
        expenses="We pay back travel and care costs.",
        is_published=True,
        opens_on=today - timedelta(days=7),
        closes_on=today + timedelta(days=7),
    )
    return {
        "home": "/",
        "sign-in": reverse("login"),
        "join": reverse("recruitment:round_list"),
        "round": round.get_absolute_url(),
        "public you said we did": reverse("feedback:public_index", args=[peg.slug]),
        "public response": reverse("feedback:public_response", args=[peg.slug, answered.pk]),
        "accessibility": reverse("accessibility"),
        "privacy": reverse("privacy"),
        "glossary": reverse("glossary"),
        "dashboard": reverse("dashboard"),
        "meetings": reverse("meetings:list"),
        "meeting": meeting.get_absolute_url(),
        "projects": reverse("feedback:project_list"),
        "project": project.get_absolute_url(),
        "response": answered.get_response_url(),
        "you said we did": reverse("feedback:you_said_we_did") + f"?group={peg.slug}",
        "expenses": reverse("expenses:claim_list"),
        "claim form": reverse("expenses:claim_create"),
        "claim": claim.get_absolute_url(),
        "profile": reverse("profile"),
        "profile form": reverse("edit_profile"),
        "plan": project.engagement_plan.get_absolute_url(),
        "group": peg.get_absolute_url(),
    }


PUBLIC = ["home", "sign-in", "join", "round", "public you said we did", "public response"]
PUBLIC += ["accessibility", "privacy", "glossary"]
SIGNED_IN = ["dashboard", "meetings", "meeting", "projects", "project", "response", "you said we did"]
SIGNED_IN += ["expenses", "claim form", "claim", "profile", "profile form", "plan", "group"]


def open_at_320_pixels(page, live_server, path, signed_in):
    page.set_viewport_size({"width": 320, "height": 640})
    if signed_in:
        sign_in(page, live_server, "chair@example.org")
    assert page.goto(live_server.url + path).status == 200


def scroll_and_client_width(page):
    return page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")


@pytest.mark.parametrize("name", PUBLIC + SIGNED_IN)
def test_the_page_does_not_scroll_sideways_at_320_pixels(live_server, page, pages, name):
    open_at_320_pixels(page, live_server, pages[name], name in SIGNED_IN)
    scroll_width, client_width = scroll_and_client_width(page)
    assert scroll_width <= client_width, f"{pages[name]} is {scroll_width} pixels wide"


# WCAG 1.4.12's spacing, set on every element: the Content Security Policy refuses a style sheet
# added to the page, but not styles set through the DOM.
TEXT_SPACING = """() => document.querySelectorAll("*").forEach(element => {
    element.style.setProperty("line-height", "1.5", "important");
    element.style.setProperty("letter-spacing", "0.12em", "important");
    element.style.setProperty("word-spacing", "0.16em", "important");
    if (element.tagName === "P") element.style.setProperty("margin-bottom", "2em", "important");
})"""


@pytest.mark.parametrize("name", PUBLIC + SIGNED_IN)
def test_the_page_does_not_scroll_sideways_at_320_pixels_with_wider_text_spacing(live_server, page, pages, name):
    open_at_320_pixels(page, live_server, pages[name], name in SIGNED_IN)
    page.evaluate(TEXT_SPACING)
    # The header lays out its menu when the window changes size (in the next animation frame), as it
    # would have for someone whose spacing was set before the page loaded.
    page.set_viewport_size({"width": 330, "height": 640})
    page.set_viewport_size({"width": 320, "height": 640})
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    scroll_width, client_width = scroll_and_client_width(page)
    assert scroll_width <= client_width, f"{pages[name]} is {scroll_width} pixels wide"
